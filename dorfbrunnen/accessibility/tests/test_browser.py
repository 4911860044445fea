"""Inclusion in a real browser: read-aloud with the browser's own voices, a barrier report
by keyboard from the footer to the office's list, the editors' warning about long
sentences, and what axe cannot see – text at 200 %, reduced motion, forced colours.

Headless Chromium has no voices of its own (and a machine may have any): the read-aloud
tests give the page a stand-in `speechSynthesis` before it loads. It records what would be
spoken; the test says when a sentence is finished."""

import json
import re

import pytest
from playwright.sync_api import expect

from dorfbrunnen.testing import axe_violations, office_login

pytestmark = pytest.mark.browser

FAKE_SPEECH = """
(() => {
  const spoken = [], calls = [], scrolls = [], queue = [], listeners = [];
  let voices = window.__voices;
  const synth = {
    getVoices: () => voices,
    speak(utterance) { spoken.push(utterance.text); queue.push(utterance); calls.push("speak"); },
    pause() { calls.push("pause"); },
    resume() { calls.push("resume"); },
    cancel() { calls.push("cancel"); queue.length = 0; },
    addEventListener(type, listener) { if (type === "voiceschanged") listeners.push(listener); },
  };
  class Utterance {
    constructor(text) { this.text = text; this.voice = null; this.lang = ""; }
  }
  Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
  Object.defineProperty(
    window, "SpeechSynthesisUtterance", { value: Utterance, configurable: true }
  );
  const scrollIntoView = Element.prototype.scrollIntoView;
  Element.prototype.scrollIntoView = function (options) {
    scrolls.push(options && options.behavior);
    return scrollIntoView.call(this, options);
  };
  window.__speech = {
    spoken, calls, scrolls,
    finish() {
      const utterance = queue.shift();
      if (utterance && utterance.onend) utterance.onend({});
    },
    voicesArrive(more) { voices = more; listeners.forEach((listener) => listener()); },
    highlighted() {
      const highlight = CSS.highlights.get("read-aloud");
      return highlight ? [...highlight].map((range) => range.toString()) : [];
    },
  };
})();
"""
LOCAL_GERMAN = [{"name": "Anna", "lang": "de-DE", "localService": True, "default": True}]
# A German voice that runs on a server, and a local one for another language.
NOT_LOCAL_GERMAN = [
    {"name": "Cloud", "lang": "de-DE", "localService": False, "default": True},
    {"name": "Daniel", "lang": "en-GB", "localService": True, "default": False},
]


def with_voices(page, voices):
    page.add_init_script(script=f"window.__voices = {json.dumps(voices)};\n{FAKE_SPEECH}")


def tab_to(page, locator, limit=120):
    """Press Tab until `locator` has the focus, as a keyboard user would."""
    for _press in range(limit):
        if locator.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{locator} never got the focus")


def test_read_aloud_stays_hidden_without_a_local_voice_for_the_pages_language(page):
    with_voices(page, NOT_LOCAL_GERMAN)
    page.goto("/ueber-uns/")
    expect(page.locator("[data-read-aloud]")).to_be_hidden()
    # A local German voice that arrives later (browsers load them lazily) shows it.
    page.evaluate(f"__speech.voicesArrive({json.dumps(LOCAL_GERMAN)})")
    expect(page.locator("[data-read-aloud]")).to_be_visible()
    assert page.evaluate("__speech.spoken") == []


