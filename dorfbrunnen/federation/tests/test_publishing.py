"""Every instance publishes its feeds for a national site: events, offers, centres – one
streamed document each, answering conditional requests (also from the page cache)."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from dorfbrunnen.centres import geo
from dorfbrunnen.centres.tests.factories import centre, programme_item
from dorfbrunnen.core.models import SiteSettings
from dorfbrunnen.events.tests.factories import event, registration_event
from dorfbrunnen.testing import response_json, wsgi_call


def test_the_index_names_publisher_region_licence_and_every_feed(client, db):
    data = client.get("/api/v1/").json()
    assert data["licence"]["name"] == "CC BY 4.0"
    assert data["licence"]["url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert data["licence"]["attribution"] == data["publisher"]
    assert {feed["name"] for feed in data["feeds"]} >= {"centres", "events", "offers"}
    assert all(feed["url"].startswith("http://testserver/api/v1/") for feed in data["feeds"])

    association = SiteSettings.objects.get()
    association.data_region = "Nordrhein-Westfalen"
    association.data_licence = "cc0-1.0"
    association.save()
    data = client.get("/api/v1/").json()
    assert data["region"] == "Nordrhein-Westfalen"
    assert data["licence"]["name"] == "CC0 1.0"


def test_the_events_feed_lists_coming_dates_with_place_and_registration(client, db):
    essen = centre("Zentrum Essen", "45127", town="Essen", email="info@zentrum.example")
    at_centre = registration_event("eltern-cafe", centre=essen, days=3)
    free_address = event(
        "lesung", location="Stadtbücherei, Hauptstr. 1, 44135 Dortmund", postcode="44135", days=5
    )
    online = event("online-abend", days=7)  # has a secret meeting link
    event("vorbei", days=-3)

    response = client.get("/api/v1/events/")
    assert response.status_code == 200
    assert response.streaming
    body = b"".join(response.streaming_content).decode()
    assert "geheim-4711" not in body and "meet.example.org" not in body
    records = response_json(client.get("/api/v1/events/"))["events"]
    assert [r["title"] for r in records] == [at_centre.title, free_address.title, online.title]

    first = records[0]
    assert first["url"] == "http://testserver" + at_centre.url
    assert first["registration_url"] == first["url"] + "anmelden/"
    start = datetime.fromisoformat(first["start"])
    assert start.utcoffset() is not None and start == at_centre.start
    assert first["place"]["name"] == "Zentrum Essen"
    assert (first["place"]["latitude"], first["place"]["longitude"]) == pytest.approx(
        (essen.latitude, essen.longitude)
    )
    assert first["centre_url"] == "http://testserver" + essen.url

    dortmund = geo.postcode_point("44135")
    assert (records[1]["place"]["latitude"], records[1]["place"]["longitude"]) == pytest.approx(
        dortmund
    )
    assert records[1]["registration_url"] == ""
    assert records[2]["place"] is None and records[2]["format"] == "online"


def test_a_weekly_series_gives_one_record_per_coming_date(client, db):
    start = (timezone.now() + timedelta(days=1)).replace(minute=0, second=0, microsecond=0)
    event(
        "krabbelgruppe",
        start=start,
        recurrence="weekly",
        # The last date's day in German time (a start at 23:00 UTC is the next day there).
        recurrence_until=timezone.localdate(start + timedelta(days=21)),
    )
    one_off = event("fachtag", start=start + timedelta(days=2), location="Rathaus, 44135 Dortmund")
    records = response_json(client.get("/api/v1/events/"))["events"]
    assert len(records) == 5
    assert len({r["id"] for r in records}) == 5
    # Soonest first, as the feed promises: the one-off day sits between the series' dates.
    starts = [datetime.fromisoformat(r["start"]) for r in records]
    assert starts == sorted(starts)
    assert records[1]["title"] == one_off.title


def test_the_offers_feed_without_parameters_is_every_current_item(client, db):
    programme_item(centre("Nah", "45134"), "Krabbelgruppe")
    programme_item(centre("Fern", "44135"), "Sprachcafé")
    response = client.get("/api/v1/offers/")
    assert response.status_code == 200 and response.streaming
    data = response_json(response)
    assert data["licence"]["name"] == "CC BY 4.0"
    assert sorted(f["properties"]["title"] for f in data["features"]) == [
        "Krabbelgruppe",
        "Sprachcafé",
    ]


def test_a_centre_can_opt_out_of_the_open_data(client, section):
    centre("Sichtbar", "45134")
    hidden = centre("Nur hier", "45134", in_open_data=False)
    programme_item(hidden, "Geheimes Angebot")
    names = [
        f["properties"]["name"] for f in response_json(client.get("/api/v1/centres/"))["features"]
    ]
    assert names == ["Sichtbar"]
    near = client.get("/api/v1/centres/", {"near": "45134"}).json()
    assert [f["properties"]["name"] for f in near["features"]] == ["Sichtbar"]
    # The hidden centre takes no slot of the limit, and is not counted.
    one = client.get("/api/v1/centres/", {"near": "45134", "limit": 1}).json()
    assert [f["properties"]["name"] for f in one["features"]] == ["Sichtbar"]
    assert one["matched"] == 1
    assert response_json(client.get("/api/v1/offers/"))["features"] == []
    # … and stays in the site's own finder.
    assert "Nur hier" in client.get(section("centres").url, {"ort": "45134"}).text


def test_a_feed_answers_304_when_unchanged_and_200_after_a_publish(client, settings, db):
    settings.PAGE_CACHE_SECONDS = 0  # the view itself
    centre("Zentrum A", "45134")
    first = client.get("/api/v1/centres/")
    etag, modified = first["ETag"], first["Last-Modified"]
    assert etag and modified
    again = client.get("/api/v1/centres/", headers={"If-None-Match": etag})
    assert again.status_code == 304 and not again.content
    assert (
        client.get("/api/v1/centres/", headers={"If-Modified-Since": modified}).status_code == 304
    )
    centre("Zentrum B", "45134")
    changed = client.get("/api/v1/centres/", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert len(response_json(changed)["features"]) == 2


def test_the_centres_feed_answers_anew_once_a_centre_opened_or_closed(
    client, settings, db, monkeypatch
):
    """The feed says which centres are open now: a client asking again after a centre
    closed gets the new answer, not a 304 that keeps the morning's."""
    settings.PAGE_CACHE_SECONDS = 0  # the view itself
    mornings = [(day, time(9), time(12)) for day in range(7)]
    centre("Vormittag", "45134", hours=mornings, closed_on_public_holidays=False)
    morning = timezone.make_aware(datetime.combine(timezone.localdate(), time(10)))
    monkeypatch.setattr(timezone, "now", lambda: morning)
    first = client.get("/api/v1/centres/")
    assert response_json(first)["features"][0]["properties"]["open_now"] is True
    monkeypatch.setattr(timezone, "now", lambda: morning + timedelta(hours=1))  # still open
    unchanged = client.get("/api/v1/centres/", headers={"If-None-Match": first["ETag"]})
    assert unchanged.status_code == 304
    monkeypatch.setattr(timezone, "now", lambda: morning + timedelta(hours=5))  # closed at 12
    changed = client.get("/api/v1/centres/", headers={"If-None-Match": first["ETag"]})
    assert changed.status_code == 200
    assert response_json(changed)["features"][0]["properties"]["open_now"] is False


