from datetime import timedelta
from xml.etree import ElementTree

from bs4 import BeautifulSoup
from django.utils import timezone

from dorfbrunnen.news.models import NewsIndexPage, NewsPage


def test_news_index_lists_newest_first_and_links_the_feeds(client, demo):
    soup = BeautifulSoup(client.get("/aktuelles/").content, "html.parser")
    titles = [a.get_text() for a in soup.select(".card__title a")]
    assert titles[0] == "Unsere neue Webseite ist online"
    assert titles[-1] == "Ehrenamt stärken: Fortbildungsreihe für Zentren"
    alternates = {link["type"]: link["href"] for link in soup.find_all("link", rel="alternate")}
    assert alternates == {
        "application/rss+xml": "/aktuelles/feed/",
        "application/atom+xml": "/aktuelles/feed/atom/",
    }


def test_rss_feed_has_the_published_news_items(client, demo):
    response = client.get("/aktuelles/feed/")
    assert response["Content-Type"].startswith("application/rss+xml")
    items = ElementTree.fromstring(response.content).findall("channel/item")
    assert items[0].find("title").text == "Unsere neue Webseite ist online"
    assert len(items) == NewsPage.objects.live().count()


def test_atom_feed_and_drafts_stay_out(client, demo):
    index = NewsIndexPage.objects.get()
    draft = NewsPage(title="Noch geheim", slug="geheim", date=timezone.localdate(), live=False)
    index.add_child(instance=draft)
    draft.save_revision()  # saved, not published
    response = client.get("/aktuelles/feed/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    assert b"Noch geheim" not in response.content
    assert b"Noch geheim" not in client.get("/aktuelles/").content


def test_news_is_paginated_by_ten(client, demo):
    index = NewsIndexPage.objects.get()
    for number in range(10):
        item = NewsPage(
            title=f"Meldung {number}",
            slug=f"meldung-{number}",
            date=timezone.localdate() - timedelta(days=200 + number),
        )
        index.add_child(instance=item)
        item.save_revision().publish()
    assert (
        len(BeautifulSoup(client.get("/aktuelles/").content, "html.parser").select(".card")) == 10
    )
    second = BeautifulSoup(client.get("/aktuelles/?seite=2").content, "html.parser")
    assert len(second.select(".card")) == 3
    assert client.get("/aktuelles/?seite=0").status_code == 404
