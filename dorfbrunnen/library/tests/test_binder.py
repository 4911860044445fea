"""The binder: contents, chapters, search, downloads – and what only members may see."""

import io
import re
import zipfile

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from pypdf import PdfReader
from wagtail.models import Collection

from dorfbrunnen.core.demo.library import MEMBERS_COLLECTION
from dorfbrunnen.library.access import access_for
from dorfbrunnen.library.builds import build_content, build_for
from dorfbrunnen.library.models import BinderBuild, ChapterPage, LibraryDocument, LibraryPage

MEMBERS_DOCUMENTS = {
    "Orientierungswerte für Honorare 2026",
    "Leitfaden Kassenprüfung",
    "Fördermittel des Landesverbandes 2026",
}


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_contents_are_numbered_with_dates_and_markers(client, demo):
    page = text(client.get("/infopaket/"))
    for number, title in [
        ("1", "Gründung und Rechtsform"),
        ("1.1", "Der eingetragene Verein"),
        ("1.2", "Gemeinnützigkeit"),
        ("2", "Finanzen und Förderung"),
        ("2.3", "Spenden und Fundraising"),
        ("8", "Digitale Werkzeuge"),
    ]:
        assert re.search(
            rf'toc__number">{re.escape(number)}</span> <span class="toc__title">'
            rf'<a href="[^"]+">{re.escape(title)}</a>',
            page,
        ), title
    # The members' chapter is listed (with its number) but not linked for visitors.
    assert re.search(r"9</span> <span class=\"toc__title\">Für Mitglieder: Arbeitshilfen", page)
    assert 'href="/infopaket/intern/"' not in page
    assert "Stand " in page
    # Recently changed chapters are marked, and listed under "new or updated since".
    assert "Neu oder aktualisiert seit" in page
    news = page.split("Neu oder aktualisiert seit")[1].split("</section>")[0]
    assert "Digitale Werkzeuge" in news and "Gründung und Rechtsform" not in news


def test_a_chapter_shows_text_documents_links_and_its_place(client, demo):
    page = text(client.get("/infopaket/gruendung/verein/"))
    assert "Register 1.1" in page
    assert "Für die Gründung braucht es sieben Mitglieder" in page
    assert "Mustersatzung für einen Mütterzentrum e.V." in page
    assert "DOCX" in page and "ODT" in page
    assert 'href="/infopaket/gruendung/"' in page  # breadcrumbs
    assert 'href="/infopaket/gruendung/verein/hinweis/"' in page
    assert 'href="/infopaket/gruendung/verein/ordner.pdf"' in page


def test_members_only_document_in_a_public_chapter_shows_a_login_prompt(client, member_client):
    document = LibraryDocument.objects.get(title="Fördermittel des Landesverbandes 2026")
    anonymous = text(client.get("/infopaket/finanzen/projektfoerderung/"))
    assert "Fördermittel des Landesverbandes 2026" in anonymous
    assert "Anmelden, um dieses Dokument zu öffnen" in anonymous
    assert document.url not in anonymous
    member = text(member_client.get("/infopaket/finanzen/projektfoerderung/"))
    assert document.url in member


def test_search_finds_a_word_that_is_only_inside_a_pdf(client, demo):
    word = "Kühlschranktemperatur"
    document = LibraryDocument.objects.get(title="Hygiene-Checkliste für das Café")
    assert word not in document.title + document.description
    assert word in document.text
    page = text(client.get("/infopaket/suche/", {"q": word}))
    assert "Hygiene-Checkliste für das Café" in page
    assert "3 Der offene Treff" in page
    assert "<mark>Kühlschranktemperatur</mark>" in page


def test_search_finds_words_in_docx_and_odt(client, demo):
    assert "Einladung zur Mitgliederversammlung" in text(
        client.get("/infopaket/suche/", {"q": "Tagesordnung"})
    )
    assert "Protokoll einer Vorstandssitzung" in text(
        client.get("/infopaket/suche/", {"q": "Enthaltungen"})
    )


