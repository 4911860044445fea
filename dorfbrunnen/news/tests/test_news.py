from xml.etree import ElementTree

from bs4 import BeautifulSoup

from .factories import news


def card_titles(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text() for a in soup.select(".card__title a")]


def test_news_index_lists_newest_first_and_links_the_feeds(client, db):
    news("Fortbildungsreihe Ehrenamt", days_ago=40)
    news("Neue Webseite online", days_ago=1)
    news("Sommerfest der Zentren", days_ago=12)
    response = client.get("/aktuelles/")
    assert card_titles(response) == [
        "Neue Webseite online",
        "Sommerfest der Zentren",
        "Fortbildungsreihe Ehrenamt",
    ]
    soup = BeautifulSoup(response.content, "html.parser")
    alternates = {link["type"]: link["href"] for link in soup.find_all("link", rel="alternate")}
    assert alternates == {
        "application/rss+xml": "/aktuelles/feed/",
        "application/atom+xml": "/aktuelles/feed/atom/",
    }


def test_an_empty_news_index_says_so(client, db):
    assert "Zurzeit gibt es keine Nachrichten" in client.get("/aktuelles/").text


def test_rss_feed_has_the_published_news_items_newest_first(client, db):
    news("Ältere Meldung", days_ago=30, intro="Was vor einem Monat geschah.")
    news("Neueste Meldung", days_ago=2)
    news("Noch nicht fertig", publish=False)
    response = client.get("/aktuelles/feed/")
    assert response["Content-Type"].startswith("application/rss+xml")
    items = ElementTree.fromstring(response.content).findall("channel/item")
    assert [item.find("title").text for item in items] == ["Neueste Meldung", "Ältere Meldung"]
    assert items[1].find("link").text == "http://testserver/aktuelles/altere-meldung/"
    assert items[1].find("description").text == "Was vor einem Monat geschah."


def test_atom_feed_and_index_leave_drafts_out(client, db):
    news("Schon öffentlich", days_ago=3)
    news("Noch geheim", publish=False)
    response = client.get("/aktuelles/feed/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    assert b"Schon \xc3\xb6ffentlich" in response.content
    assert b"Noch geheim" not in response.content
    assert card_titles(client.get("/aktuelles/")) == ["Schon öffentlich"]


def test_news_is_paginated_by_ten(client, db):
    for number in range(13):
        news(f"Meldung {number}", days_ago=number)
    first = card_titles(client.get("/aktuelles/"))
    assert first == [f"Meldung {number}" for number in range(10)]
    assert card_titles(client.get("/aktuelles/?seite=2")) == [
        "Meldung 10",
        "Meldung 11",
        "Meldung 12",
    ]
    assert client.get("/aktuelles/?seite=3").status_code == 404
    assert client.get("/aktuelles/?seite=0").status_code == 404
    assert client.get("/aktuelles/?seite=x").status_code == 404
