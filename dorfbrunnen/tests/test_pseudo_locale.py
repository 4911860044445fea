"""Every interface string goes through gettext (issue 15): each page type is rendered with a
pseudo-translation whose every message is „⟦“ + the German text; visible text without the
prefix must come from the database (the sample's content) – anything else was written into
a template or view without gettext and would stay German on /tr/ and /ar/."""

import html
import json
import re
from html.parser import HTMLParser

import polib
from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import dates, translation
from wagtail.fields import RichTextField, StreamField

from dorfbrunnen.core.content_cache import content_changed

from .sample import site_sample

PREFIX = "⟦"
# The catalogue every further language starts from (all of the project's messages).
TEMPLATE_PO = settings.BASE_DIR / "dorfbrunnen" / "locale" / "en" / "LC_MESSAGES" / "django.po"
# Words that are the same in every language, or Django's own (dates: Django's catalogues).
NEUTRAL = {"PDF", "RSS", "Atom", "ZIP", "km", "iCal", "E", "V", "e"}
# Django's own messages (the login form's labels): translated by Django's catalogues.
DJANGO_OWN = {"Benutzername", "Passwort"}
VISIBLE_ATTRIBUTES = ("aria-label", "placeholder", "alt", "title")
SKIPPED_ELEMENTS = {"script", "style", "template"}


def pseudo_catalogue(folder) -> None:
    """German pseudo-messages: „⟦“ + the msgid, compiled where LOCALE_PATHS looks first."""
    source = polib.pofile(str(TEMPLATE_PO))
    pseudo = polib.POFile()
    pseudo.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Language": "de",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
    }
    for entry in source:
        if entry.obsolete:
            continue
        copy = polib.POEntry(msgid=entry.msgid, msgctxt=entry.msgctxt)
        if entry.msgid_plural:
            copy.msgid_plural = entry.msgid_plural
            copy.msgstr_plural = {0: PREFIX + entry.msgid, 1: PREFIX + entry.msgid_plural}
        else:
            copy.msgstr = PREFIX + entry.msgid
        pseudo.append(copy)
    target = folder / "de" / "LC_MESSAGES"
    target.mkdir(parents=True)
    pseudo.save_as_mofile(str(target / "django.mo"))


def content_text() -> str:
    """Every text stored in a text field of any row (page titles, addresses, rich text …),
    tags removed, one line per value."""
    texts = []
    for model in apps.get_models():
        fields = [
            field.attname
            for field in model._meta.concrete_fields
            if isinstance(
                field,
                models.CharField
                | models.TextField
                | RichTextField
                | StreamField
                | models.JSONField,
            )
        ]
        if not fields:
            continue
        for row in model.objects.values_list(*fields):
            for value in row:
                if value in (None, ""):
                    continue
                if hasattr(value, "raw_data"):  # a StreamField's value
                    value = list(value.raw_data)
                text = (
                    value
                    if isinstance(value, str)
                    else json.dumps(value, ensure_ascii=False, default=str)
                )
                texts.append(html.unescape(re.sub(r"<[^>]+>", " ", text)))
    return " ".join(" ".join(texts).split())


def date_words() -> set[str]:
    with translation.override("de"):
        names = [
            *dates.WEEKDAYS.values(),
            *dates.WEEKDAYS_ABBR.values(),
            *dates.MONTHS.values(),
            *dates.MONTHS_3.values(),
            *dates.MONTHS_AP.values(),
            *dates.MONTHS_ALT.values(),
        ]
        return {word for name in names for word in re.findall(r"\w+", str(name))}


# One message may hold a link or a line break (`<a>`, `<br>` inside a translated sentence):
# the text of these elements is judged as a whole.
BLOCKS = {
    "p", "li", "td", "th", "h1", "h2", "h3", "h4", "label", "button", "dt", "dd",
    "legend", "summary", "figcaption", "caption", "option", "title",
}  # fmt: skip


class VisibleText(HTMLParser):
    """Text (per paragraph, cell, label …) and the visible attributes, outside scripts and
    the language switch (whose names are each in their own language on purpose)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skipping = []
        self.texts = []
        self.blocks = []  # [tag, [texts]] of the open paragraphs, cells, labels …

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in SKIPPED_ELEMENTS or "language-switch" in (attributes.get("class") or ""):
            self.skipping.append(tag)
            return
        if self.skipping:
            return
        self.texts.extend(attributes[name] for name in VISIBLE_ATTRIBUTES if attributes.get(name))
        if tag == "input" and attributes.get("type") in ("submit", "button"):
            self.texts.append(attributes.get("value") or "")
        if tag in BLOCKS:
            self.blocks.append([tag, []])

    def handle_endtag(self, tag):
        if self.skipping:
            if self.skipping[-1] == tag:
                self.skipping.pop()
            return
        if self.blocks and self.blocks[-1][0] == tag:
            _tag, parts = self.blocks.pop()
            if text := " ".join(parts).strip():
                self.texts.append(text)

    def handle_data(self, data):
        if self.skipping or not data.strip():
            return
        if self.blocks:
            self.blocks[-1][1].append(data.strip())
        else:
            self.texts.append(data.strip())


def language_words() -> set[str]:
    """Languages' names come from CLDR in the reader's language (programme items), like
    Django's dates from Django's catalogues: not ours to translate."""
    from babel import Locale

    return {word for name in Locale("de").languages.values() for word in name.split()}


def untranslated(page_html: str, content: str, allowed: set[str]) -> list[str]:
    """Texts without the prefix whose runs of words (between digits and punctuation) are
    neither stored content nor allowed words."""
    parser = VisibleText()
    parser.feed(page_html)
    found = []
    for text in parser.texts:
        if PREFIX in text:
            continue
        runs = [" ".join(run.split()) for run in re.split(r"[^\w\s·]|[\d_]", text)]
        if any(
            run and run not in content and not set(run.split()) <= allowed
            for run in runs
            if re.search(r"[^\W\d_]", run)
        ):
            found.append(text)
    return found


def test_every_visible_interface_text_goes_through_gettext(client, db, settings, tmp_path):
    settings.PAGE_CACHE_SECONDS = 0
    sample = site_sample()
    pseudo_catalogue(tmp_path)
    settings.LOCALE_PATHS = [tmp_path, *settings.LOCALE_PATHS]  # resets Django's catalogues
    content_changed()  # no fragment rendered with the real catalogue
    content = content_text()
    allowed = date_words() | NEUTRAL | DJANGO_OWN | language_words()
    problems = {}
    for kind, url in sample.urls.items():
        response = client.get(url)
        assert response.status_code == 200, url
        if missing := untranslated(response.text, content, allowed):
            problems[kind] = sorted(set(missing))
    assert problems == {}


def test_no_guessed_translation_waits_in_the_language_files():
    """makemessages marks its guesses for new texts „fuzzy“ (Django skips them): „Sprachen“
    was guessed as „Search“, a waiting-list sentence with another placeholder. An entry is
    translated or empty; a guess cleared by mistake would show the wrong text, or fail."""
    from pathlib import Path

    locale = Path(settings.BASE_DIR) / "dorfbrunnen" / "locale"
    guessed = {
        str(path.relative_to(locale)): [entry.msgid for entry in polib.pofile(path).fuzzy_entries()]
        for path in sorted(locale.glob("*/LC_MESSAGES/django.po"))
    }
    assert guessed and not any(guessed.values()), guessed
