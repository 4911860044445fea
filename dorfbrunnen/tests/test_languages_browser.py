"""Five languages in a real browser (issue 15): every translated page type accessible in
every language, Arabic right to left at a phone's and a desktop's width, the language
switch on every page type, a registration in Turkish with its Turkish opt-in mail."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from dorfbrunnen.testing import DEMO_PAGES, DEMO_TRANSLATED_PAGES, axe_violations

pytestmark = pytest.mark.browser

LANGUAGES = ("en", "tr", "ar", "uk", "ru")
# Addresses outside Wagtail's tree exist in every language by their prefix.
VIEWS = ("/suche/?q=Familie", "/mitglieder/anmelden/", "/barriere-melden/?seite=/")
WORKSHOP = "/veranstaltungen/workshop-ehrenamt-online/"
# The demo's translated pages (demo/languages.py) and the addresses outside Wagtail's tree.
TRANSLATED = {
    "/",
    "/zentren/",
    "/veranstaltungen/",
    "/veranstaltungen/fachtag-familie-2023/",
    WORKSHOP,
    f"{WORKSHOP}anmelden/",
    "/infopaket/",
    "/infopaket/suche/",  # a sub-address of the translated Infopaket
    "/kontakt/",
    "/impressum/",
    "/datenschutz/",
}
NOT_PAGES = ("/suche/", "/mitglieder/", "/barriere-melden/")
SIDEWAYS = "document.documentElement.scrollWidth <= window.innerWidth"


@pytest.mark.parametrize(
    "url", [*DEMO_TRANSLATED_PAGES, *(f"/{code}{view}" for code in LANGUAGES for view in VIEWS)]
)
def test_every_translated_page_type_is_accessible_in_its_language(page, url):
    response = page.goto(url)
    assert response.status == 200
    code = url.split("/")[1]
    html = page.locator("html")
    expect(html).to_have_attribute("lang", code)
    expect(html).to_have_attribute("dir", "rtl" if code == "ar" else "ltr")
    expect(page.locator("h1")).to_have_count(1)
    if url in DEMO_TRANSLATED_PAGES:
        expect(page.locator("main")).to_contain_text(DEMO_TRANSLATED_PAGES[url])
    assert axe_violations(page) == []


@pytest.mark.parametrize("width", [390, 1280])
def test_arabic_reads_right_to_left_at_phone_and_desktop_width(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    for url in (
        "/ar/",
        "/ar/zentren/?ort=44149&umkreis=25",
        "/ar/veranstaltungen/",
        f"/ar{WORKSHOP}anmelden/",
    ):
        page.goto(url)
        assert page.evaluate("getComputedStyle(document.body).direction") == "rtl", url
        assert page.evaluate(SIDEWAYS), url
        if "zentren" in url:  # the opening status, refreshed by the script, in Arabic
            status = page.locator(".open-status").first.inner_text()
            assert "geöffnet" not in status and "Geschlossen" not in status, status
        brand = page.locator(".site-header__brand").bounding_box()
        # The header starts on the right: the association's name sits at the right edge.
        assert brand["x"] + brand["width"] > width * 0.6, url
    # Form labels and fields start at the right; the error summary too.
    page.get_by_role("button", name="سجّل").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("يرجى التحقق من بياناتك")
    box = summary.bounding_box()
    field = page.get_by_label("اسمك").bounding_box()
    main = page.locator("main").bounding_box()
    assert abs((field["x"] + field["width"]) - (box["x"] + box["width"])) < 40
    assert field["x"] + field["width"] > main["x"] + main["width"] / 2
    assert page.evaluate(SIDEWAYS)
    assert axe_violations(page) == []
    if width == 390:  # the menu opens on a phone, in Arabic
        page.goto("/ar/")
        toggle = page.locator(".nav-toggle")
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "true")
        expect(page.locator(".main-nav")).to_be_visible()
        assert axe_violations(page) == []


# The widget is framed into other sites and has no switch (its language: the address's).
@pytest.mark.parametrize("url", [url for url in DEMO_PAGES if "/einbetten/" not in url])
def test_every_page_type_switches_to_the_same_page_in_each_language(page, url):
    page.goto(url)
    switch = page.get_by_role("navigation", name="Sprache wählen")
    expect(switch).to_be_visible()
    expect(switch.locator("[aria-current=page]")).to_have_text("Deutsch")
    path = urlsplit(url).path
    translated = path in TRANSLATED or any(path.startswith(view) for view in NOT_PAGES)
    for code in LANGUAGES:
        link = switch.locator(f'a[hreflang="{code}"]')
        expect(link).to_have_count(1)
        target = urlsplit(link.get_attribute("href")).path
        if translated:
            assert target == f"/{code}{path}", (code, target)  # the same page
        else:
            assert target == f"/{code}/", (code, target)  # that language's home …
            assert "visually-hidden" in link.inner_html()  # … saying so
    link = switch.locator('a[hreflang="tr"]')
    link.click()
    expect(page.locator("html")).to_have_attribute("lang", "tr")


def test_registration_in_turkish_gets_a_turkish_opt_in_mail(page, live_site):
    page.goto(f"/tr{WORKSHOP}anmelden/")
    expect(page.locator("h1")).to_contain_text("Çevrimiçi atölye")
    page.get_by_label("Adınız").fill("Ayşe Yılmaz")
    page.get_by_label("E-posta adresiniz").fill("ayse.yilmaz@example.org")
    page.get_by_label("unter 10").check()
    page.get_by_label(re.compile("kabul ediyorum")).check()
    page.get_by_role("button", name="Kaydol").click()
    expect(page.locator("h1")).to_contain_text("Lütfen e-posta adresinizi onaylayın")
    assert axe_violations(page) == []
    mail = next(m for m in reversed(live_site.mails()) if "ayse.yilmaz@example.org" in m["To"])
    assert mail["Subject"].startswith("Lütfen kaydınızı onaylayın: Çevrimiçi atölye")
    body = mail.get_body(preferencelist=("plain",)).get_content()
    assert "Merhaba Ayşe Yılmaz," in body
    confirm = re.search(r"https?://\S+/tr/anmeldung/[\w-]+/bestaetigen/", body).group(0)
    page.goto(urlsplit(confirm).path)
    expect(page.locator("html")).to_have_attribute("lang", "tr")
    page.get_by_role("button", name="Kaydı onayla").click()
    expect(page.get_by_role("status")).to_contain_text("Kaydınız onaylandı")
