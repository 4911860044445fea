"""What an uploaded document really is, and the text inside it.

The type is read from the file's content, never from its name: a PDF starts with `%PDF-`,
DOCX/XLSX are ZIP packages with `[Content_Types].xml` and their main part, ODT is a ZIP
whose `mimetype` entry says so, images are opened by Pillow. The name's extension must
agree with the content, so a renamed file cannot pass as something else.

Text extraction never raises for a bad file: a broken or encrypted PDF yields a status
(`broken`, `encrypted`) the office sees, and the document stays downloadable.

Office and ODF files are ZIP packages, and a small package can unpack to gigabytes (a
57 KB .docx to 611 MB): before anything is read from one, the sizes its directory declares
are checked (`check_package`), and reading never takes more than was declared.
"""

import io
import zipfile
from dataclasses import dataclass
from xml.etree.ElementTree import ParseError

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from django.utils.translation import gettext_lazy as _

# extension → content type detected by `detect_kind`
EXTENSION_KINDS = {
    "pdf": "pdf",
    "docx": "docx",
    "odt": "odt",
    "xlsx": "xlsx",
    "jpg": "jpeg",
    "jpeg": "jpeg",
    "png": "png",
}
KIND_LABELS = {
    "pdf": "PDF",
    "docx": "Word (DOCX)",
    "odt": "OpenDocument-Text (ODT)",
    "xlsx": "Excel (XLSX)",
    "jpeg": "JPEG-Bild",
    "png": "PNG-Bild",
}
# A document's text is indexed up to this length (a 1,000-page PDF); more adds little to search.
MAX_TEXT_LENGTH = 2_000_000

WORD_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ODF_TEXT_NS = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


# What a package may unpack to: far beyond real documents (a 300-page report with images
# is ~20 MB unpacked), far below what hurts the server.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_PACKING_RATIO = 100  # unpacked size per packed byte; text compresses ~10:1


class UnsafeFile(Exception):
    """The file is of an allowed kind but carries something we refuse (e.g. macros)."""


def check_package(package: zipfile.ZipFile, packed_size: int) -> None:
    """Refuse a package that would unpack to too much (a "ZIP bomb")."""
    unpacked = sum(info.file_size for info in package.infolist())
    if unpacked > MAX_UNPACKED_BYTES or unpacked > MAX_PACKING_RATIO * max(packed_size, 1):
        raise UnsafeFile(
            _(
                "Die Datei ist ungewöhnlich stark gepackt und würde beim Öffnen sehr groß. "
                "Bitte speichern Sie sie noch einmal neu ab oder laden Sie sie als PDF hoch."
            )
        )


def _open_package(data: bytes) -> zipfile.ZipFile:
    package = zipfile.ZipFile(io.BytesIO(data))
    check_package(package, len(data))
    return package


def _read_member(package: zipfile.ZipFile, name: str) -> bytes:
    """A member's content, never more than its directory entry declared."""
    info = package.getinfo(name)
    with package.open(info) as member:
        content = member.read(info.file_size + 1)
    if len(content) > info.file_size:
        raise UnsafeFile(_("Die Datei ist beschädigt."))
    return content


def detect_kind(data: bytes) -> str | None:
    """The kind of file `data` is (a key of KIND_LABELS), or None if it is none of them."""
    if b"%PDF-" in data[:1024]:
        # Only what the PDF library can open counts as a PDF (encrypted ones can be stored).
        _reader, status = pdf_reader(data)
        return "pdf" if status in ("ok", "encrypted") else None
    if data.startswith(b"PK\x03\x04"):
        return _package_kind(data)
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg" if _image_ok(data) else None
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png" if _image_ok(data) else None
    return None


