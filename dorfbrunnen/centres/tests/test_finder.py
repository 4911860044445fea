import json

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dorfbrunnen.centres import geo
from dorfbrunnen.centres.models import CentrePage
from dorfbrunnen.centres.selectors import centres_near

from .factories import centre


def names(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text() for a in soup.select(".centre-list .card__title a")]


def test_coordinates_are_filled_from_the_postcode_on_save(demo):
    page = centre("Neu", "44149")
    assert (page.latitude, page.longitude) == pytest.approx(geo.postcode_point("44149"))


def test_search_by_postcode_lists_centres_in_radius_nearest_first_with_distance(client, demo):
    response = client.get("/zentren/", {"ort": "45134", "umkreis": 25})
    assert response.status_code == 200
    found = names(response)
    assert found[0] == "Mütter- und Familienzentrum Essen e.V."
    essen = geo.postcode_point("45134")
    distances = [
        geo.distance_km(*essen, c.latitude, c.longitude)
        for c in [CentrePage.objects.get(title=name) for name in found]
    ]
    assert distances == sorted(distances) and distances[-1] <= 25
    outside = [
        c.title
        for c in CentrePage.objects.all()
        if geo.distance_km(*essen, c.latitude, c.longitude) > 25
    ]
    assert not set(outside) & set(found)
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(".centre-card__distance").get_text().endswith("km entfernt")


def test_offer_filter_needs_every_chosen_offer(client, demo):
    found = names(
        client.get(
            "/zentren/",
            {"ort": "Essen", "umkreis": 100, "angebot": ["sprachcafe", "kinderbetreuung"]},
        )
    )
    assert found
    for name in found:
        slugs = set(CentrePage.objects.get(title=name).offers.values_list("slug", flat=True))
        assert {"sprachcafe", "kinderbetreuung"} <= slugs


def test_nothing_in_radius_shows_the_three_nearest(client, demo):
    response = client.get("/zentren/", {"ort": "Berlin", "umkreis": 5})
    assert "haben wir kein Zentrum gefunden" in response.text
    found = names(response)
    assert len(found) == 3
    berlin = geo.find_place("Berlin")
    all_distances = sorted(
        geo.distance_km(berlin.latitude, berlin.longitude, c.latitude, c.longitude)
        for c in CentrePage.objects.live()
    )
    nearest = [CentrePage.objects.get(title=n) for n in found]
    assert [
        round(geo.distance_km(berlin.latitude, berlin.longitude, c.latitude, c.longitude), 6)
        for c in nearest
    ] == [round(d, 6) for d in all_distances[:3]]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"ort": "Atlantis"}, "Den Ort „Atlantis“ haben wir nicht gefunden."),
        ({"ort": "123"}, "Eine Postleitzahl hat fünf Ziffern."),
        ({"ort": "Essen", "umkreis": "7"}, "Bitte wählen Sie einen der angebotenen Umkreise."),
        ({"angebot": "gibtsnicht"}, "Das Angebot „gibtsnicht“ gibt es nicht."),
        ({"near": "999,999"}, "Der Standort ist ungültig."),
    ],
)
def test_bad_input_gets_a_400_with_a_german_message_and_keeps_what_was_typed(
    client, demo, params, message
):
    response = client.get("/zentren/", params)
    assert response.status_code == 400
    assert message in response.text
    if "ort" in params:
        soup = BeautifulSoup(response.content, "html.parser")
        assert soup.find("input", attrs={"name": "ort"})["value"] == params["ort"]


def test_ambiguous_town_offers_choices_that_work(client, demo):
    response = client.get("/zentren/", {"ort": "Münster"})
    soup = BeautifulSoup(response.content, "html.parser")
    links = {a.get_text(): a["href"] for a in soup.select(".notice a")}
    nrw = next(href for text, href in links.items() if "Nordrhein-Westfalen" in text)
    assert "MuM – Mehrgenerationenhaus und Mütterzentrum e.V." in names(
        client.get("/zentren/" + nrw)
    )


def test_geolocation_search(client, demo):
    found = names(client.get("/zentren/", {"near": "51.5136,7.4653", "umkreis": 10}))
    assert found[0] == "Mütterzentrum Dortmund e.V. (Mehrgenerationenhaus)"


def test_query_count_does_not_grow_with_the_number_of_centres(demo):
    place = geo.find_place("44149")

    def count():
        with CaptureQueriesContext(connection) as queries:
            centres_near(place=place, radius_km=100, offers=["offener-treff"])
        return len(queries)

    before = count()
    for number in range(15):
        centre(f"Zusatz {number}", "44139", offers=["offener-treff", "beratung"])
    assert count() == before


def test_open_now_filter(client, demo):
    centre("Immer offen", "44137")  # the factory's default: every day, all day
    centre("Nie offen", "44137", hours=[])
    found = names(client.get("/zentren/", {"ort": "44137", "umkreis": 5, "offen": "on"}))
    assert "Immer offen" in found
    assert "Nie offen" not in found


def test_list_of_all_centres_without_a_search(client, demo):
    response = client.get("/zentren/")
    assert len(names(response)) == 14
    assert "GeoNames (geonames.org), CC BY 4.0" in response.text


def test_centre_page_shows_contact_hours_and_machine_readable_data(client, demo):
    page = CentrePage.objects.get(title="Mütterzentrum Dortmund e.V. (Mehrgenerationenhaus)")
    page.phone = "0231 / 12 34 56"
    page.email = "info@example.org"
    page.save_revision().publish()
    response = client.get(page.url)
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("a", href="tel:0231123456")
    assert soup.find("a", href="mailto:info@example.org")
    assert "Route planen" in response.text
    assert soup.select_one(".open-status")["data-hours"].startswith("[[")
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["address"]["postalCode"] == "44149"
    assert data["geo"]["latitude"] == pytest.approx(page.latitude)
    assert data["openingHoursSpecification"][0]["dayOfWeek"] == "https://schema.org/Monday"
    rows = {
        th.get_text(): td.get_text()
        for th, td in zip(soup.select(".hours th"), soup.select(".hours td"), strict=True)
    }
    assert rows["Sonntag"] == "geschlossen"
    assert "09:00–12:30 Uhr" in rows["Montag"]


def test_no_map_and_no_leaflet_without_a_tile_server(client, demo, settings):
    settings.MAP_TILE_URL = ""
    response = client.get("/zentren/", {"ort": "Essen"})
    assert "leaflet" not in response.text
    assert "centre-map" not in response.text
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    cache.clear()  # settings change only with a deployment, which starts with a fresh cache
    response = client.get("/zentren/", {"ort": "Essen"})
    assert 'data-tiles="https://tiles.example.org/{z}/{x}/{y}.png"' in response.text


def test_widget_may_be_framed_and_uses_the_same_parameters(client, demo):
    response = client.get("/zentren/einbetten/", {"ort": "Essen", "umkreis": 25})
    assert response.status_code == 200
    assert "X-Frame-Options" not in response.headers
    assert "frame-ancestors *" in response.headers["Content-Security-Policy"]
    assert names(response)[0] == "Mütter- und Familienzentrum Essen e.V."
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(".centre-card__link")["target"] == "_blank"
