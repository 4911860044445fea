"""What a new installation needs of the newsletter: the subscription page (/newsletter/,
linked in the footer) with its archive (/newsletter/archiv/), the first lists and the first
version of the consent text. The office edits all of it; a later deploy changes nothing."""

from django.utils.translation import gettext_noop

from dorfbrunnen.core.setup import SetupContext, setup_step

from .models import ConsentText, NewsletterArchivePage, NewsletterList, NewsletterPage

LISTS = [
    (
        "aktuelles",
        gettext_noop("Aktuelles vom Landesverband"),
        gettext_noop("Neuigkeiten aus dem Verband und den Zentren, etwa einmal im Monat."),
        False,
    ),
    (
        "veranstaltungen",
        gettext_noop("Fachtag & Veranstaltungen"),
        gettext_noop("Einladungen zum Fachtag, zu Workshops und Treffen."),
        False,
    ),
    (
        "mitgliedszentren",
        gettext_noop("Für Mitgliedszentren"),
        gettext_noop("Informationen nur für die Mitgliedszentren des Verbandes."),
        True,
    ),
]

CONSENT_TEXT = (
    "Ja, ich möchte den Newsletter von {association} an die angegebene E-Mail-Adresse "
    "bekommen. Gespeichert werden dafür meine E-Mail-Adresse, mein Name (wenn angegeben), die "
    "gewählten Verteiler und die Sprache; als Nachweis meiner Einwilligung außerdem Zeitpunkt "
    "und Netz (gekürzte IP-Adresse) von Anmeldung und Bestätigung sowie dieser Text. Meine "
    "Einwilligung kann ich jederzeit widerrufen – mit dem Abmeldelink in jedem Newsletter oder "
    "mit einer Nachricht an den Verein."
)


@setup_step(order=75)
def newsletter_setup(context: SetupContext) -> None:
    newsletter = context.child_page(
        "newsletter",
        context.pages.get("home"),
        NewsletterPage(
            title="Newsletter",
            slug="newsletter",
            intro="Neuigkeiten aus dem Verband, Einladungen zum Fachtag und Informationen für "
            "die Mitgliedszentren – kostenlos per E-Mail, jederzeit abbestellbar.",
            show_in_menus=False,
        ),
        footer=15,
    )
    context.child_page(
        "newsletter-archive",
        newsletter,
        NewsletterArchivePage(
            title="Newsletter-Archiv",
            slug="archiv",
            intro="Alle bisherigen Ausgaben unseres Newsletters zum Nachlesen.",
        ),
    )
    if context.mark("newsletter:lists") and not NewsletterList.objects.exists():
        for order, (slug, name, description, members_only) in enumerate(LISTS):
            NewsletterList.objects.create(
                slug=slug,
                name=name,
                description=description,
                members_only=members_only,
                sort_order=order * 10,
            )
    if context.mark("newsletter:consent-text") and not ConsentText.objects.exists():
        ConsentText.objects.create(text=CONSENT_TEXT.format(association=context.association))


@setup_step(order=95)
def newsletter_footer_link(context: SetupContext) -> None:
    """Sites set up before the newsletter existed get its footer link once (a new site has
    it from the menus step already)."""
    from wagtail.models import Site

    from dorfbrunnen.core.models import NavigationSettings

    page = context.pages.get("newsletter")
    site = Site.objects.filter(is_default_site=True).first()
    if page is None or site is None:
        return
    navigation = NavigationSettings.for_site(site)
    linked = any(
        block.value.get("page") and block.value["page"].pk == page.pk
        for block in navigation.footer_menu
    )
    if context.mark("menu:newsletter") and not linked:
        navigation.footer_menu.append(("link", {"page": page, "external_url": "", "title": ""}))
        navigation.save()
