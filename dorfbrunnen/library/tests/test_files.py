"""Uploads: type by content, size limit, macros and ZIP bombs refused; text extraction for
search."""

import io
import os
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader, PdfWriter

from dorfbrunnen.library.files import (
    MAX_PACKING_RATIO,
    MAX_UNPACKED_BYTES,
    detect_kind,
    extract_text,
)
from dorfbrunnen.library.forms import validate_upload
from dorfbrunnen.library.models import LibraryDocument
from dorfbrunnen.library.setup import library_collections

from .factories import docx_bytes, odt_bytes, pdf_bytes, xlsx_bytes

BOMB_MESSAGE = "ungewöhnlich stark gepackt"


@pytest.fixture(scope="module")
def pdf():
    return pdf_bytes("Probe", ["Die Apfelernte im Stadtteilgarten beginnt im September."])


def encrypted(pdf: bytes) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password="geheim", owner_password="geheim")
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def test_text_is_read_from_pdf_docx_odt_and_xlsx(pdf):
    assert "Apfelernte" in extract_text(pdf, "pdf").text
    assert extract_text(pdf, "pdf").page_count == 1
    assert extract_text(pdf_bytes("Lang", ["x"], pages=3), "pdf").page_count == 3
    assert "Gartenzaun" in extract_text(docx_bytes(["Der Gartenzaun"]), "docx").text
    assert "Kräuterbeet" in extract_text(odt_bytes(["Ein Kräuterbeet"]), "odt").text
    spreadsheet = xlsx_bytes([("Posten", "Betrag"), ("Raummiete", 450)])
    assert "Raummiete" in extract_text(spreadsheet, "xlsx").text
    assert "450" in extract_text(spreadsheet, "xlsx").text


def test_a_file_without_text_says_so(pdf):
    assert extract_text(docx_bytes([]), "docx").status == "no_text"
    assert extract_text(pdf, "jpeg").status == "no_text"


def test_encrypted_and_broken_pdfs_are_flagged_not_crashing(pdf):
    assert extract_text(encrypted(pdf), "pdf").status == "encrypted"
    assert extract_text(b"%PDF-1.7\n" + b"kaputt" * 50, "pdf").status == "broken"
    assert extract_text(b"PK\x03\x04nonsense", "docx").status == "broken"
    assert extract_text(docx_bytes(document_xml="<w:document><unclosed"), "docx").status == (
        "broken"
    )


def test_the_type_comes_from_the_content_not_the_name(pdf):
    assert detect_kind(pdf) == "pdf"
    assert detect_kind(encrypted(pdf)) == "pdf"
    assert detect_kind(docx_bytes(["x"])) == "docx"
    assert detect_kind(odt_bytes(["x"])) == "odt"
    assert detect_kind(xlsx_bytes()) == "xlsx"
    assert detect_kind(b"<html><script>alert(1)</script></html>") is None


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("programm.exe", b"MZ\x90\x00", "nicht hochgeladen werden"),
        ("seite.html", b"<html></html>", "nicht hochgeladen werden"),
        ("vertrag.pdf", b"<html><script>alert(1)</script></html>", "passt nicht zur Endung"),
        ("bild.png", b"\x89PNG\r\n\x1a\nkaputt", "passt nicht zur Endung"),
        # The PDF marker alone does not make a PDF: the PDF library must be able to open it.
        ("rechnung.pdf", b"%PDF-1.7\n" + os.urandom(2000), "passt nicht zur Endung"),
        (
            "seite.pdf",
            b"%PDF-1.4\n<html><body><script>alert(1)</script></body></html>",
            "passt nicht zur Endung",
        ),
        ("angebot.pdf", b"<html>" + b" " * 500 + b"%PDF-1.7 kein PDF</html>", "passt nicht"),
    ],
)
def test_bad_uploads_are_refused_with_a_clear_message(name, content, message):
    with pytest.raises(ValidationError, match=message):
        validate_upload(SimpleUploadedFile(name, content))


def test_good_uploads_pass_even_an_encrypted_pdf(pdf):
    for name, content in [
        ("ernte.pdf", pdf),
        ("geschuetzt.pdf", encrypted(pdf)),
        ("brief.docx", docx_bytes(["Hallo"])),
        ("brief.odt", odt_bytes(["Hallo"])),
        ("kasse.xlsx", xlsx_bytes()),
    ]:
        validate_upload(SimpleUploadedFile(name, content))  # raises nothing


def test_a_pdf_renamed_to_docx_and_macros_are_refused(pdf):
    with pytest.raises(ValidationError, match=re.escape("passt nicht zur Endung „.docx“")):
        validate_upload(SimpleUploadedFile("brief.docx", pdf))
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/vbaProject.bin", b"\x00")
    with pytest.raises(ValidationError, match="Makros"):
        validate_upload(SimpleUploadedFile("brief.docx", package.getvalue()))


def test_files_over_the_size_limit_are_refused(settings, pdf):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1000
    with pytest.raises(ValidationError, match="zu groß"):
        validate_upload(SimpleUploadedFile("gross.pdf", pdf + b" " * 2000))


# ZIP bombs: Office and ODF files are ZIP packages that may unpack far beyond their size.


def spaces(archive: zipfile.ZipFile, name: str, size: int, prefix: bytes = b"") -> None:
    """A member of `size` bytes, nearly all spaces (deflate packs ~1000:1), written in
    pieces so the test never holds it in memory."""
    chunk = b" " * (1024 * 1024)
    with archive.open(name, "w", force_zip64=True) as member:
        member.write(prefix)
        written = len(prefix)
        while written < size:
            piece = chunk[: size - written]
            member.write(piece)
            written += len(piece)


