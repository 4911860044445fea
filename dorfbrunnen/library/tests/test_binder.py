"""The binder: contents, chapters, search, downloads – and what only members may see."""

import io
import re
import zipfile

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pypdf import PdfReader
from wagtail.actions.convert_alias import ConvertAliasPageAction
from wagtail.models import Collection

from dorfbrunnen.core.models import SiteSettings
from dorfbrunnen.library.access import access_for
from dorfbrunnen.library.builds import build_content, build_for
from dorfbrunnen.library.models import BinderBuild, ChapterDocument, LibraryDocument
from dorfbrunnen.library.setup import library_collections

from .factories import binder, chapter, document, members_only


def read(response) -> bytes:
    """The body; a file is read to its end, which lets the test client close it (closing it
    by hand would signal the end of the request, and PostgreSQL's connection would go)."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def toc_rows(response) -> dict[str, dict]:
    """The table of contents: number → title, link, badges, date."""
    soup = BeautifulSoup(response.content, "html.parser")
    rows = {}
    for item in soup.select(".binder-toc .toc__item"):
        link = item.select_one(".toc__title a")
        rows[item.select_one(".toc__number").get_text()] = {
            "title": item.select_one(".toc__title").get_text(strip=True),
            "href": link["href"] if link else None,
            "badges": [badge.get_text() for badge in item.select(".badge")],
            "date": item.select_one(".toc__date").get_text(strip=True),
        }
    return rows


def test_contents_are_numbered_with_dates_and_markers(client, binder_content):
    content = binder_content
    response = client.get("/infopaket/")
    rows = toc_rows(response)
    assert {number: row["title"] for number, row in rows.items()} == {
        "1": "Gründung und Rechtsform",
        "1.1": "Der eingetragene Verein",
        "1.2": "Gemeinnützigkeit",
        "2": "Finanzen",
        "2.1": "Projektförderung",
        "3": "Der offene Treff",
        "4": "Für Mitglieder: Arbeitshilfen",
        "4.1": "Kassenprüfung",
    }
    assert rows["1.1"]["href"] == "/infopaket/gruendung/verein/"
    # The date each chapter was last published.
    founded = content.founding.last_published_at
    assert rows["1"]["date"] == f"Stand {timezone.localtime(founded):%d.%m.%Y}"
    assert rows["3"]["date"] == f"Stand {timezone.localdate():%d.%m.%Y}"
    # Markers: new, updated, members only – and the settled chapters carry none.
    assert rows["3"]["badges"] == ["neu"]
    assert rows["1.2"]["badges"] == ["aktualisiert"]
    assert rows["1"]["badges"] == rows["1.1"]["badges"] == []
    # The members' chapters keep their numbers for everybody but are not linked for visitors.
    assert rows["4"]["badges"] == ["nur für Mitglieder"]
    assert rows["4"]["href"] is None and rows["4.1"]["href"] is None
    # Recently changed chapters and documents are listed under "new or updated since".
    page = text(response)
    assert "Neu oder aktualisiert seit" in page
    news = page.split("Neu oder aktualisiert seit")[1].split("</section>")[0]
    assert "3 Der offene Treff</a> – neues Kapitel" in news
    assert "1.2 Gemeinnützigkeit</a> – aktualisiert am" in news
    assert "Hygiene-Checkliste für das Café</a> – neues Dokument" in news
    assert "Gründung und Rechtsform" not in news and "Mustersatzung" not in news


def test_members_see_their_chapters_linked(member_client, binder_content):
    rows = toc_rows(member_client.get("/infopaket/"))
    assert rows["4"]["href"] == "/infopaket/intern/"
    assert rows["4.1"]["href"] == "/infopaket/intern/kasse/"


def test_an_empty_binder_says_how_to_fill_it(client, db):
    assert "Das Infopaket hat noch keine Kapitel" in text(client.get("/infopaket/"))


def test_a_chapter_shows_text_documents_links_and_its_place(client, binder_content):
    response = client.get("/infopaket/gruendung/verein/")
    page = text(response)
    assert "Register 1.1" in page
    assert "Für die Gründung braucht es sieben Mitglieder" in page
    soup = BeautifulSoup(response.content, "html.parser")
    documents = {
        item.select_one(".document__title a").get_text(): item.select_one(".document__meta")
        .get_text()
        .split(" · ")[0]
        for item in soup.select(".documents .document")
    }
    assert documents == {
        "Mustersatzung für einen Verein": "DOCX",
        "Protokoll einer Vorstandssitzung": "ODT",
    }
    assert "Eine Satzung zum Anpassen." in page
    assert 'href="https://example.org/vereinsrecht"' in page
    breadcrumbs = [a["href"] for a in soup.select(".breadcrumbs a")]
    assert breadcrumbs == ["/infopaket/", "/infopaket/gruendung/"]
    assert 'href="/infopaket/gruendung/verein/hinweis/"' in page
    assert 'href="/infopaket/gruendung/verein/ordner.pdf"' in page
    assert 'href="/infopaket/gruendung/verein/download.zip"' in page
    # Leafing through: the chapters before and after in reading order.
    assert [a["href"] for a in soup.select(".pager a")] == [
        "/infopaket/gruendung/",
        "/infopaket/gruendung/gemeinnuetzigkeit/",
    ]


def test_a_chapter_lists_its_subchapters(client, binder_content):
    settled = timezone.localtime(binder_content.association.last_published_at)
    soup = BeautifulSoup(client.get("/infopaket/gruendung/").content, "html.parser")
    assert [item.get_text(" ", strip=True) for item in soup.select(".toc .toc__item")] == [
        f"1.1 Der eingetragene Verein Stand {settled:%d.%m.%Y}",
        f"1.2 Gemeinnützigkeit aktualisiert Stand {timezone.localdate():%d.%m.%Y}",
    ]


def test_members_only_document_in_a_public_chapter_shows_a_login_prompt(
    client, member_client, binder_content
):
    funds = binder_content.funds
    anonymous = text(client.get("/infopaket/finanzen/projektfoerderung/"))
    assert "Fördermittel des Landesverbandes" in anonymous
    assert "Anmelden, um dieses Dokument zu öffnen" in anonymous
    assert funds.url not in anonymous
    assert binder_content.guide.url in anonymous
    member = text(member_client.get("/infopaket/finanzen/projektfoerderung/"))
    assert funds.url in member
    assert "Anmelden, um dieses Dokument zu öffnen" not in member


def search(client, query, **params):
    return text(client.get("/infopaket/suche/", {"q": query, **params}))


def test_search_finds_a_word_that_is_only_inside_a_pdf(client, binder_content):
    hygiene = binder_content.hygiene
    word = "Kühlschranktemperatur"
    assert word not in hygiene.title + hygiene.description
    page = search(client, word)
    assert "Hygiene-Checkliste für das Café" in page
    assert "im Kapitel" in page and "3 Der offene Treff" in page
    assert "<mark>Kühlschranktemperatur</mark>" in page


def test_search_finds_words_in_docx_odt_and_xlsx(client, member_client, binder_content):
    assert "Mustersatzung für einen Verein" in search(client, "Tagesordnung")
    assert "Protokoll einer Vorstandssitzung" in search(client, "Enthaltungen")
    assert "Kassenbuch-Vorlage" in search(member_client, "Belegprüfung")


def test_search_finds_chapters_by_their_text(client, binder_content):
    page = search(client, "Freistellungsbescheid")
    assert "1.2 Gemeinnützigkeit" in page
    assert "<mark>Freistellungsbescheid</mark>" in page


def test_search_shows_members_only_documents_and_chapters_to_members_only(
    client, member_client, binder_content
):
    for query in ("Honorarobergrenze", "Landeszuwendung", "Belegprüfung", "Arbeitshilfen"):
        anonymous = search(client, query)
        assert "steht nichts im Infopaket" in anonymous, query
        results = anonymous.split("</form>")[-1].replace(f"Zu „{query}“ steht nichts", "")
        assert query not in results, query
    member = search(member_client, "Honorarobergrenze")
    assert "Orientierungswerte für Honorare" in member
    assert "<mark>Honorarobergrenze</mark>" in member
    assert "4 Für Mitglieder: Arbeitshilfen" in search(member_client, "Arbeitshilfen")


def test_searches_read_the_binders_document_links_once_per_audience(
    client, member_client, binder_content
):
    # A member's search first: what it kept must not show an anonymous visitor more.
    assert "Orientierungswerte für Honorare" in search(member_client, "Honorarobergrenze")
    assert "steht nichts im Infopaket" in search(client, "Honorarobergrenze")
    with CaptureQueriesContext(connection) as queries:
        assert "Mustersatzung für einen Verein" in search(client, "Tagesordnung")
    # The search itself looks the links up in the database; none are read out again.
    assert not [q for q in queries if 'FROM "library_chapterdocument"' in q["sql"]]


def test_a_found_documents_entry_is_kept_with_each_searchs_snippet_and_follows_changes(
    client, binder_content, settings
):
    """The entry (link, type, chapter) is kept; the snippet is each search's own; a
    renamed document shows its new title at once."""
    settings.PAGE_CACHE_SECONDS = 0
    hygiene = binder_content.hygiene
    first = search(client, "Kühlschranktemperatur")
    assert "<mark>Kühlschranktemperatur</mark>" in first
    assert "3 Der offene Treff" in first
    hygiene.refresh_from_db()
    word = next(w for w in hygiene.text.split() if len(w) > 8 and "Kühlschrank" not in w)
    word = word.strip(".,;:()")
    again = search(client, word)
    assert "Hygiene-Checkliste für das Café" in again
    assert f"<mark>{word}" in again and "<mark>Kühlschranktemperatur</mark>" not in again
    hygiene.title = "Hygieneplan für das Café"
    hygiene.save()
    renamed = search(client, "Kühlschranktemperatur")
    assert ">Hygieneplan für das Café</a>" in renamed  # the link; the text still names
    assert ">Hygiene-Checkliste für das Café</a>" not in renamed  # the old title


def test_bad_search_input_gets_a_clear_answer(client, binder_content):
    assert client.get("/infopaket/suche/", {"q": "Satzung", "seite": "x"}).status_code == 404
    huge = "99999999999999999999"  # its offset would not fit the database's integer
    assert client.get("/infopaket/suche/", {"q": "Satzung", "seite": huge}).status_code == 404
    assert client.get("/infopaket/suche/", {"q": "\x00"}).status_code == 400
    assert client.get("/infopaket/suche/", {"q": "a" * 5000}).status_code == 200


def zip_entries(response) -> dict[str, bytes]:
    content = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_zip_contains_exactly_the_visible_documents(client, member_client, binder_content):
    content = binder_content
    response = client.get("/infopaket/download.zip")
    assert response["Content-Type"] == "application/zip"
    assert "infopaket.zip" in response["Content-Disposition"]
    public = zip_entries(response)
    assert set(public) == {
        f"1.1 Der eingetragene Verein/{content.statute.filename}",
        f"1.1 Der eingetragene Verein/{content.minutes.filename}",
        f"2.1 Projektförderung/{content.guide.filename}",
        f"3 Der offene Treff/{content.hygiene.filename}",
    }
    with content.hygiene.open_file() as source:
        assert public[f"3 Der offene Treff/{content.hygiene.filename}"] == source.read()
    member = set(zip_entries(member_client.get("/infopaket/download.zip")))
    assert member == set(public) | {
        f"2.1 Projektförderung/{content.funds.filename}",
        f"4 Für Mitglieder- Arbeitshilfen/{content.fees.filename}",
        f"4.1 Kassenprüfung/{content.audit.filename}",
    }


def test_a_chapter_zip_holds_the_chapter_and_its_subchapters(client, binder_content):
    names = zip_entries(client.get("/infopaket/gruendung/download.zip"))
    assert {name.split("/")[0] for name in names} == {"1.1 Der eingetragene Verein"}
    assert len(names) == 2


def pdf_of(response) -> PdfReader:
    return PdfReader(io.BytesIO(b"".join(response.streaming_content)))


def test_printable_pdf_has_contents_with_page_numbers_and_every_page(client, binder_content):
    content = binder_content
    response = client.get("/infopaket/ordner.pdf")
    assert response["Content-Type"] == "application/pdf"
    reader = pdf_of(response)
    pages = [page.extract_text() for page in reader.pages]
    contents = pages[1]
    assert "Inhaltsverzeichnis" in contents
    # Every chapter and document is listed with the page it starts on, and that page
    # carries its number at the foot.
    for title, expected in [
        ("3 Der offene Treff", "Ein Café für alle Generationen"),
        ("1.1 Der eingetragene Verein", "sieben Mitglieder"),
        ("Hygiene-Checkliste für das Café", "Kühlschranktemperatur"),
    ]:
        listed = re.search(rf"{re.escape(title)}\W*?(\d+)", contents)
        assert listed, title
        number = int(listed.group(1))
        assert expected in pages[number - 1], title
    treff = int(re.search(r"3 Der offene Treff\W*?(\d+)", contents).group(1))
    assert pages[treff - 1].split()[-1] == str(treff)
    # Both pages of the two-page PDF follow each other.
    hygiene = int(re.search(r"Hygiene-Checkliste für das Café\W*?(\d+)", contents).group(1))
    assert "(Fortsetzung)" in pages[hygiene]
    # All pages: cover, contents, a page per visible chapter, every page of appended PDFs
    # (guide 1, hygiene 2) and a page for each document that is not a PDF (DOCX, ODT).
    assert len(reader.pages) == 2 + 6 + 3 + 2
    everything = "\n".join(pages)
    for item in content.public_documents:
        assert item.title in everything
    for hidden in ("Honorarobergrenze", "Landeszuwendung", "Fördermittel", "Arbeitshilfen"):
        assert hidden not in everything
    # A document that is not a PDF gets a page with its download link.
    assert "nicht in den Ausdruck eingebunden" in everything
    assert content.statute.filename in everything.replace("\n", "")


def test_members_get_their_own_printable_binder(client, member_client, binder_content):
    response = member_client.get("/infopaket/ordner.pdf")
    everything = "\n".join(page.extract_text() for page in pdf_of(response).pages)
    assert "Honorarobergrenze" in everything
    assert "4 Für Mitglieder: Arbeitshilfen" in everything
    assert "4.1 Kassenprüfung" in everything
    # Members' files never sit in a shared cache; the public ones may, briefly.
    assert response["Cache-Control"] == "private, no-store"
    public = client.get("/infopaket/ordner.pdf")
    read(public)
    assert public["Cache-Control"] == "public, max-age=300"


def test_a_chapter_pdf_holds_the_chapter_only(client, binder_content):
    everything = "\n".join(
        page.extract_text() for page in pdf_of(client.get("/infopaket/treff/ordner.pdf")).pages
    )
    assert "Kühlschranktemperatur" in everything
    assert "Der eingetragene Verein" not in everything


@pytest.mark.parametrize(
    "url",
    [
        "/infopaket/intern/",
        "/infopaket/intern/download.zip",
        "/infopaket/intern/ordner.pdf",
        "/infopaket/intern/hinweis/",
        "/infopaket/intern/kasse/",
        "/infopaket/intern/kasse/download.zip",
    ],
)
def test_members_pages_send_visitors_to_the_login(client, member_client, binder_content, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/mitglieder/anmelden/?next=")
    allowed = member_client.get(url)
    assert allowed.status_code == 200
    read(allowed)


def test_members_documents_are_never_served_to_visitors(client, member_client, binder_content):
    content = binder_content
    for item in content.members_documents:
        response = client.get(item.url)
        assert response.status_code == 302, item.url
        assert "/mitglieder/anmelden/" in response["Location"]
        # No direct media URL either.
        assert client.get(f"/media/{item.file.name}").status_code == 404
    public = client.get(content.guide.url)
    assert public.status_code == 200
    read(public)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/infopaket/treff/" in sitemap
    assert "/infopaket/intern/" not in sitemap
    site_search = text(client.get("/suche/", {"q": "Arbeitshilfen"}))
    assert "Für Mitglieder: Arbeitshilfen" not in site_search
    allowed = member_client.get(content.fees.url)
    assert allowed.status_code == 200
    assert allowed["X-Content-Type-Options"] == "nosniff"
    # Not kept by the browser past the logout (a centre's shared computer).
    assert "no-store" in allowed["Cache-Control"]
    with content.fees.open_file() as source:
        assert b"".join(allowed.streaming_content) == source.read()


def test_an_alias_of_a_chapter_made_members_only_stays_out_of_search_and_files(
    client, binder_content, settings
):
    """An alias shows its source: when the source turns members-only, the alias's text
    must leave the public search, ZIP and PDF as the source's does."""
    settings.PAGE_CACHE_SECONDS = 0
    source = binder_content.meeting_place
    source.create_alias(parent=binder(), update_slug="treff-kopie")
    assert "Generationen" in search(client, "Generationen").split("</form>")[-1]
    members_only(source)
    assert client.get("/infopaket/treff-kopie/").status_code == 302  # Wagtail's own check
    results = search(client, "Generationen").split("</form>")[-1]
    assert "Generationen" not in results.replace("Zu „Generationen“ steht nichts", "")
    folders = {name.split("/")[0] for name in zip_entries(client.get("/infopaket/download.zip"))}
    assert not [folder for folder in folders if "Treff" in folder]
    # An alias of a chapter inside a members-only one is members-only at its own address.
    copy = binder_content.cash_audit.create_alias(parent=binder(), update_slug="kasse-kopie")
    assert client.get("/infopaket/kasse-kopie/").status_code == 302
    # Made a page of its own (Wagtail's „convert alias“), it is public where it stands.
    ConvertAliasPageAction(copy).execute(skip_permission_checks=True)
    assert client.get("/infopaket/kasse-kopie/").status_code == 200


