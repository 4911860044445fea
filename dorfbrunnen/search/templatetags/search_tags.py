"""Template tags of the site search."""

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def result_cards(context, pages):
    """{% result_cards results %}: the entries (search/includes/result.html) of these
    pages, in their order. An entry shows its own page (title, kind, description, address)
    and at most what moves the shared version (the imprint's description names the
    association from the site settings), so it is rendered once per page, language and
    site and kept under the page's stamp: another page's publish leaves it kept, a change
    of its own shows at once. The search gives plain pages; the specific pages are loaded
    only for entries not kept."""
    from wagtail.models import Page

    from dorfbrunnen.core.content_cache import rendered_each, stamp

    pages = list(pages)
    stamps = {page.pk: stamp(page.live_revision_id, page.url_path) for page in pages}

    def contexts(missing):
        return {page.pk: {"page": page} for page in Page.objects.filter(pk__in=missing).specific()}

    cards = rendered_each(
        "search-result",
        context.get("request"),
        "search/includes/result.html",
        list(stamps),
        contexts,
        stamps=stamps,
    )
    return mark_safe("".join(cards[page.pk] for page in pages if page.pk in cards))  # noqa: S308 – rendered templates