def package(kind: str, size: int, *, padding: int = 0) -> bytes:
    """A `kind` package whose main part is `size` bytes of XML whitespace; `padding` adds
    a stored member of random bytes (packs 1:1) to lower the packing ratio."""
    main = {"docx": "word/document.xml", "odt": "content.xml", "xlsx": "xl/workbook.xml"}[kind]
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        if kind == "odt":
            archive.writestr(
                "mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED
            )
        else:
            archive.writestr("[Content_Types].xml", "<Types/>")
        spaces(archive, main, size, prefix=b'<?xml version="1.0"?>')
        if padding:
            archive.writestr("media/image1.bin", os.urandom(padding), zipfile.ZIP_STORED)
    return output.getvalue()


def unpacked_size(data: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return sum(info.file_size for info in archive.infolist())


@pytest.fixture(scope="module")
def docx_bomb():
    """A .docx whose document part unpacks to 200 MB: a few hundred KB packed."""
    return package("docx", 2 * MAX_UNPACKED_BYTES)


@pytest.fixture
def members_opened(monkeypatch):
    """The names of package members anything opened to read (a spy on zipfile)."""
    opened = []
    original = zipfile.ZipFile.open

    def spy(self, name, mode="r", *args, **kwargs):
        if mode == "r":
            opened.append(name.filename if isinstance(name, zipfile.ZipInfo) else name)
        return original(self, name, mode, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    return opened


def test_a_zip_bomb_is_refused_at_upload_with_a_clear_message(docx_bomb):
    assert len(docx_bomb) < 1024 * 1024 and unpacked_size(docx_bomb) > MAX_UNPACKED_BYTES
    with pytest.raises(ValidationError, match=BOMB_MESSAGE) as refused:
        validate_upload(SimpleUploadedFile("bericht.docx", docx_bomb))
    assert "als PDF hoch" in refused.value.messages[0]


@pytest.mark.parametrize("kind", ["docx", "odt", "xlsx"])
def test_a_stored_zip_bomb_is_not_unpacked_to_read_its_text(kind, members_opened):
    # Far below the absolute limit, but packed MAX_PACKING_RATIO times tighter than any
    # real document: refused without opening its parts.
    bomb = package(kind, 20 * 1024 * 1024)
    assert MAX_PACKING_RATIO * len(bomb) < unpacked_size(bomb) < MAX_UNPACKED_BYTES
    assert extract_text(bomb, kind).status == "broken"
    assert members_opened == []
    with pytest.raises(ValidationError, match=BOMB_MESSAGE):
        validate_upload(SimpleUploadedFile(f"datei.{kind}", bomb))


def test_a_package_unpacking_beyond_the_absolute_limit_is_refused(members_opened):
    # Packed loosely enough (random padding), but more than MAX_UNPACKED_BYTES in all.
    loose = package("docx", MAX_UNPACKED_BYTES, padding=2 * 1024 * 1024)
    assert MAX_UNPACKED_BYTES < unpacked_size(loose) < MAX_PACKING_RATIO * len(loose)
    assert extract_text(loose, "docx").status == "broken"
    assert members_opened == []


def test_the_admin_refuses_a_zip_bomb_and_keeps_nothing(office_client, docx_bomb):
    before = LibraryDocument.objects.count()
    response = upload(office_client, "bericht.docx", docx_bomb)
    assert response.status_code == 200
    assert BOMB_MESSAGE in response.content.decode()
    assert LibraryDocument.objects.count() == before


def test_the_stored_bytes_of_a_zip_bomb_read_as_broken(docx_bomb, members_opened):
    assert extract_text(docx_bomb, "docx").status == "broken"
    assert "word/document.xml" not in members_opened


# Uploads in the admin


def upload(client, name, content):
    return client.post(
        "/admin/documents/add/",
        {
            "title": name,
            "file": SimpleUploadedFile(name, content),
            "collection": library_collections()[0].pk,
        },
    )


def test_the_admin_refuses_a_disguised_file_and_keeps_nothing(office_client):
    before = LibraryDocument.objects.count()
    for name, content in [
        ("rechnung.pdf", b"<html><body>keine PDF</body></html>"),
        ("rechnung2.pdf", b"%PDF-1.7\n" + os.urandom(4000)),
    ]:
        response = upload(office_client, name, content)
        assert response.status_code == 200
        assert "passt nicht zur Endung" in response.content.decode()
    assert LibraryDocument.objects.count() == before


def test_an_encrypted_pdf_is_stored_but_flagged_as_not_searchable(office_client, commit, pdf):
    with commit():
        response = upload(office_client, "geschuetzt.pdf", encrypted(pdf))
    assert response.status_code == 302
    document = LibraryDocument.objects.get(title="geschuetzt.pdf")
    assert document.text_status == LibraryDocument.TextStatus.ENCRYPTED
    report = office_client.get("/admin/infopaket-dokumente/")
    assert "geschuetzt.pdf" in report.content.decode()
    assert "verschlüsselt" in report.content.decode()


def test_an_uploaded_pdf_becomes_searchable_in_the_background(office_client, commit, pdf):
    with commit():
        upload(office_client, "ernte.pdf", pdf)
    document = LibraryDocument.objects.get(title="ernte.pdf")
    assert document.text_status == LibraryDocument.TextStatus.OK
    assert document.page_count == 1
    assert list(LibraryDocument.objects.search("Apfelernte")) == [document]
