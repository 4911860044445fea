"""Demo content: the page tree, settings, menus and an editor account for `make run`.

`demo_load()` is idempotent: a page is only created when its slug is missing below its
parent, settings only when empty, so a second run changes nothing. The demo editor's
password is generated on first run and kept in var/demo-credentials.txt (git-ignored).
"""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page, Site
from wagtail.rich_text import RichText

from dorfbrunnen.centres.models import CentreIndexPage
from dorfbrunnen.centres.services import OFFICE_GROUP, centres_workflow_ensure
from dorfbrunnen.contact.models import ContactFormField, ContactPage
from dorfbrunnen.core.models import NavigationSettings, SiteSettings
from dorfbrunnen.events.models import EventIndexPage
from dorfbrunnen.library.models import LibraryPage
from dorfbrunnen.library.tasks import builds_refresh
from dorfbrunnen.news.models import NewsIndexPage, NewsPage
from dorfbrunnen.pages.models import HomePage, ImprintPage, StandardPage
from dorfbrunnen.pages.seed import read_home_seed

from . import texts
from .centres import demo_centres
from .events import demo_events
from .library import demo_library, members_group

DEMO_EDITOR = "redaktion"
DEMO_MEMBER = "mitglied"
BERLIN = ZoneInfo("Europe/Berlin")


@dataclass
class DemoResult:
    created_pages: int
    username: str
    password: str
    credentials_file: Path
    member_username: str
    member_password: str


def _berlin(year, month, day, hour, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=BERLIN)


def _paragraphs(lines: list[str]) -> RichText:
    return RichText("".join(f"<p>{escape(line)}</p>" for line in lines))


class _Tree:
    def __init__(self):
        self.created = 0

    def ensure(self, parent: Page, page: Page) -> Page:
        """Return the live child with page.slug, creating and publishing it if missing."""
        existing = parent.get_children().filter(slug=page.slug).first()
        if existing is not None:
            return existing.specific
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.created += 1
        return page


