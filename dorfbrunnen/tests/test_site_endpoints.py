from datetime import timedelta
from urllib.parse import urlsplit
from xml.etree import ElementTree

from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dorfbrunnen.centres.tests.factories import centre
from dorfbrunnen.events.models import EventPage
from dorfbrunnen.events.tests.factories import event
from dorfbrunnen.library.models import ChapterDocument
from dorfbrunnen.tests.sample import document, news_item, site_sample

# Page types that are views of another page (a query, a form) rather than pages of their
# own: they have no place in the sitemap.
NOT_IN_SITEMAP = {
    "finder",
    "programme_finder",
    "programme_confirm",
    "widget",
    "registration_form",
    "binder_search",
    "suggestion_form",
    "members_login",
    "site_search",
    "barrier_report",
}


def test_healthz_answers_when_the_database_does(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.text == "ok\n"


class UnreachableDatabase:
    def cursor(self):
        raise DatabaseError("down")


def test_healthz_reports_a_missing_database(client, db, monkeypatch):
    monkeypatch.setattr("dorfbrunnen.core.views.connection", UnreachableDatabase())
    assert client.get("/healthz").status_code == 503


def test_robots_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, db, settings):
    settings.SITE_NOINDEX = False  # once the site is public (core/tests/test_golive.py: before)
    text = client.get("/robots.txt").text
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_sitemap_lists_every_page(client, db):
    sample = site_sample()
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = {
        urlsplit(loc.text).path
        for loc in ElementTree.fromstring(response.content).findall("s:url/s:loc", namespace)
    }
    expected = {url for kind, url in sample.urls.items() if kind not in NOT_IN_SITEMAP}
    assert expected - locations == set()


def test_server_error_page_is_german_and_needs_no_database(rf):
    from dorfbrunnen.core.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Entschuldigung, hier ist etwas schiefgegangen" in response.content.decode()


def test_menu_and_settings_changes_show_at_once_despite_the_cache(client, section):
    from dorfbrunnen.core.models import NavigationSettings, SiteSettings

    contact = section("contact")
    client.get("/")  # fills the cache
    site_settings = SiteSettings.objects.get()
    site_settings.short_name = "Familienzentren NRW"
    site_settings.save()
    navigation = NavigationSettings.objects.get()
    navigation.main_menu = [
        (
            "link",
            {"page": contact, "external_url": "", "title": "Schreiben Sie uns"},
        )
    ]
    navigation.save()
    text = client.get("/").text
    assert "Familienzentren NRW" in text
    assert "Schreiben Sie uns" in text

    navigation.main_menu = [("link", {"page": contact, "external_url": "", "title": ""})]
    navigation.save()
    assert f">{contact.title}</a>" in client.get("/").text  # cached again
    contact.title = "Kontakt & Anfahrt"
    contact.save_revision().publish()  # publishing alone makes the menu stale
    assert "Kontakt &amp; Anfahrt" in client.get("/").text


def query_count(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_every_page_type_is_rendered_with_at_most_12_queries(client, db, settings):
    settings.PAGE_CACHE_SECONDS = 0  # rendered each time, not served from the page cache
    counts = {}
    for path in site_sample().pages:
        client.get(path)  # the first visit after a publish fills what all pages share
        counts[path] = query_count(client, path)
    assert {path: count for path, count in counts.items() if count > 12} == {}


def test_query_counts_stay_the_same_with_more_centres_events_and_documents(client, db, settings):
    settings.PAGE_CACHE_SECONDS = 0
    sample = site_sample()
    chapter, statute = sample.objects["chapter"], sample.objects["document"]
    paths = [
        sample.urls[kind]
        for kind in (
            "home",
            "finder",
            "centre",
            "widget",
            "calendar",
            "binder",
            "chapter",
            "binder_search",
            "news_index",
            "site_search",
        )
    ]
    finder, widget = (sample.urls[kind].split("?")[0] for kind in ("finder", "widget"))
    paths += [finder, f"{widget}?ort=Dortmund"]  # all centres; the new ones in the widget
    weekly = {
        "recurrence": EventPage.Recurrence.WEEKLY,
        "recurrence_until": timezone.localdate() + timedelta(weeks=8),
    }

    def add(number):
        # Where the sample's own show up: in the finder's radius and the widget's, in the
        # calendar and on the centre's page, in the chapter, the news, both searches.
        centre(f"Kastanienbaum {number}", "44139", town="Dortmund", offers=["beratung"])
        event(
            f"zusatz-{number}",
            days=number + 1,
            title=f"Kastanienbaum-Treff {number}",
            centre=sample.objects["centre"],
            event_format=EventPage.Format.IN_PERSON,
            **(weekly if number % 2 else {}),
        )
        copy = document(f"Satzung {number}", statute.text, filename=f"satzung-{number}.pdf")
        ChapterDocument.objects.create(chapter=chapter, document=copy)
        news_item(f"Kastanienbaum-Nachricht {number}", f"nachricht-{number}", "Neu.", number)

    # One of each first, so that the site search's results already hold every page type.
    add(0)
    for path in paths:
        client.get(path)
    before = {path: query_count(client, path) for path in paths}
    for number in range(1, 13):
        add(number)
    for path in paths:
        client.get(path)
    after = {path: query_count(client, path) for path in paths}
    # Never more; the site search needs one query per page type among the ten results shown,
    # so it may even need fewer when they are all events.
    assert {path: count for path, count in after.items() if count > before[path]} == {}
