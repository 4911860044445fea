"""Web addresses without accents or umlauts, written as Germans write without them:
„Elterncafé am Abend“ → `elterncafe-am-abend`, „Mütterzentrum“ → `muetterzentrum`.

The same rule on both sides: in the editor, Wagtail's slug field fills itself in from the
title in the browser – `GermanSlugInput` first turns ä, ö, ü, ß into ae, oe, ue, ss (its
„formatters“), and Wagtail's own transliteration then turns é into e; on the server,
`german_slug` does the same for pages saved without a slug (`BasePage`). Django's slugify
alone would turn ä into a. `WAGTAIL_ALLOW_UNICODE_SLUGS = False` keeps other letters out.
"""

from django.utils.text import slugify
from wagtail.admin.widgets import SlugInput

from .text import UMLAUTS, transliterate_german

# (pattern, replacement) for the browser, in the order of core.text.UMLAUTS.
GERMAN_FORMATTERS = [(chr(char), text) for char, text in UMLAUTS.items()]


def german_slug(text: str) -> str:
    """'Elterncafé am Abend' → 'elterncafe-am-abend'."""
    return slugify(transliterate_german(text))


class GermanSlugInput(SlugInput):
    def __init__(self, attrs=None, formatters=None, locale=None):
        super().__init__(attrs, formatters=formatters or GERMAN_FORMATTERS, locale=locale)


def use_german_slugs() -> None:
    """Every slug field of the admin (pages, snippets) gets the German transliteration."""
    from django.db import models
    from wagtail.admin.forms.models import register_form_field_override

    register_form_field_override(models.SlugField, override={"widget": GermanSlugInput})
