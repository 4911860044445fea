"""Template tags of the Infopaket."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# Stand-in for the snippet, which differs per search, replaced after the entry is read.
_SNIPPET_SLOT = "\x00snippet\x00"


@register.simple_tag(takes_context=True)
def binder_hits(context, hits, kind):
    """{% binder_hits chapter_hits "chapter" %} or {% binder_hits document_hits "document" %}:
    the search's entries (library/includes/<kind>_hit.html), in their order. An entry – a
    chapter's link, or a document's link, type and chapter – shows what only a change of
    documents, collections or chapters moves on (the content version), so it is rendered
    once per version, language and site and kept; the snippet is put in each time."""
    from dorfbrunnen.core.content_cache import rendered_each

    def key(hit):
        if kind == "chapter":
            return hit["entry"].page.pk
        chapter = hit["chapter"]
        return f"{hit['document'].pk}:{chapter.page.pk if chapter else 0}"

    by_key = {key(hit): hit for hit in hits}
    entries = rendered_each(
        f"binder-{kind}-hit",
        context.get("request"),
        f"library/includes/{kind}_hit.html",
        list(by_key),
        lambda missing: {k: {"hit": by_key[k], "snippet_slot": _SNIPPET_SLOT} for k in missing},
    )
    return mark_safe(  # noqa: S308 – rendered templates and escaped snippets
        "".join(
            entries[k].replace(
                _SNIPPET_SLOT, format_html("<p>{}</p>", hit["snippet"]) if hit["snippet"] else ""
            )
            for k, hit in by_key.items()
            if k in entries
        )
    )