def _package_kind(data: bytes) -> str | None:
    try:
        with _open_package(data) as package:
            names = set(package.namelist())
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                raise UnsafeFile(_("Dateien mit Makros sind nicht erlaubt."))
            if "mimetype" in names:
                mimetype = _read_member(package, "mimetype").strip()
                if mimetype == b"application/vnd.oasis.opendocument.text":
                    return "odt"
                return None
            if "[Content_Types].xml" in names:
                if "word/document.xml" in names:
                    return "docx"
                if "xl/workbook.xml" in names:
                    return "xlsx"
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return None
    return None


def _image_ok(data: bytes) -> bool:
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
    except Exception:  # Pillow raises many kinds of errors for damaged images
        return False
    return True


@dataclass
class Extraction:
    status: str  # a LibraryDocument.TextStatus value
    text: str = ""
    page_count: int | None = None


def extract_text(data: bytes, kind: str | None) -> Extraction:
    """The searchable text of a file of the given kind, with a status for the office."""
    try:
        if kind == "pdf":
            return _pdf_text(data)
        if kind == "docx":
            return _xml_text(data, "word/document.xml", f"{WORD_NS}p", f"{WORD_NS}t")
        if kind == "odt":
            return _odt_text(data)
        if kind == "xlsx":
            return _xlsx_text(data)
    except (
        zipfile.BadZipFile,
        KeyError,
        ParseError,
        DefusedXmlException,
        OSError,
        ValueError,
        UnsafeFile,
    ):
        return Extraction("broken")
    return Extraction("no_text")


def pdf_reader(data: bytes):
    """A pypdf reader for `data`, or (None, status) when it cannot be read."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            # Many PDFs are encrypted with an empty user password (only printing restricted).
            try:
                if not reader.decrypt(""):
                    return None, "encrypted"
            except (PyPdfError, NotImplementedError):
                return None, "encrypted"
        len(reader.pages)  # parses the page tree: damaged files fail here
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError):
        return None, "broken"
    return reader, "ok"


def _pdf_text(data: bytes) -> Extraction:
    reader, status = pdf_reader(data)
    if reader is None:
        return Extraction(status)
    parts = []
    length = 0
    for page in reader.pages:
        try:
            text = page.extract_text() or ""
        except Exception:  # one damaged page must not cost the others
            text = ""
        parts.append(text)
        length += len(text)
        if length > MAX_TEXT_LENGTH:
            break
    text = _clean("\n".join(parts))
    return Extraction("ok" if text else "no_text", text, len(reader.pages))


def _xml_text(data: bytes, member: str, paragraph_tag: str, text_tag: str) -> Extraction:
    with _open_package(data) as package:
        root = ElementTree.fromstring(_read_member(package, member))
    paragraphs = [
        "".join(node.text or "" for node in paragraph.iter(text_tag))
        for paragraph in root.iter(paragraph_tag)
    ]
    text = _clean("\n".join(paragraphs))
    return Extraction("ok" if text else "no_text", text)


def _odt_text(data: bytes) -> Extraction:
    with _open_package(data) as package:
        root = ElementTree.fromstring(_read_member(package, "content.xml"))
    paragraphs = [
        "".join(paragraph.itertext())
        for paragraph in root.iter()
        if paragraph.tag in (f"{ODF_TEXT_NS}p", f"{ODF_TEXT_NS}h")
    ]
    text = _clean("\n".join(paragraphs))
    return Extraction("ok" if text else "no_text", text)


def _xlsx_text(data: bytes) -> Extraction:
    from openpyxl import load_workbook

    _open_package(data).close()  # the sizes are checked before openpyxl unpacks anything
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    cells = []
    for sheet in workbook.worksheets:
        cells.append(sheet.title)
        for row in sheet.iter_rows(values_only=True):
            cells.extend(str(value) for value in row if value not in (None, ""))
    workbook.close()
    text = _clean("\n".join(cells))
    return Extraction("ok" if text else "no_text", text)


def _clean(text: str) -> str:
    # NUL and other control characters break PostgreSQL's text and tsvector types.
    text = "".join(char if char.isprintable() or char in "\n\t" else " " for char in text)
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())[
        :MAX_TEXT_LENGTH
    ]
