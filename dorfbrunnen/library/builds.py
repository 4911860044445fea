"""The binder (or one chapter) as one ZIP and as one printable PDF.

Rules:
- A build contains only what its audience may see (access.py); its `source_key`
  fingerprints those pages and documents and their versions.
- A visitor gets the build matching what they may see now. While a newer one is being
  made they get the previous build of their audience – but only if everything in it is
  still visible to them; otherwise the file is built there and then. Never a "please wait".
- Builds are refreshed in the background when content is published (signals in tasks.py)
  and by the periodic `library_refresh` job; the whole binder is built at demo load.

The printable PDF: WeasyPrint renders cover, table of contents, chapter texts and, for
each appended PDF, as many placeholder pages as it has pages – so the table of contents
counts them. pypdf then stamps each document page onto its placeholder. Documents that
are not PDFs (or cannot be read) get a page with title, description and download link.
"""

import hashlib
import io
import json
import logging
import re
import time
import zipfile
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.rich_text import expand_db_html

from .access import Access, access_all, access_for_audience
from .binder import TocEntry, documents_of, toc
from .files import pdf_reader
from .models import BinderBuild, LibraryPage

logger = logging.getLogger(__name__)

KEEP_BUILDS = 2  # per scope, kind and audience: the current one and the one before


@dataclass
class BuildContent:
    binder: LibraryPage
    scope: object
    entries: list[TocEntry]
    documents: dict[int, list]  # chapter id → its visible documents, in order
    audience: str
    key: str

    @property
    def document_ids(self) -> set[int]:
        return {doc.pk for docs in self.documents.values() for doc in docs}

    @property
    def page_ids(self) -> set[int]:
        return {entry.page.pk for entry in self.entries}


def build_content(binder: LibraryPage, scope, access: Access) -> BuildContent:
    """What goes into the scope's files for this access, and its fingerprint."""
    entries = [
        entry
        for entry in toc(binder, access)
        if entry.visible and entry.page.path.startswith(scope.path)
    ]
    documents: dict[int, list] = {entry.page.pk: [] for entry in entries}
    for document_entry in documents_of([e.page for e in entries], access):
        if document_entry.visible:
            documents[document_entry.chapter_id].append(document_entry.document)
    fingerprint = {
        "binder": [binder.pk, binder.title, str(binder.last_published_at)],
        "pages": [[e.page.pk, e.number, str(e.page.last_published_at)] for e in entries],
        "documents": [
            [doc.pk, doc.file_hash, str(doc.updated_at), chapter]
            for chapter, docs in documents.items()
            for doc in docs
        ],
    }
    key = hashlib.sha256(json.dumps(fingerprint, sort_keys=True).encode()).hexdigest()
    return BuildContent(binder, scope, entries, documents, access.audience, key)


# ZIP


def _safe_name(name: str) -> str:
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "-", name).strip(" .-")[:120] or "Dokument"


def zip_bytes(content: BuildContent) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for entry in content.entries:
            folder = _safe_name(entry.numbered_title)
            used = set()
            for document in content.documents[entry.page.pk]:
                name = _safe_name(document.filename)
                stem, dot, extension = name.rpartition(".")
                number = 1
                while name in used:
                    number += 1
                    name = f"{stem} ({number}){dot}{extension}"
                used.add(name)
                with document.open_file() as source:
                    archive.writestr(f"{folder}/{name}", source.read())
    return buffer.getvalue()


# Printable PDF


def _absolute_links(html: str, root_url: str) -> str:
    return re.sub(r'href="/', f'href="{root_url}/', html)


def _refuse_fetch(url, *args, **kwargs):
    # The print template carries everything inline; nothing is fetched from anywhere.
    raise ValueError(f"not fetched: {url}")


