"""The home page leads to what visitors come for: finding a centre, the next event."""

from datetime import timedelta

from bs4 import BeautifulSoup
from django.utils import timezone

from dorfbrunnen.events.tests.factories import event


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_home_has_a_finder_box_near_the_top_that_works_without_javascript(client, section):
    page = soup(client.get("/"))
    form = page.select_one("form.finder-box")
    assert form.select_one("#finder-box-label").get_text() == "Zentrum in Ihrer Nähe finden"
    assert (form["method"], form["action"], form["role"]) == (
        "get",
        section("centres").url,
        "search",
    )
    assert [field["name"] for field in form.select("input")] == ["ort"]
    assert len(form.select("button")) == 1
    # Near the top: right under the welcome's title – first thing on a phone.
    assert form.find_previous_sibling().name == "h1"
    # The box's search, as a visitor sends it: a plain GET of the finder.
    results = soup(client.get(form["action"], {"ort": "44149"}))
    assert "um 44149 Dortmund" in results.select_one("#results-heading").get_text()


def test_the_featured_event_moves_on_when_its_date_passes_without_a_publish(
    client, db, monkeypatch
):
    first = event("elterncafe", title="Elterncafé am Abend", days=1)
    event("spielenachmittag", title="Spielenachmittag", days=4)
    featured = soup(client.get("/")).select_one(".home-next-event .card__title")
    assert featured.get_text() == "Elterncafé am Abend"
    # The clock moves past its start – no publish, so the content version stays the same.
    later = first.start + timedelta(minutes=5)
    monkeypatch.setattr(timezone, "now", lambda: later)
    for query in ("1", "2"):  # past the whole-page cache; the second from the fragment cache
        page = soup(client.get("/", {"neu": query}))
        assert page.select_one(".home-next-event .card__title").get_text() == "Spielenachmittag"
        assert "Elterncafé am Abend" not in page.get_text()