def test_search_shows_members_only_documents_to_members_only(client, member_client):
    anonymous = text(client.get("/infopaket/suche/", {"q": "Honorarobergrenze"}))
    assert "Orientierungswerte" not in anonymous and "Honorarobergrenze" not in anonymous.split(
        "</form>"
    )[-1].replace("Honorarobergrenze“ steht nichts", "")
    assert "steht nichts im Infopaket" in anonymous
    member = text(member_client.get("/infopaket/suche/", {"q": "Honorarobergrenze"}))
    assert "Orientierungswerte für Honorare 2026" in member
    assert "<mark>Honorarobergrenze</mark>" in member


def test_bad_search_input_gets_a_clear_answer(client, demo):
    assert client.get("/infopaket/suche/", {"q": "Satzung", "seite": "x"}).status_code == 404
    assert client.get("/infopaket/suche/", {"q": "\x00"}).status_code == 400
    assert client.get("/infopaket/suche/", {"q": "a" * 5000}).status_code == 200


def zip_names(response) -> set[str]:
    content = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return set(archive.namelist())


def visible_documents(user_is_member: bool) -> set[str]:
    documents = LibraryDocument.objects.filter(chapter_links__isnull=False).distinct()
    return {d.title for d in documents if user_is_member or d.collection.name != MEMBERS_COLLECTION}


def test_zip_contains_exactly_the_visible_documents(client, member_client):
    public = zip_names(client.get("/infopaket/download.zip"))
    filenames = {d.filename: d.title for d in LibraryDocument.objects.all()}
    assert {filenames[name.split("/")[-1]] for name in public} == visible_documents(False)
    assert "3 Der offene Treff/hygiene-checkliste-cafe.pdf" in public
    member = zip_names(member_client.get("/infopaket/download.zip"))
    assert {filenames[name.split("/")[-1]] for name in member} == visible_documents(True)
    assert {filenames[name.split("/")[-1]] for name in member} >= MEMBERS_DOCUMENTS


def test_a_chapter_zip_holds_the_chapter_and_its_subchapters(client, demo):
    names = zip_names(client.get("/infopaket/gruendung/download.zip"))
    assert {name.split("/")[0] for name in names} == {
        "1.1 Der eingetragene Verein",
        "1.2 Gemeinnützigkeit",
    }


def pdf_of(response) -> PdfReader:
    return PdfReader(io.BytesIO(b"".join(response.streaming_content)))


def test_printable_pdf_has_contents_with_page_numbers_and_every_page(client, demo):
    response = client.get("/infopaket/ordner.pdf")
    assert response["Content-Type"] == "application/pdf"
    reader = pdf_of(response)
    pages = [page.extract_text() for page in reader.pages]
    contents = pages[1]
    assert "Inhaltsverzeichnis" in contents
    # Every chapter and document is listed with the page it starts on.
    target = re.search(r"3 Der offene Treff\W*?(\d+)", contents)
    assert target and "Der offene Treff" in pages[int(target.group(1)) - 1]
    listed = re.search(r"Hygiene-Checkliste für das Café\W*?(\d+)", contents)
    assert "Kühlschranktemperatur" in pages[int(listed.group(1)) - 1]
    # All pages: cover + contents + chapters, plus every page of every appended PDF.
    appended = sum(
        d.page_count
        for d in LibraryDocument.objects.filter(file__endswith=".pdf", chapter_links__isnull=False)
        if d.collection.name != MEMBERS_COLLECTION
    )
    chapter_pages = len(reader.pages) - appended
    assert chapter_pages >= 2 + 14
    everything = "\n".join(pages)
    for title in visible_documents(False):
        assert title in everything
    assert "Honorarobergrenze" not in everything
    # A document that is not a PDF gets a page with its download link.
    docx = LibraryDocument.objects.get(file__endswith=".docx")
    assert "nicht in den Ausdruck eingebunden" in everything
    assert docx.filename in everything.replace("\n", "")


def test_members_get_their_own_printable_binder(member_client):
    everything = "\n".join(
        page.extract_text() for page in pdf_of(member_client.get("/infopaket/ordner.pdf")).pages
    )
    assert "Honorarobergrenze" in everything
    assert "9 Für Mitglieder" in everything


MEMBERS_CHAPTER = "/infopaket/intern/"


