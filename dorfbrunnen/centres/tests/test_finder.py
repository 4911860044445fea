import json
from datetime import datetime, time, timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dorfbrunnen.centres import geo, hours
from dorfbrunnen.centres.models import CentreIndexPage, CentrePage, Offer, OpeningException
from dorfbrunnen.centres.selectors import cards_by_id, load_hits, rank_centres
from dorfbrunnen.centres.views import CENTRES_PER_PAGE

from .factories import centre, km_north_of


@pytest.fixture
def finder(section):
    """The address of the centres page (the finder)."""
    return section("centres").url


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def names(response):
    return [a.get_text() for a in soup_of(response).select(".centre-list .card__title a")]


def distances(response):
    return [p.get_text() for p in soup_of(response).select(".centre-list .centre-card__distance")]


def test_coordinates_are_filled_from_the_postcode_on_save(db):
    page = centre("Neu", "44149")
    assert (page.latitude, page.longitude) == pytest.approx(geo.postcode_point("44149"))


def test_search_by_postcode_lists_centres_in_radius_nearest_first_with_distance(client, finder):
    here = geo.find_place("45134")
    # Made in another order than the expected one, so the finder must sort.
    centre("Zwanzig", "45134", **km_north_of(here, 20))
    centre("Zwei", "45134", **km_north_of(here, 2))
    centre("Dreißig", "45134", **km_north_of(here, 30))
    centre("Zehn", "45134", **km_north_of(here, 9.96))
    response = client.get(finder, {"ort": "45134", "umkreis": 25})
    assert response.status_code == 200
    assert names(response) == ["Zwei", "Zehn", "Zwanzig"]
    assert distances(response) == ["2,0 km entfernt", "10,0 km entfernt", "20,0 km entfernt"]
    heading = soup_of(response).select_one("#results-heading").get_text(" ", strip=True)
    assert heading == f"3 Zentren im Umkreis von 25 km um {here.label}"


def test_offer_filter_needs_every_chosen_offer(client, finder):
    centre("Beides", "45127", town="Essen", offers=["sprachcafe", "kinderbetreuung"])
    centre("Beides und mehr", "45141", offers=["sprachcafe", "kinderbetreuung", "beratung"])
    centre("Nur Sprachcafé", "45134", offers=["sprachcafe"])
    centre("Nur Kinderbetreuung", "45134", offers=["kinderbetreuung"])
    chosen = ["sprachcafe", "kinderbetreuung"]
    found = names(client.get(finder, {"ort": "Essen", "umkreis": 100, "angebot": chosen}))
    assert sorted(found) == ["Beides", "Beides und mehr"]
    # The list of all centres (no place given) filters the same way.
    assert names(client.get(finder, {"angebot": chosen})) == ["Beides", "Beides und mehr"]


def test_nothing_in_radius_shows_the_three_nearest(client, finder):
    berlin = geo.find_place("Berlin")
    centre("Vierzig", "10117", **km_north_of(berlin, 40))
    centre("Zehn", "10117", **km_north_of(berlin, 10))
    centre("Dreißig", "10117", **km_north_of(berlin, 30))
    centre("Zwanzig", "10117", **km_north_of(berlin, 20))
    centre("Unveröffentlicht", "10117", **km_north_of(berlin, 6)).unpublish()
    response = client.get(finder, {"ort": "Berlin", "umkreis": 5})
    assert response.status_code == 200
    assert "Im Umkreis von 5 km um Berlin haben wir kein Zentrum gefunden" in response.text
    assert "Das sind die nächstgelegenen Zentren:" in response.text
    assert names(response) == ["Zehn", "Zwanzig", "Dreißig"]


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
    client, finder, params, message
):
    response = client.get(finder, params)
    assert response.status_code == 400
    assert message in response.text
    if "ort" in params:
        typed = soup_of(response).find("input", attrs={"name": "ort"})["value"]
        assert typed == params["ort"]


