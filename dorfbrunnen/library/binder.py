"""The binder's table of contents and what a visitor sees of a chapter.

Register numbers come from the order of the live chapters in the page tree (1, 1.1, 2 …)
and are the same for every visitor: a members-only chapter keeps its number and shows a
lock to others, so "see register 4" means the same thing to everybody.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from dorfbrunnen.core.content_cache import cached

from .access import Access, access_for
from .models import ChapterDocument, ChapterPage, LibraryPage

STEPLEN = ChapterPage.steplen


@dataclass
class TocEntry:
    page: ChapterPage
    number: str
    depth: int
    visible: bool = True
    restricted: bool = False
    is_new: bool = False
    is_updated: bool = False

    @property
    def numbered_title(self) -> str:
        return f"{self.number} {self.page.title}"


@dataclass
class DocumentEntry:
    document: object
    visible: bool
    restricted: bool
    is_new: bool = False
    is_updated: bool = False
    chapter_id: int = 0


@dataclass
class ChapterView:
    entry: TocEntry
    binder: LibraryPage
    trail: list[TocEntry]
    children: list[TocEntry]
    documents: list[DocumentEntry]
    previous: TocEntry | None = None
    next: TocEntry | None = None


@dataclass
class Overview:
    toc: list[TocEntry]
    recent_chapters: list[TocEntry] = field(default_factory=list)
    recent_documents: list[DocumentEntry] = field(default_factory=list)
    since: object = None
    access: Access | None = None


def _chapters(binder: LibraryPage) -> list[ChapterPage]:
    """The binder's live chapters in tree order; shared by all pages until content changes."""
    return cached(
        f"library-chapters-{binder.pk}",
        lambda: list(ChapterPage.objects.live().descendant_of(binder).order_by("path")),
    )


def binder_numbers(binder: LibraryPage) -> dict[int, str]:
    """Register number of every live chapter whose ancestors are live too."""
    numbers: dict[int, str] = {}
    by_path: dict[str, str] = {binder.path: ""}
    counters: dict[str, int] = {}
    for page in _chapters(binder):
        parent = page.path[:-STEPLEN]
        if parent not in by_path:
            continue  # below an unpublished chapter
        counters[parent] = counters.get(parent, 0) + 1
        prefix = by_path[parent]
        number = f"{prefix}.{counters[parent]}" if prefix else str(counters[parent])
        by_path[page.path] = number
        numbers[page.pk] = number
    return numbers


def toc(binder: LibraryPage, access: Access) -> list[TocEntry]:
    """Every live chapter of the binder, in order, numbered."""
    numbers = binder_numbers(binder)
    since = timezone.now() - timedelta(days=binder.new_days)
    entries = []
    for page in _chapters(binder):
        number = numbers.get(page.pk)
        if number is None:
            continue
        is_new = bool(page.first_published_at and page.first_published_at >= since)
        entries.append(
            TocEntry(
                page=page,
                number=number,
                depth=page.depth - binder.depth,
                visible=access.page_visible(page),
                restricted=access.page_restricted(page),
                is_new=is_new,
                is_updated=not is_new
                and bool(page.last_published_at and page.last_published_at >= since),
            )
        )
    return entries


def binder_of(page) -> LibraryPage | None:
    binders = cached("library-binders", lambda: list(LibraryPage.objects.live()))
    return next((b for b in binders if page.path.startswith(b.path)), None)


def binder_overview(binder: LibraryPage, user) -> Overview:
    access = access_for(user)
    entries = toc(binder, access)
    since = timezone.now() - timedelta(days=binder.new_days)
    recent_documents = [
        entry
        for entry in documents_of(
            [e.page for e in entries if e.visible], access, since, only_recent=True
        )
        if entry.visible
    ]
    unique = {entry.document.pk: entry for entry in recent_documents}
    return Overview(
        toc=entries,
        recent_chapters=[e for e in entries if e.visible and (e.is_new or e.is_updated)],
        recent_documents=sorted(unique.values(), key=lambda e: e.document.updated_at, reverse=True),
        since=since,
        access=access,
    )


def documents_of(
    chapters, access: Access, since=None, only_recent: bool = False
) -> list[DocumentEntry]:
    """The documents attached to `chapters`, in order, marked for this visitor; with
    `only_recent`, just those added or changed since `since` (filtered in the database:
    a binder may hold thousands)."""
    links = ChapterDocument.objects.filter(chapter__in=chapters)
    if only_recent:
        links = links.filter(
            Q(document__created_at__gte=since) | Q(document__updated_at__gte=since)
        )
    links = (
        links.select_related("document__collection")
        .defer("document__text")
        .order_by("chapter__path", "sort_order")
    )
    entries = []
    for link in links:
        document = link.document
        is_new = bool(since and document.created_at >= since)
        entries.append(
            DocumentEntry(
                document=document,
                visible=access.document_visible(document),
                restricted=access.document_restricted(document),
                is_new=is_new,
                is_updated=not is_new and bool(since and document.updated_at >= since),
                chapter_id=link.chapter_id,
            )
        )
    return entries


def chapter_detail(chapter: ChapterPage, user) -> ChapterView | None:
    binder = binder_of(chapter)
    if binder is None:
        return None
    access = access_for(user)
    entries = toc(binder, access)
    position = {entry.page.pk: index for index, entry in enumerate(entries)}
    if chapter.pk not in position:
        return None
    index = position[chapter.pk]
    entry = entries[index]
    since = timezone.now() - timedelta(days=binder.new_days)
    readable = [e for e in entries if e.visible]
    reading_index = next((i for i, e in enumerate(readable) if e.page.pk == chapter.pk), None)
    return ChapterView(
        entry=entry,
        binder=binder,
        trail=[e for e in entries if chapter.path.startswith(e.page.path) and e is not entry],
        children=[e for e in entries if e.page.path[:-STEPLEN] == chapter.path],
        documents=documents_of([chapter], access, since),
        previous=readable[reading_index - 1] if reading_index else None,
        next=readable[reading_index + 1]
        if reading_index is not None and reading_index + 1 < len(readable)
        else None,
    )
