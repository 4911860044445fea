"""The aggregator's fetch: sources that work, fail, misbehave or lie."""

from datetime import timedelta

import pytest
from django.utils import timezone

from dorfbrunnen.federation.models import FederatedEvent, FederatedOffer, Listing, Source
from dorfbrunnen.federation.services import sources_fetch

from .conftest import slow

CENTRES = "/lv-nord/api/v1/centres.json"


def fetched(url) -> Source:
    source = Source.objects.get_or_create(index_url=url)[0]
    sources_fetch(sources=[source])
    return Source.objects.get(pk=source.pk)


def names(source) -> list[str]:
    return sorted(Listing.objects.filter(source=source).values_list("name", flat=True))


def test_a_source_brings_its_centres_events_offers_and_who_publishes_them(feeds, db):
    source = fetched(feeds.publish(events_per_centre=2, items_per_centre=3))
    assert source.last_error == "" and source.last_success_at is not None
    assert source.name == "Landesverband der Mütterzentren Nord (erfunden)"
    assert (source.region, source.licence_name) == ("Niedersachsen und Bremen", "CC BY 4.0")
    assert len(names(source)) == 4 and all("(erfunden)" in name for name in names(source))
    listing = Listing.objects.get(source=source, key="1")
    assert listing.url == f"{feeds.base}lv-nord/zentren/zentrum-1/"
    assert listing.town == "Hannover" and 52 < listing.latitude < 53
    assert FederatedEvent.objects.filter(source=source).count() == 8
    assert FederatedOffer.objects.filter(source=source).count() == 12


def test_an_unchanged_source_answers_304_and_stays_as_it_is(feeds, db):
    url = feeds.publish()
    source = fetched(url)
    before = set(Listing.objects.filter(source=source).values_list("pk", flat=True))
    feeds.requests.clear()
    source = fetched(url)
    asked = dict(feeds.requests)
    assert asked[CENTRES] == feeds.routes[CENTRES][1]["ETag"]  # conditional GET
    assert set(Listing.objects.filter(source=source).values_list("pk", flat=True)) == before
    assert source.last_error == ""


def test_a_feed_answering_anew_with_the_same_centres_changes_nothing_here(feeds, db):
    """A source's centres feed answers anew whenever one of its centres opens or closes
    (its „open now“, which is not imported): the listings stay, the site's pages too."""
    from dorfbrunnen.core.content_cache import content_version

    url = feeds.publish()
    source = fetched(url)
    before = set(Listing.objects.filter(source=source).values_list("pk", flat=True))
    version = content_version()
    document = feeds.document(CENTRES)
    for feature in document["features"]:
        feature["properties"]["open_now"] = not feature["properties"].get("open_now")
    feeds.put(CENTRES, document)  # a new body, a new ETag
    source = fetched(url)
    assert set(Listing.objects.filter(source=source).values_list("pk", flat=True)) == before
    assert content_version() == version
    feeds.requests.clear()
    fetched(url)
    assert dict(feeds.requests)[CENTRES] == feeds.routes[CENTRES][1]["ETag"]  # kept for next


def test_a_centre_removed_at_the_source_vanishes_on_the_next_fetch(feeds, db):
    url = feeds.publish()
    source = fetched(url)
    document = feeds.document(CENTRES)
    removed = document["features"].pop(0)["properties"]["name"]
    feeds.put(CENTRES, document)
    source = fetched(url)
    assert removed not in names(source) and len(names(source)) == 3


def _fails_and_keeps_the_last_good_copy(feeds, route, message):
    url = feeds.publish()
    source = fetched(url)
    good = names(source)
    reached = source.last_success_at
    if callable(route) or isinstance(route, tuple):
        feeds.routes[CENTRES] = route
    source = fetched(url)
    assert message in source.last_error
    assert names(source) == good  # the last good copy
    assert source.last_success_at == reached
    return source


def test_a_source_answering_500_keeps_its_last_good_copy(feeds, db):
    _fails_and_keeps_the_last_good_copy(feeds, (500, {}, b"kaputt"), "Fehler 500")


def test_a_source_that_does_not_answer_in_time_keeps_its_last_good_copy(feeds, settings, db):
    settings.FEDERATION_TIMEOUT_SECONDS = 0.5
    _fails_and_keeps_the_last_good_copy(feeds, slow, "Zeitüberschreitung")


def test_invalid_json_keeps_the_last_good_copy(feeds, db):
    _fails_and_keeps_the_last_good_copy(feeds, (200, {}, b'{"features": [}'), "kein gültiges JSON")


def test_a_50_mb_answer_is_cut_off(feeds, db):
    def huge(handler):  # no Content-Length: the reader has to stop by itself
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.end_headers()
        chunk = b" " * (1024 * 1024)
        try:
            for _ in range(50):
                handler.wfile.write(chunk)
        except OSError:
            pass  # the fetcher hung up

    _fails_and_keeps_the_last_good_copy(feeds, huge, "größer als erlaubt")


def test_a_declared_50_mb_answer_is_not_even_read(feeds, db):
    def declared(handler):
        handler.send_response(200)
        handler.send_header("Content-Length", str(50 * 1024 * 1024))
        handler.end_headers()

    _fails_and_keeps_the_last_good_copy(feeds, declared, "größer als erlaubt")


