"""Translations for the site-wide language tests: made through wagtail-localize, as the
office's „Übersetzen“ does (its translation source and segments for our StreamFields), then
given the translator's words."""

from wagtail.models import Locale, Page

from dorfbrunnen.demo.languages import translation_draft


def translate(page: Page, code: str, **fields) -> Page:
    """`page` in language `code` (its parents too where missing), published, with `fields`
    set as a translator would write them."""
    translated = translation_draft(page, Locale.objects.get(language_code=code))
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    return translated
