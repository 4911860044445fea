"""Demo events: the Fachtag Familie 2023 (past, documented) and upcoming events dated from
the day the demo is loaded – online with limited places, at a member centre; the courses are
in demo/programme.py."""

from datetime import timedelta

from wagtail.documents import get_document_model
from wagtail.models import Collection
from wagtail.rich_text import RichText

from dorfbrunnen.centres.models import CentrePage
from dorfbrunnen.events.models import EventPage, TargetGroup
from dorfbrunnen.pages.seed import read_home_seed

from . import texts

TARGET_GROUPS = [
    ("familien", "Familien"),
    ("fachkraefte", "Fachkräfte"),
    ("ehrenamtliche", "Ehrenamtliche"),
    ("aeltere-menschen", "Ältere Menschen"),
]


def _documentation_pdf():
    from weasyprint import HTML

    from .library import document_create

    documents = get_document_model()
    existing = documents.objects.filter(title="Dokumentation Fachtag Familie 2023").first()
    if existing:
        return existing
    return document_create(
        title="Dokumentation Fachtag Familie 2023",
        filename="dokumentation-fachtag-2023.pdf",
        data=HTML(string=texts.FACHTAG_DOCUMENTATION_HTML).write_pdf(),
        collection=Collection.get_first_root_node(),
    )


def _with_groups(page: EventPage, *groups) -> EventPage:
    page.target_groups = list(groups)
    return page


def demo_events(tree, events, centres, today, berlin) -> EventPage:
    groups = {
        slug: TargetGroup.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in TARGET_GROUPS
    }
    seed = read_home_seed()
    fachtag = tree.ensure(
        events,
        _with_groups(
            EventPage(
                title=seed.fachtag_title,
                slug="fachtag-familie-2023",
                subtitle=seed.fachtag_subtitle,
                intro=seed.fachtag_paragraphs[0],
                start=berlin(2023, 5, 15, 10),
                end=berlin(2023, 5, 15, 12),
                event_format=EventPage.Format.ONLINE,
                online_platform="Zoom",
                meeting_url="https://zoom.example.org/j/2023051510",
                registration_enabled=True,
                capacity=150,
                questions=[("text", {"label": "Ihre Frage an das Podium", "required": False})],
                body=[("paragraph", RichText(f"<p>{seed.fachtag_paragraphs[1]}</p>"))],
                agenda=[("item", item) for item in texts.FACHTAG_AGENDA],
                documentation=[
                    ("document", _documentation_pdf()),
                    (
                        "recording",
                        {
                            "title": "Aufzeichnung des Fachtags (Demo-Link)",
                            "url": "https://video.example.org/fachtag-2023",
                        },
                    ),
                ],
            ),
            groups["fachkraefte"],
            groups["familien"],
        ),
    )
    dortmund = CentrePage.objects.filter(slug__startswith="muetterzentrum-dortmund").first()

    def day(offset):
        return today + timedelta(days=offset)

    workshop_day = day(14)
    tree.ensure(
        events,
        _with_groups(
            EventPage(
                title="Online-Workshop: Ehrenamtliche gewinnen und halten",
                slug="workshop-ehrenamt-online",
                subtitle="Praxiswissen für Mitarbeitende der Zentren",
                intro=texts.WORKSHOP_INTRO,
                start=berlin(workshop_day.year, workshop_day.month, workshop_day.day, 18),
                end=berlin(workshop_day.year, workshop_day.month, workshop_day.day, 20),
                event_format=EventPage.Format.ONLINE,
                online_platform="Zoom",
                meeting_url="https://zoom.example.org/j/4711081500",
                registration_enabled=True,
                capacity=20,
                questions=[
                    (
                        "text",
                        {
                            "label": "Was möchten Sie im Workshop unbedingt besprechen?",
                            "required": False,
                        },
                    ),
                    (
                        "choice",
                        {
                            "label": "Wie viele Ehrenamtliche hat Ihr Zentrum?",
                            "options": ["unter 10", "10 bis 30", "mehr als 30"],
                            "required": True,
                        },
                    ),
                ],
                body=[("paragraph", RichText(texts.WORKSHOP_BODY))],
            ),
            groups["fachkraefte"],
            groups["ehrenamtliche"],
        ),
    )
    meeting = texts.NETWORK_MEETING
    meeting_day = day(meeting["days_ahead"])
    tree.ensure(
        events,
        _with_groups(
            EventPage(
                title=meeting["title"],
                slug=meeting["slug"],
                subtitle=meeting["subtitle"],
                intro=meeting["intro"],
                centre=dortmund,
                location="" if dortmund else meeting["location"],
                start=berlin(meeting_day.year, meeting_day.month, meeting_day.day, 15),
                end=berlin(meeting_day.year, meeting_day.month, meeting_day.day, 18),
                event_format=EventPage.Format.IN_PERSON,
                registration_enabled=True,
                capacity=30,
                max_places_per_registration=4,
                children_welcome=True,
                body=[("paragraph", RichText(meeting["body"]))],
            ),
            groups["ehrenamtliche"],
        ),
    )
    # Weekly drop-in groups (the Krabbelgruppe) are programme items of their centres, not
    # events (demo/programme.py); the calendar keeps one-off events and courses.
    return fachtag
