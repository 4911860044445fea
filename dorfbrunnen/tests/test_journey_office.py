"""The office without training: its daily work from the dashboard, in a real browser –
a news item, the registrations of the next event, a volunteer's change approved with
„Freigeben“, a volunteer invited and her access taken away again. Each admin screen is
checked with axe-core; `make screenshots` pictures each step (office-<nn>-<step>)."""

import re

import pytest
from playwright.sync_api import expect

from dorfbrunnen.testing import axe_violations, office_login, snapshot

pytestmark = [pytest.mark.browser, pytest.mark.journey]

PENDING_CHANGE = """
from django.contrib.auth import get_user_model
from dorfbrunnen.centres.models import CentrePage
from dorfbrunnen.centres.services import centre_setup_access
centre = CentrePage.objects.get(slug__startswith="muetterzentrum-siegen")
helper, _ = get_user_model().objects.get_or_create(
    username="ehrenamt-siegen@example.org",
    defaults={"email": "ehrenamt-siegen@example.org", "first_name": "Sina"},
)
helper.groups.add(centre_setup_access(centre=centre))
centre.intro = "Neu: jeden Freitag Familienfrühstück ab 9 Uhr."
centre.save_revision(user=helper)
centre.get_workflow().start(centre, helper)
"""


def assert_accessible(page):
    # Wagtail fades its messages in (half a second): axe would measure a half-transparent one.
    page.wait_for_function(
        "() => [...document.querySelectorAll('.messages > ul')]"
        ".every(list => getComputedStyle(list).opacity === '1')"
    )
    assert axe_violations(page) == []


def test_the_office_works_from_the_dashboard(page, live_site):
    live_site.manage("shell", "-c", PENDING_CHANGE)
    office_login(page, live_site)
    for action in ("Neue Nachricht", "Neue Veranstaltung", "Ehrenamtliche einladen"):
        expect(page.get_by_role("link", name=action)).to_be_visible()
    expect(page.get_by_role("link", name="Ausgehende E-Mails")).to_be_visible()
    assert_accessible(page)
    snapshot(page, "office-01-dashboard")

    # A news item, one click from the dashboard.
    page.get_by_role("link", name="Neue Nachricht").click()
    page.locator("#id_title").fill("Sommerpause der Geschäftsstelle")
    page.locator("#id_intro").fill("Vom 1. bis 15. August ist die Geschäftsstelle geschlossen.")
    assert_accessible(page)
    snapshot(page, "office-02-neue-nachricht")
    page.locator("footer .w-dropdown__toggle").first.click()
    page.get_by_role("button", name="Veröffentlichen").click()
    expect(page.locator(".messages")).to_contain_text("veröffentlicht")
    snapshot(page, "office-03-nachricht-veroeffentlicht")

    # The registrations of the next events, with their counts and the downloads in view.
    page.goto("/admin/")
    panel = page.locator(
        "section", has=page.get_by_role("heading", name="Anmeldungen der nächsten")
    )
    expect(panel.get_by_role("columnheader", name="Freie Plätze")).to_be_visible()
    panel.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Teilnehmende")
    buttons = page.locator(".nice-padding a.button")
    expect(buttons.filter(has_text="Excel herunterladen")).to_be_visible()
    names = buttons.all_inner_texts()
    assert names.index("Excel herunterladen") < names.index("CSV herunterladen")
    assert_accessible(page)
    snapshot(page, "office-04-teilnehmende")
    page.get_by_role("link", name="Anmeldungen bearbeiten und exportieren").click()
    expect(page.get_by_role("link", name="Excel herunterladen")).to_be_visible()
    expect(page.get_by_role("link", name="CSV herunterladen")).to_be_visible()

    # A volunteer's change: „Freigeben“ in view on the dashboard.
    page.goto("/admin/")
    approvals = page.locator("section", has=page.get_by_role("heading", name="Wartet auf Ihre"))
    row = approvals.get_by_role("row", name=re.compile("Mütterzentrum Siegen"))
    expect(row.get_by_role("button", name=re.compile("^Zurückgeben"))).to_be_visible()
    snapshot(page, "office-05-freigabe")
    row.get_by_role("button", name=re.compile("^Freigeben")).click()
    expect(approvals.get_by_role("status")).to_contain_text("Mütterzentrum Siegen: Freigegeben")
    expect(approvals.get_by_role("row", name=re.compile("Mütterzentrum Siegen"))).to_have_count(0)
    snapshot(page, "office-06-freigegeben")
    told = [m for m in live_site.mails() if m["To"] == "ehrenamt-siegen@example.org"]
    assert told and told[-1]["Subject"].startswith("Freigegeben: Mütterzentrum Siegen")

    # Invite a volunteer, one click from the dashboard.
    page.get_by_role("link", name="Ehrenamtliche einladen").click()
    page.get_by_label("Zentrum").select_option(label="Mütterzentrum Siegen")
    page.get_by_label("Name").fill("Paula Probe")
    page.get_by_label("E-Mail-Adresse").fill("paula.probe@example.org")
    assert_accessible(page)
    snapshot(page, "office-07-einladen")
    page.get_by_role("button", name="Einladung senden").click()
    expect(page.locator(".messages")).to_contain_text("paula.probe@example.org")
    invitation = [m for m in live_site.mails() if m["To"] == "paula.probe@example.org"][-1]
    assert "/zugang/passwort-festlegen/" in invitation.get_content()
    person = page.get_by_role("row", name=re.compile("paula.probe@example.org"))
    expect(person).to_contain_text("Einladung noch nicht angenommen")
    assert_accessible(page)
    snapshot(page, "office-08-ehrenamtliche")

    # … and take it away again: „Zugang entziehen“, with a page that says what happens.
    person.get_by_role("link", name=re.compile("Zugang entziehen")).click()
    expect(page.get_by_text("Das Konto wird gelöscht")).to_be_visible()
    assert_accessible(page)
    snapshot(page, "office-09-zugang-entziehen")
    page.get_by_role("button", name="Zugang entziehen").click()
    expect(page.locator(".messages")).to_contain_text("hat keinen Zugang mehr")
    expect(page.get_by_role("row", name=re.compile("paula.probe@example.org"))).to_have_count(0)
    snapshot(page, "office-10-zugang-entzogen")


def test_participants_are_a_button_in_the_event_listing_and_the_edit_form(page, live_site):
    office_login(page, live_site)
    events = live_site.manage(
        "shell",
        "-c",
        "from dorfbrunnen.events.models import EventIndexPage; "
        "print(EventIndexPage.objects.first().pk)",
    )
    page.goto(f"/admin/pages/{events.strip().splitlines()[-1]}/")
    row = page.get_by_role("row", name=re.compile("Fachtag Familie 2023"))
    expect(row.get_by_role("link", name=re.compile("Teilnehmende"))).to_be_visible()
    assert_accessible(page)
    snapshot(page, "office-11-veranstaltungen")
    row.get_by_role("link", name=re.compile("Fachtag Familie 2023")).first.click()
    expect(page.locator("a.button", has_text="Teilnehmende").first).to_be_visible()
    snapshot(page, "office-12-veranstaltung-bearbeiten")
