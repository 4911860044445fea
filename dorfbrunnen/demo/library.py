"""Demo Infopaket: chapters with text and links, generated documents (PDF, DOCX, ODT),
a members-only chapter and collection, the members' group and a demo member account."""

import io
import zipfile
from datetime import date, timedelta
from xml.sax.saxutils import escape as xml_escape

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import BaseViewRestriction, Collection, PageViewRestriction

from dorfbrunnen.library.files import EXTENSION_KINDS, extract_text
from dorfbrunnen.library.models import (
    ChapterDocument,
    ChapterLink,
    ChapterPage,
    LibraryDocument,
    LibraryPage,
)
from dorfbrunnen.library.setup import library_collections, members_only_groups

from .library_texts import CHAPTERS, DOCUMENTS

# Most demo chapters look settled; these two show the "new/updated" markers.
RECENT = {"digital", "treff"}


def pdf_from_paragraphs(title: str, paragraphs: list[str], pages: int = 1) -> bytes:
    from weasyprint import HTML

    sections = []
    for number in range(pages):
        heading = title if number == 0 else f"{title} (Fortsetzung)"
        body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        sections.append(
            f'<section style="break-after: page"><h1>{escape(heading)}</h1>{body}</section>'
        )
    html = (
        '<html lang="de"><head><meta charset="utf-8"><style>@page { size: A4; margin: 25mm } '
        'body { font-family: "DejaVu Sans", sans-serif; font-size: 11pt; line-height: 1.5 } '
        "section + section { break-before: page }</style></head><body>"
        + "".join(sections)
        + "</body></html>"
    )
    return HTML(string=html).write_pdf()


def docx_from_paragraphs(paragraphs: list[str]) -> bytes:
    """A minimal WordprocessingML package, as Word and LibreOffice open it."""
    body = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{xml_escape(p)}</w:t></w:r></w:p>' for p in paragraphs
    )
    files = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
        ),
        "word/document.xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body>{body}</w:body></w:document>"
        ),
    }
    return _zip(files)


def odt_from_paragraphs(paragraphs: list[str]) -> bytes:
    """A minimal OpenDocument text file."""
    body = "".join(f"<text:p>{xml_escape(p)}</text:p>" for p in paragraphs)
    files = {
        "mimetype": "application/vnd.oasis.opendocument.text",
        "META-INF/manifest.xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
            ' manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
            'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
            "</manifest:manifest>"
        ),
        "content.xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            "<office:document-content"
            ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
            ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
            f"<office:body><office:text>{body}</office:text></office:body>"
            "</office:document-content>"
        ),
    }
    return _zip(files)


def _zip(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            # ODF wants `mimetype` first and uncompressed.
            method = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(name, content, compress_type=method)
    return buffer.getvalue()


def document_create(*, title, filename, data: bytes, collection, **fields) -> LibraryDocument:
    """A document whose text is read right away (no waiting for the task worker)."""
    extension = filename.rsplit(".", 1)[-1].lower()
    result = extract_text(data, EXTENSION_KINDS.get(extension))
    document = LibraryDocument(
        title=title,
        collection=collection,
        text=result.text,
        text_status=result.status,
        page_count=result.page_count,
        **fields,
    )
    document.file.save(filename, ContentFile(data), save=False)
    document.file_size = len(data)
    document._set_file_hash()
    document.save()
    return document


def _add_chapters(tree, parent, specs, documents: dict) -> None:
    for spec in specs:
        chapter = ChapterPage(
            title=spec["title"],
            slug=spec["key"],
            intro=spec["intro"],
            body=spec["body"],
        )
        chapter.links = [
            ChapterLink(title=title, url=url, description=description)
            for title, url, description in spec.get("links", [])
        ]
        chapter.documents = [
            ChapterDocument(document=document) for document in documents.get(spec["key"], [])
        ]
        created_before = tree.created
        chapter = tree.ensure(parent, chapter)
        if tree.created > created_before and spec["key"] not in RECENT:
            settled = timezone.now() - timedelta(days=200)
            ChapterPage.objects.filter(pk=chapter.pk).update(
                first_published_at=settled, last_published_at=settled
            )
        if spec.get("members_only") and not chapter.get_view_restrictions().exists():
            restriction = PageViewRestriction.objects.create(
                page=chapter, restriction_type=BaseViewRestriction.GROUPS
            )
            restriction.groups.set(members_only_groups())
        _add_chapters(tree, chapter, spec.get("children", []), documents)


def _documents(public: Collection, members: Collection, today: date) -> dict[str, list]:
    """The demo documents by chapter key; only missing ones are created."""
    by_chapter: dict[str, list] = {}
    for number, spec in enumerate(DOCUMENTS):
        document = LibraryDocument.objects.filter(title=spec["title"]).first()
        if document is None:
            kind = spec.get("kind", "pdf")
            if kind == "docx":
                data = docx_from_paragraphs(spec["paragraphs"])
            elif kind == "odt":
                data = odt_from_paragraphs(spec["paragraphs"])
            else:
                data = pdf_from_paragraphs(spec["title"], spec["paragraphs"], spec.get("pages", 1))
            document = document_create(
                title=spec["title"],
                filename=spec["filename"],
                data=data,
                collection=members if spec.get("members_only") else public,
                description=spec["description"],
                category=spec["category"],
                document_date=date(today.year, 1, 1) - timedelta(days=30 * (number % 9)),
            )
            if spec["chapter"] not in RECENT:
                settled = timezone.now() - timedelta(days=180)
                LibraryDocument.objects.filter(pk=document.pk).update(
                    created_at=settled, updated_at=settled
                )
        by_chapter.setdefault(spec["chapter"], []).append(document)
    return by_chapter


def demo_library(tree, library: LibraryPage, today: date) -> None:
    public, members = library_collections()
    _add_chapters(tree, library, CHAPTERS, _documents(public, members, today))
