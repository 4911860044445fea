"""The aggregator's fetch: sources that work, fail, misbehave or lie."""

from datetime import timedelta

import pytest
from django.utils import timezone

from dorfbrunnen.federation.models import FederatedEvent, FederatedOffer, Listing, Source
from dorfbrunnen.federation.services import sources_fetch

from .conftest import slow

INDEX = "/lv-nord/api/v1/index.json"
CENTRES = "/lv-nord/api/v1/centres.json"
EVENTS = "/lv-nord/api/v1/events.json"
OFFERS = "/lv-nord/api/v1/offers.json"


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


def test_deeply_nested_json_keeps_the_last_good_copy(feeds, db):
    nested = b"[" * 100_000 + b"]" * 100_000  # 200 KB, deeper than Python's parser goes
    _fails_and_keeps_the_last_good_copy(feeds, (200, {}, nested), "zu tief verschachtelt")


def test_an_index_entry_named_by_a_list_is_passed_over_and_the_feeds_come_in(feeds, db):
    url = feeds.publish()
    index = feeds.document(INDEX)
    index["feeds"].insert(0, {"name": ["centres"], "url": f"{feeds.base}x"})
    feeds.put(INDEX, index)
    source = fetched(url)
    assert source.last_error == "" and len(names(source)) == 4


def test_a_feed_address_with_an_umlaut_is_reported_and_the_other_feeds_come_in(feeds, db):
    url = feeds.publish(events_per_centre=1)
    index = feeds.document(INDEX)
    entry = next(entry for entry in index["feeds"] if entry["name"] == "events")
    entry["url"] = entry["url"].replace("events", "veranstaltungen-ä")
    feeds.put(INDEX, index)
    source = fetched(url)
    assert "events: Keine Web-Adresse" in source.last_error
    assert len(names(source)) == 4


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


def test_a_source_naming_another_server_as_its_site_cannot_link_there(feeds, db):
    """A record's link must lead to its source's site – the registered server, whatever
    the source's index names as its site."""
    url = feeds.publish()
    index = feeds.document(INDEX)
    index["site"] = "https://phishing.example/"
    feeds.put(INDEX, index)
    document = feeds.document(CENTRES)
    document["features"][0]["properties"]["url"] = "https://phishing.example/spenden/"
    feeds.put(CENTRES, document)
    source = fetched(url)
    assert not Listing.objects.filter(url__contains="phishing.example").exists()
    assert len(names(source)) == 3 and "nicht zur Webseite der Quelle" in source.report
    assert source.site_url == ""  # the credits link to the registered address instead
    assert "anderen Server (https://phishing.example/)" in source.last_error


def test_an_event_at_the_end_of_time_is_skipped_and_reported(feeds, db):
    url = feeds.publish(events_per_centre=1)
    document = feeds.document(EVENTS)
    first, second = document["events"][:2]
    first["start"], first["end"] = "9999-12-31T20:00:00-05:00", "9999-12-31T23:00:00-05:00"
    # Within the calendar in UTC, beyond it in Berlin's local time.
    second["start"], second["end"] = "9999-12-31T23:00:00+00:00", "9999-12-31T23:30:00+00:00"
    feeds.put(EVENTS, document)
    source = fetched(url)
    assert source.last_error == ""
    assert FederatedEvent.objects.filter(source=source).count() == 2
    assert "2 Einträge übersprungen (2 × eine Zeitangabe liegt außerhalb" in source.report