def _home(tree: _Tree) -> HomePage:
    home = HomePage.objects.first()
    if home is not None:
        return home
    seed = read_home_seed()
    root = Page.get_first_root_node()
    home = HomePage(
        title="Startseite",
        slug="startseite",
        seo_title="Landesverband der Mütterzentren NRW",
        welcome_title=seed.welcome_title,
        welcome_text=str(_paragraphs(seed.welcome_paragraphs)),
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    tree.created += 1
    # Wagtail's migration left a placeholder page as the site root; the home page replaces it.
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    else:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "Landesverband der Mütterzentren NRW"
        site.save()
        if old_root.pk != home.pk and not isinstance(old_root.specific, HomePage):
            old_root.delete()
    return home


def _home_body(home: HomePage, library: Page, fachtag: Page) -> None:
    if home.body:
        return
    seed = read_home_seed()
    home.body = [
        (
            "teaser",
            {
                "title": seed.library_title,
                "subtitle": "",
                "text": _paragraphs([seed.library_text]),
                "page": library,
            },
        ),
        (
            "teaser",
            {
                "title": seed.fachtag_title,
                "subtitle": seed.fachtag_subtitle,
                "text": _paragraphs(seed.fachtag_paragraphs),
                "page": fachtag,
            },
        ),
        *[
            ("section", {"title": title, "text": _paragraphs([text])})
            for title, text in seed.sections
        ],
    ]
    home.save_revision().publish()


def _settings(home: HomePage, pages: dict[str, Page]) -> None:
    site = home.get_site()
    site_settings = SiteSettings.for_site(site)
    if not site_settings.association_name:
        site_settings.association_name = (
            "Landesverband der Mütterzentren und offenen Häuser für Jung & Alt in NRW e.V."
        )
        site_settings.short_name = "Mütterzentren NRW"
        site_settings.street = "Beispielstraße 1 (Demo-Adresse)"
        site_settings.postcode = "44135"
        site_settings.town = "Dortmund"
        site_settings.email = "info@example.org"
        site_settings.phone = "0231 0000000"
        site_settings.representatives = "Vorstand des Landesverbandes (Demo-Angabe)"
        site_settings.register_court = "Amtsgericht Dortmund (Demo-Angabe)"
        site_settings.register_number = "VR 0000 (Demo-Angabe)"
        site_settings.content_responsible = (
            "Geschäftsstelle des Landesverbandes, Anschrift wie oben"
        )
        site_settings.save()
    navigation = NavigationSettings.for_site(site)
    if not navigation.main_menu and not navigation.footer_menu:
        link = lambda key: ("link", {"page": pages[key], "external_url": "", "title": ""})  # noqa: E731
        navigation.main_menu = [
            link(key) for key in ["about", "centres", "events", "library", "news", "contact"]
        ]
        navigation.footer_menu = [
            link(key) for key in ["contact", "imprint", "privacy", "accessibility"]
        ]
        navigation.save()


def _office_group() -> Group:
    """The office edits and publishes every page, the settings, images and documents."""
    group, created = Group.objects.get_or_create(name=OFFICE_GROUP)
    if not created:
        return group
    codenames = [
        "access_admin",
        "change_sitesettings",
        "change_navigationsettings",
        "view_outboundmail",
        "add_registration",
        "change_registration",
        "view_registration",
        "delete_registration",
        "add_offer",
        "change_offer",
        "delete_offer",
        "add_targetgroup",
        "change_targetgroup",
        "delete_targetgroup",
        "change_outboundmail",
        "add_user",
        "change_user",
        "view_user",
    ]
    group.permissions.add(*Permission.objects.filter(codename__in=codenames))
    root_page = Page.get_first_root_node()
    for codename in [
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
        "delete_page",
        "view_page",
    ]:
        permission = Permission.objects.filter(
            content_type__app_label="wagtailcore", codename=codename
        ).first()
        if permission:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root_page, permission=permission
            )
    root_collection = Collection.get_first_root_node()
    for app, model in [("wagtailimages", "image"), ("wagtaildocs", "document")]:
        for action in ["add", "change", "choose", "delete"]:
            permission = Permission.objects.filter(
                content_type__app_label=app, codename=f"{action}_{model}"
            ).first()
            if permission:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )
    return group


def _demo_account(
    *, username: str, names: tuple[str, str], group: Group, credentials_file: Path, label: str
) -> str:
    """A demo account; its password is generated once, kept in the credentials file under
    `label` and never fixed in code."""
    user_model = get_user_model()
    user = user_model.objects.filter(username=username).first()
    entries = {}
    if credentials_file.exists():
        entries = dict(
            line.split(": ", 1)
            for line in credentials_file.read_text(encoding="utf-8").splitlines()
            if ": " in line
        )
    password = entries.get(f"{label}Passwort", "")
    if user is None or not user.check_password(password):
        password = secrets.token_urlsafe(12)
        if user is None:
            user = user_model(
                username=username,
                first_name=names[0],
                last_name=names[1],
                email=f"{username}@example.org",
            )
        user.set_password(password)
        user.save()
    user.groups.add(group)
    entries[f"{label}Benutzername"] = username
    entries[f"{label}Passwort"] = password
    credentials_file.parent.mkdir(parents=True, exist_ok=True)
    credentials_file.write_text(
        "".join(f"{key}: {value}\n" for key, value in entries.items()), encoding="utf-8"
    )
    credentials_file.chmod(0o600)
    return password


