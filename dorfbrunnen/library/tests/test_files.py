"""Uploads: type by content, size limit, macros refused; text extraction for search."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader, PdfWriter

from dorfbrunnen.core.demo.library import (
    docx_from_paragraphs,
    odt_from_paragraphs,
    pdf_from_paragraphs,
)
from dorfbrunnen.library.files import detect_kind, extract_text
from dorfbrunnen.library.forms import validate_upload
from dorfbrunnen.library.models import LibraryDocument


@pytest.fixture(scope="module")
def pdf():
    return pdf_from_paragraphs("Probe", ["Die Apfelernte im Stadtteilgarten beginnt im September."])


def encrypted(pdf: bytes) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password="geheim", owner_password="geheim")
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def xlsx_bytes() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Posten", "Betrag"])
    workbook.active.append(["Raummiete", 450])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def test_text_is_read_from_pdf_docx_odt_and_xlsx(pdf):
    assert "Apfelernte" in extract_text(pdf, "pdf").text
    assert extract_text(pdf, "pdf").page_count == 1
    assert "Gartenzaun" in extract_text(docx_from_paragraphs(["Der Gartenzaun"]), "docx").text
    assert "Kräuterbeet" in extract_text(odt_from_paragraphs(["Ein Kräuterbeet"]), "odt").text
    assert "Raummiete" in extract_text(xlsx_bytes(), "xlsx").text


def test_encrypted_and_broken_pdfs_are_flagged_not_crashing(pdf):
    assert extract_text(encrypted(pdf), "pdf").status == "encrypted"
    assert extract_text(b"%PDF-1.7\n" + b"kaputt" * 50, "pdf").status == "broken"
    assert extract_text(b"PK\x03\x04nonsense", "docx").status == "broken"


def test_the_type_comes_from_the_content_not_the_name(pdf):
    assert detect_kind(pdf) == "pdf"
    assert detect_kind(docx_from_paragraphs(["x"])) == "docx"
    assert detect_kind(odt_from_paragraphs(["x"])) == "odt"
    assert detect_kind(xlsx_bytes()) == "xlsx"
    assert detect_kind(b"<html><script>alert(1)</script></html>") is None


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("programm.exe", b"MZ\x90\x00", "nicht hochgeladen werden"),
        ("seite.html", b"<html></html>", "nicht hochgeladen werden"),
        ("vertrag.pdf", b"<html><script>alert(1)</script></html>", "passt nicht zur Endung"),
        ("bild.png", b"\x89PNG\r\n\x1a\nkaputt", "passt nicht zur Endung"),
    ],
)
def test_bad_uploads_are_refused_with_a_clear_message(name, content, message):
    with pytest.raises(ValidationError, match=message):
        validate_upload(SimpleUploadedFile(name, content))


def test_a_pdf_renamed_to_docx_and_macros_are_refused(pdf):
    with pytest.raises(ValidationError, match=re.escape("passt nicht zur Endung „.docx“")):
        validate_upload(SimpleUploadedFile("brief.docx", pdf))
    package = io.BytesIO()
    import zipfile

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


@pytest.fixture
def office_client(client, demo, django_user_model):
    admin = django_user_model.objects.create_superuser("chefin", "chefin@example.org", "x")
    client.force_login(admin)
    return client


def upload(client, name, content):
    from wagtail.models import Collection

    return client.post(
        "/admin/documents/add/",
        {
            "title": name,
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def test_the_admin_refuses_a_disguised_file_and_keeps_nothing(office_client):
    before = LibraryDocument.objects.count()
    response = upload(office_client, "rechnung.pdf", b"<html><body>keine PDF</body></html>")
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
