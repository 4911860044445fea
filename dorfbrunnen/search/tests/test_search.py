import pytest
from bs4 import BeautifulSoup

from dorfbrunnen.library.tests.factories import chapter
from dorfbrunnen.news.tests.factories import news
from dorfbrunnen.pages.models import StandardPage


def results(client, query):
    soup = BeautifulSoup(client.get("/suche/", {"q": query}).content, "html.parser")
    return [a.get_text() for a in soup.select(".search-result__title a")], soup


@pytest.fixture
def page_below_about(section):
    def create(title, intro, *, publish=True):
        page = StandardPage(title=title, intro=intro, live=publish)
        section("about").add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
        return page

    return create


@pytest.fixture
def fachtag(page_below_about):
    return page_below_about(
        "Fachtag Familie", "Wie Patenschaften für Streuobstwiesen gegen Vereinsamung helfen."
    )


def test_search_finds_pages_by_a_word_of_their_intro(client, fachtag):
    news("Sommerfest der Zentren", intro="Mit Kuchen und Musik.")
    titles, soup = results(client, "Vereinsamung")
    assert titles == ["Fachtag Familie"]
    assert soup.select_one(".search-result__title a")["href"] == fachtag.url
    assert results(client, "Kuchen")[0] == ["Sommerfest der Zentren"]


def test_search_needs_every_word(client, fachtag):
    assert results(client, "Vereinsamung")[0] == ["Fachtag Familie"]
    assert "Impressum" in results(client, "Impressum")[0]
    assert results(client, "Vereinsamung Impressum")[0] == []
    assert results(client, "Vereinsamung Patenschaften")[0] == ["Fachtag Familie"]


@pytest.mark.parametrize("address", ["/suche/?q=Fachtag", "/robots.txt", "/healthz"])
def test_a_head_request_is_answered_like_a_get(client, db, address):
    # Link checkers and load balancers ask with HEAD first.
    assert client.head(address).status_code == client.get(address).status_code == 200


def test_empty_search_explains_what_to_do(client, db):
    _, soup = results(client, "   ")
    assert "Geben Sie einen oder mehrere Begriffe ein" in soup.get_text()


def test_no_results_get_helpful_german_text(client, db):
    titles, soup = results(client, "Quantenchromodynamik")
    assert titles == []
    assert "haben wir leider nichts gefunden" in soup.get_text()
    assert soup.find("a", string="Kontaktformular")["href"] == "/kontakt/"


def test_drafts_and_unpublished_pages_are_not_found(client, page_below_about):
    page_below_about("Geheimplan Zauberwürfel", "Noch nicht fertig.", publish=False)
    withdrawn = page_below_about("Alter Plan Zauberwürfel", "Zurückgezogen.")
    assert results(client, "Zauberwürfel")[0] == ["Alter Plan Zauberwürfel"]
    withdrawn.unpublish()
    assert results(client, "Zauberwürfel")[0] == []


def test_members_only_chapters_are_never_found(client, member_client, db):
    chapter("Offene Arbeitshilfen", intro="Honorare für Referentinnen, öffentlich.")
    internal = chapter(
        "Interne Arbeitshilfen", intro="Honorare und die Honorarobergrenze.", restricted=True
    )
    chapter("Tabelle", intro="Die Honorarobergrenze im Detail.", parent=internal)
    assert results(client, "Honorare")[0] == ["Offene Arbeitshilfen"]
    assert results(client, "Honorarobergrenze")[0] == []
    # The site search lists public pages only, for members too (the binder's search is theirs).
    assert results(member_client, "Honorarobergrenze")[0] == []


def test_bad_page_number_and_overlong_query_never_500(client, fachtag):
    assert client.get("/suche/", {"q": "Vereinsamung", "seite": "x"}).status_code == 404
    assert client.get("/suche/", {"q": "Vereinsamung", "seite": "2"}).status_code == 404
    huge = "99999999999999999999"  # its offset would not fit the database's integer
    assert client.get("/suche/", {"q": "Vereinsamung", "seite": huge}).status_code == 404
    assert client.get("/suche/", {"q": "a" * 5000}).status_code == 200
    assert client.post("/suche/", {"q": "x"}).status_code == 405


def test_german_stemming_on_postgresql(client, fachtag):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("Stemming is PostgreSQL's (SQLite's full-text search has none)")
    # The intro says "Streuobstwiesen"; the German stemmer finds it from the singular.
    assert results(client, "Streuobstwiese")[0] == ["Fachtag Familie"]
    assert results(client, "Patenschaft")[0] == ["Fachtag Familie"]


def test_control_characters_in_the_query_are_ignored(client, fachtag):
    response = client.get("/suche/", {"q": "Vereinsamung\x07\x1b"})
    assert response.status_code == 200
    assert "Fachtag Familie" in response.text


