"""Browser journeys through the public site, with axe-core on every page type."""

import re

import pytest
from playwright.sync_api import expect

from dorfbrunnen.testing import DEMO_PAGES, axe_violations

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("url", [*DEMO_PAGES, "/gibt-es-nicht/", "/suche/?q=Quantenschaum"])
def test_page_loads_shows_its_content_and_has_no_accessibility_violations(page, url):
    response = page.goto(url)
    assert response.status == (404 if "gibt-es-nicht" in url else 200)
    expect(page.locator("h1")).to_have_count(1)
    if url in DEMO_PAGES:
        expect(page.locator("main")).to_contain_text(DEMO_PAGES[url])
    assert axe_violations(page) == []


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_content(page):
    page.goto("/ueber-uns/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_menu_on_a_phone_opens_and_closes_by_keyboard(page):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/")
    toggle = page.get_by_role("button", name="Menü")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.locator(".main-nav")).to_be_hidden()
    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("link", name="Veranstaltungen").first).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator(".main-nav")).to_be_hidden()
    expect(toggle).to_be_focused()
    assert axe_violations(page) == []


def test_site_search_from_the_header_finds_the_fachtag(page):
    page.goto("/")
    page.get_by_role("searchbox", name="Suchbegriff").fill("Einsamkeit")
    page.get_by_role("searchbox", name="Suchbegriff").press("Enter")
    expect(page).to_have_url(re.compile(r"/suche/\?q=Einsamkeit"))
    page.get_by_role("link", name="Fachtag Familie 2023").click()
    expect(page.locator("h1")).to_have_text("Fachtag Familie 2023")


# Where the text is wider than the screen, the page scrolls sideways: at 320 px (a small
# phone) no page type may. Long titles and addresses wrap or hyphenate.
PHONE_320 = {"width": 320, "height": 640}
SIDEWAYS = """() => [...document.querySelectorAll('body *')]
  .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1
                 && !e.closest('.visually-hidden, .honeypot, .skip-link'))
  .slice(0, 5).map((e) => e.tagName + '.' + e.className + ': ' + e.textContent.slice(0, 40))"""


@pytest.mark.parametrize("url", [*DEMO_PAGES, "/anmeldung/kein-gueltiger-link-000/"])
def test_no_page_scrolls_sideways_at_320_px(page, url):
    page.set_viewport_size(PHONE_320)
    page.goto(url)
    too_wide = page.evaluate(SIDEWAYS)
    fits = page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert fits, too_wide


def test_overview_map_without_tiles_is_accessible_and_not_mirrored(page, live_site, client, db):
    """The SVG map is what a site without a tile server shows (the demo server has one):
    rendered here, shown by the demo server's own CSS, checked by axe, in both directions."""
    from django.test import override_settings

    from dorfbrunnen.centres.tests.factories import centre

    centre("Mütterzentrum Aachen", "52062", town="Aachen")
    centre("Mütterzentrum Siegen", "57072", town="Siegen")
    with override_settings(MAP_TILE_URL=""):
        html = client.get("/zentren/", {"ort": "Köln", "umkreis": "100"}).content
    address = f"{live_site.url}/zentren/karte-ohne-kacheln/"
    page.route(address, lambda route: route.fulfill(body=html, content_type="text/html"))
    page.set_viewport_size(PHONE_320)
    page.goto(address)
    points = page.locator("a.overview-map__point")
    expect(points).to_have_count(2)
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    on_map = page.locator(".overview-map")
    for direction in ("ltr", "rtl"):
        page.evaluate(f"document.documentElement.dir = '{direction}'")
        aachen = on_map.get_by_role("link", name="Mütterzentrum Aachen").bounding_box()
        siegen = on_map.get_by_role("link", name="Mütterzentrum Siegen").bounding_box()
        assert aachen["x"] < siegen["x"], direction  # west stays left
    on_map.get_by_role("link", name="Mütterzentrum Siegen").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/zentren/muetterzentrum-siegen/$"))
