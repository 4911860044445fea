import pytest
from playwright.sync_api import expect

from dorfbrunnen.testing import axe_violations

pytestmark = pytest.mark.browser


def test_contact_form_explains_errors_keeps_input_and_then_thanks(page):
    page.goto("/kontakt/")
    page.get_by_label("Ihre E-Mail-Adresse").fill("kein-at-zeichen")
    page.get_by_label("Ihre Nachricht").fill("Gibt es ein Zentrum in Bielefeld?")
    page.get_by_role("button", name="Nachricht senden").click()

    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Bitte prüfen Sie Ihre Angaben")
    expect(summary).to_contain_text("Ihr Name: Dieses Feld muss ausgefüllt werden.")
    expect(page.get_by_label("Ihre Nachricht")).to_have_value("Gibt es ein Zentrum in Bielefeld?")
    expect(page.get_by_label("Ihre E-Mail-Adresse")).to_have_attribute("aria-invalid", "true")
    assert axe_violations(page) == []

    summary.get_by_role("link", name="Ihr Name: Dieses Feld muss ausgefüllt werden.").click()
    expect(page.get_by_label("Ihr Name")).to_be_focused()
    page.keyboard.type("Aylin Demir")
    page.get_by_label("Ihre E-Mail-Adresse").fill("aylin@example.org")
    page.get_by_role("button", name="Nachricht senden").click()
    expect(page.locator("h1")).to_have_text("Vielen Dank für Ihre Nachricht")
    assert axe_violations(page) == []