def test_ambiguous_town_offers_choices_that_work(client, finder):
    centre("Zentrum in Münster (Westfalen)", "48143", town="Münster")
    centre("Zentrum in Münster (Hessen)", "64839", town="Münster")
    response = client.get(finder, {"ort": "Münster"})
    assert response.status_code == 200
    assert "„Münster“ gibt es mehrmals. Welchen Ort meinen Sie?" in response.text
    links = {a.get_text(): a["href"] for a in soup_of(response).select(".notice a")}
    assert len(links) == 3  # NRW, Hessen, Bayern
    nrw = next(href for text, href in links.items() if "Nordrhein-Westfalen" in text)
    hessen = next(href for text, href in links.items() if "Hessen" in text)
    assert names(client.get(finder + nrw))[0] == "Zentrum in Münster (Westfalen)"
    assert names(client.get(finder + hessen))[0] == "Zentrum in Münster (Hessen)"


def test_choosing_which_muenster_keeps_the_offers_and_open_now_asked_for(client, finder):
    centre("Mit Treff", "48143", town="Münster", offers=["offener-treff"])
    centre("Ohne Treff", "48143", town="Münster")
    response = client.get(finder, {"ort": "Münster", "angebot": "offener-treff", "offen": "on"})
    links = {a.get_text(): a["href"] for a in soup_of(response).select(".notice a")}
    nrw = next(href for text, href in links.items() if "Nordrhein-Westfalen" in text)
    assert names(client.get(finder + nrw)) == ["Mit Treff"]


def test_geolocation_search(client, finder):
    here = geo.Place("Standort", 51.5136, 7.4653)
    centre("Weit weg", "44137", **km_north_of(here, 30))
    centre("Nebenan", "44137", **km_north_of(here, 1))
    centre("Um die Ecke", "44137", **km_north_of(here, 4))
    response = client.get(finder, {"near": "51.5136,7.4653", "umkreis": 10})
    assert names(response) == ["Nebenan", "Um die Ecke"]
    assert "um Ihrem Standort" in response.text


def test_query_count_does_not_grow_with_the_number_of_centres(db):
    place = geo.find_place("44149")
    for number in range(2):
        centre(f"Erstes {number}", "44139", offers=["offener-treff"])

    def count():
        with CaptureQueriesContext(connection) as queries:
            ranked, _within = rank_centres(place=place, radius_km=100, offers=["offener-treff"])
            hits = load_hits(ranked)
            for hit in hits:  # what a card shows
                hit.centre.offers_list, hit.centre.current_status, hit.centre.get_url()
        return len(queries), len(hits)

    count()  # the cached rules (privacy, sites) are read again after a change
    before, found = count()
    assert found == 2
    for number in range(15):
        centre(f"Zusatz {number}", "44139", offers=["offener-treff", "beratung"])
    count()
    assert count() == (before, 17)


def test_a_card_stays_kept_while_other_centres_are_published_and_follows_its_own_changes(db):
    near = centre("Nahe", "44137", offers=["beratung"])
    elsewhere = centre("Anderswo", "50667")

    def card():
        with CaptureQueriesContext(connection) as queries:
            (found,) = cards_by_id([near.pk])
        return found, [query["sql"] for query in queries]

    card()
    elsewhere.title = "Anderswo, neu"
    elsewhere.save_revision().publish()
    # The centres' stamps (and the offers, kept per content version): the card itself was
    # not read again.
    assert not any('"centres_centrepage"' in sql for sql in card()[1])

    page = CentrePage.objects.get(pk=near.pk)
    page.title = "Nahe, neu"
    page.save_revision().publish()
    assert card()[0].title == "Nahe, neu"

    advice = Offer.objects.get(slug="beratung")
    advice.name = "Beratung und Hilfe"
    advice.save()
    assert [offer.name for offer in card()[0].offers_list] == ["Beratung und Hilfe"]

    index = CentreIndexPage.objects.get()
    index.slug = "alle-zentren"
    index.save_revision().publish()
    assert card()[0].url_for(None).endswith("/alle-zentren/nahe/")


