"""The map that needs no third party (centres/maps.py) and the finder's radius select."""

import re

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache

from dorfbrunnen.centres import maps

from .factories import centre


@pytest.fixture
def finder(section):
    return section("centres").url


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def test_finder_draws_the_region_with_the_centres_as_linked_points(client, finder, settings):
    settings.MAP_TILE_URL = ""
    essen = centre("Mütterzentrum Essen", "45134", town="Essen")
    aachen = centre("Mütterzentrum Aachen", "52062", town="Aachen")
    soup = soup_of(client.get(finder, {"ort": "Essen", "umkreis": "100"}))
    svg = soup.select_one("figure.overview-map svg")
    assert svg.select("path.overview-map__land")  # NRW's outline
    points = {a["aria-label"]: a for a in svg.select("a.overview-map__point")}
    assert points["Mütterzentrum Essen"]["href"] == essen.url
    assert points["Mütterzentrum Aachen"]["href"] == aachen.url
    # Aachen lies west (left) of Essen: the map is never mirrored.
    x = {name: float(a.circle["cx"]) for name, a in points.items()}
    assert x["Mütterzentrum Aachen"] < x["Mütterzentrum Essen"]
    assert svg.select_one("circle.overview-map__radius")  # the search's 100 km
    caption = soup.select_one("#overview-map-caption").get_text()
    assert "2 Zentren" in caption and "100 km um Essen" in caption
    assert "leaflet" not in str(soup)
    # Without a search: the listed centres.
    all_centres = soup_of(client.get(finder)).select("a.overview-map__point")
    assert {a["aria-label"] for a in all_centres} == set(points)


def test_centre_page_shows_its_place_on_the_overview_map(client, db, settings):
    settings.MAP_TILE_URL = ""
    page = centre("Mütterzentrum Siegen", "57072", town="Siegen")
    soup = soup_of(client.get(page.url))
    (point,) = soup.select(".facts-box figure.overview-map a.overview-map__point")
    assert point["href"] == page.url
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    cache.clear()
    soup = soup_of(client.get(page.url))
    assert not soup.select(".overview-map")
    assert soup.select_one(".centre-map[data-tiles]")


def test_the_region_is_a_setting(db, settings):
    hamburg = centre("Familienzentrum Hamburg", "20095", town="Hamburg")
    nrw = maps.region_map([], region="nrw")
    germany = maps.region_map([hamburg], region="de")
    assert len(nrw.paths) == 1 and len(germany.paths) == 16
    assert germany.height > nrw.height  # Germany is taller than wide, NRW wider than tall
    # A point outside the region widens the map instead of falling off it.
    wider = maps.region_map([hamburg], region="nrw")
    assert 0 <= wider.points[0].y <= wider.height
    assert wider.height > nrw.height


def test_shipped_outlines_stay_small():
    for path in maps.REGIONS_DIR.glob("*.json"):
        assert path.stat().st_size < 16_000, path.name


def test_radius_select_shows_the_radius_used(client, finder):
    centre("Essener Zentrum", "45134", town="Essen")

    def selected(params):
        soup = soup_of(client.get(finder, params))
        return soup.select_one("#id_umkreis option[selected]")["value"], soup.select_one(
            "#results-heading"
        ).get_text()

    value, heading = selected({"ort": "Essen"})  # as the home page's box sends it
    assert value == "25" and re.search(r"25 km um Essen", heading)
    value, heading = selected({"ort": "Essen", "umkreis": "50"})
    assert value == "50" and "50 km" in heading


def test_my_location_button_waits_for_javascript_and_geolocation(client, finder):
    """Without JavaScript the button could do nothing: it is hidden in the HTML, and
    static/js/centres.js shows it only where the browser offers geolocation."""
    button = soup_of(client.get(finder)).select_one("[data-geolocate]")
    assert button.get_text() == "Meinen Standort verwenden"
    assert button.has_attr("hidden")
