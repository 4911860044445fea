import re

import pytest
from playwright.sync_api import expect

from dorfbrunnen.testing import axe_violations

pytestmark = pytest.mark.browser

WORKSHOP = "/veranstaltungen/workshop-ehrenamt-online/"


def latest_link(live_site, address, pattern):
    for message in reversed(live_site.mails()):
        if address in message["To"]:
            body = message.get_body(preferencelist=("plain",)).get_content()
            match = re.search(pattern, body)
            if match:
                return match.group(0)
    raise AssertionError(f"no mail to {address} with {pattern}")


def test_calendar_and_event_page_are_accessible(page):
    page.goto("/veranstaltungen/")
    expect(page.get_by_role("heading", name="Kommende Veranstaltungen")).to_be_visible()
    page.get_by_label("Format").select_option("online")
    page.get_by_role("button", name="Anzeigen").click()
    expect(page.locator(".card-list").first).to_contain_text("Online-Workshop")
    # The keyboard lands on the answer, which says how many dates it found.
    expect(page.locator("#upcoming-heading")).to_be_focused()
    expect(page.locator(".results-count")).to_contain_text("Termin")
    assert axe_violations(page) == []
    page.get_by_role(
        "link", name="Online-Workshop: Ehrenamtliche gewinnen und halten"
    ).first.click()
    expect(page.get_by_role("link", name="Jetzt anmelden")).to_be_visible()
    assert "zoom.example.org" not in page.content()
    assert axe_violations(page) == []


def test_register_confirm_see_the_link_and_cancel(page, live_site):
    page.goto(WORKSHOP + "anmelden/")
    page.get_by_label("Ihr Name").fill("Hanna Berg")
    page.get_by_label("Ihre E-Mail-Adresse").fill("hanna-at-example.org")
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("alert")).to_contain_text("Bitte prüfen Sie Ihre Angaben")
    expect(page.get_by_label("Ihr Name")).to_have_value("Hanna Berg")
    assert axe_violations(page) == []

    page.get_by_label("Ihre E-Mail-Adresse").fill("hanna@example.org")
    page.get_by_label("unter 10").check()
    page.get_by_label(re.compile("Ich bin einverstanden")).check()
    page.get_by_role("button", name="Anmelden").click()
    expect(page.locator("h1")).to_contain_text("Bitte bestätigen Sie Ihre E-Mail-Adresse")

    confirm = latest_link(live_site, "hanna@example.org", r"/anmeldung/[\w-]+/bestaetigen/")
    page.goto(confirm)
    # Opening the link confirms nothing yet: one button does (mail scanners open links).
    assert axe_violations(page) == []
    page.get_by_role("button", name="Anmeldung bestätigen").click()
    expect(page.get_by_role("status")).to_contain_text("Ihre Anmeldung ist bestätigt")
    expect(page.locator(".meeting-link")).to_have_attribute(
        "href", "https://zoom.example.org/j/4711081500"
    )
    assert axe_violations(page) == []

    # Cancelling asks first, on a page of its own, with one button of the same word.
    page.get_by_role("link", name="Anmeldung stornieren").click()
    # Wait for the asking page: axe on a page still navigating finds no document.
    expect(page.get_by_role("button", name="Anmeldung stornieren")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Anmeldung stornieren").click()
    expect(page.get_by_role("status")).to_have_text("Ihre Anmeldung ist storniert.")
    expect(page.locator(".registration-status")).to_have_text("storniert")
    expect(page.locator(".meeting-link")).to_have_count(0)
