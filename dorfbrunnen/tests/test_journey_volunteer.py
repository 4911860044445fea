"""The volunteer without fear, in a real browser: from the invitation mail to her own
password on a page in the site's look, a code by e-mail as her second factor, „Mein
Zentrum“ with its guidance, her centre's entry sent „Zur Freigabe an die Geschäftsstelle“ –
and the office sees it. The site asks for the second factor here (REQUIRE_ADMIN_2FA, as in
production): a second server on the demo's database (`live_site_2fa`). Each admin screen is
checked with axe-core; `make screenshots` pictures each step (volunteer-<nn>-<step>)."""

import re

import pytest
from playwright.sync_api import expect

from dorfbrunnen.testing import axe_violations, office_login, snapshot

pytestmark = [pytest.mark.browser, pytest.mark.journey]

EMAIL = "ehrenamt-dortmund@example.org"
PASSWORD = "Brunnen-am-Markt-7"

INVITE = f"""
from dorfbrunnen.centres.models import CentrePage
from dorfbrunnen.centres.services import volunteer_invite
from django.db import transaction
centre = CentrePage.objects.get(slug__startswith="muetterzentrum-dortmund")
with transaction.atomic():
    volunteer_invite(centre=centre, email="{EMAIL}", name="Dana Dortmund")
"""


@pytest.fixture
def tab_2fa(browser, live_site_2fa):
    """A browser tab on the server that asks for the second factor; fails the test on any
    console error, as `page` does."""
    context = browser.new_context(base_url=live_site_2fa.url, locale="de-DE")
    tab = context.new_page()
    errors = []
    tab.on(
        "console",
        lambda m: (
            m.type == "error"
            and not m.text.startswith("Failed to load resource")
            and errors.append(m.text)
        ),
    )
    tab.on(
        "response",
        lambda r: (
            r.status >= 400
            and r.request.resource_type != "document"
            and errors.append(f"{r.status} {r.url}")
        ),
    )
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert errors == [], errors


def mails_to(live_site, address, subject=""):
    return [m for m in live_site.mails() if m["To"] == address and m["Subject"].startswith(subject)]


def assert_accessible(page):
    # Wagtail fades its messages in (half a second): axe would measure a half-transparent one.
    page.wait_for_function(
        "() => [...document.querySelectorAll('.messages > ul')]"
        ".every(list => getComputedStyle(list).opacity === '1')"
    )
    assert axe_violations(page) == []


def test_the_volunteer_from_her_invitation_to_a_change_the_office_sees(
    tab_2fa, page, live_site, live_site_2fa
):
    volunteer = tab_2fa
    live_site.manage("shell", "-c", INVITE)
    (invitation,) = mails_to(live_site, EMAIL, "Einladung")
    link = re.search(r"https?://[^/\s]+(/zugang/passwort-festlegen/\S+)", invitation.get_content())

    # Her own page, in the site's look: „Passwort festlegen“.
    volunteer.goto(link.group(1))
    expect(volunteer.get_by_role("heading", level=1)).to_have_text("Passwort festlegen")
    expect(volunteer.get_by_text(EMAIL)).to_be_visible()
    assert volunteer.locator("link[href*='wagtailadmin']").count() == 0
    assert_accessible(volunteer)
    snapshot(volunteer, "volunteer-01-passwort-festlegen")
    volunteer.locator("#id_new_password1").fill(PASSWORD)
    volunteer.locator("#id_new_password2").fill(PASSWORD)
    volunteer.get_by_role("button", name="Passwort festlegen").click()

    # The second factor: a code by e-mail, her default, explained in plain words.
    expect(volunteer).to_have_url(re.compile("/admin/2fa/einrichten/"))
    expect(volunteer.get_by_text("Wir haben Ihnen einen Code an")).to_be_visible()
    expect(volunteer.get_by_role("link", name=re.compile("Authenticator-App"))).to_be_visible()
    assert_accessible(volunteer)
    snapshot(volunteer, "volunteer-02-code-per-email")
    (code_mail,) = mails_to(live_site, EMAIL, "Ihr Code für die Anmeldung")
    code = re.search(r"^\s+(\d{6})$", code_mail.get_content(), re.M).group(1)
    volunteer.get_by_label("Code aus der E-Mail").fill(code)
    volunteer.get_by_role("button", name="Bestätigen").click()

    # „Mein Zentrum“, with three sentences of guidance; no menu item she cannot use.
    expect(volunteer.get_by_role("heading", name="Mein Zentrum")).to_be_visible()
    expect(volunteer.locator(".my-centre__guide")).to_contain_text(
        "Zur Freigabe an die Geschäftsstelle senden"
    )
    menu = volunteer.locator("#wagtail-sidebar")
    for hidden in ("Datenauskunft", "Checkliste für den Start", "Ehrenamtliche", "Berichte"):
        expect(menu.get_by_text(hidden, exact=True)).to_have_count(0)
    assert_accessible(volunteer)
    snapshot(volunteer, "volunteer-03-mein-zentrum")

    # Her centre's entry: the coordinates folded behind „Position aus der Adresse“.
    volunteer.get_by_role("link", name="Eintrag bearbeiten").first.click()
    expect(volunteer.get_by_role("button", name="Position aus der Adresse")).to_be_visible()
    expect(volunteer.locator("#id_latitude")).to_be_hidden()
    volunteer.locator("#id_intro").fill("Neu: jeden Mittwoch Krabbelgruppe ab 10 Uhr.")
    assert "Moderation" not in volunteer.locator("body").inner_text()
    assert_accessible(volunteer)
    snapshot(volunteer, "volunteer-04-eintrag-bearbeiten")
    volunteer.get_by_role("button", name="Zur Freigabe an die Geschäftsstelle senden").click()
    expect(volunteer.locator(".messages")).to_contain_text(
        "zur Freigabe an die Geschäftsstelle gesendet"
    )
    snapshot(volunteer, "volunteer-05-gesendet")
    volunteer.goto("/admin/")
    waiting = volunteer.get_by_text(re.compile("Mütterzentrum Dortmund.* – gesendet am"))
    expect(waiting).to_be_visible()
    snapshot(volunteer, "volunteer-06-wartet-auf-freigabe")

    # The office is told, in the screens' words, and sees it with „Freigeben“ in view.
    assert any(
        m["Subject"].startswith("Zur Freigabe: Mütterzentrum Dortmund") for m in live_site.mails()
    )
    office_login(page, live_site)
    approvals = page.locator("section", has=page.get_by_role("heading", name="Wartet auf Ihre"))
    row = approvals.get_by_role("row", name=re.compile("Mütterzentrum Dortmund"))
    expect(row.get_by_role("button", name=re.compile("^Freigeben"))).to_be_visible()
    expect(row).to_contain_text("Dana")
    snapshot(page, "volunteer-07-die-geschaeftsstelle-sieht-es")