def test_a_redirect_to_another_host_is_refused(feeds, db):
    elsewhere = f"http://localhost:{feeds.port}{CENTRES}"
    _fails_and_keeps_the_last_good_copy(
        feeds, (302, {"Location": elsewhere}, b""), "anderen Server"
    )


def test_a_redirect_on_the_same_host_is_followed(feeds, db):
    url = feeds.publish()
    feeds.routes["/moved/api/v1/index.json"] = (301, {"Location": url}, b"")
    source = fetched(f"{feeds.base}moved/api/v1/index.json")
    assert source.last_error == "" and len(names(source)) == 4


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.7/api/v1/",
        "http://192.168.1.20/api/v1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[fd00::1]/api/v1/",
        "http://127.0.0.1:9/api/v1/",
        "http://localhost:9/api/v1/",
    ],
)
def test_internal_addresses_are_refused(db, settings, url):
    settings.FEDERATION_ALLOW_LOOPBACK = False
    source = fetched(url)
    assert "interne Adresse" in source.last_error
    assert source.last_success_at is None


def test_loopback_is_refused_unless_the_development_setting_allows_it(feeds, settings, db):
    url = feeds.publish()
    settings.FEDERATION_ALLOW_LOOPBACK = False
    assert "interne Adresse" in fetched(url).last_error
    assert feeds.requests == []  # never connected
    settings.FEDERATION_ALLOW_LOOPBACK = True
    assert fetched(url).last_error == ""


def test_a_feed_on_another_host_named_by_the_index_is_not_fetched(feeds, db):
    url = feeds.publish()
    index = feeds.document("/lv-nord/api/v1/index.json")
    index["feeds"][0]["url"] = f"http://localhost:{feeds.port}{CENTRES}"
    feeds.put("/lv-nord/api/v1/index.json", index)
    source = fetched(url)
    assert "anderen Server" in source.last_error
    assert names(source) == []
    assert CENTRES not in dict(feeds.requests)


def test_bad_records_are_skipped_and_reported_the_rest_imported(feeds, db):
    url = feeds.publish()
    document = feeds.document(CENTRES)
    features = document["features"]
    features[0]["geometry"]["coordinates"] = [2.35, 48.85]  # Paris
    features[1]["properties"]["name"] = ""
    features[2]["properties"]["url"] = "https://elsewhere.example/zentrum/"
    features.append("kein Objekt")
    features[3]["properties"]["name"] = '<script>alert("x")</script> Zentrum'
    feeds.put(CENTRES, document)
    source = fetched(url)
    assert names(source) == ['<script>alert("x")</script> Zentrum']
    assert source.last_error == ""
    assert "4 Einträge übersprungen" in source.report
    assert "nicht in Deutschland" in source.report
    assert "nicht zur Webseite der Quelle" in source.report


def test_a_failing_source_does_not_stop_the_others(feeds, db, settings):
    from dorfbrunnen.demo.federation import ASSOCIATIONS

    good = Source.objects.create(index_url=feeds.publish(ASSOCIATIONS[1]))
    bad = Source.objects.create(index_url=f"{feeds.base}gibt-es-nicht/api/v1/index.json")
    sources_fetch()
    good.refresh_from_db()
    bad.refresh_from_db()
    assert good.last_error == "" and Listing.objects.filter(source=good).count() == 3
    assert "Fehler 404" in bad.last_error


def test_a_source_silent_for_48_hours_is_flagged(feeds, db):
    source = fetched(feeds.publish())
    assert not source.silent
    source.last_success_at = timezone.now() - timedelta(hours=49)
    assert source.silent


def test_the_office_registers_sources_and_sees_which_are_silent(office_client, feeds, db):
    response = office_client.post(
        "/admin/quellen/new/", {"index_url": feeds.publish(), "name": "", "active": "on"}
    )
    assert response.status_code == 302
    source = fetched(Source.objects.get().index_url)
    listing = office_client.get("/admin/quellen/").content.decode()
    assert "Landesverband der Mütterzentren Nord (erfunden)" in listing
    assert "In Ordnung" in listing
    Source.objects.filter(pk=source.pk).update(last_success_at=timezone.now() - timedelta(days=3))
    assert "Seit über 48 Stunden nicht erreicht" in office_client.get("/admin/quellen/").text
    edit = office_client.get(f"/admin/quellen/edit/{source.pk}/")
    assert edit.status_code == 200 and "CC BY 4.0" in edit.text


def test_the_periodic_job_fetches_on_the_national_site_only_and_when_due(feeds, settings, db):
    from django.core.management import call_command

    source = Source.objects.create(index_url=feeds.publish())
    call_command("federation_fetch")
    assert feeds.requests == []  # a normal instance fetches nothing
    settings.FEDERATION_MODE = "aggregator"
    call_command("federation_fetch")
    assert Listing.objects.filter(source=source).count() == 4
    feeds.requests.clear()
    call_command("federation_fetch")
    assert feeds.requests == []  # not due yet (FEDERATION_FETCH_MINUTES)
    call_command("federation_fetch", "--now")
    assert feeds.requests
