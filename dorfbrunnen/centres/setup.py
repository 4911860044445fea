"""What a new installation needs of centres: the centres page with the finder, the
office's approval of every change a centre's volunteers make, and a first list of offers
(the office edits it under Snippets → Angebote)."""

from dorfbrunnen.core.roles import declared_roles, role_permissions
from dorfbrunnen.core.setup import SetupContext, setup_step

from .models import CentreIndexPage, CentrePage, Offer
from .services import CENTRE_EDITORS, centre_permission_key, centres_workflow_ensure

OFFERS = [
    ("offener-treff", "Offener Treff / Café", "Ohne Anmeldung vorbeikommen, Leute treffen"),
    ("kinderbetreuung", "Kinderbetreuung", "Betreuung der Kinder, während die Eltern im Haus sind"),
    ("beratung", "Beratung", "Beratung in Familien- und Lebensfragen"),
    ("familienbildung", "Familienbildung", "Kurse und Gesprächskreise für Eltern"),
    ("second-hand", "Second-Hand", "Kleidung und Spielzeug aus zweiter Hand"),
    ("haushaltsnahe-dienste", "Haushaltsnahe Dienste", "Hilfe im Haushalt, Wäscheservice"),
    ("mehrgenerationenhaus", "Mehrgenerationenhaus", "Angebote für Jung und Alt unter einem Dach"),
    ("sprachcafe", "Sprachcafé", "Deutsch sprechen üben in entspannter Runde"),
]


@setup_step(order=30)
def centres_setup(context: SetupContext) -> None:
    index = context.child_page(
        "centres",
        context.pages.get("home"),
        CentreIndexPage(
            title="Zentren",
            slug="zentren",
            intro="Hier finden Sie unsere Mitgliedszentren mit Adresse, Öffnungszeiten und "
            "Angeboten – auch in Ihrer Nähe.",
        ),
        main=20,
    )
    if index is not None:
        context.once(
            "workflow:centres",
            lambda: None,
            lambda: centres_workflow_ensure(index=index),
        )
    if context.mark("centres:offers") and not Offer.objects.exists():
        for slug, name, description in OFFERS:
            Offer.objects.create(slug=slug, name=name, description=description)
    # A permission that a new feature declares for volunteers reaches every centre's group.
    declared = role_permissions(CENTRE_EDITORS)
    if declared_roles().get(CENTRE_EDITORS):
        for centre in CentrePage.objects.exclude(editor_group=None).select_related("editor_group"):
            for permission in declared:
                if context.mark(centre_permission_key(centre.editor_group, permission)):
                    centre.editor_group.permissions.add(permission)


@setup_step(order=31)
def programme_setup(context: SetupContext) -> None:
    """„Angebote finden“: the search across every centre's weekly programme."""
    from .models import ProgrammeFinderPage

    context.child_page(
        "programme",
        context.pages.get("home"),
        ProgrammeFinderPage(
            title="Angebote finden",
            slug="angebote",
            intro="Krabbelgruppe, Sprachcafé, Beratung: Finden Sie Angebote in Ihrer Nähe – "
            "nach dem Alter Ihres Kindes, Ihrer Sprache und dem Wochentag.",
        ),
        main=25,
    )
