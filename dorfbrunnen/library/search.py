"""Search inside the binder: chapter texts and the text of the documents.

Only what the visitor may see is searched (access.py), so neither a members-only title
nor a snippet of its text can appear for anybody else. Snippets are cut from the stored
text around the first word that matches a query word or its stem.
"""

import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from dorfbrunnen.core.content_cache import cached

from .access import Access
from .binder import toc
from .models import ChapterDocument, ChapterPage, LibraryDocument, LibraryPage

SNIPPET_CHARS = 220


def _stems(query: str) -> list[str]:
    # German endings (Familie/Familien/Familienzentren) – cut a word to its first letters.
    return [word[: max(4, len(word) - 3)].lower() for word in query.split() if len(word) > 1]


def snippet(text: str, query: str) -> str:
    """A short passage of `text` around the first match, matches marked; HTML-safe."""
    stems = _stems(query)
    if not text or not stems:
        return ""
    pattern = re.compile("|".join(rf"{re.escape(stem)}\w*" for stem in stems), re.IGNORECASE)
    match = pattern.search(text)
    start = max(0, match.start() - SNIPPET_CHARS // 3) if match else 0
    passage = " ".join(text[start : start + SNIPPET_CHARS].split())
    if start:
        passage = "… " + passage.split(" ", 1)[-1]
    if start + SNIPPET_CHARS < len(text):
        passage = passage.rsplit(" ", 1)[0] + " …"
    marked = pattern.sub(lambda m: f"\x00{m.group(0)}\x01", passage)
    # Escaped first; only our own <mark> tags are added afterwards.
    return mark_safe(  # noqa: S308
        escape(marked).replace("\x00", "<mark>").replace("\x01", "</mark>")
    )


def search_binder(binder: LibraryPage, query: str, access: Access):
    """Matching chapters (with snippet), a queryset of matching documents, and the
    chapter (table of contents entry) of a document by its id."""
    entries = {e.page.pk: e for e in toc(binder, access) if e.visible}
    chapter_hits = []
    pages = ChapterPage.objects.live().descendant_of(binder).filter(pk__in=list(entries))
    # Only the text of a match is read: its title and address come with its entry.
    for page in pages.only("body").search(query, operator="and")[:20]:
        chapter_hits.append(
            {
                "entry": entries[page.pk],
                "snippet": snippet(strip_tags(page.body.replace("</p>", "</p> ")), query),
            }
        )
    chapters = _document_chapters(binder, access, list(entries))
    # The documents to search are those the kept map names, as one array (hundreds of
    # ids; `__in_array`, core/lookups.py). Ranked without their text: carrying every
    # matching document's full text through the sort cost more than the ranking
    # (docs/benchmarks.md).
    documents = (
        LibraryDocument.objects.filter(pk__in_array=chapters.keys())
        .defer("text")
        .search(query, operator="and")
    )
    # A document's chapter is looked up for the twenty shown only, not for all of them.
    return chapter_hits, documents, lambda document_id: entries.get(chapters.get(document_id))


def _document_chapters(binder: LibraryPage, access: Access, chapter_ids) -> dict[int, int]:
    """{document id: the first of these chapters that lists it} for the documents `access`
    sees – ids only, kept per content version and audience (documents, collections and
    chapters move the version on): a binder may hold thousands of documents, and every
    search would read all their links again."""

    def build():
        found = {}
        links = ChapterDocument.objects.filter(chapter_id__in=chapter_ids).order_by(
            "chapter__path", "sort_order"
        )
        for document_id, chapter_id, collection_path in links.values_list(
            "document_id", "chapter_id", "document__collection__path"
        ):
            if access.collection_path_visible(collection_path):
                found.setdefault(document_id, chapter_id)
        return found

    return cached(f"binder-documents:{binder.pk}:{access.audience}", build)


def document_hits(documents, chapter_of, query: str) -> list[dict]:
    """The shown documents with their chapter (`chapter_of(id)`) and a snippet – their
    texts in one query."""
    documents = list(documents)
    texts = dict(
        LibraryDocument.objects.filter(pk__in=[d.pk for d in documents]).values_list("pk", "text")
    )
    return [
        {
            "document": document,
            "chapter": chapter_of(document.pk),
            "snippet": snippet(texts.get(document.pk, ""), query)
            or snippet(document.description, query),
        }
        for document in documents
    ]