def test_results_are_counted_and_paged_and_the_search_runs_once_per_page(
    client, page_below_about, settings
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for number in range(12):
        page_below_about(f"Elterncafé {number:02d}", "Ein Treffpunkt für Eltern im Stadtteil.")
    titles, soup = results(client, "Elterncafé")
    assert len(titles) == 10
    assert "12 Ergebnisse" in soup.get_text()
    second = BeautifulSoup(
        client.get("/suche/", {"q": "Elterncafé", "seite": 2}).content, "html.parser"
    )
    assert len(second.select(".search-result__title a")) == 2
    assert "12 Ergebnisse" in second.get_text()
    assert client.get("/suche/", {"q": "Elterncafé", "seite": 3}).status_code == 404
    if connection.vendor == "postgresql":
        # The page's own query counts all matches: the index is searched once, not twice.
        settings.PAGE_CACHE_SECONDS = 0
        with CaptureQueriesContext(connection) as queries:
            client.get("/suche/", {"q": "Elterncafé", "seite": 2})
        searches = [q for q in queries if "wagtailsearch_indexentry" in q["sql"]]
        assert len(searches) == 1


def test_a_search_without_results_searches_the_index_once(client, fachtag, settings):
    """Nothing on the first page means nothing at all: no second search to count."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_SECONDS = 0
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/suche/", {"q": "Streuobstwiesenfest"})
    assert "haben wir leider nichts gefunden" in response.text
    searches = [q for q in queries if "wagtailsearch_indexentry" in q["sql"]]
    assert len(searches) == 1


def test_a_result_stays_kept_while_other_pages_are_published_and_follows_its_own_change(
    client, page_below_about, section, settings
):
    """Each entry is kept under its page's stamp: a publish elsewhere loads no page again;
    the page's own new title, and a renamed parent's address, show at once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_SECONDS = 0
    kept = page_below_about("Erzählcafé", "Geschichten aus dem Viertel beim Kaffee.")
    assert results(client, "Viertel")[0] == ["Erzählcafé"]
    page_below_about("Nachbarschaftsfest", "Ein Fest für das ganze Viertel.")  # elsewhere
    with CaptureQueriesContext(connection) as queries:
        titles, _ = results(client, "Viertel")
    assert sorted(titles) == ["Erzählcafé", "Nachbarschaftsfest"]
    # Only the new page is loaded to build its entry: the kept one is not read.
    loaded = [q["sql"] for q in queries if '"pages_standardpage"' in q["sql"]]
    new = StandardPage.objects.get(title="Nachbarschaftsfest").pk
    assert len(loaded) == 1 and f"IN ({new})" in loaded[0]

    kept.title = "Erzählcafé am Markt"
    kept.save_revision().publish()
    assert "Erzählcafé am Markt" in results(client, "Geschichten")[0]
    about = section("about")
    about.slug = "wir-ueber-uns"
    about.save_revision().publish()
    _, soup = results(client, "Geschichten")
    kept.refresh_from_db()
    assert soup.select_one(".search-result__title a")["href"] == kept.url
    assert "/wir-ueber-uns/" in kept.url


def test_a_search_whose_entries_are_kept_asks_the_database_once(client, fachtag, settings):
    """The match, its count and the page's results in one query; the site's roots and the
    entries come from what was kept."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if connection.vendor != "postgresql":
        pytest.skip("SQLite counts the matches in a query of its own")
    settings.PAGE_CACHE_SECONDS = 0
    assert results(client, "Vereinsamung")[0] == ["Fachtag Familie"]
    with CaptureQueriesContext(connection) as queries:
        assert results(client, "Patenschaften")[0] == ["Fachtag Familie"]
    # The planner's setting for the search (search/backend.py), then the search itself.
    statements = [q["sql"] for q in queries if q["sql"] not in ("BEGIN", "COMMIT")]
    assert statements[0].startswith("SET LOCAL enable_hashjoin TO off;")
    assert len(statements) == 3, [sql[:80] for sql in statements]  # the setting set back


def test_results_come_best_first_on_every_page(client, page_below_about):
    """The ranking decides the order across pages: a page named after the word comes
    before the pages that only mention it, and paging on shows each page once."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite's full-text search ranks by its own measure (no title weight)")
    for number in range(11):
        page_below_about(f"Bericht {number:02d}", "Vom Streuobstwiesenfest im Stadtteil.")
    page_below_about("Streuobstwiesen", "Wo es sie gibt und wer sie pflegt.")
    first, soup = results(client, "Streuobstwiesen")
    assert first[0] == "Streuobstwiesen"
    assert "12 Ergebnisse" in soup.get_text()
    second = BeautifulSoup(
        client.get("/suche/", {"q": "Streuobstwiesen", "seite": 2}).content, "html.parser"
    )
    rest = [a.get_text() for a in second.select(".search-result__title a")]
    reports = [f"Bericht {number:02d}" for number in range(11)]
    assert sorted(first + rest) == sorted(["Streuobstwiesen", *reports])


def test_the_planner_setting_of_a_search_ends_with_it(db):
    """The search's join setting must not reach the queries after it – inside a caller's
    transaction (as in every test) as well as in a request's own."""
    from django.db import connection

    from dorfbrunnen.search.backend import matches_looked_up_by_id

    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL planner setting")

    def settings():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_setting('enable_hashjoin'), current_setting('enable_mergejoin')"
            )
            return cursor.fetchone()

    with matches_looked_up_by_id():
        assert settings() == ("off", "off")
    assert settings() == ("on", "on")


def test_the_search_vectors_stay_in_the_index_entries_rows(db):
    """Ranking reads each match's body vector; kept in the row, it is not fetched from
    PostgreSQL's side table match by match (search migration 0002)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's storage of large values")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attname, attstorage FROM pg_attribute WHERE attrelid = "
            "'wagtailsearch_indexentry'::regclass AND attname IN ('title', 'body')"
        )
        assert dict(cursor.fetchall()) == {"title": "m", "body": "m"}


def test_a_search_over_nothing_finds_nothing(db):
    """A search whose pages are none at all (a binder whose chapters a visitor may not
    see) answers with no results, also on the ranked path."""
    from wagtail.models import Page

    assert list(Page.objects.none().search("Familie")) == []
    assert list(Page.objects.filter(pk__in=[]).search("Familie", operator="and")[:10]) == []
