import csv
import gzip
import math

import pytest

from dorfbrunnen.centres import geo


def law_of_cosines_km(lat1, lon1, lat2, lon2):
    """An independent great-circle formula to check the haversine implementation against."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    cos_angle = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)
    return geo.EARTH_RADIUS_KM * math.acos(max(-1.0, min(1.0, cos_angle)))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ((51.5136, 7.4653), (51.4556, 7.0116)),  # Dortmund – Essen
        ((51.9607, 7.6261), (50.9375, 6.9603)),  # Münster – Köln
        ((54.3233, 10.1228), (47.5596, 7.5886)),  # Kiel – Basel
        ((51.0, 7.0), (51.0, 7.3)),  # same latitude
        ((0.0, 0.0), (0.0, 90.0)),  # a quarter of the equator
    ],
)
def test_haversine_matches_an_independent_formula(a, b):
    assert geo.distance_km(*a, *b) == pytest.approx(law_of_cosines_km(*a, *b), rel=1e-6)


def test_known_distance_dortmund_essen_is_about_32_km():
    assert 31 < geo.distance_km(51.5136, 7.4653, 51.4556, 7.0116) < 33


def test_bounding_box_contains_the_circle():
    lat, lon, radius = 51.5, 7.4, 25
    min_lat, max_lat, min_lon, max_lon = geo.bounding_box(lat, lon, radius)
    for bearing in range(0, 360, 15):
        # a point just inside the circle in every direction
        d = (radius * 0.999) / geo.EARTH_RADIUS_KM
        b = math.radians(bearing)
        p1 = math.radians(lat)
        p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
        l2 = math.radians(lon) + math.atan2(
            math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2)
        )
        assert min_lat <= math.degrees(p2) <= max_lat
        assert min_lon <= math.degrees(l2) <= max_lon


def rows_for(postcode):
    with gzip.open(geo.DATA_FILE, "rt", encoding="utf-8") as file:
        return [row for row in csv.DictReader(file) if row["postcode"] == postcode]


def test_postcode_point_is_the_mean_of_its_rows():
    rows = rows_for("44149")
    expected = (
        sum(float(r["latitude"]) for r in rows) / len(rows),
        sum(float(r["longitude"]) for r in rows) / len(rows),
    )
    assert geo.postcode_point("44149") == pytest.approx(expected)
    place = geo.find_place("44149")
    assert place.label == "44149 Dortmund"
    assert (place.latitude, place.longitude) == pytest.approx(expected)


@pytest.mark.parametrize(
    "query", ["Mönchengladbach", "moenchengladbach", "MÖNCHENGLADBACH", " Mönchen-gladbach "]
)
def test_town_names_match_forgivingly(query):
    assert geo.find_place(query).label == "Mönchengladbach"


def test_ambiguous_town_asks_and_an_option_resolves_it():
    with pytest.raises(geo.AmbiguousPlace) as error:
        geo.find_place("Muenster")
    # The city first, the villages of the same name after it.
    nrw = error.value.options[0]
    assert nrw == "Münster (Münster, Stadt, Nordrhein-Westfalen)"
    place = geo.find_place(nrw)
    assert place.label == "Münster"
    assert geo.distance_km(place.latitude, place.longitude, 51.9607, 7.6261) < 5


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Bitte geben Sie eine Postleitzahl oder einen Ort ein."),
        ("4414", "Eine Postleitzahl hat fünf Ziffern."),
        ("00000", "Die Postleitzahl 00000 kennen wir nicht."),
        ("Atlantis", "Den Ort „Atlantis“ haben wir nicht gefunden."),
    ],
)
def test_unknown_places_get_a_clear_german_message(query, message):
    with pytest.raises(geo.PlaceError) as error:
        geo.find_place(query)
    assert message in str(error.value)


@pytest.mark.parametrize("value", ["abc", "91,0", "51.5", "51.5,7.4,1", "nan,7", "51,200"])
def test_bad_coordinates_are_refused(value):
    with pytest.raises(geo.PlaceError):
        geo.parse_point(value)


def test_a_worker_loads_the_postcodes_before_its_first_request():
    """A worker started under load would otherwise build the postcode index in its first
    searches, in every thread at once (core.startup)."""
    import importlib

    import dorfbrunnen.wsgi

    geo._index.cache_clear()
    importlib.reload(dorfbrunnen.wsgi)
    assert geo._index.cache_info().currsize == 1
    assert geo.postcode_point("44135") is not None
