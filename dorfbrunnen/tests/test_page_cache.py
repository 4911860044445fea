from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from dorfbrunnen.events.tests.factories import registration_event
from dorfbrunnen.pages.models import StandardPage
from dorfbrunnen.testing import wsgi_call
from dorfbrunnen.tests.sample import standard_page


def history():
    """A page the test makes itself, with a text only it has."""
    return standard_page("Unsere Geschichte", "geschichte", "Gegründet am Küchentisch.")


def test_anonymous_pages_come_from_the_cache_without_queries(client, db, django_assert_num_queries):
    history()
    first = client.get("/geschichte/")
    assert first["X-Cache"] == "MISS"
    assert "Gegründet am Küchentisch" in first.text
    with django_assert_num_queries(0):
        second = client.get("/geschichte/")
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content
    assert not second.cookies
    assert "script-src 'self'" in second["Content-Security-Policy"]


def test_publishing_clears_every_cached_page_at_once(client, section):
    about = section("about")  # in the main menu, shown on every page
    assert client.get(about.url)["X-Cache"] == "MISS"
    assert client.get("/")["X-Cache"] == "MISS"
    assert client.get("/")["X-Cache"] == "HIT"
    about.title = "Wer wir sind"
    about.save_revision().publish()
    response = client.get(about.url)
    assert response["X-Cache"] == "MISS"
    assert "Wer wir sind" in response.text
    assert "Wer wir sind" in client.get("/").text  # the menu on every page, too


def test_forms_and_personal_pages_are_never_cached(client, section):
    contact = section("contact").url
    registration = registration_event().url + "anmelden/"
    for url in (contact, contact, registration, registration):
        response = client.get(url)
        assert (response.status_code, "X-Cache" in response) == (200, False)


def test_logged_in_editors_bypass_the_cache(client, office_user):
    history()
    assert client.get("/geschichte/")["X-Cache"] == "MISS"
    client.force_login(office_user)
    assert "X-Cache" not in client.get("/geschichte/")


def test_error_pages_are_not_cached(client, db):
    assert "X-Cache" not in client.get("/gibt-es-nicht/")
    assert "X-Cache" not in client.get("/zentren/?ort=Atlantis")


def test_the_production_entry_point_answers_cached_pages_before_django(
    db, direct_wsgi, django_assert_num_queries
):
    page = history()
    status, headers, body = wsgi_call("/geschichte/")
    assert (status, headers["X-Cache"]) == ("200 OK", "MISS")
    with django_assert_num_queries(0):
        status, hit_headers, hit_body = wsgi_call("/geschichte/")
    assert (status, hit_headers["X-Cache"]) == ("200 OK", "HIT")
    assert hit_body == body
    assert "script-src 'self'" in hit_headers["Content-Security-Policy"]
    assert hit_headers["Content-Type"] == headers["Content-Type"]

    status, head_headers, head_body = wsgi_call("/geschichte/", method="HEAD")
    assert (head_headers["X-Cache"], head_body) == ("HIT", b"")

    logged_in = wsgi_call("/geschichte/", cookie="sessionid=abc")[1]
    assert "X-Cache" not in logged_in

    page = StandardPage.objects.get(pk=page.pk)
    page.title = "Wer wir sind"
    page.save_revision().publish()
    status, headers, body = wsgi_call("/geschichte/")
    assert headers["X-Cache"] == "MISS"
    assert "Wer wir sind" in body.decode()


def test_a_page_built_afresh_asks_the_shared_cache_about_once(client, settings, section):
    """Without the page cache (a search, a first visit), a page still reads its menus,
    settings, route and fragments from the shared cache – once per process and content
    version, then from memory – and the versions once per request, in one round trip. So do
    the sites' roots, from which Wagtail builds every address
    (`core.routing.site_root_paths`)."""
    from dorfbrunnen.testing import CountingCache

    settings.PAGE_CACHE_SECONDS = 0
    settings.CACHES = {"default": {"BACKEND": "dorfbrunnen.testing.CountingCache"}}
    about = section("about").url
    for path in ("/", about, "/"):  # the first visits fill the memory
        assert client.get(path).status_code == 200
    CountingCache.reads, CountingCache.log = 0, []
    assert client.get(about).status_code == 200
    assert (CountingCache.reads, CountingCache.log) == (1, [])  # both versions at once