def test_read_aloud_by_keyboard_sentence_by_sentence_with_pause_and_stop(page):
    with_voices(page, LOCAL_GERMAN)
    page.goto("/leichte-sprache/")
    toggle = page.locator("[data-read-aloud-toggle]")
    stop = page.locator("[data-read-aloud-stop]")
    expect(toggle).to_have_text("Vorlesen")
    expect(stop).to_be_hidden()
    tab_to(page, toggle)
    page.keyboard.press("Enter")

    assert page.evaluate("__speech.spoken") == ["Leichte Sprache"]  # the heading first
    assert page.evaluate("__speech.highlighted()") == ["Leichte Sprache"]
    page.evaluate("__speech.finish()")
    # Spoken without the Mediopunkt, highlighted as written.
    assert page.evaluate("__speech.spoken")[-1] == (
        "Hier erklären wir unsere Internetseite in Leichter Sprache."
    )
    assert page.evaluate("__speech.highlighted()") == [
        "Hier erklären wir unsere Internet·seite in Leichter Sprache."
    ]
    page.evaluate("__speech.finish()")
    page.evaluate("__speech.finish()")
    assert page.evaluate("__speech.spoken")[-2:] == ["Wer sind wir?", "Wir sind ein Verein."]
    # Sentences on lines of their own (<br>) are read one by one.
    page.evaluate("__speech.finish()")
    page.evaluate("__speech.finish()")
    assert page.evaluate("__speech.spoken")[-1] == "Ein Verein ist eine Gruppe von Menschen."
    assert axe_violations(page) == []

    expect(toggle).to_have_text("Pause")
    expect(toggle).to_be_focused()
    page.keyboard.press("Enter")
    expect(toggle).to_have_text("Weiter vorlesen")
    page.keyboard.press("Enter")
    expect(toggle).to_have_text("Pause")
    assert page.evaluate("__speech.calls").count("pause") == 1
    assert page.evaluate("__speech.calls")[-1] == "resume"

    page.keyboard.press("Tab")
    expect(stop).to_be_focused()
    page.keyboard.press("Enter")
    expect(toggle).to_be_focused()
    expect(toggle).to_have_text("Vorlesen")
    expect(stop).to_be_hidden()
    assert page.evaluate("__speech.calls")[-1] == "cancel"
    assert page.evaluate("__speech.highlighted()") == []

    page.keyboard.press("Enter")  # again from the start; Escape stops too
    assert page.evaluate("__speech.spoken")[-1] == "Leichte Sprache"
    page.keyboard.press("Escape")
    expect(toggle).to_have_text("Vorlesen")
    assert page.evaluate("__speech.highlighted()") == []


@pytest.mark.parametrize(("motion", "behavior"), [("reduce", "auto"), ("no-preference", "smooth")])
def test_reading_scrolls_smoothly_only_for_those_who_want_motion(page, motion, behavior):
    page.emulate_media(reduced_motion=motion)
    with_voices(page, LOCAL_GERMAN)
    page.goto("/leichte-sprache/")
    page.locator("[data-read-aloud-toggle]").click()
    page.evaluate("__speech.finish()")
    assert set(page.evaluate("__speech.scrolls")) == {behavior}
    assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == behavior


def test_forced_colours_keep_what_colour_alone_marked(page):
    page.emulate_media(forced_colors="active")
    page.goto("/ueber-uns/")
    current = page.locator(".main-nav__link[aria-current=page]")
    # The current menu entry was a background and a shadow, both gone in forced colours.
    assert current.evaluate("link => getComputedStyle(link).outlineStyle") == "solid"
    page.goto("/")
    teaser = page.locator(".teaser").first
    assert teaser.evaluate("box => getComputedStyle(box).borderInlineEndStyle") == "solid"
    icon = page.locator(".site-header__easy-read")
    colour, stroke = icon.evaluate(
        "link => [getComputedStyle(link).color, getComputedStyle(link.querySelector('svg')).stroke]"
    )
    assert stroke == colour  # the icon is drawn in the link's (system) colour
    assert axe_violations(page) == []