@transaction.atomic
def demo_load(*, credentials_file: Path | None = None, today=None) -> DemoResult:
    credentials_file = credentials_file or settings.VAR_DIR / "demo-credentials.txt"
    today = today or timezone.localdate()
    tree = _Tree()
    home = _home(tree)

    about = tree.ensure(
        home,
        StandardPage(
            title="Über uns",
            slug="ueber-uns",
            intro=texts.ABOUT_INTRO,
            body=[("paragraph", RichText(texts.ABOUT_BODY))],
        ),
    )
    centres = tree.ensure(
        home,
        CentreIndexPage(
            title="Zentren",
            slug="zentren",
            intro=texts.CENTRES_INTRO,
            body=[("paragraph", RichText(texts.CENTRES_BODY))],
        ),
    )
    if not centres.get_children().exists():
        tree.created += demo_centres(centres)
    events = tree.ensure(
        home,
        EventIndexPage(
            title="Veranstaltungen",
            slug="veranstaltungen",
            intro=texts.EVENTS_INTRO,
        ),
    )
    fachtag = demo_events(tree, events, centres, today, _berlin)
    library = tree.ensure(
        home,
        LibraryPage(
            title="Infopaket",
            slug="infopaket",
            intro=texts.LIBRARY_INTRO,
            body=[("paragraph", RichText(texts.LIBRARY_BODY))],
        ),
    )
    news = tree.ensure(
        home, NewsIndexPage(title="Aktuelles", slug="aktuelles", intro=texts.NEWS_INTRO)
    )
    for item in texts.NEWS_ITEMS:
        tree.ensure(
            news,
            NewsPage(
                title=item["title"],
                slug=item["slug"],
                intro=item["intro"],
                date=today - timedelta(days=item["days_ago"]),
                body=[("paragraph", RichText(item["body"]))],
            ),
        )
    contact = _contact(tree, home)
    imprint = tree.ensure(
        home,
        ImprintPage(
            title="Impressum",
            slug="impressum",
            body=[("paragraph", RichText(texts.IMPRINT_BODY))],
            show_in_menus=False,
        ),
    )
    privacy = tree.ensure(
        home,
        StandardPage(
            title="Datenschutz",
            slug="datenschutz",
            intro=texts.PRIVACY_INTRO,
            body=[("paragraph", RichText(texts.PRIVACY_BODY))],
        ),
    )
    accessibility = tree.ensure(
        home,
        StandardPage(
            title="Barrierefreiheit",
            slug="barrierefreiheit",
            intro=texts.ACCESSIBILITY_INTRO,
            body=[("paragraph", RichText(texts.ACCESSIBILITY_BODY))],
        ),
    )
    _home_body(home, library, fachtag)
    pages = {
        "about": about,
        "centres": centres,
        "events": events,
        "library": library,
        "news": news,
        "contact": contact,
        "imprint": imprint,
        "privacy": privacy,
        "accessibility": accessibility,
    }
    _settings(home, pages)
    office = _office_group()
    centres_workflow_ensure(index=centres, office=office)
    password = _demo_account(
        username=DEMO_EDITOR,
        names=("Demo", "Redaktion"),
        group=office,
        credentials_file=credentials_file,
        label="",
    )
    member_password = _demo_account(
        username=DEMO_MEMBER,
        names=("Demo", "Mitglied"),
        group=members_group(),
        credentials_file=credentials_file,
        label="Mitglied-",
    )
    demo_library(tree, library, today)
    # The binder's ZIP and printable PDF exist from the start (see library.builds).
    transaction.on_commit(builds_refresh)
    return DemoResult(
        tree.created, DEMO_EDITOR, password, credentials_file, DEMO_MEMBER, member_password
    )


def _contact(tree: _Tree, home: HomePage) -> ContactPage:
    existing = home.get_children().filter(slug="kontakt").first()
    if existing is not None:
        return existing.specific
    contact = ContactPage(
        title="Kontakt",
        slug="kontakt",
        intro=texts.CONTACT_INTRO,
        privacy_note=texts.CONTACT_PRIVACY,
        thank_you_text=texts.CONTACT_THANKS,
        subject="Nachricht über das Kontaktformular",
    )
    contact.form_fields = [
        ContactFormField(label="Ihr Name", field_type="singleline", required=True),
        ContactFormField(
            label="Ihre E-Mail-Adresse",
            field_type="email",
            required=True,
            help_text="Damit wir Ihnen antworten können.",
        ),
        ContactFormField(label="Betreff", field_type="singleline", required=False),
        ContactFormField(label="Ihre Nachricht", field_type="multiline", required=True),
    ]
    return tree.ensure(home, contact)