def pdf_bytes(content: BuildContent) -> tuple[bytes, int]:
    """The printable binder and its number of pages."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject
    from weasyprint import HTML

    from dorfbrunnen.core.models import SiteSettings

    site = content.binder.get_site()
    root_url = site.root_url if site else ""
    readers = {}
    chapters = []
    for entry in content.entries:
        items = []
        for document in content.documents[entry.page.pk]:
            reader = None
            if document.kind == "pdf":
                with document.open_file() as source:
                    reader, _status = pdf_reader(source.read())
            if reader is not None:
                readers[document.pk] = reader
            items.append(
                {
                    "document": document,
                    "pages": range(len(reader.pages)) if reader is not None else None,
                    "url": f"{root_url}{document.url}",
                }
            )
        chapters.append(
            {
                "entry": entry,
                "body": _absolute_links(expand_db_html(entry.page.body), root_url),
                "links": list(entry.page.links.all()),
                "documents": items,
            }
        )
    html = render_to_string(
        "library/print/binder.html",
        {
            "binder": content.binder,
            "scope": content.scope,
            "is_chapter": content.scope.pk != content.binder.pk,
            "chapters": chapters,
            "site_settings": SiteSettings.for_site(site) if site else None,
            "root_url": root_url,
            "today": timezone.localdate(),
        },
    )
    rendered = HTML(string=html, base_url=root_url or None, url_fetcher=_refuse_fetch).render()
    placeholders = {}
    for index, page in enumerate(rendered.pages):
        for anchor in page.anchors:
            match = re.fullmatch(r"page-\d+-(\d+)-(\d+)", anchor)
            if match:
                placeholders[index] = (int(match[1]), int(match[2]))
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(rendered.write_pdf())))
    for index, (document_id, number) in placeholders.items():
        # The placeholder page takes the document page's content; the page object stays,
        # so the links of the table of contents still point at it.
        source = readers[document_id].pages[number].clone(writer)
        target = writer.pages[index]
        for key in ("/Contents", "/Resources", "/MediaBox", "/CropBox", "/Rotate"):
            if key in source:
                target[NameObject(key)] = source.raw_get(key)
            elif key in target:
                del target[key]
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue(), len(writer.pages)


# Storage and lookup


def build_now(content: BuildContent, kind: str) -> BinderBuild:
    started = time.monotonic()
    if kind == BinderBuild.Kind.ZIP:
        data, pages = zip_bytes(content), None
    else:
        data, pages = pdf_bytes(content)
    build = BinderBuild(
        scope_id=content.scope.pk,
        kind=kind,
        audience=content.audience,
        source_key=content.key,
        page_ids=sorted(content.page_ids),
        document_ids=sorted(content.document_ids),
        size=len(data),
        page_count=pages,
        seconds=round(time.monotonic() - started, 3),
    )
    build.file.save(BinderBuild.random_name(kind), ContentFile(data), save=False)
    try:
        with transaction.atomic():
            build.save()
    except IntegrityError:  # built at the same moment by another process
        build.file.delete(save=False)
        return BinderBuild.objects.get(scope_id=content.scope.pk, kind=kind, source_key=content.key)
    _prune(content.scope.pk, kind, content.audience)
    return build


def _prune(scope_id: int, kind: str, audience: str) -> None:
    old = BinderBuild.objects.filter(scope_id=scope_id, kind=kind, audience=audience)[KEEP_BUILDS:]
    for build in old:
        build.file.delete(save=False)
        build.delete()


def build_for(binder: LibraryPage, scope, kind: str, access: Access) -> BinderBuild:
    """The file to hand this visitor now (see the module's rules)."""
    content = build_content(binder, scope, access)
    current = BinderBuild.objects.filter(
        scope_id=scope.pk, kind=kind, source_key=content.key
    ).first()
    if current is not None:
        return current
    for previous in BinderBuild.objects.filter(
        scope_id=scope.pk, kind=kind, audience=content.audience
    ):
        if set(previous.document_ids) <= content.document_ids and set(
            previous.page_ids
        ) <= content.page_ids | {scope.pk}:
            from .tasks import schedule_refresh

            schedule_refresh()
            return previous
    return build_now(content, kind)


def refresh_builds(binder: LibraryPage) -> int:
    """Bring every build up to date: the whole binder for visitors and for members (every
    restriction passed), and each chapter or audience someone has asked for before."""
    wanted = {(binder.pk, "public"), (binder.pk, access_all().audience)}
    wanted |= set(
        BinderBuild.objects.filter(scope__path__startswith=binder.path)
        .values_list("scope_id", "audience")
        .distinct()
    )
    wanted_ids = {scope_id for scope_id, _ in wanted} - {binder.pk}
    scopes = {binder.pk: binder}
    scopes.update(
        (page.pk, page)
        for page in binder.get_descendants().live().filter(pk__in=wanted_ids).specific()
    )
    built = 0
    for scope_id, audience in sorted(wanted):
        scope = scopes.get(scope_id)
        if scope is None:  # the chapter is gone or unpublished
            continue
        content = build_content(binder, scope, access_for_audience(audience))
        for kind in BinderBuild.Kind.values:
            exists = BinderBuild.objects.filter(
                scope_id=scope_id, kind=kind, source_key=content.key
            ).exists()
            if not exists:
                build_now(content, kind)
                built += 1
    stale = BinderBuild.objects.filter(scope__path__startswith=binder.path).exclude(
        scope_id__in=scopes
    )
    for build in stale:
        build.file.delete(save=False)
        build.delete()
    return built
