import pytest

from dorfbrunnen.centres import geo


def test_api_lists_all_published_centres_as_geojson(client, demo):
    data = client.get("/api/v1/centres/").json()
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == 14
    feature = data["features"][0]
    assert feature["geometry"]["type"] == "Point"
    assert set(feature["properties"]) == {
        "name",
        "url",
        "street",
        "postcode",
        "town",
        "offers",
        "open_now",
    }
    assert feature["properties"]["url"].startswith("http://testserver/zentren/")


def test_api_near_filters_by_radius_and_sorts_by_distance(client, demo):
    data = client.get("/api/v1/centres/", {"near": "Essen", "radius_km": 30}).json()
    distances = [f["properties"]["distance_km"] for f in data["features"]]
    assert distances == sorted(distances) and all(d <= 30 for d in distances)
    essen = geo.find_place("Essen")
    first = data["features"][0]
    lon, lat = first["geometry"]["coordinates"]
    assert first["properties"]["distance_km"] == pytest.approx(
        geo.distance_km(essen.latitude, essen.longitude, lat, lon), abs=0.01
    )


def test_api_offer_filter(client, demo):
    data = client.get("/api/v1/centres/", {"offer": "sprachcafe"}).json()
    assert data["features"]
    assert all("sprachcafe" in f["properties"]["offers"] for f in data["features"])


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"near": "Atlantis"}, "nicht gefunden"),
        ({"near": "Essen", "radius_km": "viel"}, "radius_km muss eine Zahl sein"),
        ({"near": "Essen", "radius_km": "-3"}, "radius_km muss größer als 0"),
        ({"near": "Essen", "radius_km": "nan"}, "radius_km muss größer als 0"),
        ({"offer": "raumschiff"}, "Unbekanntes Angebot: raumschiff"),
        ({"near": "Münster"}, "gibt es mehrmals"),
    ],
)
def test_api_bad_parameters_answer_400_with_a_json_message(client, demo, params, fragment):
    response = client.get("/api/v1/centres/", params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert fragment in response.json()["error"]


def test_openapi_schema_describes_the_endpoint(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    parameters = {p["name"] for p in schema["paths"]["/centres/"]["get"]["parameters"]}
    assert parameters == {"near", "radius_km", "offer"}


def test_postcode_api_gives_the_point_or_a_404_message(client, db):
    data = client.get("/api/v1/postcodes/44149/").json()
    assert data["label"] == "44149 Dortmund"
    assert data["latitude"] == pytest.approx(geo.postcode_point("44149")[0])
    missing = client.get("/api/v1/postcodes/00000/")
    assert missing.status_code == 404
    assert "kennen wir nicht" in missing.json()["error"]
    assert client.get("/api/v1/postcodes/abc/").status_code == 404
