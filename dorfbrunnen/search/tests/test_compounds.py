"""German compound words are found by their beginning, in the site search and the
Infopaket: „Haushalt“ finds „Haushaltsplan“, „Kita“ finds „Kitaplatz“ (prefix matching in
the search index, search/backend.py). Runs on SQLite and, in `make test`, on PostgreSQL."""

from bs4 import BeautifulSoup

from dorfbrunnen.centres.tests.factories import centre
from dorfbrunnen.tests.sample import chapter, document, standard_page


def found(client, url, query):
    soup = BeautifulSoup(client.get(url, {"q": query}).content, "html.parser")
    return " ".join(soup.select_one("main").get_text(" ").split())


def test_site_search_finds_compounds_by_their_first_part(client, db):
    standard_page("Finanzen", "finanzen", "Der Haushaltsplan des Vereins für das kommende Jahr.")
    standard_page("Betreuung", "betreuung", "So bekommen Sie einen Kitaplatz in Ihrer Stadt.")
    assert "Finanzen" in found(client, "/suche/", "Haushalt")
    assert "Betreuung" in found(client, "/suche/", "Kita")
    assert "Betreuung" in found(client, "/suche/", "kita stadt")  # every word, each a prefix
    assert "Betreuung" not in found(client, "/suche/", "Haushalt")
    assert "Finanzen" not in found(client, "/suche/", "Haushalt Kita")


def test_infopaket_search_finds_compounds_by_their_first_part(client, section):
    plan = document(
        "Vorlage für die Kasse", "Ein Haushaltsplan in zwölf Zeilen.", filename="kasse.pdf"
    )
    chapter(
        "Geld und Förderung", "geld", "Zuschüsse für den Kitaplatz beantragen.", documents=[plan]
    )
    library = section("library").url + "suche/"
    assert "Vorlage für die Kasse" in found(client, library, "Haushalt")
    assert "Geld und Förderung" in found(client, library, "Kita")


def test_an_offer_word_shows_centres_with_it_and_leads_into_the_finder(client, section):
    centre("Familienzentrum Sonnenblume", "44149", town="Dortmund", offers=["kinderbetreuung"])
    centre("Familienzentrum Kastanie", "45127", town="Essen", offers=["beratung"])
    soup = BeautifulSoup(client.get("/suche/", {"q": "Kinderbetreuung"}).content, "html.parser")
    box = soup.select_one(".offer-hit")
    assert "Familienzentrum Sonnenblume" in box.get_text()
    assert "Kastanie" not in box.get_text()
    link = box.select_one("a.button")["href"]
    assert link == section("centres").url + "?angebot=kinderbetreuung"
    finder = BeautifulSoup(client.get(link).content, "html.parser")
    assert finder.select_one('input[value="kinderbetreuung"]').has_attr("checked")
    assert not BeautifulSoup(
        client.get("/suche/", {"q": "Sommerfest"}).content, "html.parser"
    ).select(".offer-hit")


def test_the_centres_with_an_offer_are_counted_once_and_a_new_one_shows_at_once(
    client, section, settings
):
    """With thousands of centres, counting those with a common offer cost more than the
    search itself: kept per content version, so another search naming the offer counts
    nothing again – and a centre published with it is counted at once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_SECONDS = 0
    centre("Familienzentrum Sonnenblume", "44149", town="Dortmund", offers=["kinderbetreuung"])
    assert "Sonnenblume" in found(client, "/suche/", "Kinderbetreuung")
    with CaptureQueriesContext(connection) as queries:
        text = found(client, "/suche/", "Kinderbetreuung Dortmund")
    assert "Sonnenblume" in text
    assert not [q for q in queries if "centres_centrepage_offers" in q["sql"]]
    # Nor is the finder the offer box leads to looked up again.
    assert not [q for q in queries if "centres_centreindexpage" in q["sql"]]
    centre("Familienzentrum Kastanie", "45127", town="Essen", offers=["kinderbetreuung"])
    text = found(client, "/suche/", "Kinderbetreuung")
    assert "Sonnenblume" in text and "Kastanie" in text


def test_after_a_publish_every_offers_centres_are_found_in_one_query(client, section, settings):
    """The first search naming an offer after a publish builds the hits of all offers: in
    one query, not one per offer (the issue's bound: 12 queries a page)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_SECONDS = 0
    for name, offer in [
        ("Ahorn", "beratung"),
        ("Birke", "familienbildung"),
        ("Eiche", "sprachcafe"),
    ]:
        centre(f"Familienzentrum {name}", "44149", town="Dortmund", offers=[offer])
    assert "Ahorn" in found(client, "/suche/", "Beratung")
    centre("Familienzentrum Linde", "45127", town="Essen", offers=["kinderbetreuung"])
    with CaptureQueriesContext(connection) as queries:
        text = found(client, "/suche/", "Beratung")
    assert "Ahorn" in text
    links = [q["sql"] for q in queries if "centres_centrepage_offers" in q["sql"]]
    # The hits of all four offers, and the new centre's card (its offers) – nothing per offer.
    assert len(links) == 2, links


def test_the_centres_with_an_offer_are_named_in_the_visitors_language(client, section, settings):
    """What is kept per offer is kept per language: a German search first does not give a
    Turkish visitor the German centre page."""
    from dorfbrunnen.tests.languages import translate

    settings.PAGE_CACHE_SECONDS = 0
    sunflower = centre(
        "Familienzentrum Sonnenblume", "44149", town="Dortmund", offers=["kinderbetreuung"]
    )
    translate(section("home"), "tr")
    translate(sunflower, "tr", title="Aile Merkezi Ayçiçeği")
    assert "Familienzentrum Sonnenblume" in found(client, "/suche/", "Kinderbetreuung")
    turkish = BeautifulSoup(
        client.get("/tr/suche/", {"q": "Kinderbetreuung"}).content, "html.parser"
    ).select_one(".offer-hit")
    assert "Aile Merkezi Ayçiçeği" in turkish.get_text()
    assert "Familienzentrum Sonnenblume" not in turkish.get_text()


def test_an_offer_hit_names_five_centres_by_title_and_counts_only_published_ones(
    client, section, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    names = ["Eiche", "Ahorn", "Linde", "Birke", "Fichte", "Clematis"]
    for name in names:
        centre(f"Zentrum {name}", "44137", town="Dortmund", offers=["kinderbetreuung"])
    withdrawn = centre("Zentrum Aster", "44137", town="Dortmund", offers=["kinderbetreuung"])
    withdrawn.unpublish()
    box = BeautifulSoup(
        client.get("/suche/", {"q": "Kinderbetreuung"}).content, "html.parser"
    ).select_one(".offer-hit")
    listed = [link.get_text() for link in box.select(".offer-hit__list a")]
    assert listed == [f"Zentrum {name}" for name in sorted(names)[:5]]
    assert "Alle 6 Zentren" in box.select_one("a.button").get_text()