def test_a_publish_rebuilds_the_files_and_the_previous_build_serves_meanwhile(
    binder_content, member, commit_so_far, django_capture_on_commit_callbacks
):
    commit_so_far()  # the office's earlier work: its refresh built the files
    scope = binder()
    anonymous = access_for(AnonymousUser())
    members = access_for(member).audience
    old = build_for(scope, scope, "zip", anonymous)
    old_members = build_for(scope, scope, "pdf", access_for(member))
    treff = binder_content.meeting_place
    treff.title = "Der offene Treff und das Café"
    with django_capture_on_commit_callbacks() as at_commit:
        treff.save_revision().publish()
    cache.clear()
    # Until the refresh runs, visitors get the previous file.
    assert build_for(scope, scope, "zip", anonymous).pk == old.pk
    for callback in at_commit:  # the transaction commits: the background refresh runs
        callback()
    new = build_for(scope, scope, "zip", anonymous)
    assert new.pk != old.pk
    with new.file.open("rb") as source, zipfile.ZipFile(source) as archive:
        names = archive.namelist()
    assert f"3 Der offene Treff und das Café/{binder_content.hygiene.filename}" in names
    assert new.source_key == build_content(scope, scope, anonymous).key
    # The members' files were refreshed too; the build before stays for the next change.
    new_members = build_for(scope, scope, "pdf", access_for(member))
    assert new_members.pk != old_members.pk and new_members.audience == members
    assert set(
        BinderBuild.objects.filter(scope=scope, kind="zip", audience="public").values_list(
            "pk", flat=True
        )
    ) == {old.pk, new.pk}