def test_a_card_and_the_centres_page_give_the_same_hours_and_exceptions(client, finder):
    """The finder's card reads the hours as plain rows, the centre's page as its models:
    both must come to the same intervals and the same sentence."""
    today = timezone.localdate()
    page = centre(
        "Treff am Bach",
        "44137",
        hours=[(day, time(9), time(17)) for day in range(7)] + [(4, time(20), time(1))],
        closed_on_public_holidays=False,
    )
    # Closed today and tomorrow; a day without an end date (one day) with other hours.
    page.opening_exceptions = [
        OpeningException(start_date=today, end_date=today + timedelta(1)),
        OpeningException(
            start_date=today + timedelta(3), closed=False, opens=time(10), closes=time(11)
        ),
    ]
    page.save_revision().publish()

    def status(response):
        element = soup_of(response).select_one(".open-status")
        return json.loads(element["data-hours"]), element.get_text()

    on_card = status(client.get(finder, {"ort": "44137", "umkreis": 5}))
    on_page = status(client.get(page.url))
    assert on_card == on_page
    intervals = [
        (
            datetime.fromtimestamp(b / 1000, hours.BERLIN),
            datetime.fromtimestamp(e / 1000, hours.BERLIN),
        )
        for b, e in on_card[0]
    ]
    opened = {begin.date() for begin, _end in intervals}
    assert today not in opened and today + timedelta(1) not in opened
    assert [
        (begin.time(), end.time())
        for begin, end in intervals
        if begin.date() == today + timedelta(3)
    ] == [(time(10), time(11))]
    assert today + timedelta(4) in opened


def test_a_kept_card_serves_the_next_day_with_that_days_hours_without_the_database(db, monkeypatch):
    """Cards are kept across midnight: the next day's first searches do not build them
    again; each card computes the new day's intervals from the hours it carries."""
    every_day = [(day, time(9), time(17)) for day in range(7)]
    near = centre("Morgen offen", "44137", hours=every_day, closed_on_public_holidays=False)
    (today_card,) = cards_by_id([near.pk])
    first_day = timezone.localdate()
    tomorrow = timezone.now() + timedelta(days=1)
    monkeypatch.setattr(timezone, "now", lambda: tomorrow)
    with CaptureQueriesContext(connection) as queries:
        (card,) = cards_by_id([near.pk])
        status, intervals = card.current_status, card.upcoming_intervals
    read = " ".join(query["sql"] for query in queries)
    assert '"centres_centrepage"' not in read and '"centres_openinghours"' not in read
    # The intervals begin the day before the day they are for: now the first day.
    assert timezone.localtime(intervals[0][0]).date() == first_day
    assert today_card.upcoming_intervals[0][0] < intervals[0][0]
    assert status == hours.status_at(tomorrow, intervals)


def test_open_now_filter(client, finder):
    centre("Immer offen", "44137")  # the factory's default: every day, all day
    centre("Nie offen", "44137", hours=[])
    found = names(client.get(finder, {"ort": "44137", "umkreis": 5, "offen": "on"}))
    assert found == ["Immer offen"]
    assert names(client.get(finder, {"offen": "on"})) == ["Immer offen"]
    assert sorted(names(client.get(finder, {"ort": "44137", "umkreis": 5}))) == [
        "Immer offen",
        "Nie offen",
    ]


def test_the_open_now_filter_of_the_whole_list_fills_each_page(client, finder, monkeypatch):
    """Without a place, the list of all centres is filtered before it is paged: an open
    centre after a page's worth of closed ones is on the first page, and no page is empty."""
    monkeypatch.setattr("dorfbrunnen.centres.views.CENTRES_PER_PAGE", 2)
    for letter in "ABC":
        centre(f"{letter} zu", "44137", hours=[])
    centre("D offen", "44137")
    assert names(client.get(finder, {"offen": "on"})) == ["D offen"]
    assert client.get(finder, {"offen": "on", "seite": 2}).status_code == 404
    assert names(client.get(finder, {"seite": 2})) == ["C zu", "D offen"]