@pytest.mark.parametrize(
    "url",
    [
        MEMBERS_CHAPTER,
        MEMBERS_CHAPTER + "download.zip",
        MEMBERS_CHAPTER + "ordner.pdf",
        MEMBERS_CHAPTER + "hinweis/",
    ],
)
def test_members_pages_send_visitors_to_the_login(client, demo, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/mitglieder/anmelden/?next=")


def test_members_documents_are_never_served_to_visitors(client, member_client, demo):
    documents = LibraryDocument.objects.filter(title__in=MEMBERS_DOCUMENTS)
    assert len(documents) == 3
    for document in documents:
        response = client.get(document.url)
        assert response.status_code == 302, document.url
        assert "/mitglieder/anmelden/" in response["Location"]
        # No direct media URL either.
        assert client.get(f"/media/{document.file.name}").status_code == 404
    sitemap = client.get("/sitemap.xml").content.decode()
    assert MEMBERS_CHAPTER not in sitemap
    site_search = text(client.get("/suche/", {"q": "Arbeitshilfen"}))
    assert "Arbeitshilfen des Landesverbandes" not in site_search
    allowed = member_client.get(documents[0].url)
    allowed.close()
    assert allowed.status_code == 200
    assert allowed["X-Content-Type-Options"] == "nosniff"


def test_a_publish_rebuilds_the_files_and_the_previous_build_serves_meanwhile(
    demo, django_capture_on_commit_callbacks
):
    binder = LibraryPage.objects.get()
    anonymous = access_for(AnonymousUser())
    old = build_for(binder, binder, "zip", anonymous)
    chapter = ChapterPage.objects.get(slug="treff")
    chapter.title = "Der offene Treff und das Café"
    with django_capture_on_commit_callbacks() as at_commit:
        chapter.save_revision().publish()
    cache.clear()
    # Until the refresh runs, visitors get the previous file.
    assert build_for(binder, binder, "zip", anonymous).pk == old.pk
    for callback in at_commit:  # the transaction commits: the background refresh runs
        callback()
    new = build_for(binder, binder, "zip", anonymous)
    assert new.pk != old.pk
    with new.file.open("rb") as source, zipfile.ZipFile(source) as archive:
        names = archive.namelist()
    assert "3 Der offene Treff und das Café/hygiene-checkliste-cafe.pdf" in names
    assert new.source_key == build_content(binder, binder, anonymous).key


def test_a_previous_build_is_never_served_once_a_document_turned_members_only(client, demo):
    binder = LibraryPage.objects.get()
    document = LibraryDocument.objects.get(title="Hygiene-Checkliste für das Café")
    document.collection = Collection.objects.get(name=MEMBERS_COLLECTION)
    document.save()  # no commit: the background refresh has not run
    names = zip_names(client.get("/infopaket/download.zip"))
    assert document.filename not in {name.split("/")[-1] for name in names}
    assert BinderBuild.objects.filter(scope=binder, kind="zip", audience="public").count() >= 2


def test_a_suggestion_is_saved_mailed_to_the_office_and_part_of_a_data_request(
    client, commit, demo
):
    from dorfbrunnen.core.models import OutboundMail
    from dorfbrunnen.core.privacy import personal_data_erase, personal_data_find
    from dorfbrunnen.library.models import ChapterSuggestion

    form = client.get("/infopaket/treff/hinweis/")
    assert form.status_code == 200 and "X-Cache" not in form
    invalid = client.post("/infopaket/treff/hinweis/", {"kind": "link", "message": ""})
    assert invalid.status_code == 400
    assert "Ihr Hinweis: " in invalid.content.decode()  # the error summary names the field
    with commit():
        response = client.post(
            "/infopaket/treff/hinweis/",
            {"kind": "link", "message": "Ein Merkblatt", "email": "tipp@example.org"},
        )
    assert "Danke für Ihren Hinweis" in response.content.decode()
    suggestion = ChapterSuggestion.objects.get(email="tipp@example.org")
    assert suggestion.chapter.slug == "treff"
    assert OutboundMail.objects.filter(subject__contains="Der offene Treff").exists()
    assert personal_data_find(email="tipp@example.org").suggestions == [suggestion]
    personal_data_erase(email="tipp@example.org")
    assert not ChapterSuggestion.objects.filter(pk=suggestion.pk).exists()
