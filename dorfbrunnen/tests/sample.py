"""A small site with one page of every type a visitor can reach, for the site-wide tests.

`site_sample()` builds it on top of what `setup_site` made (the section pages), with the
apps' factories: centres, events (online with registration, at a centre, repeating), a
chapter of the Infopaket with a document, a news item, a standard page, the association's
facts. It returns, for each page type, the address and a text a visitor must find there
(content set up here or by setup; the members' login shows its own heading), and the
addresses that carry a form.

The helpers for pages, news and the Infopaket live here rather than in those apps' test
folders; move them there once those apps' tests need them too.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.rich_text import RichText

from dorfbrunnen.centres.programme import confirm_token
from dorfbrunnen.centres.tests.factories import centre, programme_item
from dorfbrunnen.core.models import SetupRecord, SignLanguageVideo, SiteSettings
from dorfbrunnen.events.models import EventPage, TargetGroup
from dorfbrunnen.events.tests.factories import event, registration_event
from dorfbrunnen.library.models import ChapterDocument, ChapterPage, LibraryDocument
from dorfbrunnen.news.models import NewsPage
from dorfbrunnen.newsletter.models import NewsletterSend
from dorfbrunnen.newsletter.sending import send_start
from dorfbrunnen.newsletter.tests.factories import issue, newsletter_list, subscriber
from dorfbrunnen.pages.models import StandardPage

# Every page type, in the order a visitor might meet them. Tests go through all of them in
# one sample (building it takes a second) and report every page that fails.
PAGE_KINDS = (
    "home",
    "standard",
    "imprint",
    "privacy",
    "finder",
    "centre",
    "widget",
    "calendar",
    "online_event",
    "registration_form",
    "event_at_centre",
    "repeating_event",
    "binder",
    "chapter",
    "binder_search",
    "suggestion_form",
    "members_login",
    "news_index",
    "news_item",
    "contact",
    "site_search",
    "newsletter",
    "newsletter_archive",
    "newsletter_issue",
    "easy_read",
    "barrier_report",
    "programme_finder",
    "programme_confirm",
    "course",
)


@dataclass
class SiteSample:
    urls: dict[str, str]  # page kind → address
    texts: dict[str, str]  # page kind → text a visitor must find there
    form_kinds: set[str]
    objects: dict = field(default_factory=dict)  # what tests may change or add to

    @property
    def pages(self) -> dict[str, str]:
        """{address: text a visitor must find there}."""
        return {self.urls[kind]: self.texts[kind] for kind in PAGE_KINDS}

    @property
    def forms(self) -> set[str]:
        """The addresses of the pages that carry a form."""
        return {self.urls[kind] for kind in self.form_kinds}


def section(key: str):
    """The section page setup made ("home", "centres", "events", "library", …)."""
    return SetupRecord.objects.get(key=f"page:{key}").target.specific


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def standard_page(title, slug, text, parent=None, **fields):
    return publish(
        parent or section("home"),
        StandardPage(
            title=title,
            slug=slug,
            body=[("paragraph", RichText(f"<p>{text}</p>"))],
            **fields,
        ),
    )


def news_item(title, slug, text, days_ago=0, **fields):
    return publish(
        section("news"),
        NewsPage(
            title=title,
            slug=slug,
            date=timezone.localdate() - timedelta(days=days_ago),
            body=[("paragraph", RichText(f"<p>{text}</p>"))],
            **fields,
        ),
    )


def chapter(title, slug, text="", parent=None, documents=(), **fields):
    page = ChapterPage(title=title, slug=slug, body=f"<p>{text}</p>" if text else "", **fields)
    page.documents = [ChapterDocument(document=document) for document in documents]
    return publish(parent or section("library"), page)


def document(title, text, filename="dokument.pdf", collection=None, **fields):
    """A binder document whose text is known already (as if read by the text extraction),
    so search finds it without the background task."""
    from dorfbrunnen.library.setup import library_collections

    document = LibraryDocument(
        title=title,
        collection=collection or library_collections()[0],
        text=text,
        text_status=LibraryDocument.TextStatus.OK,
        page_count=1,
        **fields,
    )
    data = f"%PDF-1.4\n% {title}\n".encode()
    document.file.save(filename, ContentFile(data), save=False)
    document.file_size = len(data)
    document._set_file_hash()
    document.save()
    return document


# The smallest files whose content passes the upload checks (core/video.py).
MP4_HEAD = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"
VTT = b"WEBVTT\n\n00:00.000 --> 00:04.000\nHallo und herzlich willkommen!\n"


def sign_video(title="Startseite in Gebärdensprache", **fields) -> SignLanguageVideo:
    video = SignLanguageVideo(title=title, **fields)
    video.video.save("begruessung.mp4", ContentFile(MP4_HEAD), save=False)
    video.captions.save("begruessung.vtt", ContentFile(VTT), save=False)
    video.save()
    return video


def association_facts() -> SiteSettings:
    """The association's own facts, which setup leaves for the office to fill in."""
    site_settings = SiteSettings.for_site(section("home").get_site())
    site_settings.association_name = "Landesverband der Familienzentren e.V."
    site_settings.street = "Brunnenweg 7"
    site_settings.postcode = "44135"
    site_settings.town = "Dortmund"
    site_settings.email = "info@familienzentren.example.org"
    site_settings.phone = "0231 987654"
    site_settings.register_court = "Amtsgericht Dortmund"
    site_settings.register_number = "VR 4711"
    site_settings.privacy_contact = "Paula Prüfer, datenschutz@familienzentren.example.org"
    site_settings.save()
    return site_settings


