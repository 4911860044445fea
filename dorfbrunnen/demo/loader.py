"""Demo content for `make run`: what a visitor and the office see on a lived-in site.

`demo_load()` first runs `setup_site` (the same roles, pages, collections and workflow as a
production install), then only adds data: centres, events, the Infopaket's chapters and
documents, news, pages in Leichte Sprache, barrier reports, demo accounts, and demo values
where the association's own facts belong (each marked „Demo-Angabe“). It is idempotent:
what exists is kept, so a second run changes nothing. The demo accounts' passwords are
generated on first run and kept in var/demo-credentials.txt (git-ignored).
"""

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page
from wagtail.rich_text import RichText

from dorfbrunnen.core.models import SiteSettings
from dorfbrunnen.core.roles import MEMBERS, OFFICE, role_group
from dorfbrunnen.core.setup import TO_FILL, site_setup
from dorfbrunnen.library.tasks import builds_refresh
from dorfbrunnen.news.models import NewsPage

from . import texts
from .centres import demo_centres
from .events import demo_events
from .inclusion import demo_barrier_reports, demo_easy_read
from .languages import demo_translations
from .library import demo_library
from .newsletter import demo_newsletter
from .programme import demo_courses, demo_programme

DEMO_EDITOR = "redaktion"
DEMO_MEMBER = "mitglied"
DEMO_MARK = "Demo-Angabe"
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


def _demo_values(pages: dict) -> None:
    """Where setup left „[bitte ergänzen]“ for the association, the demo shows sample text,
    marked as demo values – on pages the office has not edited since."""
    about = pages.get("about")
    if about is not None and TO_FILL in about.intro:
        about.intro = texts.ABOUT_INTRO
        about.body = [("paragraph", RichText(texts.ABOUT_BODY))]
        about.save_revision().publish()
    for key in ("privacy", "accessibility"):
        page = pages.get(key)
        if page is None:
            continue
        raw = [dict(block) for block in page.body.raw_data]
        if any(TO_FILL in str(block["value"]) for block in raw):
            for block in raw:
                if block["type"] == "paragraph":
                    block["value"] = block["value"].replace(TO_FILL, f"[{DEMO_MARK}]")
            page.body = raw
            page.save_revision().publish()


def _demo_home_review(home: Page, events: Page, fachtag: Page) -> None:
    """The seed's Fachtag teaser stays word for word; in the demo the Fachtag 2023 is an
    event of the past, so the teaser leads to that event (its text and documentation) as a
    „Rückblick“ instead of to the calendar – unless the office has changed it since."""
    home = home.specific
    raw = [dict(block) for block in home.body.raw_data]
    changed = False
    for block in raw:
        value = block["value"]
        if (
            block["type"] == "teaser"
            and value.get("page") == events.pk
            and value.get("title") == fachtag.title
        ):
            block["value"] = {**value, "page": fachtag.pk, "label": "Rückblick"}
            changed = True
    if changed:
        home.body = raw
        home.save_revision().publish()


def _demo_settings(home: Page) -> None:
    site_settings = SiteSettings.for_site(home.get_site())
    values = {
        "short_name": "Mütterzentren NRW",
        "street": f"Beispielstraße 1 ({DEMO_MARK})",
        "postcode": "44135",
        "town": "Dortmund",
        "email": "info@example.org",
        "phone": "0231 0000000",
        "representatives": f"Vorstand des Landesverbandes ({DEMO_MARK})",
        "register_court": f"Amtsgericht Dortmund ({DEMO_MARK})",
        "register_number": f"VR 0000 ({DEMO_MARK})",
        "content_responsible": "Geschäftsstelle des Landesverbandes, Anschrift wie oben",
        "privacy_contact": f"Geschäftsstelle, datenschutz@example.org ({DEMO_MARK})",
    }
    changed = False
    for name, value in values.items():
        if getattr(site_settings, name) in ("", TO_FILL):
            setattr(site_settings, name, value)
            changed = True
    if changed:
        site_settings.save()


def _demo_account(
    *,
    username: str,
    names: tuple[str, str],
    group: Group | None,
    credentials_file: Path,
    label: str,
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
    if group is not None:
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
    context = site_setup()
    pages = context.pages
    tree = _Tree()
    centres, events = pages["centres"], pages["events"]
    if not centres.get_children().exists():
        tree.created += demo_centres(centres)
    fachtag = demo_events(tree, events, centres, today, _berlin)
    demo_programme()
    demo_courses(tree, today, _berlin)
    _demo_home_review(pages["home"], events, fachtag)
    for item in texts.NEWS_ITEMS:
        tree.ensure(
            pages["news"],
            NewsPage(
                title=item["title"],
                slug=item["slug"],
                intro=item["intro"],
                date=today - timedelta(days=item["days_ago"]),
                body=[("paragraph", RichText(item["body"]))],
            ),
        )
    demo_library(tree, pages["library"], today)
    demo_newsletter(tree, pages.get("newsletter-archive"))
    demo_easy_read(tree, pages, today)
    demo_barrier_reports(today)
    _demo_values(pages)
    _demo_settings(pages["home"])
    password = _demo_account(
        username=DEMO_EDITOR,
        names=("Demo", "Redaktion"),
        group=role_group(OFFICE),
        credentials_file=credentials_file,
        label="",
    )
    member_password = _demo_account(
        username=DEMO_MEMBER,
        names=("Demo", "Mitglied"),
        group=role_group(MEMBERS),
        credentials_file=credentials_file,
        label="Mitglied-",
    )
    workshop = events.get_children().filter(slug="workshop-ehrenamt-online").first()
    tree.created += demo_translations(pages, fachtag, workshop)
    # The binder's ZIP and printable PDF exist from the start (see library.builds).
    transaction.on_commit(builds_refresh)
    created = tree.created + sum(key.startswith("page:") for key in context.created)
    return DemoResult(
        created, DEMO_EDITOR, password, credentials_file, DEMO_MEMBER, member_password
    )
