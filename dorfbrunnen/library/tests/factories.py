"""Chapters and documents of the Infopaket, built by each test (plain functions).

Documents get small files generated here – a PDF written by hand (text in Helvetica, so
the PDF library reads it back), minimal DOCX and ODT packages, an XLSX by openpyxl – and
their text is read right away with the extraction the background task uses.
"""

import io
import zipfile
from datetime import timedelta
from xml.sax.saxutils import escape

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import BaseViewRestriction, PageViewRestriction

from dorfbrunnen.core.content_cache import content_changed
from dorfbrunnen.core.models import SetupRecord
from dorfbrunnen.library.files import EXTENSION_KINDS, extract_text
from dorfbrunnen.library.models import (
    ChapterDocument,
    ChapterLink,
    ChapterPage,
    LibraryDocument,
    LibraryPage,
)
from dorfbrunnen.library.setup import library_collections, members_only_groups

# File generators


def pdf_bytes(title: str, paragraphs=(), pages: int = 1) -> bytes:
    """A PDF with `pages` A4 pages, each with the title and the paragraphs as lines."""

    def literal(line: str) -> bytes:
        raw = line.encode("cp1252")  # WinAnsiEncoding: the umlauts and „“ – are in it
        return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"

    font = 3 + 2 * pages
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + b" ".join(b"%d 0 R" % (3 + 2 * n) for n in range(pages))
        + b"] /Count %d >>" % pages,
    ]
    for number in range(pages):
        lines = [title if number == 0 else f"{title} (Fortsetzung)", *paragraphs]
        text = b"BT /F1 11 Tf 72 770 Td 14 TL " + b" ".join(literal(x) + b" '" for x in lines)
        text += b" ET"
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>" % (font, 4 + 2 * number)
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text))
    objects.append(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    output = io.BytesIO()
    output.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(output.tell())
        output.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = output.tell()
    output.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    output.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    output.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return output.getvalue()


def package_bytes(files: dict, compression=zipfile.ZIP_DEFLATED) -> bytes:
    """A ZIP package; ODF's `mimetype` entry goes first and uncompressed."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        for name, content in files.items():
            method = zipfile.ZIP_STORED if name == "mimetype" else compression
            archive.writestr(name, content, compress_type=method)
    return output.getvalue()


WORD = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_bytes(paragraphs=(), document_xml: str | bytes | None = None) -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{escape(p)}</w:t></w:r></w:p>" for p in paragraphs)
    return package_bytes(
        {
            "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/'
            '2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
            "</Types>",
            "word/document.xml": document_xml
            if document_xml is not None
            else f'<w:document xmlns:w="{WORD}"><w:body>{body}</w:body></w:document>',
        }
    )


def odt_bytes(paragraphs=()) -> bytes:
    body = "".join(f"<text:p>{escape(p)}</text:p>" for p in paragraphs)
    return package_bytes(
        {
            "mimetype": "application/vnd.oasis.opendocument.text",
            "content.xml": "<office:document-content "
            'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
            f"<office:body><office:text>{body}</office:text></office:body>"
            "</office:document-content>",
        }
    )


def xlsx_bytes(rows=(("Posten", "Betrag"),)) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    for row in rows:
        workbook.active.append(list(row))
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


GENERATORS = {
    "pdf": lambda title, paragraphs, pages: pdf_bytes(title, paragraphs, pages),
    "docx": lambda title, paragraphs, pages: docx_bytes([title, *paragraphs]),
    "odt": lambda title, paragraphs, pages: odt_bytes([title, *paragraphs]),
    "xlsx": lambda title, paragraphs, pages: xlsx_bytes([[title], *([p] for p in paragraphs)]),
}


# Content


def binder() -> LibraryPage:
    """The binder setup made (/infopaket/)."""
    return SetupRecord.objects.get(key="page:library").target.specific


def settle(page_or_document, days: int) -> None:
    """Date the chapter's publishing (or the document's upload and change) `days` back, so
    it is no longer „neu“ or „aktualisiert“."""
    then = timezone.now() - timedelta(days=days)
    model = type(page_or_document)
    if isinstance(page_or_document, ChapterPage):
        model.objects.filter(pk=page_or_document.pk).update(
            first_published_at=then, last_published_at=then
        )
    else:
        model.objects.filter(pk=page_or_document.pk).update(created_at=then, updated_at=then)
    page_or_document.refresh_from_db()
    content_changed()  # a plain update sends no signal; what is cached must go


def members_only(chapter: ChapterPage) -> ChapterPage:
    """Restrict the chapter (and what is below it) to the members and the office."""
    restriction = PageViewRestriction.objects.create(
        page=chapter, restriction_type=BaseViewRestriction.GROUPS
    )
    restriction.groups.set(members_only_groups())
    return chapter


def chapter(
    title,
    slug=None,
    *,
    parent=None,
    intro="",
    body="",
    documents=(),
    links=(),
    restricted=False,
    age_days=200,
    **fields,
) -> ChapterPage:
    """A published chapter below `parent` (default: the binder). It looks settled
    (published `age_days` ago) unless `age_days=0`."""
    page = ChapterPage(
        title=title,
        slug=slug or slugify(title),
        intro=intro,
        body=body,
        **fields,
    )
    page.documents = [ChapterDocument(document=document) for document in documents]
    page.links = [ChapterLink(title=text, url=url) for text, url in links]
    (parent or binder()).add_child(instance=page)
    page.save_revision().publish()
    if restricted:
        members_only(page)
    if age_days:
        settle(page, age_days)
    return page


def document(
    title,
    kind="pdf",
    *,
    paragraphs=(),
    pages=1,
    data: bytes | None = None,
    filename=None,
    restricted=False,
    age_days=200,
    **fields,
) -> LibraryDocument:
    """A document in the binder's public (or members-only) collection with a generated file
    of `kind` (or `data`), its text already read."""
    public, members = library_collections()
    if data is None:
        data = GENERATORS[kind](title, list(paragraphs), pages)
    filename = filename or f"{slugify(title)}.{kind}"
    # Read the text now, as the background task would (so no task waits for the commit).
    extraction = extract_text(data, EXTENSION_KINDS.get(kind))
    item = LibraryDocument(
        title=title,
        collection=members if restricted else public,
        text=extraction.text,
        text_status=extraction.status,
        page_count=extraction.page_count,
        **fields,
    )
    item.file.save(filename, ContentFile(data), save=False)
    item.file_size = len(data)
    item._set_file_hash()  # as Wagtail's upload does (duplicate detection uses it)
    item.save()
    if age_days:
        settle(item, age_days)
    return item
