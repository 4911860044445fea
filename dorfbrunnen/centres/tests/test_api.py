import pytest

from dorfbrunnen.centres import geo
from dorfbrunnen.testing import response_json

from .factories import centre, km_north_of

API = "/api/v1/centres/"


def test_api_lists_all_published_centres_as_geojson(client, section):
    centre("Zentrum B", "44149", town="Dortmund", street="Weg 2", offers=["beratung"])
    centre("Zentrum A", "45134", town="Essen", offers=["sprachcafe", "offener-treff"])
    centre("Entwurf", "45134").unpublish()
    response = client.get(API)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    assert response["Access-Control-Allow-Origin"] == "*"
    data = response_json(response)
    assert data["type"] == "FeatureCollection"
    assert [f["properties"]["name"] for f in data["features"]] == ["Zentrum A", "Zentrum B"]
    feature = data["features"][1]
    assert feature["geometry"]["type"] == "Point"
    latitude, longitude = geo.postcode_point("44149")
    assert feature["geometry"]["coordinates"] == pytest.approx([longitude, latitude])
    assert feature["properties"] | {"id": None} == {
        "id": None,
        "name": "Zentrum B",
        "url": "http://testserver" + section("centres").url + "zentrum-b/",
        "street": "Weg 2",
        "postcode": "44149",
        "town": "Dortmund",
        "phone": "",
        "email": "",
        "website": "",
        "offers": ["beratung"],
        "open_now": True,
    }
    assert sorted(data["features"][0]["properties"]["offers"]) == ["offener-treff", "sprachcafe"]


def test_api_near_filters_by_radius_and_sorts_by_distance(client, db):
    essen = geo.find_place("Essen")
    centre("Fünfundzwanzig", "45134", **km_north_of(essen, 25))
    centre("Fünf", "45134", **km_north_of(essen, 5))
    centre("Vierzig", "45134", **km_north_of(essen, 40))
    centre("Zwölf", "45134", **km_north_of(essen, 12.3456))
    data = client.get(API, {"near": "Essen", "radius_km": 30}).json()
    assert data["within_radius"] is True
    assert [f["properties"]["name"] for f in data["features"]] == [
        "Fünf",
        "Zwölf",
        "Fünfundzwanzig",
    ]
    assert [f["properties"]["distance_km"] for f in data["features"]] == [5.0, 12.35, 25.0]


def test_api_near_answers_the_nearest_up_to_limit_and_says_how_many_matched(client, db):
    essen = geo.find_place("Essen")
    for km in (9, 3, 7, 1, 5):
        centre(f"{km} km", "45134", **km_north_of(essen, km))
    data = client.get(API, {"near": "Essen", "radius_km": 10, "limit": 2}).json()
    assert [f["properties"]["name"] for f in data["features"]] == ["1 km", "3 km"]
    assert data["matched"] == 5
    everything = client.get(API, {"near": "Essen", "radius_km": 10}).json()
    assert len(everything["features"]) == everything["matched"] == 5


def test_api_nothing_in_radius_gives_the_three_nearest(client, db):
    berlin = geo.find_place("Berlin")
    for km in (40, 10, 30, 20):
        centre(f"{km} km", "10117", **km_north_of(berlin, km))
    data = client.get(API, {"near": "Berlin", "radius_km": 5}).json()
    assert data["within_radius"] is False
    assert [f["properties"]["name"] for f in data["features"]] == ["10 km", "20 km", "30 km"]


def test_api_offer_filter_needs_every_offer(client, db):
    centre("Beides", "45134", offers=["sprachcafe", "beratung"])
    centre("Nur Sprachcafé", "45134", offers=["sprachcafe"])
    centre("Nur Beratung", "45134", offers=["beratung"])

    def found(**params):
        return [f["properties"]["name"] for f in response_json(client.get(API, params))["features"]]

    assert found(offer="sprachcafe") == ["Beides", "Nur Sprachcafé"]
    assert found(offer=["sprachcafe", "beratung"]) == ["Beides"]
    assert found(offer=["sprachcafe", "beratung"], near="45134") == ["Beides"]


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"near": "Atlantis"}, "Den Ort „Atlantis“ haben wir nicht gefunden"),
        ({"near": "123"}, "Eine Postleitzahl hat fünf Ziffern"),
        ({"near": "91,0"}, "Der Standort ist ungültig"),
        ({"near": "Essen", "radius_km": "viel"}, "radius_km muss eine Zahl sein"),
        ({"near": "Essen", "radius_km": "-3"}, "radius_km muss größer als 0"),
        ({"near": "Essen", "radius_km": "nan"}, "radius_km muss größer als 0"),
        ({"near": "Essen", "radius_km": "501"}, "höchstens 500"),
        ({"offer": "raumschiff"}, "Unbekanntes Angebot: raumschiff"),
        ({"near": "Essen", "limit": "0"}, "limit muss eine ganze Zahl von 1 bis 500"),
        ({"near": "Essen", "limit": "alle"}, "limit muss eine ganze Zahl"),
        ({"near": "Essen", "limit": "501"}, "von 1 bis 500"),
        ({"near": "Münster"}, "„Münster“ gibt es mehrmals"),
    ],
)
def test_api_bad_parameters_answer_400_with_a_json_message(client, db, params, fragment):
    response = client.get(API, params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert fragment in response.json()["error"]


def test_api_ambiguous_town_lists_options_that_work_as_near(client, db):
    centre("In Münster", "48143", town="Münster")
    data = client.get(API, {"near": "Münster"}).json()
    nrw = next(option for option in data["options"] if "Nordrhein-Westfalen" in option)
    found = client.get(API, {"near": nrw, "radius_km": 10}).json()
    assert [f["properties"]["name"] for f in found["features"]] == ["In Münster"]


def test_openapi_schema_describes_the_endpoint(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    parameters = {p["name"] for p in schema["paths"]["/centres/"]["get"]["parameters"]}
    assert parameters == {"near", "radius_km", "limit", "offer"}


def test_postcode_api_gives_the_point_or_a_404_message(client, db):
    data = client.get("/api/v1/postcodes/44149/").json()
    assert data["label"] == "44149 Dortmund"
    assert (data["latitude"], data["longitude"]) == pytest.approx(geo.postcode_point("44149"))
    missing = client.get("/api/v1/postcodes/00000/")
    assert missing.status_code == 404
    assert "kennen wir nicht" in missing.json()["error"]
    assert client.get("/api/v1/postcodes/abc/").status_code == 404
