"""What a new installation needs of events: the calendar page and a first list of target
groups (the office edits both)."""

from django.utils.translation import gettext_noop

from dorfbrunnen.core.setup import SetupContext, setup_step

from .models import EventIndexPage, TargetGroup

TARGET_GROUPS = [
    ("familien", gettext_noop("Familien")),
    ("fachkraefte", gettext_noop("Fachkräfte")),
    ("ehrenamtliche", gettext_noop("Ehrenamtliche")),
    ("aeltere-menschen", gettext_noop("Ältere Menschen")),
]


@setup_step(order=40)
def events_setup(context: SetupContext) -> None:
    context.child_page(
        "events",
        context.pages.get("home"),
        EventIndexPage(
            title="Veranstaltungen",
            slug="veranstaltungen",
            intro="Fachtage, Workshops und Treffen des Verbandes und seiner Mitgliedszentren – "
            "vor Ort und online.",
        ),
        main=30,
    )
    if context.mark("events:target-groups") and not TargetGroup.objects.exists():
        for slug, name in TARGET_GROUPS:
            TargetGroup.objects.create(slug=slug, name=name)