# What a page must keep readable with text at 200 % in a 1280 px window: no horizontal
# scrolling, nothing of the header, navigation or forms outside the window or cut off.
ENLARGED_TEXT_PROBLEMS = """
() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  const problems = [];
  if (root.scrollWidth > width + 1) {
    problems.push(`scrolls sideways: ${root.scrollWidth} > ${width}`);
  }
  const name = (el) =>
    `${el.localName}.${[...el.classList].join(".")} „${el.textContent.trim().slice(0, 30)}“`;
  for (const el of document.querySelectorAll("header *, nav *, form *, main h1")) {
    if (!el.getClientRects().length) continue;
    if (el.closest(".honeypot, .visually-hidden, [hidden]")) continue;
    const box = el.getBoundingClientRect();
    if (box.right > width + 1 || box.left < -1) problems.push(`outside the window: ${name(el)}`);
    if (el.matches("input, textarea, select, svg, svg *")) continue;
    const style = getComputedStyle(el);
    const clips = style.overflowX !== "visible" || style.textOverflow === "ellipsis";
    if (clips && el.scrollWidth > el.clientWidth + 1) problems.push(`cut off: ${name(el)}`);
  }
  return problems;
}
"""


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/leichte-sprache/",
        "/ueber-uns/",
        "/zentren/",
        "/kontakt/",
        "/barriere-melden/?seite=/",
        "/veranstaltungen/workshop-ehrenamt-online/anmelden/",
        "/infopaket/treff/hinweis/",
    ],
)
def test_text_at_200_percent_stays_readable_at_1280_pixels(page, url):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url)
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    assert page.evaluate(ENLARGED_TEXT_PROBLEMS) == []


def test_a_barrier_report_by_keyboard_from_the_footer_to_the_offices_list(page, browser, live_site):
    page.goto("/zentren/")
    link = page.get_by_role("link", name="Barriere melden")
    tab_to(page, link, limit=200)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/barriere-melden/\?seite=/zentren/$"))
    where = page.get_by_label("Auf welcher Seite?")
    expect(where).to_have_value("/zentren/")
    assert axe_violations(page) == []

    tab_to(page, page.get_by_label("Was funktioniert nicht?"))
    page.keyboard.type("Die Liste der Zentren springt beim Vergrößern nach rechts.")
    tab_to(page, page.get_by_label("Ihre E-Mail-Adresse (freiwillig)"))
    page.keyboard.type("tastatur@example.org")
    tab_to(page, page.get_by_role("button", name="Meldung senden"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Danke für Ihre Meldung")).to_be_visible()
    expect(page.get_by_text("Wir antworten Ihnen spätestens bis zum")).to_be_visible()
    assert axe_violations(page) == []
    assert any(
        message["Subject"] == "Neue Barriere-Meldung: /zentren/" for message in live_site.mails()
    )

    office = browser.new_context(base_url=live_site.url, locale="de-DE").new_page()
    office_login(office, live_site)
    office.goto("/admin/barriere-meldungen/")
    row = office.locator("tr", has_text="/zentren/")
    expect(row).to_contain_text(re.compile(r"noch (2[89]|3[01]) Tage"))
    expect(row).to_contain_text("offen")
    office.context.close()


def page_id(live_site, key) -> str:
    output = live_site.manage(
        "shell",
        "-c",
        "from dorfbrunnen.core.models import SetupRecord; "
        f"print(SetupRecord.objects.get(key='page:{key}').object_id)",
    )
    return output.strip().splitlines()[-1]


def test_the_editor_warns_about_long_sentences_in_the_checks_panel(browser, live_site):
    context = browser.new_context(base_url=live_site.url, locale="de-DE")
    page = context.new_page()
    office_login(page, live_site)
    panel = page.locator("[data-side-panel='checks']")

    # „Über uns“ of the demo has sentences of more than 30 words.
    page.goto(f"/admin/pages/{page_id(live_site, 'about')}/edit/")
    page.locator("[data-side-panel-toggle='checks']").click()
    expect(panel.get_by_text("Lange Sätze").first).to_be_visible(timeout=30_000)
    expect(panel).to_contain_text("eine Aussage pro Satz")

    # The Leichte-Sprache start page has none.
    page.goto(f"/admin/pages/{page_id(live_site, 'easy_read')}/edit/")
    page.locator("[data-side-panel-toggle='checks']").click()
    expect(panel.locator("[data-content-word-count]")).not_to_have_text("-", timeout=30_000)
    expect(panel.locator("[data-checks-panel]")).not_to_contain_text("Lange Sätze")
    context.close()
