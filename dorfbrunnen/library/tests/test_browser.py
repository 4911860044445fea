"""The Infopaket in a real browser: browse, search, download, log in as a member."""

import io
import zipfile

import pytest
from playwright.sync_api import expect

from dorfbrunnen.testing import axe_violations

pytestmark = pytest.mark.browser


def test_browse_chapters_search_and_download(page):
    page.goto("/infopaket/")
    expect(page.get_by_role("heading", name="Inhalt")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Der eingetragene Verein").click()
    expect(page.get_by_text("Register 1.1")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="1.2 Gemeinnützigkeit").click()  # next chapter
    expect(page.get_by_role("heading", name="Gemeinnützigkeit", level=1)).to_be_visible()

    search = page.get_by_label("Im Infopaket suchen – auch in den Dokumenten")
    search.fill("Kühlschranktemperatur")
    search.press("Enter")
    expect(page.get_by_role("link", name="Hygiene-Checkliste für das Café")).to_be_visible()
    expect(page.locator("mark").first).to_have_text("Kühlschranktemperatur")
    assert axe_violations(page) == []

    page.goto("/infopaket/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Alles als ZIP herunterladen").click()
    with zipfile.ZipFile(io.BytesIO(download.value.path().read_bytes())) as archive:
        names = archive.namelist()
    assert "3 Der offene Treff/hygiene-checkliste-cafe.pdf" in names
    assert not any("honorare" in name for name in names)


def test_a_member_logs_in_and_sees_the_members_chapter(page, live_site):
    credentials = live_site.credentials()
    page.goto("/infopaket/")
    expect(page.get_by_text("Für Mitglieder: Arbeitshilfen des Landesverbandes")).to_be_visible()
    page.get_by_role("link", name="Anmelden für Mitglieder").click()
    expect(page.get_by_label("Benutzername")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("Benutzername").fill(credentials["Mitglied-Benutzername"])
    page.get_by_label("Passwort").fill(credentials["Mitglied-Passwort"])
    page.get_by_label("Passwort").press("Enter")
    expect(
        page.get_by_role("link", name="Für Mitglieder: Arbeitshilfen des Landesverbandes")
    ).to_be_visible()
    page.get_by_role("link", name="Für Mitglieder: Arbeitshilfen des Landesverbandes").click()
    expect(page.get_by_role("link", name="Orientierungswerte für Honorare 2026")).to_be_visible()
    assert axe_violations(page) == []


def test_a_suggestion_for_a_chapter_reaches_the_office(page):
    page.goto("/infopaket/treff/")
    page.get_by_role("link", name="Hinweis geben").click()
    page.get_by_role("button", name="Hinweis senden").click()
    expect(page.locator("#error-summary")).to_be_focused()
    assert axe_violations(page) == []
    page.get_by_label("Ein Link, der hier fehlt").check()
    page.get_by_label("Ihr Hinweis").fill("Die Verbraucherzentrale hat ein neues Merkblatt.")
    page.get_by_role("button", name="Hinweis senden").click()
    expect(page.get_by_role("heading", name="Danke für Ihren Hinweis")).to_be_visible()
