"""The event page shows the free places; it is cached like every public page, and a
registration makes exactly that page stale – in the application's cache, in the production
entry point's memory and in the front cache."""

from wagtail.models import Site

from dorfbrunnen.testing import wsgi_call

from .factories import register, registration_event


def test_a_registration_updates_the_free_places_on_the_cached_event_page(client, db, commit):
    event = registration_event(capacity=3)
    first = client.get(event.url)
    assert "Noch 3 Plätze frei." in first.text
    assert client.get(event.url)["X-Cache"] == "HIT"
    client.get("/ueber-uns/")

    with commit():
        register(event, "Ada")
    after = client.get(event.url)
    assert after["X-Cache"] == "MISS"
    assert "Noch 2 Plätze frei." in after.text
    assert client.get("/ueber-uns/")["X-Cache"] == "HIT"  # only the event's page went stale

    with commit():
        register(event, "Bea")
        register(event, "Cem")
    assert "Alle Plätze sind vergeben" in client.get(event.url).text


def test_the_production_entry_point_never_serves_old_free_places(db, commit, direct_wsgi):
    event = registration_event(capacity=3)
    wsgi_call(event.url)
    assert wsgi_call(event.url)[1]["X-Cache"] == "HIT"
    with commit():
        register(event, "Ada")
    _status, headers, body = wsgi_call(event.url)
    assert headers["X-Cache"] == "MISS"
    assert "Noch 2 Plätze frei." in body.decode()


def test_a_registration_purges_its_event_page_from_the_front_cache(purges, db, commit):
    event = registration_event(capacity=3)
    purges.clear()  # the publish above
    with commit():
        register(event, "Ada")
    host = Site.objects.get(is_default_site=True).hostname
    assert purges == [(host, event.url)]  # the rest of the site stays cached
