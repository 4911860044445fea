import re

import pytest
from playwright.sync_api import expect

from dorfbrunnen.testing import axe_violations, office_login

pytestmark = pytest.mark.browser


def test_find_centres_by_postcode_filter_by_offer_and_see_list_and_map(page):
    page.goto("/zentren/")
    page.get_by_label("Postleitzahl oder Ort").fill("45134")
    page.get_by_label("Umkreis").select_option("50")
    page.get_by_role("button", name="Zentren finden").click()

    heading = page.locator("#results-heading")
    expect(heading).to_contain_text("im Umkreis von 50 km um 45134 Essen")
    expect(heading).to_be_focused()  # the keyboard lands on the answer
    cards = page.locator(".centre-list .centre-card")
    expect(cards.first).to_contain_text("Mütter- und Familienzentrum Essen e.V.")
    distances = [
        float(text.split()[0].replace(",", "."))
        for text in page.locator(".centre-card__distance").all_inner_texts()
    ]
    assert distances == sorted(distances) and distances[-1] <= 50
    all_count = cards.count()

    page.get_by_label("Sprachcafé").check()
    page.get_by_role("button", name="Zentren finden").click()
    expect(page).to_have_url(re.compile(r"angebot=sprachcafe"))
    filtered = page.locator(".centre-list .centre-card")
    assert 0 < filtered.count() < all_count
    for text in filtered.all_inner_texts():
        assert "Sprachcafé" in text

    # The map: Leaflet draws one marker per centre in the list.
    expect(page.locator(".centre-map .leaflet-marker-icon")).to_have_count(filtered.count())
    assert axe_violations(page) == []


def test_unknown_place_is_explained(page):
    page.goto("/zentren/?ort=Atlantis")
    expect(page.get_by_role("alert")).to_contain_text("Den Ort „Atlantis“ haben wir nicht gefunden")
    expect(page.get_by_label("Postleitzahl oder Ort")).to_have_value("Atlantis")
    assert axe_violations(page) == []


@pytest.mark.parametrize("url", ["/zentren/?ort=Atlantis", "/zentren/?ort=Münster"])
def test_a_question_about_the_place_takes_the_focus_not_the_list_below_it(page, url):
    """„Münster“ or a typo: the page asks back – the focus (and a phone's screen) goes to
    the question, not to „Alle Zentren“ further down."""
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(url)
    focused = page.evaluate("document.activeElement.id")
    assert focused in ("error-summary", "place-question")
    if focused == "place-question":
        first = page.locator("#place-question a").first
        expect(first).to_have_text("Münster (Münster, Stadt, Nordrhein-Westfalen)")
        assert axe_violations(page) == []


def test_the_browser_names_today_and_tomorrow_as_the_server_does(page):
    """The status is refreshed in the browser every minute (a kept page stays right): its
    sentences are the server's – today and tomorrow by name."""
    from datetime import UTC, datetime

    page.clock.set_fixed_time(datetime(2026, 12, 2, 11, 0, tzinfo=UTC))  # Wed, 12:00 Berlin
    page.goto("/zentren/muetterzentrum-dortmund-ev-mehrgenerationenhaus/")

    def refreshed(opens_utc: datetime) -> str:
        start = int(opens_utc.timestamp() * 1000)
        return page.evaluate(
            """start => {
                const status = document.querySelector(".open-status");
                status.dataset.hours = JSON.stringify([[start, start + 3600000]]);
                refreshOpenStatus();
                return status.textContent;
            }""",
            start,
        )

    assert refreshed(datetime(2026, 12, 2, 14, 0, tzinfo=UTC)) == (
        "Geschlossen · öffnet heute um 15:00 Uhr"
    )
    assert refreshed(datetime(2026, 12, 3, 7, 30, tzinfo=UTC)) == (
        "Geschlossen · öffnet morgen um 08:30 Uhr"
    )
    assert refreshed(datetime(2026, 12, 5, 8, 0, tzinfo=UTC)) == (
        "Geschlossen · öffnet wieder am Samstag, 5. Dezember um 09:00 Uhr"
    )


def test_centre_page_shows_open_status_hours_and_map(page):
    page.goto("/zentren/muetterzentrum-dortmund-ev-mehrgenerationenhaus/")
    status = page.locator(".open-status").first
    expect(status).to_have_text(
        re.compile(r"^(Jetzt geöffnet bis|Geschlossen · öffnet (wieder am|heute|morgen))")
    )
    expect(page.get_by_role("table", name="Öffnungszeiten pro Wochentag")).to_contain_text("Montag")
    expect(page.locator(".centre-map .leaflet-marker-icon")).to_have_count(1)
    assert axe_violations(page) == []


def test_editor_takes_coordinates_from_the_postcode_and_sees_the_pin(browser, live_site):
    context = browser.new_context(base_url=live_site.url, locale="de-DE")
    admin = context.new_page()
    office_login(admin, live_site)
    centre_id = (
        live_site.manage(
            "shell",
            "-c",
            "from dorfbrunnen.centres.models import CentrePage; "
            "print(CentrePage.objects.get(slug__startswith='muetterzentrum-dortmund').pk)",
        )
        .strip()
        .splitlines()[-1]
    )
    admin.goto(f"/admin/pages/{centre_id}/edit/")
    # The coordinates are folded away behind the address; they open on request.
    expect(admin.locator("#id_latitude")).to_be_hidden()
    admin.locator("#id_postcode").fill("48161")
    admin.get_by_role("button", name="Position aus der Adresse").click()
    expect(admin.get_by_text("Übernommen: 48161 Münster")).to_be_visible()
    assert abs(float(admin.locator("#id_latitude").input_value()) - 51.97) < 0.1
    expect(admin.locator(".centre-coordinates .leaflet-marker-draggable")).to_have_count(1)
    admin.get_by_role("button", name="Position von Hand eintragen").click()
    expect(admin.locator("#id_latitude")).to_be_visible()
    context.close()
