import html
import re

from bs4 import BeautifulSoup

from dorfbrunnen.core.models import NavigationSettings, SiteSettings
from dorfbrunnen.pages.models import HomePage
from dorfbrunnen.pages.seed import SEED_FILE, read_home_seed
from dorfbrunnen.tests.sample import site_sample, standard_page


def visible_text(response) -> str:
    soup = BeautifulSoup(response.content, "html.parser")
    return " ".join(soup.get_text(" ").split())


def test_every_page_type_renders_with_one_h1_and_its_content(client, db):
    sample = site_sample()
    problems = {}
    for url, text in sample.pages.items():
        response = client.get(url)
        soup = BeautifulSoup(response.content, "html.parser")
        found = {
            "status": response.status_code,
            "h1": len(soup.find_all("h1")),
            "lang": soup.html.get("lang") if soup.html else None,
            "text": text in visible_text(response),
        }
        if found != {"status": 200, "h1": 1, "lang": "de", "text": True}:
            problems[url] = found
    assert problems == {}


def test_home_page_shows_every_line_of_the_seed_word_for_word(client, db):
    text = visible_text(client.get("/"))
    lines = [line.strip() for line in SEED_FILE.read_text(encoding="utf-8").splitlines()]
    for line in filter(None, lines):
        assert " ".join(line.split()) in text, line


def test_home_page_teasers_link_to_library_and_events(client, section):
    seed = read_home_seed()
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    links = {a.get_text(strip=True): a["href"] for a in soup.select(".teaser__title a")}
    assert links == {
        seed.library_title: section("library").url,
        seed.fachtag_title: section("events").url,
    }
    assert [h.get_text() for h in soup.select(".pillar__title")] == [
        title for title, _text in seed.sections
    ]


def test_home_page_content_is_editable_fields_not_template_text(client, db):
    home = HomePage.objects.get()
    before = home.welcome_title
    home.welcome_title = "Schön, dass Sie da sind"
    home.save_revision().publish()
    assert "Schön, dass Sie da sind" in visible_text(client.get("/"))
    assert before not in visible_text(client.get("/"))


def test_meta_description_canonical_and_open_graph(client, db):
    page = standard_page(
        "Unsere Geschichte",
        "geschichte",
        "Von drei Müttern am Küchentisch zum Landesverband.",
        intro="Wie aus einem Küchentisch ein Verband wurde.",
    )
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    assert soup.find("link", rel="canonical")["href"] == "http://testserver/geschichte/"
    assert soup.find("meta", attrs={"name": "description"})["content"] == page.intro
    assert soup.find("meta", property="og:title")["content"] == "Unsere Geschichte"


def test_home_meta_description_is_plain_text(client, db):
    home = HomePage.objects.get()
    home.welcome_text = "<p>Für <b>Jung &amp; Alt</b> in NRW.</p><p>Familien willkommen.</p>"
    home.save_revision().publish()
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    description = soup.find("meta", attrs={"name": "description"})["content"]
    assert html.unescape(description) == "Für Jung & Alt in NRW. Familien willkommen."
    assert "<" not in description and "&amp;" not in description


def test_unknown_page_answers_404_in_german(client, db):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert "Diese Seite gibt es nicht (mehr)" in visible_text(response)


def test_main_and_footer_menus_come_from_the_settings(client, section):
    news, contact, imprint = section("news"), section("contact"), section("imprint")
    navigation = NavigationSettings.objects.get()
    navigation.main_menu = [
        ("link", {"page": news, "external_url": "", "title": ""}),
        ("link", {"page": contact, "external_url": "", "title": "Schreiben Sie uns"}),
    ]
    navigation.footer_menu = [
        ("link", {"page": imprint, "external_url": "", "title": ""}),
        (
            "link",
            {"page": None, "external_url": "https://example.org/", "title": "Bundesverband"},
        ),
        ("link", {"page": contact, "external_url": "", "title": ""}),  # in both menus
    ]
    navigation.save()
    soup = BeautifulSoup(client.get(news.url).content, "html.parser")
    assert [a.get_text() for a in soup.select(".main-nav__link")] == [
        news.title,
        "Schreiben Sie uns",
    ]
    assert soup.select_one('.main-nav__link[aria-current="page"]').get_text() == news.title
    footer = {a.get_text(): a["href"] for a in soup.select(".footer-nav__link")}
    assert footer == {
        imprint.title: imprint.url,
        "Bundesverband": "https://example.org/",
        contact.title: contact.url,
    }


def test_imprint_takes_the_legal_facts_from_site_settings(client, section):
    site_settings = SiteSettings.objects.get()
    site_settings.association_name = "Familienzentren im Land e.V."
    site_settings.register_number = "VR 4711"
    site_settings.save()
    text = visible_text(client.get(section("imprint").url))
    assert "Registernummer: VR 4711" in text
    assert "Familienzentren im Land e.V." in text


def test_no_inline_script_or_event_handler_on_public_pages(client, db):
    for url in site_sample().pages:
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        for script in soup.find_all("script"):
            # Data blocks (JSON-LD) are not executed, so CSP allows them.
            assert script.get("src") or script.get("type") == "application/ld+json", url
        for tag in soup.find_all(True):
            assert not [a for a in tag.attrs if re.match(r"on[a-z]+$", a)], (url, tag.name)
            assert "style" not in tag.attrs, (url, tag.name)


def test_home_page_body_is_built_once_per_publish_but_previews_show_the_draft(client, db, settings):
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
