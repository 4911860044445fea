"""Remembered routes (core.routing) must never outlive what they point at, and never skip
Wagtail's privacy check."""

from wagtail.models import BaseViewRestriction, PageViewRestriction

from dorfbrunnen.library.setup import members_only_groups
from dorfbrunnen.pages.models import StandardPage
from dorfbrunnen.tests.sample import chapter, standard_page


def history():
    return standard_page("Unsere Geschichte", "geschichte", "Gegründet am Küchentisch.")


def test_an_unpublished_page_is_gone_although_its_route_was_remembered(client, db):
    page = history()
    assert client.get("/geschichte/").status_code == 200
    StandardPage.objects.get(pk=page.pk).unpublish()
    assert client.get("/geschichte/").status_code == 404


def test_a_new_address_serves_the_page_and_the_old_one_no_longer_does(client, db):
    page = history()
    assert client.get("/geschichte/").status_code == 200
    page = StandardPage.objects.get(pk=page.pk)
    page.slug = "wer-wir-sind"
    page.save_revision().publish()
    assert client.get("/wer-wir-sind/").status_code == 200
    old = client.get("/geschichte/")
    assert old.status_code != 200  # a 404, or Wagtail's automatic redirect to the new one
    assert old.get("Location", "/wer-wir-sind/") == "/wer-wir-sind/"


def test_a_members_only_page_refuses_visitors_after_a_member_opened_it(client, member_client):
    internal = chapter("Nur für Mitglieder", "intern", "Die Protokolle des Vorstands.")
    restriction = PageViewRestriction.objects.create(
        page=internal, restriction_type=BaseViewRestriction.GROUPS
    )
    restriction.groups.set(members_only_groups())
    assert member_client.get(internal.url).status_code == 200
    response = client.get(internal.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/mitglieder/anmelden/")


def test_an_address_that_leads_nowhere_stays_a_404(client, db):
    history()
    assert client.get("/geschichte/gibt-es-nicht/").status_code == 404
    assert client.get("/geschichte/gibt-es-nicht/").status_code == 404


def test_a_published_change_shows_at_once_although_the_page_was_kept(client, db):
    page = history()
    assert "Küchentisch" in client.get("/geschichte/").content.decode()
    page = StandardPage.objects.get(pk=page.pk)
    page.title = "Unsere Geschichte seit 1985"
    page.save_revision().publish()
    assert "seit 1985" in client.get("/geschichte/").content.decode()


def test_a_page_asked_for_again_is_served_without_reading_it_again(client, db, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_SECONDS = 0
    history()
    client.get("/geschichte/")  # routed by Wagtail, the route remembered
    client.get("/geschichte/")  # the page read by the remembered route, and kept
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/geschichte/").status_code == 200
    assert not [q["sql"] for q in queries if "pages_standardpage" in q["sql"]]


def test_what_was_read_while_a_publish_was_committed_counts_no_more_after_it(db, commit):
    """Wagtail announces a publish inside its transaction: a request in between reads the
    page as it was under the new content version. The version moves on at the commit."""
    from dorfbrunnen.core.content_cache import content_version

    with commit():
        page = StandardPage.objects.get(pk=history().pk)
    with commit():
        page.title = "Unsere Geschichte seit 1985"
        page.save_revision().publish()
        during = content_version()  # what a request in between would keep its page under
    assert content_version() != during


def test_views_outside_the_page_tree_find_their_site_without_asking_the_database(
    client, db, settings
):
    """The search, the API and every tag ask Wagtail for the request's site: it comes from
    the cache, once per host and content version – and a new site counts at once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Page, Site

    settings.PAGE_CACHE_SECONDS = 0
    settings.ALLOWED_HOSTS = ["*"]
    history()
    client.get("/api/v1/centres/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/v1/centres/").status_code == 200
        assert client.get("/suche/", {"q": "Küchentisch"}).status_code == 200
    # (Wagtail keeps the sites' root paths in the cache itself: that query may come.)
    assert not [q for q in queries if '"wagtailcore_site"."hostname" =' in q["sql"]]

    def search_on(host):
        return client.get("/suche/", {"q": "Küchentisch"}, HTTP_HOST=host).text

    # An unknown host is served by the default site, whose tree has the page …
    assert "Unsere Geschichte" in search_on("zweite.example.org")
    # … until that host gets a site of its own, with its own tree.
    home = StandardPage(title="Zweiter Verein", slug="zweiter-verein")
    Page.objects.get(depth=1).add_child(instance=home)
    Site.objects.create(hostname="zweite.example.org", root_page=home, site_name="Zweite")
    assert "Unsere Geschichte" not in search_on("zweite.example.org")
