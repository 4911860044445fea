"""Leichte Sprache, sign-language videos and the read-aloud button as a visitor gets them
from the server, and what editors are asked for: alt texts, and clear sentences (the
content checker's configuration; the check itself runs in the browser, see
accessibility/tests/test_browser.py)."""

import io
import json
import re
from datetime import date

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images import get_image_model

from dorfbrunnen.centres.tests.factories import centre
from dorfbrunnen.core.blocks import ALT_TEXT_MISSING, AccessibleImageBlock
from dorfbrunnen.core.models import SignLanguageVideo
from dorfbrunnen.demo.inclusion import EASY_READ_PAGES
from dorfbrunnen.pages.models import EasyReadPage
from dorfbrunnen.pages.texts import easy_read_body
from dorfbrunnen.tests.sample import MP4_HEAD, VTT, publish, sign_video, standard_page

NUMBER_WORDS = r"\b(zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwanzig|dreißig)\b"


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def link_named(html, text):
    return next((a for a in html.find_all("a") if a.get_text(strip=True) == text), None)


def sentences(html: str) -> list[str]:
    text = BeautifulSoup(html.replace("<br/>", "\n"), "html.parser").get_text("\n")
    return [s.strip() for s in re.split(r"(?<=[.?!:])\s+|\n", text) if s.strip()]


@pytest.mark.parametrize(
    "html",
    [
        easy_read_body("Landesverband der Familienzentren e.V."),
        *(p["body"] for p in EASY_READ_PAGES),
    ],
    ids=["setup", *(p["slug"] for p in EASY_READ_PAGES)],
)
def test_leichte_sprache_texts_follow_the_rules(html):
    found = sentences(html)
    assert found
    too_long = [s for s in found if len(s.split()) > 14]
    assert too_long == []  # short sentences, one statement each
    assert re.findall(NUMBER_WORDS, html, flags=re.IGNORECASE) == []  # numbers as digits
    # Long compounds are split with the Mediopunkt.
    unsplit = re.findall(
        r"\b(Mütterzentr\w*|Internetseite|Postleitzahl|Telefonnummer|Kinderbetreuung|"
        r"Barrierefreiheit|Schlichtungsstelle|Prüfgruppe|Treffpunkt)\b",
        html,
    )
    assert unsplit == []


def test_setup_makes_the_section_and_every_page_links_to_it(client, section):
    start = section("easy_read")
    assert start.live and start.url == "/leichte-sprache/"
    text = client.get(start.url).text
    for heading in (
        "Wer sind wir?",
        "Was ist ein Mütter·zentrum?",
        "So finden Sie ein Mütter·zentrum in Ihrer Nähe",
        "So machen Sie bei einer Veranstaltung mit",
        "So finden Sie sich auf dieser Internet·seite zurecht",
        "Barriere·freiheit",
    ):
        assert heading in text
    assert 'lang="de"' in text
    for page in ("home", "about", "events", "contact"):
        header = soup(client.get(section(page).url)).find("header", class_="site-header")
        link = header.find("a", class_="site-header__easy-read")
        assert (
            link["href"] == "/leichte-sprache/" and link.get_text(strip=True) == "Leichte Sprache"
        )
        assert link.find("svg") is not None  # with its icon
    start.unpublish()
    header = soup(client.get("/")).find("header", class_="site-header")
    assert header.find("a", class_="site-header__easy-read") is None


def test_a_page_links_to_its_leichte_sprache_version_at_the_top(client, section):
    version = publish(
        section("easy_read"),
        EasyReadPage(title="Über uns in Leichter Sprache", slug="ueber-uns"),
    )
    page = standard_page(
        "Satzung", "satzung", "Der Verein hat eine Satzung.", easy_read_page=version
    )
    main = soup(client.get(page.url)).find("main")
    link = link_named(main, "Diese Seite in Leichter Sprache")
    assert link["href"] == version.url
    assert main.find_all(True).index(link) < main.find_all(True).index(main.find("h1"))
    version.unpublish()
    assert link_named(soup(client.get(page.url)), "Diese Seite in Leichter Sprache") is None


def test_the_seal_shows_only_when_a_reading_group_checked_the_text(client, section):
    unchecked = publish(section("easy_read"), EasyReadPage(title="Kurse", slug="kurse"))
    checked = publish(
        section("easy_read"),
        EasyReadPage(
            title="Feste",
            slug="feste",
            checked_by="Prüfgruppe Dortmund",
            checked_on=date(2026, 3, 2),
        ),
    )
    page = soup(client.get(unchecked.url))
    assert page.find(class_="icon--seal") is None
    assert "noch nicht geprüft" in page.find(class_="easy-read__check").get_text()
    page = soup(client.get(checked.url))
    check = page.find(class_="easy-read__check")
    assert check.find(class_="icon--seal") is not None
    assert "Geprüft von: Prüfgruppe Dortmund, am 2. März 2026." in check.get_text()
    # The start page lists both.
    listed = [
        a.get_text() for a in soup(client.get("/leichte-sprache/")).select(".easy-read__pages a")
    ]
    assert listed == ["Kurse", "Feste"]


def test_checked_by_and_checked_on_go_together(db):
    page = EasyReadPage(title="Feste", slug="feste", checked_by="Prüfgruppe Dortmund")
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "checked_on" in error.value.message_dict


