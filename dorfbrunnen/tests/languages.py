"""Translations for the site-wide language tests: made through wagtail-localize, as the
office's „Übersetzen“ does (its translation source and segments for our StreamFields), then
given the translator's words."""

from django.utils.translation import override
from wagtail.models import Locale, Page
from wagtail_localize.operations import TranslationCreator


def translate(page: Page, code: str, **fields) -> Page:
    """`page` in language `code` (its parents too where missing), published, with `fields`
    set as a translator would write them."""
    locale = Locale.objects.get(language_code=code)
    page = page.specific
    TranslationCreator(user=None, target_locales=[locale]).create_translations(page)
    translated = page.get_translation(locale).specific
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    return translated


def address_in(page: Page, code: str) -> str:
    with override(code):
        return page.get_url()
