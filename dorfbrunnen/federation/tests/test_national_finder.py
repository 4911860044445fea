"""The national site's finder: own and federated centres in one table, one distance order;
each federated result links to its source, whose licence is named on the page."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from dorfbrunnen.centres import geo
from dorfbrunnen.centres.tests.factories import centre, km_north_of
from dorfbrunnen.federation.models import Listing
from dorfbrunnen.federation.services import listings_sync_own


@pytest.fixture
def aggregator(settings):
    settings.FEDERATION_MODE = "aggregator"


def federated(source, name, place, km, **fields) -> Listing:
    position = km_north_of(place, km)
    return Listing.objects.create(
        source=source,
        key=name,
        name=name,
        url=f"https://nord.example/zentren/{km}/",
        postcode="45127",
        town="Essen",
        **position,
        **fields,
    )


def test_own_and_federated_centres_in_one_distance_order(client, aggregator, section, nord):
    essen = geo.find_place("Essen")
    centre("Eigenes Zentrum", "45127", **km_north_of(essen, 4))
    federated(nord, "Nah und fremd", essen, 2)
    federated(nord, "Fern und fremd", essen, 9)
    text = client.get(section("centres").url, {"ort": "Essen", "umkreis": 25}).text
    positions = [
        text.index(name) for name in ("Nah und fremd", "Eigenes Zentrum", "Fern und fremd")
    ]
    assert positions == sorted(positions)
    assert "3 Zentren im Umkreis" in text
    # Each federated result leads to its source's site; the own one to its own page.
    assert 'href="https://nord.example/zentren/2/"' in text
    assert 'href="' + section("centres").url + 'eigenes-zentrum/"' in text


def test_the_results_name_each_source_and_its_licence(client, aggregator, section, nord):
    federated(nord, "Fremdes Zentrum", geo.find_place("Essen"), 1)
    text = client.get(section("centres").url, {"ort": "Essen"}).text
    assert "Landesverband Nord e. V." in text
    assert 'href="https://creativecommons.org/licenses/by/4.0/"' in text
    assert "CC BY 4.0" in text
    # … and in the list of all centres.
    assert "Landesverband Nord e. V." in client.get(section("centres").url).text


def test_federated_text_is_shown_as_text(client, aggregator, section, nord):
    federated(nord, '<script>alert("x")</script> Zentrum', geo.find_place("Essen"), 1)
    text = client.get(section("centres").url, {"ort": "Essen"}).text
    assert '<script>alert("x")' not in text
    assert "&lt;script&gt;" in text


def test_entries_of_a_silent_source_show_their_date(client, aggregator, section, nord):
    federated(nord, "Fremdes Zentrum", geo.find_place("Essen"), 1)
    assert "Stand:" not in client.get(section("centres").url, {"ort": "Essen"}).text
    nord.last_success_at = timezone.now() - timedelta(days=3)
    nord.save()
    text = client.get(section("centres").url, {"ort": "Essen"}).text
    # The day as the visitor reads it: in German time (23:30 UTC is the next day there).
    assert "Stand: " + timezone.localtime(nord.last_success_at).strftime("%-d.") in text


def test_the_national_map_shows_every_centre(client, aggregator, section, nord):
    essen = geo.find_place("Essen")
    for number in range(25):  # more than one page of the list
        federated(nord, f"Zentrum {number:02d}", essen, number + 1)
    centre("Eigenes Zentrum", "45127")
    listings_sync_own()
    text = client.get(section("centres").url).text
    assert text.count('class="overview-map__point"') == 26
    assert "Eigenes Zentrum" in text


def test_own_centres_are_copied_into_the_listings_on_publish(aggregator, section):
    page = centre("Eigenes Zentrum", "45127", offers=["beratung"])
    listing = Listing.objects.get(page=page)
    assert (listing.name, listing.offers, listing.source) == ("Eigenes Zentrum", ",beratung,", None)
    page.title = "Umbenannt"
    page.save_revision().publish()
    assert Listing.objects.get(page=page).name == "Umbenannt"
    page.unpublish()
    assert not Listing.objects.filter(page=page).exists()


def test_an_own_centre_with_a_long_title_and_many_offers_is_copied_into_the_listings(
    aggregator, section
):
    """PostgreSQL refuses a value longer than its column, and with it the publish; SQLite
    stores it, so the lengths are compared here."""
    many = [f"angebot-{n:02d}-" + "x" * 38 for n in range(12)]  # 12 × 49 characters
    email = "a" * 60 + "@" + ".".join(["b" * 60] * 3) + ".de"  # 246 characters, valid
    page = centre("Zentrum " + "z" * 240, "45127", offers=many, email=email)
    listing = Listing.objects.get(page=page)
    assert listing.name == page.title[:200]
    assert listing.offer_slugs == many[:9] and listing.email == ""


def test_the_offer_filter_and_open_now_work_on_the_listings(client, aggregator, section, nord):
    essen = geo.find_place("Essen")
    centre("Eigen mit Beratung", "45127", offers=["beratung"], **km_north_of(essen, 3))
    federated(nord, "Fremd mit Beratung", essen, 1, offers=",beratung,")
    federated(nord, "Fremd ohne", essen, 2, offers=",sprachcafe,")
    text = client.get(section("centres").url, {"ort": "Essen", "angebot": "beratung"}).text
    assert "Fremd mit Beratung" in text and "Eigen mit Beratung" in text
    assert "Fremd ohne" not in text
    # Opening hours are known only of own centres.
    text = client.get(section("centres").url, {"ort": "Essen", "offen": "1"}).text
    assert "Eigen mit Beratung" in text and "Fremd mit Beratung" not in text
    # The list without a place too (the map beside it shows every centre).
    page = BeautifulSoup(client.get(section("centres").url, {"offen": "1"}).content, "html.parser")
    listed = page.select_one(".centre-list").get_text()
    assert "Eigen mit Beratung" in listed and "Fremd mit Beratung" not in listed


def test_a_normal_instance_shows_only_its_own_centres(client, section, nord):
    federated(nord, "Fremdes Zentrum", geo.find_place("Essen"), 1)
    centre("Eigenes Zentrum", "45127")
    text = client.get(section("centres").url, {"ort": "Essen"}).text
    assert "Eigenes Zentrum" in text and "Fremdes Zentrum" not in text
    assert not Listing.objects.filter(source=None).exists()  # no copies either


def test_the_national_search_needs_few_queries(
    client, aggregator, section, nord, django_assert_max_num_queries
):
    essen = geo.find_place("Essen")
    for number in range(30):
        federated(nord, f"Zentrum {number}", essen, number / 3)
    for number in range(5):
        centre(f"Eigen {number}", "45127", **km_north_of(essen, number))
    client.get(section("centres").url, {"ort": "Dortmund"})  # warm the route and menu caches
    with django_assert_max_num_queries(12):
        response = client.get(section("centres").url, {"ort": "Essen", "umkreis": 25})
    assert response.status_code == 200


def test_the_national_api_search_ranks_the_same_table_and_names_the_source(
    client, aggregator, section, nord
):
    essen = geo.find_place("Essen")
    centre("Eigenes Zentrum", "45127", **km_north_of(essen, 4))
    federated(nord, "Fremdes Zentrum", essen, 2)
    listings_sync_own()
    data = client.get("/api/v1/centres/", {"near": "Essen", "radius_km": 25}).json()
    names = [f["properties"]["name"] for f in data["features"]]
    assert names == ["Fremdes Zentrum", "Eigenes Zentrum"]
    foreign = data["features"][0]["properties"]
    assert foreign["url"] == "https://nord.example/zentren/2/"
    assert foreign["source"]["publisher"] == "Landesverband Nord e. V."
    assert foreign["source"]["licence"] == "CC BY 4.0"
    # An own centre that opted out of the open data takes no slot of the limit.
    centre("Nur hier", "45127", in_open_data=False, **km_north_of(essen, 1))
    listings_sync_own()
    data = client.get("/api/v1/centres/", {"near": "Essen", "radius_km": 25, "limit": 2}).json()
    assert [f["properties"]["name"] for f in data["features"]] == names
    assert data["matched"] == 2


def test_the_national_pages_are_valid_html(client, aggregator, section, nord, tmp_path):
    import json
    import shutil
    import subprocess

    from dorfbrunnen.testing import VNU, VNU_JAR

    if not (shutil.which("java") and VNU_JAR.exists()):
        pytest.skip("Java or node_modules/vnu-jar missing: run `make test` once.")
    essen = geo.find_place("Essen")
    centre("Eigenes Zentrum", "45127", **km_north_of(essen, 4))
    federated(nord, "Fremdes Zentrum", essen, 2)
    nord.last_success_at = timezone.now() - timedelta(days=3)  # with „Stand“
    nord.save()
    listings_sync_own()
    paths = []
    from dorfbrunnen.events.tests.factories import event
    from dorfbrunnen.federation.services import events_sync_own

    event("sommerfest", location="Marktplatz 1, 45127 Essen", postcode="45127", days=3)
    events_sync_own()
    addresses = [
        (section("centres").url, {"ort": "Essen"}),
        (section("centres").url, {}),
        ("/bundesweit/termine/", {}),
        ("/bundesweit/termine/", {"ort": "Atlantis"}),
        ("/bundesweit/termine/", {"ort": "Essen"}),
        ("/suche/", {"q": "Fremdes"}),
    ]
    for number, (url, params) in enumerate(addresses):
        path = tmp_path / f"{number}.html"
        path.write_bytes(client.get(url, params).content)
        paths.append(str(path))
    result = subprocess.run(
        [*VNU, *paths],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    assert [(m["url"].rsplit("/", 1)[-1], m["lastLine"], m["message"]) for m in messages] == []


def test_the_site_search_names_other_associations_centres(client, aggregator, section, nord):
    federated(nord, "Mütterzentrum Lindenhof", geo.find_place("Essen"), 1)
    text = client.get("/suche/", {"q": "lindenhof"}).text
    assert "Zentren anderer Verbände" in text
    assert 'href="https://nord.example/zentren/1/"' in text
    assert "Landesverband Nord e. V." in text
    assert "Zentren anderer Verbände" not in client.get("/suche/", {"q": "Sonnenschein"}).text


def test_own_centres_are_copied_again_only_when_they_changed(aggregator, db):
    from django.core.cache import cache

    from dorfbrunnen.federation.services import own_sync

    cache.clear()
    first = centre("Familienzentrum Erstes", "44135", town="Dortmund")
    assert own_sync() is True
    assert Listing.objects.filter(page_id=first.pk).exists()
    Listing.objects.filter(page_id=first.pk).delete()  # as if lost
    assert own_sync() is False  # nothing published since: nothing copied again
    assert not Listing.objects.filter(page_id=first.pk).exists()
    centre("Familienzentrum Zweites", "44137", town="Dortmund")
    assert own_sync() is True  # a publish: everything copied again
    assert Listing.objects.filter(page_id=first.pk).exists()