def test_a_previous_build_is_never_served_once_a_document_turned_members_only(
    client, binder_content
):
    hygiene = binder_content.hygiene
    before = zip_entries(client.get("/infopaket/download.zip"))
    assert f"3 Der offene Treff/{hygiene.filename}" in before
    hygiene.collection = library_collections()[1]
    hygiene.save()  # no commit: the background refresh has not run
    names = zip_entries(client.get("/infopaket/download.zip"))
    assert hygiene.filename not in {name.split("/")[-1] for name in names}
    assert len(names) == len(before) - 1
    scope = binder()
    assert BinderBuild.objects.filter(scope=scope, kind="zip", audience="public").count() == 2


def test_a_previous_build_is_never_served_once_a_chapter_turned_members_only(
    client, binder_content
):
    before = pdf_of(client.get("/infopaket/ordner.pdf"))
    assert any("Kühlschranktemperatur" in page.extract_text() for page in before.pages)
    members_only(binder_content.meeting_place)  # no commit: no refresh
    after = pdf_of(client.get("/infopaket/ordner.pdf"))
    assert not any("Kühlschranktemperatur" in page.extract_text() for page in after.pages)
    assert "Der offene Treff" not in "\n".join(page.extract_text() for page in after.pages)


@pytest.fixture
def office_address(db):
    site_settings = SiteSettings.objects.get()
    site_settings.email = "buero@example.org"
    site_settings.save()
    return site_settings.email


