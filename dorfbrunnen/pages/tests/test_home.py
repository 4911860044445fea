"""The home page leads to what visitors come for: finding a centre, the next event."""

from datetime import timedelta

from bs4 import BeautifulSoup
from django.utils import timezone

from dorfbrunnen.events.models import EventPage
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


def test_the_featured_event_moves_on_when_its_date_passes_without_a_publish(client, db):
    first = event("elterncafe", title="Elterncafé am Abend", days=1)
    event("spielenachmittag", title="Spielenachmittag", days=4)
    featured = soup(client.get("/")).select_one(".home-next-event .card__title")
    assert featured.get_text() == "Elterncafé am Abend"
    # The date passes (no publish, so the cached body of the home page stays as it is).
    past = timezone.now() - timedelta(hours=3)
    EventPage.objects.filter(pk=first.pk).update(start=past, end=past + timedelta(hours=2))
    page = soup(client.get("/", {"neu": "1"}))  # past the whole-page cache
    assert page.select_one(".home-next-event .card__title").get_text() == "Spielenachmittag"
    assert "Elterncafé am Abend" not in page.get_text()