def test_a_page_the_front_door_misses_asks_the_shared_cache_once(
    db, direct_wsgi, settings, section
):
    """In production a page not kept (a search, a form) costs one round trip to the shared
    cache: the front door's lookup reads the versions with the entry, and Django's
    middleware neither looks up again nor reads them, nor Wagtail its sites' roots."""
    from dorfbrunnen.testing import CountingCache

    settings.CACHES = {"default": {"BACKEND": "dorfbrunnen.testing.CountingCache"}}
    about = section("about").url
    for path in ("/", about):  # the first visits fill the memory
        assert wsgi_call(path)[0] == "200 OK"
    CountingCache.reads, CountingCache.log = 0, []
    status, headers, _body = wsgi_call(about + "?a=1")
    assert (status, headers["X-Cache"]) == ("200 OK", "MISS")
    assert (CountingCache.reads, CountingCache.log) == (1, [])


def test_a_page_with_an_umlaut_in_its_address_is_kept_where_the_front_door_finds_it(
    db, direct_wsgi, django_assert_num_queries
):
    """The WSGI server hands the path over as latin-1, Django reads it as UTF-8: the page
    is stored under the front door's key, so the next visit is answered before Django."""
    standard_page("Über uns und Tüten", "tüten", "Stoffbeutel statt Plastik.")
    path = "/tüten/".encode().decode("latin-1")  # as granian passes it (PEP 3333)
    status, headers, body = wsgi_call(path)
    assert (status, headers["X-Cache"]) == ("200 OK", "MISS")
    assert "Stoffbeutel statt Plastik" in body.decode()
    with django_assert_num_queries(0):
        status, headers, _body = wsgi_call(path)
    assert (status, headers["X-Cache"]) == ("200 OK", "HIT")


def test_a_file_larger_than_the_limit_goes_out_whole_but_is_not_kept(client, db, monkeypatch):
    """Documents and the Infopaket's files come from storage; kept, each would take its
    size in the shared cache and again in every worker's memory."""
    from dorfbrunnen.core import page_cache
    from dorfbrunnen.library.tests.factories import document

    small = document("Satzung", pages=1)
    large = document("Jahresbericht", pages=3)
    large_size, small_size = large.file.size, small.file.size
    assert small_size < large_size
    monkeypatch.setattr(page_cache, "MAX_KEPT_BYTES", (small_size + large_size) // 2)
    for item, kept in ((small, "HIT"), (large, "MISS")):
        first = client.get(item.url)
        assert (first.status_code, first["X-Cache"]) == (200, "MISS")
        assert len(b"".join(first.streaming_content)) == item.file.size
        second = client.get(item.url)
        assert second["X-Cache"] == kept
        body = second.content if kept == "HIT" else b"".join(second.streaming_content)
        assert len(body) == item.file.size


def test_a_publish_builds_the_menus_again_but_keeps_what_no_page_shows(client, settings, section):
    """A page's publish makes what shows pages stale (menus, lists, routes), not what only
    the office's other screens change: the site's settings, the centres' offers, the
    privacy rules and the languages stay kept, so the first visitor after a publish does
    not pay for reading them all again – and each still shows at once when it changes."""
    from dorfbrunnen.centres.models import Offer
    from dorfbrunnen.core.models import SiteSettings

    settings.PAGE_CACHE_SECONDS = 0
    Offer.objects.create(name="Hebammensprechstunde", slug="hebammensprechstunde")
    finder = section("centres").url  # its filter lists every offer
    assert client.get(finder).status_code == 200
    page = history()
    with CaptureQueriesContext(connection) as queries:
        listed = client.get(finder).text
    read = "\n".join(query["sql"] for query in queries)
    assert 'FROM "core_navigationsettings"' in read  # the menus show pages: built again
    for table in (
        "core_sitesettings",
        "centres_offer",
        "wagtailcore_pageviewrestriction",
        "wagtailcore_collectionviewrestriction",
    ):
        assert f'FROM "{table}"' not in read, table
    # All languages at once (`locale_ids`); Wagtail's routing asks for the active one.
    assert 'SELECT "wagtailcore_locale"."language_code"' not in read
    assert "Hebammensprechstunde" in listed

    Offer.objects.filter(name="Hebammensprechstunde").get().delete()
    assert "Hebammensprechstunde" not in client.get(finder).text
    site_settings = SiteSettings.objects.get()
    site_settings.association_name = "Landesverband der Familienzentren"
    site_settings.save()
    assert "Landesverband der Familienzentren" in client.get(page.url).text
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(page.url).status_code == 302
