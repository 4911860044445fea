"""The header's link to the Leichte-Sprache section, on every page."""

from django import template
from django.utils.translation import get_language
from wagtail.models import Site

from dorfbrunnen.core.content_cache import cached
from dorfbrunnen.core.restrictions import public_pages

from ..models import EasyReadPage

register = template.Library()


@register.simple_tag(takes_context=True)
def easy_read_start(context) -> str:
    """The address of the Leichte-Sprache section's start page (the first published page
    of that type in the site's tree), or "" when there is none. Cached until content
    changes, so a page costs no query for it."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return ""

    def find() -> str:
        # The kept privacy rules instead of Wagtail's `.public()`, which reads them again.
        start = (
            public_pages(EasyReadPage.objects.live(), once=False)
            .descendant_of(site.root_page)
            .order_by("path")
            .first()
        )
        return start.get_url(request) if start else ""

    return cached(f"easy-read-start:{site.pk}:{get_language()}", find)
