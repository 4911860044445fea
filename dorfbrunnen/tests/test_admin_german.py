"""The admin speaks German to the office and the centres' volunteers: Wagtail's texts (with
our own wording where Wagtail's German is missing, English or unclear, dorfbrunnen/locale)
and ours. A fixed list of the screens they use is rendered and its visible text – and the
menu, which Wagtail's script draws from data on the page – searched for English words that
turned up there before."""

import json
import re
from html.parser import HTMLParser

import pytest

from dorfbrunnen.centres.tests.factories import volunteer
from dorfbrunnen.events.tests.factories import register
from dorfbrunnen.tests.sample import site_sample

pytestmark = pytest.mark.django_db

# Whole words, as Wagtail or Django showed them to the office (or would, untranslated).
ENGLISH = [
    "Password",
    "Places",
    "Root",
    "Moderators",
    "Moderation",
    "approval",
    "Editors",
    "Submit",
    "Cancel",
    "Dashboard",
    "Workflow",
    "Workflows",
    "Locale",
    "Home",
    "None",
    "True",
    "False",
    "Promote",
    "Welcome",
    "Snippets",
    "Breadcrumb",
    "Search",
    "Edit",
    "Delete",
    "Save",
    "Publish",
    "Werbung",  # Wagtail's German for the „Promote“ tab
]
ENGLISH_WORD = re.compile(r"\b(" + "|".join(ENGLISH) + r")\b")


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class VisibleText(HTMLParser):
    """The text a person reads on the page (or after a click on a tab): no scripts, styles or
    attribute values; the menu's labels from the sidebar's data."""

    def __init__(self):
        super().__init__()
        self.open = []  # (tag, hides its content)
        self.parts = []
        self.sidebar = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.sidebar = attrs.get("id") == "wagtail-sidebar-props"
        if tag not in VOID:
            # Hidden tabs and side panels count (a click shows them); Wagtail's empty counters
            # that its script fills in do not.
            counter = "data-side-panel-toggle-counter" in attrs
            self.open.append((tag, tag in ("script", "style") or counter))

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                break
        self.sidebar = False

    def handle_data(self, data):
        if self.sidebar:
            self.parts.extend(_labels(json.loads(data)))
        elif not any(hides for _tag, hides in self.open) and data.strip():
            self.parts.append(" ".join(data.split()))


def _labels(data):
    if isinstance(data, dict):
        if isinstance(data.get("label"), str):
            yield data["label"]
        for value in data.values():
            yield from _labels(value)
    elif isinstance(data, list):
        for value in data:
            yield from _labels(value)


def english_on(client, url) -> list[str]:
    response = client.get(url)
    if response.status_code != 200:
        return [f"status {response.status_code}"]
    parser = VisibleText()
    parser.feed(response.content.decode())
    return [text for text in parser.parts if ENGLISH_WORD.search(text)]


@pytest.fixture
def screens(office_user):
    """The office's screens over a site with one page of every type, a centre with a
    volunteer, a registration and a mail."""
    site_sample()
    from wagtail.models import Page

    from dorfbrunnen.centres.models import CentrePage
    from dorfbrunnen.core.mail import mail_queue
    from dorfbrunnen.events.models import EventPage

    centre = CentrePage.objects.order_by("pk").first()
    helper = volunteer(centre)
    event = EventPage.objects.filter(registration_enabled=True).first()
    registration = register(event, name="Ada Lovelace", email="ada@example.org")
    mail = mail_queue(to=["ada@example.org"], subject="Ihre Anmeldung", body="Hallo Ada")
    site_pk = Page.objects.get(depth=2).get_site().pk
    urls = [
        "/admin/",
        "/admin/pages/",
        "/admin/pages/search/?q=Familie",
        "/admin/registrations/",
        f"/admin/registrations/edit/{registration.pk}/",
        "/admin/registrations/new/",
        f"/admin/veranstaltungen/{event.pk}/teilnehmende/",
        "/admin/outbound_mail/",
        f"/admin/outbound_mail/inspect/{mail.pk}/",
        "/admin/users/",
        f"/admin/users/edit/{helper.pk}/",
        "/admin/users/new/",
        f"/admin/settings/core/sitesettings/{site_pk}/",
        f"/admin/settings/core/navigationsettings/{site_pk}/",
        "/admin/checkliste/",
        "/admin/datenauskunft/",
        "/admin/datenauskunft/?email=ada@example.org",
        f"/admin/zentren/{centre.pk}/einladen/",
        f"/admin/zentren/{centre.pk}/ehrenamtliche/",
        "/admin/ehrenamtliche/",
        "/admin/forms/",
        "/admin/snippets/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/reports/workflow/",
        "/admin/account/",
    ]
    seen_types = set()
    for page in Page.objects.filter(depth__gt=1).specific().order_by("path"):
        if type(page) in seen_types:
            continue
        seen_types.add(type(page))
        urls += [f"/admin/pages/{page.pk}/", f"/admin/pages/{page.pk}/edit/"]
    urls.append(f"/admin/pages/{Page.objects.get(depth=2).pk}/history/")
    return urls, centre, helper


def test_the_office_reads_no_english_in_the_admin(client, office_user, screens):
    urls, _centre, _helper = screens
    client.force_login(office_user)
    found = {url: words for url in urls if (words := english_on(client, url))}
    assert found == {}, json.dumps(found, indent=1, ensure_ascii=False)


def test_a_volunteer_reads_no_english_in_the_admin(client, screens):
    _urls, centre, helper = screens
    client.force_login(helper)
    urls = ["/admin/", f"/admin/pages/{centre.pk}/", f"/admin/pages/{centre.pk}/edit/"]
    urls += ["/admin/registrations/", "/admin/images/", "/admin/account/"]
    found = {url: words for url in urls if (words := english_on(client, url))}
    assert found == {}, json.dumps(found, indent=1, ensure_ascii=False)


def test_the_login_page_is_german(client):
    assert english_on(client, "/admin/login/") == []
    assert "E-Mail-Adresse oder Benutzername" in client.get("/admin/login/").text


def test_the_seo_tab_has_a_name_the_office_understands(client, office_user, screens):
    from dorfbrunnen.events.models import EventPage
    from dorfbrunnen.news.models import NewsPage

    client.force_login(office_user)
    for page in (EventPage.objects.first(), NewsPage.objects.first()):
        text = client.get(f"/admin/pages/{page.pk}/edit/").text
        assert "Suchmaschinen und Teilen" in text