def test_a_suggestion_is_saved_mailed_to_the_office_and_part_of_a_data_request(
    client, commit, binder_content, office_address
):
    from django.core import mail

    from dorfbrunnen.core.privacy import personal_data_erase, personal_data_find
    from dorfbrunnen.library.models import ChapterSuggestion

    form = client.get("/infopaket/treff/hinweis/")
    assert form.status_code == 200 and "X-Cache" not in form
    invalid = client.post("/infopaket/treff/hinweis/", {"kind": "link", "message": ""})
    assert invalid.status_code == 400
    assert "Ihr Hinweis: " in invalid.content.decode()  # the error summary names the field
    with commit():
        sent = client.post(
            "/infopaket/treff/hinweis/",
            {"kind": "link", "message": "Ein Merkblatt", "email": "tipp@example.org"},
        )
    # The thanks has an address of its own: reloading it sends nothing again.
    assert sent.status_code == 302 and sent["Location"] == "/infopaket/treff/hinweis/danke/"
    for _reload in range(2):
        assert "Danke für Ihren Hinweis" in client.get(sent["Location"]).content.decode()
    suggestion = ChapterSuggestion.objects.get(email="tipp@example.org")
    assert suggestion.chapter.pk == binder_content.meeting_place.pk
    assert mail.outbox[0].to == [office_address]
    assert mail.outbox[0].reply_to == ["tipp@example.org"]
    assert mail.outbox[0].subject == "Neuer Hinweis zum Infopaket: Der offene Treff"
    assert "Ein Merkblatt" in mail.outbox[0].body
    found = personal_data_find(email="Tipp@example.org")
    assert found.count("hinweise_infopaket") == 1
    assert found.as_dict()["hinweise_infopaket"][0]["hinweis"] == "Ein Merkblatt"
    personal_data_erase(email="tipp@example.org")
    assert not ChapterSuggestion.objects.filter(pk=suggestion.pk).exists()