@pytest.mark.parametrize("feed", ["centres", "events", "offers"])
def test_the_page_cache_keeps_a_streamed_feed_and_answers_304_itself(
    client, db, django_assert_num_queries, feed
):
    event("treffen", days=2)
    first = client.get(f"/api/v1/{feed}/")
    body = b"".join(first.streaming_content)  # stored once it went out whole
    assert first["X-Cache"] == "MISS"
    with django_assert_num_queries(0):
        hit = client.get(f"/api/v1/{feed}/")
        not_modified = client.get(f"/api/v1/{feed}/", headers={"If-None-Match": first["ETag"]})
    assert (hit["X-Cache"], hit.content) == ("HIT", body)
    assert (not_modified.status_code, not_modified["X-Cache"]) == (304, "HIT")
    assert not_modified["ETag"] == first["ETag"] and not_modified.content == b""


def test_the_front_door_answers_304_before_django(db, direct_wsgi, django_assert_num_queries):
    centre("Zentrum A", "45134")
    status, headers, body = wsgi_call("/api/v1/centres/")
    assert (status, headers["X-Cache"]) == ("200 OK", "MISS")
    assert b"Zentrum A" in body
    with django_assert_num_queries(0):
        status, hit, hit_body = wsgi_call(
            "/api/v1/centres/", headers={"If-None-Match": headers["ETag"]}
        )
        assert (status, hit["X-Cache"], hit_body) == ("304 Not Modified", "HIT", b"")
        status, _h, _b = wsgi_call(
            "/api/v1/centres/", headers={"If-Modified-Since": headers["Last-Modified"]}
        )
        assert status == "304 Not Modified"
        status, _h, again = wsgi_call("/api/v1/centres/", headers={"If-None-Match": '"other"'})
        assert (status, again) == ("200 OK", body)
    centre("Zentrum B", "45134")  # a publish: the stored copy no longer counts
    status, headers, body = wsgi_call("/api/v1/centres/", headers={"If-None-Match": hit["ETag"]})
    assert status == "200 OK" and b"Zentrum B" in body


def test_a_change_purges_the_feeds_from_the_front_cache(purges, commit, db):
    """Varnish keeps the feeds like pages and answers conditional requests from them; a
    publish empties it (a PURGE of the whole site)."""
    with commit():
        centre("Zentrum A", "45134")
    assert ("localhost", "/") in purges or any(path == "/" for _host, path in purges)