def test_the_open_now_filter_leaves_out_a_centre_closed_for_the_day(client, finder):
    """A closure of one day (no end date) counts for the filter as on the card."""
    closed = centre("Heute zu", "44137")
    closed.opening_exceptions = [OpeningException(start_date=timezone.localdate())]
    closed.save_revision().publish()
    centre("Heute offen", "44137")
    near = {"ort": "44137", "umkreis": 5}
    assert names(client.get(finder, {**near, "offen": "on"})) == ["Heute offen"]
    assert names(client.get(finder, {"offen": "on"})) == ["Heute offen"]
    assert sorted(names(client.get(finder, near))) == ["Heute offen", "Heute zu"]


def test_list_of_all_centres_without_a_search(client, finder):
    centre("Caféstube", "44137")
    centre("Altes Rathaus", "45134")
    centre("Brunnenhaus", "48143")
    centre("Entwurf", "48143").unpublish()
    response = client.get(finder)
    assert names(response) == ["Altes Rathaus", "Brunnenhaus", "Caféstube"]
    assert "GeoNames (geonames.org), CC BY 4.0" in response.text


def test_an_empty_list_says_so(client, finder):
    response = client.get(finder)
    assert response.status_code == 200
    assert "Hier sind noch keine Zentren eingetragen." in response.text


def test_long_lists_are_paged_and_pages_beyond_the_end_are_404(client, finder):
    here = geo.find_place("44137")
    for number in range(CENTRES_PER_PAGE + 1):
        centre(f"Zentrum {number:02d}", "44137", **km_north_of(here, number / 10))
    assert len(names(client.get(finder))) == CENTRES_PER_PAGE
    assert names(client.get(finder, {"seite": 2})) == [f"Zentrum {CENTRES_PER_PAGE:02d}"]
    search = {"ort": "44137", "umkreis": 5}
    assert names(client.get(finder, {**search, "seite": 2})) == [f"Zentrum {CENTRES_PER_PAGE:02d}"]
    for page in ("3", "0", "abc"):
        assert client.get(finder, {"seite": page}).status_code == 404
        assert client.get(finder, {**search, "seite": page}).status_code == 404


def test_centre_page_shows_contact_hours_and_machine_readable_data(client, db):
    page = centre(
        "Familienzentrum am Markt",
        "44149",
        town="Dortmund",
        street="Marktplatz 1",
        phone="0231 / 12 34 56",
        email="info@example.org",
        hours=[(0, time(9), time(12, 30)), (0, time(14), time(17)), (2, time(9), time(12))],
    )
    response = client.get(page.url)
    soup = soup_of(response)
    assert soup.find("a", href="tel:0231123456")
    assert soup.find("a", href="mailto:info@example.org")
    assert "Route planen" in response.text
    assert soup.select_one(".open-status")["data-hours"].startswith("[[")
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["address"]["postalCode"] == "44149"
    assert data["address"]["streetAddress"] == "Marktplatz 1"
    assert data["geo"]["latitude"] == pytest.approx(page.latitude)
    assert [(spec["dayOfWeek"], spec["opens"]) for spec in data["openingHoursSpecification"]] == [
        ("https://schema.org/Monday", "09:00"),
        ("https://schema.org/Monday", "14:00"),
        ("https://schema.org/Wednesday", "09:00"),
    ]
    rows = {
        th.get_text(): td.get_text()
        for th, td in zip(soup.select(".hours th"), soup.select(".hours td"), strict=True)
    }
    assert rows["Sonntag"] == "geschlossen"
    assert "09:00–12:30 Uhr" in rows["Montag"] and "14:00–17:00 Uhr" in rows["Montag"]


def test_no_map_and_no_leaflet_without_a_tile_server(client, finder, settings):
    centre("Essener Zentrum", "45134", town="Essen")
    settings.MAP_TILE_URL = ""
    response = client.get(finder, {"ort": "Essen"})
    assert names(response) == ["Essener Zentrum"]
    assert "leaflet" not in response.text
    assert "centre-map" not in response.text
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    cache.clear()  # settings change only with a deployment, which starts with a fresh cache
    response = client.get(finder, {"ort": "Essen"})
    assert 'data-tiles="https://tiles.example.org/{z}/{x}/{y}.png"' in response.text


