from xml.etree import ElementTree

import pytest
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext

from dorfbrunnen.conftest import DEMO_PAGES


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


def test_robots_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client, db):
    text = client.get("/robots.txt").text
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_sitemap_lists_every_demo_page(client, demo):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = {
        loc.text.removeprefix("http://localhost")
        for loc in ElementTree.fromstring(response.content).findall("s:url/s:loc", namespace)
    }
    expected = {
        url for url in DEMO_PAGES if "?" not in url and not url.endswith(("anmelden/", "hinweis/"))
    }
    assert expected <= locations


def test_server_error_page_is_german_and_needs_no_database(rf):
    from dorfbrunnen.core.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Entschuldigung, hier ist etwas schiefgegangen" in response.content.decode()


def test_menu_and_settings_changes_show_at_once_despite_the_cache(client, demo):
    from wagtail.models import Page

    from dorfbrunnen.core.models import NavigationSettings, SiteSettings

    client.get("/")  # fills the cache
    site_settings = SiteSettings.objects.get()
    site_settings.short_name = "Familienzentren NRW"
    site_settings.save()
    navigation = NavigationSettings.objects.get()
    navigation.main_menu = [
        (
            "link",
            {
                "page": Page.objects.get(slug="kontakt"),
                "external_url": "",
                "title": "Schreiben Sie uns",
            },
        )
    ]
    navigation.save()
    text = client.get("/").text
    assert "Familienzentren NRW" in text
    assert "Schreiben Sie uns" in text

    contact = Page.objects.get(slug="kontakt").specific
    navigation.main_menu = [("link", {"page": contact, "external_url": "", "title": ""})]
    navigation.save()
    assert ">Kontakt</a>" in client.get("/").text  # cached again
    contact.title = "Kontakt & Anfahrt"
    contact.save_revision().publish()  # publishing alone makes the menu stale
    assert "Kontakt &amp; Anfahrt" in client.get("/").text


@pytest.mark.parametrize("path", DEMO_PAGES)
def test_every_page_is_rendered_with_at_most_12_queries(
    client, demo, settings, path, django_assert_max_num_queries
):
    settings.PAGE_CACHE_SECONDS = 0  # rendered each time, not served from the page cache
    client.get(path)  # the first visit after a publish fills what all pages share
    with django_assert_max_num_queries(12):
        assert client.get(path).status_code == 200


def query_count(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_query_counts_stay_the_same_with_more_centres_events_and_documents(client, demo, settings):
    from dorfbrunnen.centres.tests.factories import centre
    from dorfbrunnen.events.tests.factories import event
    from dorfbrunnen.library.models import ChapterDocument, ChapterPage

    settings.PAGE_CACHE_SECONDS = 0
    chapter = ChapterPage.objects.get(slug="verein")
    paths = [
        "/",
        "/zentren/",
        "/zentren/?ort=44149&umkreis=25",
        "/zentren/muetterzentrum-dortmund-ev-mehrgenerationenhaus/",
        "/veranstaltungen/",
        "/infopaket/",
        chapter.url,
        "/infopaket/suche/?q=Satzung",
        "/suche/?q=Familie",
    ]
    for path in paths:
        client.get(path)
    before = {path: query_count(client, path) for path in paths}

    document = chapter.documents.first().document
    for number in range(12):
        centre(f"Zusatz {number}", "44139", offers=["offener-treff", "beratung"])
        event(f"zusatz-{number}", days=number + 1, title=f"Familie {number}")
        copy = type(document).objects.create(
            title=f"Satzung {number}", file=document.file, collection=document.collection
        )
        ChapterDocument.objects.create(chapter=chapter, document=copy)
    for path in paths:
        client.get(path)
    after = {path: query_count(client, path) for path in paths}
    # Never more; the site search needs one query per page type among the ten results shown,
    # so it may even need fewer when they are all events.
    assert {path: count for path, count in after.items() if count > before[path]} == {}
