"""„Angebote finden“ in a real browser against the demo: search, filters, the map, the
centre's week timetable, accessibility (axe-core)."""

import pytest
from playwright.sync_api import expect

from dorfbrunnen.testing import axe_violations

pytestmark = pytest.mark.browser


def found(heading) -> int:
    """„12 Angebote im Umkreis …“ / „Ein Angebot im Umkreis …“ → the number."""
    first = heading.inner_text().split()[0]
    return 1 if first == "Ein" else int(first)


def test_parents_find_an_offer_by_place_age_and_language_and_see_it_on_the_map(page):
    page.goto("/angebote/")
    assert axe_violations(page) == []
    page.get_by_label("Postleitzahl oder Ort").fill("44149")
    page.get_by_label("Umkreis").select_option("50")
    page.get_by_role("button", name="Angebote finden").click()
    heading = page.locator("#results-heading")
    expect(heading).to_contain_text("im Umkreis von 50 km um 44149 Dortmund")
    everything = found(heading)

    page.get_by_label("Sprache", exact=True).select_option("tr")
    page.get_by_label("Alter des Kindes (Jahre)").fill("1")
    page.get_by_role("button", name="Angebote finden").click()
    cards = page.locator(".programme-card")
    expect(cards.first).to_be_visible()
    assert 0 < found(heading) < everything
    for text in cards.all_inner_texts():
        assert "Türkisch" in text
    expect(page.locator(".centre-map .leaflet-marker-icon").first).to_be_visible()
    assert axe_violations(page) == []

    # Nobody offers it: suggestions, not a dead end.
    page.get_by_label("Sprache", exact=True).select_option("pl")
    page.get_by_role("button", name="Angebote finden").click()
    expect(page.locator(".empty-state")).to_contain_text("ohne Sprache")
    page.get_by_role("link", name="ohne Sprache").click()
    expect(page.locator(".programme-card").first).to_be_visible()


def test_the_centre_page_shows_its_week_timetable(page):
    page.goto("/zentren/muetterzentrum-dortmund-ev-mehrgenerationenhaus/")
    timetable = page.locator(".timetable")
    expect(timetable).to_be_visible()
    assert timetable.locator("tr").count() >= 1
    # On a phone a weekday stays whole („Donner-stag“ broke into two lines).
    page.set_viewport_size({"width": 390, "height": 800})
    lines = timetable.locator("th").evaluate_all(
        """headers => headers.map(header => {
            const range = document.createRange();
            range.selectNodeContents(header);
            return new Set([...range.getClientRects()].map(rect => Math.round(rect.top))).size;
        })"""
    )
    assert set(lines) == {1}
    first_link = timetable.locator("a").first
    first_link.click()
    expect(page.locator(".programme-item:target")).to_have_count(1)
    assert axe_violations(page) == []