def test_a_sign_language_video_is_played_by_the_browser_with_captions(client, db):
    video = sign_video(transcript="Herzlich willkommen bei uns.")
    page = standard_page("Willkommen", "willkommen", "Hallo.", sign_language_video=video)
    html = soup(client.get(page.url))
    player = html.find("video")
    assert player.has_attr("controls") and player["preload"] == "none"
    assert player.find("source")["src"] == video.video.url
    assert player.find("source")["type"] == "video/mp4"
    track = player.find("track")
    assert (track["kind"], track["srclang"], track["src"]) == ("captions", "de", video.captions.url)
    assert html.find("iframe") is None  # never an embed from a video platform
    assert "Herzlich willkommen bei uns." in html.find(class_="sign-video").get_text()
    captions = client.get(video.captions.url)
    assert captions.status_code == 200
    assert b"".join(captions.streaming_content).startswith(b"WEBVTT")
    captions.close()


def test_the_read_aloud_button_waits_hidden_for_a_local_voice(client, section):
    html = soup(client.get(section("about").url))
    tools = html.find(attrs={"data-read-aloud": True})
    assert tools.has_attr("hidden")  # shown by static/js/read-aloud.js, only with a voice
    assert tools.find("button", attrs={"data-read-aloud-toggle": True}).get_text(strip=True) == (
        "Vorlesen"
    )
    assert html.find("script", src=re.compile(r"js/read-aloud\.js$"))


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("begruessung.mp4", b"\x89PNG\r\n\x1a\n" + b"0" * 64, "passt nicht zur Endung"),
        ("begruessung.avi", MP4_HEAD, "MP4- oder WebM-Datei"),
        ("begruessung.webm", MP4_HEAD, "passt nicht zur Endung"),
    ],
)
def test_video_uploads_are_checked_by_content(office_client, name, content, message):
    response = office_client.post(
        reverse("wagtailsnippets_core_signlanguagevideo:add"),
        {
            "title": "Startseite",
            "video": SimpleUploadedFile(name, content),
            "captions": SimpleUploadedFile("begruessung.vtt", VTT),
        },
    )
    assert response.status_code == 200
    assert message in response.text
    assert not SignLanguageVideo.objects.exists()


def test_captions_must_be_webvtt_and_a_good_upload_is_kept(office_client):
    url = reverse("wagtailsnippets_core_signlanguagevideo:add")
    response = office_client.post(
        url,
        {
            "title": "Startseite",
            "video": SimpleUploadedFile("begruessung.mp4", MP4_HEAD),
            "captions": SimpleUploadedFile(
                "begruessung.vtt", b"1\n00:00:00,000 --> 00:00:04,000\n"
            ),
        },
    )
    assert "Das ist keine WebVTT-Datei" in response.text
    response = office_client.post(
        url,
        {
            "title": "Startseite",
            "video": SimpleUploadedFile("begruessung.mp4", MP4_HEAD),
            "captions": SimpleUploadedFile("begruessung.vtt", VTT),
        },
    )
    assert response.status_code == 302
    assert SignLanguageVideo.objects.get().mime_type == "video/mp4"


def image(title="Kinder im Garten"):
    data = io.BytesIO()
    PILImage.new("RGB", (8, 8), "orange").save(data, "PNG")
    return get_image_model().objects.create(
        title=title, file=ImageFile(io.BytesIO(data.getvalue()), name="kinder.png")
    )


def test_an_image_in_the_text_needs_a_description_unless_marked_decorative(db):
    block = AccessibleImageBlock()
    picture = image()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"image": picture.pk, "alt_text": "", "decorative": False}))
    assert error.value.block_errors["alt_text"].messages == [str(ALT_TEXT_MISSING)]
    block.clean(
        block.to_python({"image": picture.pk, "alt_text": "Kinder malen", "decorative": False})
    )
    decorative = block.clean(
        block.to_python({"image": picture.pk, "alt_text": "", "decorative": True})
    )
    # components/image_block.html renders this as the alt text: screen readers skip the image.
    # (Not rendered here: Wagtail 8.0.1 leaves a rendition's temporary file open, which the
    # suite's warnings-as-errors would report in some later test.)
    assert decorative.contextual_alt_text == ""


def test_the_editor_offers_the_dekorativ_switch_in_german(office_client, section):
    response = office_client.get(
        reverse("wagtailadmin_pages:add", args=["pages", "standardpage", section("home").pk])
    )
    assert "dekorativ" in response.text
    assert "Bildbeschreibung (Alternativtext)" in response.text


def test_a_centres_photo_and_a_news_picture_need_a_description_or_the_switch(db):
    from dorfbrunnen.news.models import NewsPage

    photo = image()
    place = centre("Familienzentrum Linde", "44135", "Dortmund")
    place.image = photo
    with pytest.raises(ValidationError) as error:
        place.clean()
    assert error.value.message_dict["image_alt"] == [str(ALT_TEXT_MISSING)]
    place.image_decorative = True
    place.clean()
    news = NewsPage(title="Fest", slug="fest", image=photo)
    with pytest.raises(ValidationError):
        news.clean()
    news.image_alt = "Kinder tanzen im Hof"
    news.clean()


def test_the_editors_checks_include_the_sentence_length_warning(office_client, section):
    about = section("about")
    edit = office_client.get(reverse("wagtailadmin_pages:edit", args=[about.pk])).text
    config = json.loads(soup_text(edit).find("script", id="checker-axe-configuration").string)
    assert "dorfbrunnen-sentence-length" in config["options"]["runOnly"]
    checks = {check["id"]: check for check in config["spec"]["checks"]}
    assert checks["dorfbrunnen-check-sentence-length"]["options"] == {
        "maxAverageWords": 20,
        "maxSentenceWords": 30,
    }
    assert config["messages"]["dorfbrunnen-sentence-length"]["error_name"] == "Lange Sätze"
    # The preview, where Wagtail runs the checks, loads the check's function.
    preview = office_client.get(reverse("wagtailadmin_pages:view_draft", args=[about.pk])).text
    assert "js/content-checks.js" in preview


def soup_text(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")