def test_widget_may_be_framed_and_uses_the_same_parameters(client, finder):
    here = geo.find_place("45134")
    centre("Weiter", "45134", **km_north_of(here, 12))
    centre("Näher", "45134", **km_north_of(here, 3))
    centre("Außerhalb", "45134", **km_north_of(here, 40))
    widget = client.get(finder + "einbetten/", {"ort": "45134", "umkreis": 25})
    assert widget.status_code == 200
    assert "X-Frame-Options" not in widget.headers
    assert "frame-ancestors *" in widget.headers["Content-Security-Policy"]
    assert names(widget) == ["Näher", "Weiter"]
    beyond = client.get(finder + "einbetten/", {"seite": 999})  # its „not found“ too
    assert beyond.status_code == 404 and "X-Frame-Options" not in beyond.headers
    assert "frame-ancestors *" in beyond.headers["Content-Security-Policy"]
    assert soup_of(widget).select_one(".centre-card__link")["target"] == "_blank"
    # The finder itself may not be framed by other sites.
    page = client.get(finder, {"ort": "45134", "umkreis": 25})
    assert names(page) == names(widget)
    assert page.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    assert "frame-ancestors *" not in page.headers["Content-Security-Policy"]


@pytest.mark.parametrize("text", ["45134", "Essen", "51.47,7.02"])
def test_finder_widget_and_api_read_a_place_the_same_way(client, finder, text):
    """geo.read_place is the one reading of a place: typed into the finder (`ort`), sent
    as the browser's position (`near`), in the widget and in the API."""
    place = geo.read_place(text)
    # Centres at chosen distances from the place the text names: any other reading of the
    # text would put other centres in the radius, or in another order.
    for km in (22, 1, 9, 26, 15):
        centre(f"{km} km", "45134", **km_north_of(place, km))
    expected_names = ["1 km", "9 km", "15 km", "22 km"]
    expected_distances = [f"{km},0 km entfernt" for km in (1, 9, 15, 22)]
    views = [("ort", finder), ("ort", finder + "einbetten/")]
    if "," in text:
        views += [("near", finder), ("near", finder + "einbetten/")]
    for parameter, url in views:
        response = client.get(url, {parameter: text, "umkreis": 25})
        assert response.status_code == 200, (parameter, url)
        assert names(response) == expected_names, (parameter, url)
        assert distances(response) == expected_distances, (parameter, url)
        assert f"um {place.label}" in response.text
    features = client.get("/api/v1/centres/", {"near": text, "radius_km": 25}).json()["features"]
    assert [f["properties"]["name"] for f in features] == expected_names
    assert [f["properties"]["distance_km"] for f in features] == pytest.approx([1, 9, 15, 22])


@pytest.mark.parametrize(
    ("days_ahead", "expected"),
    [
        (0, "Geschlossen · öffnet heute um 15:00 Uhr"),
        (1, "Geschlossen · öffnet morgen um 15:00 Uhr"),
        (3, "Geschlossen · öffnet wieder am "),
    ],
)
def test_a_closed_centre_names_today_and_tomorrow_by_name(db, monkeypatch, days_ahead, expected):
    """On a Monday, „öffnet wieder am Montag, 30. November“ read as if it were a week away."""
    from dorfbrunnen.centres.templatetags.centre_tags import open_status

    noon = timezone.make_aware(datetime.combine(timezone.localdate(), time(12)))
    monkeypatch.setattr(timezone, "now", lambda: noon)
    opening_day = (noon + timedelta(days=days_ahead)).weekday()
    place = centre(
        "Nachmittags",
        "44137",
        hours=[(opening_day, time(15), time(17))],
        closed_on_public_holidays=False,
    )
    status = BeautifulSoup(open_status(place), "html.parser").p
    assert status.get_text().startswith(expected)
    assert status["data-text-today"] == "Geschlossen · öffnet heute um %(time)s Uhr"