def test_a_suggestion_with_the_honeypot_filled_looks_sent_but_keeps_nothing(
    client, commit, binder_content, office_address
):
    from django.core import mail

    from dorfbrunnen.library.models import ChapterSuggestion

    with commit():
        response = client.post(
            "/infopaket/treff/hinweis/",
            {"kind": "tip", "message": "Billige Uhren", "homepage": "http://spam.example"},
            follow=True,
        )
    assert response.status_code == 200
    assert "Danke für Ihren Hinweis" in response.content.decode()
    assert not ChapterSuggestion.objects.exists()
    assert not mail.outbox


def test_too_many_suggestions_from_one_address_get_a_german_429(
    client, commit, binder_content, office_address, settings
):
    from django.core import mail

    from dorfbrunnen.library.models import ChapterSuggestion

    settings.FORM_RATE_LIMIT = (2, 600)
    data = {"kind": "tip", "message": "Noch ein Tipp"}
    with commit():
        for _ in range(2):
            assert client.post("/infopaket/treff/hinweis/", data).status_code == 302
        refused = client.post("/infopaket/treff/hinweis/", data)
    assert refused.status_code == 429
    assert "Von Ihrer Adresse kamen gerade sehr viele Anfragen" in refused.content.decode()
    assert "Noch ein Tipp" in refused.content.decode()  # what was typed stays
    assert ChapterSuggestion.objects.count() == 2
    assert len(mail.outbox) == 2


