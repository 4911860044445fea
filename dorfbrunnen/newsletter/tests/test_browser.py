"""The newsletter in a real browser against the demo site: a visitor subscribes and
confirms (double opt-in), changes her lists and unsubscribes; an editor sends the demo's next
issue to a list and a reader unsubscribes with the link in it. axe-core on every page."""

import re

import pytest
from playwright.sync_api import expect

from dorfbrunnen.testing import axe_violations

pytestmark = pytest.mark.browser


def latest_link(live_site, address, pattern):
    for message in reversed(live_site.mails()):
        if address in str(message["To"]):
            body = message.get_body(preferencelist=("plain",)).get_content()
            if found := re.search(pattern, body):
                return found.group(0)
    raise AssertionError(f"no mail to {address} with {pattern}")


def test_subscribe_confirm_change_lists_and_unsubscribe(page, live_site):
    page.goto("/")
    page.locator(".site-footer").get_by_role("link", name="Newsletter").click()
    expect(page.locator("h1")).to_have_text("Newsletter")
    expect(page.get_by_text("Für Mitgliedszentren")).to_have_count(0)  # not logged in
    page.get_by_label("Ihre E-Mail-Adresse").fill("hanna-at-example.org")
    page.get_by_role("button", name="Newsletter bestellen").click()
    expect(page.get_by_role("alert")).to_contain_text("Bitte prüfen Sie Ihre Angaben")
    expect(page.get_by_label("Ihre E-Mail-Adresse")).to_have_value("hanna-at-example.org")
    assert axe_violations(page) == []

    page.get_by_label("Ihre E-Mail-Adresse").fill("hanna.newsletter@example.org")
    page.get_by_label("Ihr Name").fill("Hanna Berg")
    page.get_by_label(re.compile("Aktuelles vom Landesverband")).check()
    page.get_by_label(re.compile("Ja, ich möchte den Newsletter")).check()
    page.get_by_role("button", name="Newsletter bestellen").click()
    expect(page.locator("h1")).to_contain_text("Bitte schauen Sie in Ihr Postfach")
    assert axe_violations(page) == []

    confirm = latest_link(
        live_site, "hanna.newsletter@example.org", r"/newsletter/bestaetigen/[\w-]+/"
    )
    page.goto(confirm)
    # Opening the link confirms nothing yet: one button does (mail scanners open links).
    expect(page.get_by_role("button", name="Anmeldung bestätigen")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Anmeldung bestätigen").click()
    expect(page.get_by_role("status").first).to_contain_text("Ihre Anmeldung ist bestätigt")
    assert axe_violations(page) == []

    page.get_by_label(re.compile("Fachtag & Veranstaltungen")).check()
    page.get_by_role("button", name="Auswahl speichern").click()
    expect(page.get_by_role("status").first).to_contain_text("Ihre Auswahl ist gespeichert")
    expect(page.get_by_label(re.compile("Fachtag & Veranstaltungen"))).to_be_checked()
    page.get_by_role("button", name="Newsletter abbestellen").click()
    expect(page.get_by_role("status").first).to_contain_text("Sie sind vom Newsletter abgemeldet")
    assert axe_violations(page) == []


def test_an_editor_sends_the_next_issue_and_a_reader_unsubscribes_with_one_click(
    browser, page, live_site
):
    context = browser.new_context(base_url=live_site.url, locale="de-DE")
    admin = context.new_page()
    credentials = live_site.credentials()
    admin.goto("/admin/login/")
    admin.locator("#id_username").fill(credentials["Benutzername"])
    admin.locator("#id_password").fill(credentials["Passwort"])
    admin.locator("form button[type=submit]").click()
    issue_id = (
        live_site.manage(
            "shell",
            "-c",
            "from dorfbrunnen.newsletter.models import NewsletterIssuePage; "
            "print(NewsletterIssuePage.objects.get(slug='einladung-netzwerktreffen').pk)",
        )
        .strip()
        .splitlines()[-1]
    )
    admin.goto(f"/admin/newsletter/ausgabe/{issue_id}/")  # „Newsletter versenden“ on the page
    expect(admin.get_by_role("heading", name="Versand planen")).to_be_visible()
    admin.get_by_label(re.compile("Fachtag & Veranstaltungen")).check()
    admin.get_by_role("button", name="Versand planen").click()
    expect(admin.get_by_text("ist für")).to_be_visible()
    context.close()

    # The demo's subscriber on that list has it (the test server's tasks run at once).
    unsubscribe = latest_link(
        live_site, "ehrenamt.herne@example.org", r"/newsletter/abmelden/[\w-]+/"
    )
    mail = next(m for m in reversed(live_site.mails()) if "ehrenamt.herne" in str(m["To"]))
    assert mail["Subject"] == "Einladung zum Netzwerktreffen"
    assert str(mail["List-Unsubscribe"]).endswith(f"{unsubscribe}>")
    assert "style=" in mail.get_body(preferencelist=("html",)).get_content()
    page.goto(unsubscribe)
    assert axe_violations(page) == []
    page.get_by_role("button", name="Newsletter abbestellen").click()
    expect(page.get_by_role("status")).to_contain_text("Sie sind abgemeldet")
    assert axe_violations(page) == []
