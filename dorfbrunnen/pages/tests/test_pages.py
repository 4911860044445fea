import html
import re

import pytest
from bs4 import BeautifulSoup

from dorfbrunnen.conftest import DEMO_PAGES
from dorfbrunnen.pages.models import HomePage
from dorfbrunnen.pages.seed import SEED_FILE


def visible_text(response) -> str:
    soup = BeautifulSoup(response.content, "html.parser")
    return " ".join(soup.get_text(" ").split())


@pytest.mark.parametrize("url", DEMO_PAGES)
def test_every_demo_page_renders_with_one_h1_and_its_content(client, demo, url):
    response = client.get(url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert len(soup.find_all("h1")) == 1
    assert soup.html["lang"] == "de"
    assert DEMO_PAGES[url] in visible_text(response)


def test_home_page_shows_every_line_of_the_seed_word_for_word(client, demo):
    text = visible_text(client.get("/"))
    lines = [line.strip() for line in SEED_FILE.read_text(encoding="utf-8").splitlines()]
    for line in filter(None, lines):
        assert " ".join(line.split()) in text, line


def test_home_page_teasers_link_to_library_and_fachtag(client, demo):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    links = {a.get_text(strip=True): a["href"] for a in soup.select(".teaser__title a")}
    assert links["Infopaket"] == "/infopaket/"
    assert links["Fachtag Familie 2023"] == "/veranstaltungen/fachtag-familie-2023/"
    assert [h.get_text() for h in soup.select(".pillar__title")] == [
        "Familienselbsthilfe",
        "Großfamilie",
        "Engagement",
    ]


def test_home_page_content_is_editable_fields_not_template_text(client, demo):
    home = HomePage.objects.get()
    home.welcome_title = "Schön, dass Sie da sind"
    home.save_revision().publish()
    assert "Schön, dass Sie da sind" in visible_text(client.get("/"))
    assert "Herzlich willkommen" not in visible_text(client.get("/"))


def test_meta_description_canonical_and_open_graph(client, demo):
    soup = BeautifulSoup(client.get("/ueber-uns/").content, "html.parser")
    assert soup.find("link", rel="canonical")["href"] == "http://localhost/ueber-uns/"
    assert (
        "Zusammenschluss der Mütterzentren"
        in soup.find("meta", attrs={"name": "description"})["content"]
    )
    assert soup.find("meta", property="og:title")["content"] == "Über uns"


def test_home_meta_description_is_plain_text(client, demo):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    description = soup.find("meta", attrs={"name": "description"})["content"]
    assert "Jung & Alt in NRW. Familien" in html.unescape(description)
    assert "<" not in description and "&amp;" not in description


def test_unknown_page_answers_404_in_german(client, demo):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert "Diese Seite gibt es nicht (mehr)" in visible_text(response)


def test_main_and_footer_menus_come_from_the_settings(client, demo):
    soup = BeautifulSoup(client.get("/aktuelles/").content, "html.parser")
    main = [a.get_text() for a in soup.select(".main-nav__link")]
    assert main == ["Über uns", "Zentren", "Veranstaltungen", "Infopaket", "Aktuelles", "Kontakt"]
    assert soup.select_one('.main-nav__link[aria-current="page"]').get_text() == "Aktuelles"
    footer = [a.get_text() for a in soup.select(".footer-nav__link")]
    assert footer == ["Kontakt", "Impressum", "Datenschutz", "Barrierefreiheit"]


def test_imprint_takes_the_legal_facts_from_site_settings(client, demo):
    from dorfbrunnen.core.models import SiteSettings

    site_settings = SiteSettings.objects.get()
    site_settings.register_number = "VR 4711"
    site_settings.save()
    text = visible_text(client.get("/impressum/"))
    assert "Registernummer: VR 4711" in text
    assert site_settings.association_name in text


def test_no_inline_script_or_event_handler_on_public_pages(client, demo):
    for url in DEMO_PAGES:
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        for script in soup.find_all("script"):
            # Data blocks (JSON-LD) are not executed, so CSP allows them.
            assert script.get("src") or script.get("type") == "application/ld+json", url
        for tag in soup.find_all(True):
            assert not [a for a in tag.attrs if re.match(r"on[a-z]+$", a)], (url, tag.name)
            assert "style" not in tag.attrs, (url, tag.name)


def test_home_page_body_is_built_once_per_publish_but_previews_show_the_draft(
    client, demo, settings
):
    from dorfbrunnen.pages.models import HomePage

    settings.PAGE_CACHE_SECONDS = 0  # rendered each time: the fragment cache alone
    home = HomePage.objects.get()
    published = client.get("/").text
    assert home.welcome_title in published

    draft = HomePage.objects.get()
    draft.welcome_title = "Entwurf der Begrüßung"
    preview = draft.make_preview_request()
    assert "Entwurf der Begrüßung" in preview.content.decode()
    assert "Entwurf der Begrüßung" not in client.get("/").text

    draft.save_revision().publish()
    assert "Entwurf der Begrüßung" in client.get("/").text