def site_sample() -> SiteSample:
    facts = association_facts()
    home, centres, events, library = (
        section(key) for key in ("home", "centres", "events", "library")
    )
    easy_read = section("easy_read")
    history = standard_page(
        "Unsere Geschichte",
        "geschichte",
        "Gegründet am Küchentisch: drei Mütter und ein Kastanienbaum im Hinterhof.",
        easy_read_page=easy_read,
        sign_language_video=sign_video(),
    )

    sunflower = centre(
        "Familienzentrum Sonnenblume",
        "44149",
        town="Dortmund",
        street="Lindenweg 3",
        offers=["offener-treff", "beratung"],
    )
    chestnut = centre(
        "Familienzentrum Kastanie",
        "45127",
        town="Essen",
        street="Eichenallee 12",
        offers=["sprachcafe"],
    )

    families = TargetGroup.objects.get(slug="familien")
    online = registration_event(
        "elternabend-online",
        capacity=20,
        days=14,
        title="Online-Elternabend: Medien in der Familie",
        target_groups=[families],
        questions=[
            ("text", {"label": "Was möchten Sie fragen?", "required": False}),
            (
                "choice",
                {
                    "label": "Wie alt sind Ihre Kinder?",
                    "options": ["unter 6", "6 bis 12", "älter"],
                    "required": True,
                },
            ),
        ],
    )
    in_person = {"event_format": EventPage.Format.IN_PERSON, "online_platform": ""}
    summer = event(
        "sommerfest",
        days=21,
        hours=4,
        title="Sommerfest im Hinterhof",
        centre=sunflower,
        meeting_url="",
        **in_person,
    )
    toddlers = event(
        "krabbelgruppe",
        days=2,
        parent=sunflower,
        title="Krabbelgruppe",
        centre=sunflower,
        organiser_centre=sunflower,
        recurrence=EventPage.Recurrence.WEEKLY,
        recurrence_until=timezone.localdate() + timedelta(weeks=12),
        meeting_url="",
        **in_person,
    )

    babies = programme_item(
        sunflower,
        "Babytreff",
        age_min=0,
        age_max=Decimal("1.5"),
        languages="de, tr, ar",
        slots="Mo 10:00-11:30; Do 10:00-11:30",
        summary="Eltern mit Babys treffen sich zum Spielen und Reden.",
    )
    babymassage = event(
        "babymassage-kurs",
        days=9,
        parent=sunflower,
        title="Kurs: Babymassage",
        centre=sunflower,
        recurrence=EventPage.Recurrence.WEEKLY,
        recurrence_until=timezone.localdate() + timedelta(days=9 + 21),
        is_course=True,
        registration_enabled=True,
        capacity=8,
        bring_along="Ein großes Handtuch",
        meeting_url="",
        **in_person,
    )

    statute = document(
        "Mustersatzung für Familienzentren",
        "Der Verein wird in das Vereinsregister eingetragen und führt dann den Zusatz e.V.",
        filename="mustersatzung.pdf",
        description="Eine Satzung zum Anpassen.",
        category=LibraryDocument.Category.TEMPLATE,
    )
    founding = chapter(
        "Einen Verein gründen",
        "verein-gruenden",
        "Sieben Mitglieder, eine Satzung und eine Gründungsversammlung.",
        documents=[statute],
    )
    news = news_item(
        "Neue Broschüre erschienen",
        "neue-broschuere",
        "Die Broschüre „Familien stärken“ liegt in allen Zentren aus.",
    )
    contact = section("contact")
    first_field = contact.form_fields.order_by("sort_order").first()
    subscriber("leserin@example.org")
    newsletter_issue = issue(
        "Newsletter Herbst", text="Der Kastanienmarkt brachte 800 Euro für die Krabbelgruppe."
    )
    newsletter_send = NewsletterSend.objects.create(issue=newsletter_issue)
    newsletter_send.lists.set([newsletter_list("aktuelles")])
    send_start(send=newsletter_send)  # gone out: in the archive
    newsletter_issue.refresh_from_db()

    urls = {
        "home": home.url,
        "standard": history.url,
        "imprint": section("imprint").url,
        "privacy": section("privacy").url,
        "finder": f"{centres.url}?ort=44149&umkreis=25",
        "centre": sunflower.url,
        "widget": f"{centres.url}einbetten/?ort=Essen",
        "calendar": events.url,
        "online_event": online.url,
        "registration_form": f"{online.url}anmelden/",
        "event_at_centre": summer.url,
        "repeating_event": toddlers.url,
        "binder": library.url,
        "chapter": founding.url,
        "binder_search": f"{library.url}suche/?q=Vereinsregister",
        "suggestion_form": f"{founding.url}hinweis/",
        "members_login": "/mitglieder/anmelden/",
        "news_index": section("news").url,
        "news_item": news.url,
        "contact": contact.url,
        "site_search": "/suche/?q=Kastanienbaum",
        "newsletter": section("newsletter").url,
        "newsletter_archive": section("newsletter-archive").url,
        "newsletter_issue": newsletter_issue.url,
        "easy_read": easy_read.url,
        "barrier_report": f"/barriere-melden/?seite={history.url}",
        "programme_finder": f"{section('programme').url}?ort=44149&alter=1",
        "programme_confirm": f"{section('programme').url}noch-aktuell/{confirm_token(babies)}/",
        "course": babymassage.url,
    }
    texts = {
        "home": home.welcome_title,
        "standard": "drei Mütter und ein Kastanienbaum",
        "imprint": "Registernummer: VR 4711",
        "privacy": facts.privacy_contact,
        "finder": sunflower.title,
        "centre": "Lindenweg 3",
        "widget": chestnut.title,
        "calendar": online.title,
        "online_event": online.title,
        "registration_form": "Wie alt sind Ihre Kinder?",
        "event_at_centre": sunflower.address_line,
        "repeating_event": str(EventPage.Recurrence.WEEKLY.label),
        "binder": founding.title,
        "chapter": statute.title,
        "binder_search": statute.title,
        "suggestion_form": founding.title,
        "members_login": "Anmelden für Mitglieder",
        "news_index": news.title,
        "news_item": "liegt in allen Zentren aus",
        "contact": first_field.label,
        "site_search": history.title,
        "newsletter": "Aktuelles vom Landesverband",
        "newsletter_archive": newsletter_issue.title,
        "newsletter_issue": "800 Euro für die Krabbelgruppe",
        "easy_read": "Was ist ein Mütter·zentrum?",
        "barrier_report": "Was funktioniert nicht?",
        "programme_finder": babies.title,
        "programme_confirm": "Ja, noch aktuell",
        "course": "Kurs: Babymassage",
    }
    return SiteSample(
        urls=urls,
        texts=texts,
        form_kinds={
            "registration_form",
            "suggestion_form",
            "members_login",
            "contact",
            "newsletter",
            "barrier_report",
            "programme_confirm",
        },
        objects={
            "centre": sunflower,
            "online_event": online,
            "chapter": founding,
            "document": statute,
            "news": news,
            "standard": history,
        },
    )
