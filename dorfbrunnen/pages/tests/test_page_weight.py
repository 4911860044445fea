"""The home page's weight on first load (HTML, CSS, JS, fonts, images), uncompressed."""

from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders

BUDGET_BYTES = 200 * 1024


def test_home_page_stays_under_200_kb_on_first_load(client, db):
    response = client.get("/")
    total = len(response.content)
    soup = BeautifulSoup(response.content, "html.parser")
    resources = [tag["href"] for tag in soup.find_all("link", rel=["stylesheet", "icon"])]
    resources += [tag["src"] for tag in soup.find_all(["script", "img"]) if tag.get("src")]
    assert resources, "the page references its CSS, JS and logo"
    for url in resources:
        path = finders.find(url.removeprefix("/static/"))
        assert path, url
        with open(path, "rb") as file:
            total += len(file.read())
    assert total < BUDGET_BYTES, f"{total / 1024:.0f} KB"