def test_no_suggestions_for_members_chapters_from_visitors(client, binder_content):
    response = client.post("/infopaket/intern/hinweis/", {"kind": "tip", "message": "x"})
    assert response.status_code == 302
    from dorfbrunnen.library.models import ChapterSuggestion

    assert not ChapterSuggestion.objects.exists()


def query_count(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
        assert response.status_code == 200, path
    return len(queries)


def test_query_counts_stay_the_same_with_more_chapters_and_documents(
    client, member_client, binder_content, settings
):
    settings.PAGE_CACHE_SECONDS = 0  # rendered each time, not served from the page cache
    paths = [
        "/infopaket/",
        "/infopaket/gruendung/verein/",
        "/infopaket/suche/?q=Verein",
        "/infopaket/gruendung/verein/hinweis/",
    ]

    def counts():
        for path in paths:  # the first visit after a change fills what all pages share
            client.get(path)
            member_client.get(path)
        return {
            (who, path): query_count(browser, path)
            for path in paths
            for who, browser in (("visitor", client), ("member", member_client))
        }

    before = counts()
    verein = binder_content.association
    for number in range(8):
        extra = chapter(f"Verein Anhang {number}", parent=binder_content.founding)
        chapter(f"Unterkapitel {number}", parent=extra)
        for restricted in (False, True):
            item = document(f"Verein Muster {number} {restricted}", restricted=restricted)
            ChapterDocument.objects.create(chapter=verein, document=item)
    assert LibraryDocument.objects.count() >= 7 + 16
    after = counts()
    assert {key: count for key, count in after.items() if count > before[key]} == {}


def test_a_members_only_collection_moved_elsewhere_keeps_its_documents_members_only(db):
    """Wagtail saves a moved collection first and moves it afterwards, with no signal of
    Django's: the privacy rules, which go by the collections' paths, follow it."""
    secret = document("Kassenprüfung intern", restricted=True)
    archive = Collection.get_first_root_node().add_child(name="Archiv")
    assert not access_for(AnonymousUser()).document_visible(secret)  # the rules are kept
    members = Collection.objects.get(pk=secret.collection_id)
    members.move(Collection.objects.get(pk=archive.pk), "sorted-child")
    moved = LibraryDocument.objects.select_related("collection").get(pk=secret.pk)
    assert moved.collection.get_parent().pk == archive.pk
    assert not access_for(AnonymousUser()).document_visible(moved)
