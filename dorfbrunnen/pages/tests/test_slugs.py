"""Web addresses without accents or umlauts (core/slugs.py, used by every page), and old
addresses that keep working when a page's address changes (Wagtail's redirects)."""

import json

from bs4 import BeautifulSoup

from dorfbrunnen.core.slugs import german_slug
from dorfbrunnen.pages.models import StandardPage


def test_german_transliteration():
    assert german_slug("Elterncafé am Abend") == "elterncafe-am-abend"
    assert german_slug("Mütterzentrum Groß-Gerau") == "muetterzentrum-gross-gerau"
    assert german_slug("Öffnungszeiten für Ältere") == "oeffnungszeiten-fuer-aeltere"


def test_a_page_saved_without_slug_gets_a_transliterated_one(section):
    about = section("about")
    page = StandardPage(title="Elterncafé für Mütter")
    about.add_child(instance=page)
    assert page.slug == "elterncafe-fuer-muetter"
    twin = StandardPage(title="Elterncafé für Mütter")
    about.add_child(instance=twin)
    assert twin.slug == "elterncafe-fuer-muetter-2"


def test_the_editors_slug_field_transliterates_as_the_server_does(office_client, section):
    about = section("about")
    response = office_client.get(f"/admin/pages/add/pages/standardpage/{about.pk}/")
    slug = BeautifulSoup(response.content, "html.parser").select_one("input[name=slug]")
    assert slug["data-controller"] == "w-slug"
    assert not slug.has_attr("data-w-slug-allow-unicode-value")  # Wagtail's default: off
    formatters = json.loads(slug["data-w-slug-formatters-value"])
    assert [["ä", "gu"], "ae"] in formatters and [["ß", "gu"], "ss"] in formatters


def test_a_changed_address_keeps_a_redirect_from_the_old_one(client, section, commit):
    page = StandardPage(title="Muetter Cafe", slug="mutter-cafe")
    with commit():
        section("about").add_child(instance=page)
        page.save_revision().publish()
    old_url = page.url
    assert client.get(old_url).status_code == 200
    with commit():
        page.slug = "muetter-cafe"
        page.save_revision().publish()
    page.refresh_from_db()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"].endswith(page.url)
    assert client.get(page.url).status_code == 200