def test_long_values_from_a_source_fit_the_national_site_columns(feeds, db):
    """PostgreSQL refuses a value longer than its column, and with it the whole feed;
    SQLite stores it, so the lengths are compared here."""
    url = feeds.publish(events_per_centre=1, items_per_centre=1)
    long_link = url.removesuffix("api/v1/index.json") + "zentren/" + "a" * 400
    centres = feeds.document(CENTRES)
    for number, feature in enumerate(centres["features"][:2]):
        del feature["properties"]["id"]  # the key falls back to the link (500 characters)
        feature["properties"]["url"] = f"{long_link}/{number}/"
    many = [f"angebot-{n:02d}-" + "x" * 38 for n in range(12)]  # 12 × 49 characters
    centres["features"][0]["properties"]["offers"] = many
    feeds.put(CENTRES, centres)
    events = feeds.document(EVENTS)
    events["events"][0]["place"] = {"name": "N" * 150, "address": "A" * 150}
    del events["events"][1]["id"]  # the key falls back to „link#start“
    events["events"][1]["url"] = f"{long_link}/"
    feeds.put(EVENTS, events)
    offers = feeds.document(OFFERS)
    del offers["features"][0]["properties"]["id"]
    offers["features"][0]["properties"]["url"] = f"{long_link}/"
    feeds.put(OFFERS, offers)
    source = fetched(url)
    assert source.last_error == "" and source.report == ""
    too_long = [
        (model.__name__, field.name, len(value))
        for model in (Listing, FederatedEvent, FederatedOffer)
        for row in model.objects.filter(source=source)
        for field in model._meta.concrete_fields
        if isinstance(value := getattr(row, field.attname), str)
        and field.max_length
        and len(value) > field.max_length
    ]
    assert too_long == []
    assert len(names(source)) == 4  # two long links, two keys
    assert Listing.objects.get(source=source, url=f"{long_link}/0/").offer_slugs == many[:9]
    assert FederatedEvent.objects.filter(source=source).count() == 4
    assert FederatedOffer.objects.filter(source=source).count() == 4


def test_a_failing_source_does_not_stop_the_others(feeds, db, settings):
    from dorfbrunnen.demo.federation import ASSOCIATIONS

    good = Source.objects.create(index_url=feeds.publish(ASSOCIATIONS[1]))
    bad = Source.objects.create(index_url=f"{feeds.base}gibt-es-nicht/api/v1/index.json")
    sources_fetch()
    good.refresh_from_db()
    bad.refresh_from_db()
    assert good.last_error == "" and Listing.objects.filter(source=good).count() == 3
    assert "Fehler 404" in bad.last_error


def test_an_unexpected_failure_is_its_sources_error_and_the_others_come_in(feeds, db, monkeypatch):
    from dorfbrunnen.demo.federation import ASSOCIATIONS
    from dorfbrunnen.federation import services

    good = Source.objects.create(index_url=feeds.publish(ASSOCIATIONS[1]))
    bad = Source.objects.create(index_url=feeds.publish())
    download = services._download

    def failing(index_url, validators):
        if index_url == bad.index_url:
            raise RuntimeError("kaputt")
        return download(index_url, validators)

    monkeypatch.setattr(services, "_download", failing)
    sources_fetch()
    good.refresh_from_db()
    bad.refresh_from_db()
    assert good.last_error == "" and Listing.objects.filter(source=good).count() == 3
    assert "Unerwarteter Fehler (RuntimeError: kaputt)" in bad.last_error
    assert bad.last_attempt_at is not None and bad.last_success_at is None


def test_a_feed_failing_unexpectedly_keeps_its_last_good_copy_the_others_come_in(
    feeds, db, monkeypatch
):
    from dorfbrunnen.federation import services

    url = feeds.publish(events_per_centre=1)
    fetched(url)
    centres = feeds.document(CENTRES)
    centres["features"].pop()
    feeds.put(CENTRES, centres)
    events = feeds.document(EVENTS)
    events["events"].pop()
    feeds.put(EVENTS, events)

    def broken(record, site):
        raise RuntimeError("kaputt")

    monkeypatch.setitem(services.FEEDS, "events", (FederatedEvent, broken, "events"))
    source = fetched(url)
    assert "events: Unerwarteter Fehler (RuntimeError: kaputt)" in source.last_error
    assert FederatedEvent.objects.filter(source=source).count() == 4  # the last good copy
    assert len(names(source)) == 3


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
