import pytest
from bs4 import BeautifulSoup


def results(client, query):
    soup = BeautifulSoup(client.get("/suche/", {"q": query}).content, "html.parser")
    return [a.get_text() for a in soup.select(".search-result__title a")], soup


def test_search_finds_the_fachtag_by_a_word_of_its_subtitle(client, demo):
    titles, _ = results(client, "Einsamkeit")
    assert "Fachtag Familie 2023" in titles


def test_search_needs_every_word(client, demo):
    titles, _ = results(client, "Einsamkeit Impressum")
    assert titles == []


def test_empty_search_explains_what_to_do(client, demo):
    _, soup = results(client, "   ")
    assert "Geben Sie einen oder mehrere Begriffe ein" in soup.get_text()


def test_no_results_get_helpful_german_text(client, demo):
    titles, soup = results(client, "Quantenchromodynamik")
    assert titles == []
    assert "haben wir leider nichts gefunden" in soup.get_text()
    assert soup.find("a", string="Kontaktformular")["href"] == "/kontakt/"


def test_drafts_are_not_found(client, demo):
    from dorfbrunnen.pages.models import StandardPage

    about = StandardPage.objects.get(slug="ueber-uns")
    draft = StandardPage(title="Geheimplan Zauberwürfel", slug="geheim")
    about.add_child(instance=draft)
    draft.save_revision()
    draft.unpublish()
    titles, _ = results(client, "Zauberwürfel")
    assert titles == []


def test_bad_page_number_and_overlong_query_never_500(client, demo):
    assert client.get("/suche/", {"q": "Familie", "seite": "x"}).status_code == 404
    assert client.get("/suche/", {"q": "a" * 5000}).status_code == 200
    assert client.post("/suche/", {"q": "x"}).status_code == 405


def test_german_stemming_on_postgresql(client, demo):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("Stemming is PostgreSQL's (SQLite's full-text search has none)")
    # The subtitle says "Netzwerke"; the German stemmer finds it from the singular.
    titles, _ = results(client, "Netzwerk")
    assert "Fachtag Familie 2023" in titles


def test_control_characters_in_the_query_are_ignored(client, demo):
    response = client.get("/suche/", {"q": "Einsamkeit\x07\x1b"})
    assert response.status_code == 200
    assert "Fachtag Familie 2023" in response.text
