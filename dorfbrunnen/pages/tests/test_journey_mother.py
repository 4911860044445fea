"""The mother on her phone (issue 13): from the home page to a centre near her, then to an
event in the calendar, registering, confirming and cancelling – at 390 px, with axe-core on
every page on the way and no page that scrolls sideways. `make screenshots` pictures each
step (dorfbrunnen.testing.snapshot)."""

import re

import pytest
from playwright.sync_api import expect

from dorfbrunnen.events.tests.test_browser import latest_link
from dorfbrunnen.testing import axe_violations, snapshot

pytestmark = [pytest.mark.browser, pytest.mark.journey]

PHONE = {"width": 390, "height": 844}
MOTHER = "mama.demir@example.org"
CENTRE = "Mütterzentrum Dortmund e.V. (Mehrgenerationenhaus)"
WORKSHOP = "Online-Workshop: Ehrenamtliche gewinnen und halten"

# Cards that share a row end where the row ends (none leaves half of a row empty).
ROWS_FILLED = """(selector) => {
  const box = document.querySelector(selector).getBoundingClientRect();
  const rows = {};
  for (const card of document.querySelector(selector).children) {
    const r = card.getBoundingClientRect();
    (rows[Math.round(r.top)] ||= []).push(r);
  }
  return Object.values(rows).map(
    (row) => Math.round(box.right - Math.max(...row.map((r) => r.right))));
}"""


def checked(page, step: str) -> None:
    """What every page on the way must be: accessible, not wider than the phone."""
    assert axe_violations(page) == [], step
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), step
    snapshot(page, f"mother-{step}")


def centre_of(box):
    return box["y"] + box["height"] / 2


def test_the_mother_finds_a_centre_and_registers_for_an_event_on_her_phone(page, live_site):
    page.set_viewport_size(PHONE)

    # Home: the finder first, the next event still to come (never the past Fachtag).
    page.goto("/")
    finder = page.get_by_role("search", name="Zentrum in Ihrer Nähe finden")
    expect(finder).to_be_in_viewport()
    next_event = page.locator(".home-next-event")
    expect(next_event).to_contain_text(WORKSHOP)
    expect(next_event).not_to_contain_text("Fachtag Familie 2023")
    checked(page, "01-home")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert page.evaluate(ROWS_FILLED, ".home-blocks") == [0, 0], "a half-empty row"
    page.set_viewport_size(PHONE)

    # Find a centre by postcode: the answer gets the focus, the radius shows what was used.
    finder.get_by_label("Zentrum in Ihrer Nähe finden").fill("44149")
    finder.get_by_role("button", name="Zentren finden").click()
    heading = page.locator("#results-heading")
    expect(heading).to_contain_text("im Umkreis von 25 km um 44149 Dortmund")
    expect(heading).to_be_focused()
    expect(page.get_by_label("Umkreis", exact=True)).to_have_value("25")
    expect(page.get_by_role("button", name="Meinen Standort verwenden")).to_be_visible()
    checked(page, "02-finder")

    # The centre: call or write with one tap, the map, nothing wider than the phone.
    page.get_by_role("link", name=CENTRE).first.click()
    expect(page.locator("h1")).to_have_text(CENTRE)
    expect(page.locator('.contact-list a[href^="tel:"]')).to_have_count(1)
    expect(page.locator('.contact-list a[href^="mailto:"]')).to_have_count(1)
    expect(page.locator(".centre-map .leaflet-marker-icon")).to_have_count(1)
    checked(page, "03-centre")

    # The calendar, by the menu: near her, a weekly group is listed once.
    page.get_by_role("button", name="Menü").click()
    page.get_by_role("link", name="Veranstaltungen").first.click()
    page.get_by_label("Postleitzahl oder Ort").fill("44149")
    page.get_by_role("button", name="Anzeigen").click()
    cards = page.locator("#upcoming-heading ~ .card-list .event-card")
    toddlers = cards.filter(has_text="Kurs: Babymassage")
    expect(toddlers).to_have_count(1)
    expect(toddlers).to_contain_text(re.compile(r"Jeden Dienstag, nächster Termin: Dienstag, \d"))
    expect(cards.filter(has_text="Netzwerktreffen Ehrenamt")).to_have_count(1)
    expect(cards.filter(has_text=WORKSHOP)).to_have_count(0)  # online: no place near her
    checked(page, "04-calendar")
    page.get_by_label("Umkreis", exact=True).select_option("online")
    page.get_by_role("button", name="Anzeigen").click()
    expect(cards.filter(has_text=WORKSHOP)).to_have_count(1)

    # An event, and its registration form: consent beside its label, radios in line.
    page.get_by_role("link", name=WORKSHOP).first.click()
    expect(page.locator("h1")).to_have_text(WORKSHOP)
    checked(page, "05-event")
    page.get_by_role("link", name="Jetzt anmelden").click()
    consent = page.get_by_label(re.compile("Ich bin einverstanden"))
    consent_box = consent.bounding_box()
    label_box = page.locator(f'label[for="{consent.get_attribute("id")}"]').bounding_box()
    assert consent_box["x"] + consent_box["width"] <= label_box["x"]  # beside, not above
    assert label_box["y"] <= centre_of(consent_box) <= label_box["y"] + label_box["height"]
    radios = page.locator('input[type="radio"]')
    lefts = {round(radios.nth(i).bounding_box()["x"]) for i in range(radios.count())}
    assert len(lefts) == 1, lefts  # one column
    checked(page, "06-registration-form")
    page.get_by_label("Ihr Name").fill("Ayşe Demir")
    page.get_by_label("Ihre E-Mail-Adresse").fill(MOTHER)
    page.get_by_label("unter 10").check()
    consent.check()
    page.get_by_role("button", name="Anmelden").click()
    expect(page.locator("h1")).to_contain_text("Bitte bestätigen Sie Ihre E-Mail-Adresse")
    checked(page, "07-registered")

    # Confirm from the mail: one button; then her page, with her data to read.
    page.goto(latest_link(live_site, MOTHER, r"/anmeldung/[\w-]+/bestaetigen/"))
    checked(page, "08-confirm")
    page.get_by_role("button", name="Anmeldung bestätigen").click()
    expect(page.get_by_role("status")).to_contain_text("Ihre Anmeldung ist bestätigt")
    expect(page.get_by_role("link", name="Termin in den Kalender übernehmen")).to_be_visible()
    checked(page, "09-confirmed")
    page.get_by_role("link", name="ansehen").click()
    expect(page.locator(".data-table")).to_contain_text("Ayşe Demir")
    checked(page, "10-my-data")
    page.get_by_role("link", name="Zurück zu meiner Anmeldung").click()

    # Cancel: asked on a page of its own, answered with the same word.
    page.get_by_role("link", name="Anmeldung stornieren").click()
    expect(page.locator("main form button")).to_have_text("Anmeldung stornieren")
    checked(page, "11-cancel-question")
    page.get_by_role("button", name="Anmeldung stornieren").click()
    expect(page.get_by_role("status")).to_have_text("Ihre Anmeldung ist storniert.")
    expect(page.get_by_role("link", name="Termin in den Kalender übernehmen")).to_have_count(0)
    checked(page, "12-cancelled")
    cancel_mail = [m for m in live_site.mails() if MOTHER in m["To"]][-1]
    assert str(cancel_mail["Subject"]).strip().startswith("Anmeldung storniert")
    assert "Warteliste" not in cancel_mail.get_body(preferencelist=("plain",)).get_content()
