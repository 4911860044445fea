import pytest
from playwright.sync_api import expect

from dorfbrunnen.testing import office_login

pytestmark = pytest.mark.browser


def test_office_edits_the_welcome_text_in_the_admin_and_sees_it_live(browser, live_site):
    context = browser.new_context(base_url=live_site.url, locale="de-DE")
    page = context.new_page()
    home_id = (
        live_site.manage(
            "shell",
            "-c",
            "from dorfbrunnen.pages.models import HomePage; "
            "print(HomePage.objects.get(locale__language_code='de').pk)",
        )
        .strip()
        .splitlines()[-1]
    )

    office_login(page, live_site)

    page.goto(f"/admin/pages/{home_id}/edit/")
    welcome = page.locator("#id_welcome_title")
    expect(welcome).to_have_value("Herzlich willkommen")
    welcome.fill("Herzlich willkommen im Dorfbrunnen")
    page.locator("footer .w-dropdown__toggle").first.click()
    page.get_by_role("button", name="Veröffentlichen").click()
    expect(page.locator(".messages")).to_contain_text("veröffentlicht")

    visitor = browser.new_context(base_url=live_site.url).new_page()
    visitor.goto("/")
    expect(visitor.locator("h1")).to_have_text("Herzlich willkommen im Dorfbrunnen")
    visitor.context.close()
    context.close()


def test_a_new_pages_address_is_written_without_umlauts_or_accents(browser, live_site):
    """Wagtail fills the slug in from the title as one types; ours writes ä as ae, é as e."""
    context = browser.new_context(base_url=live_site.url, locale="de-DE")
    page = context.new_page()
    about_id = (
        live_site.manage(
            "shell",
            "-c",
            "from wagtail.models import Page; "
            "print(Page.objects.get(slug='ueber-uns', locale__language_code='de').pk)",
        )
        .strip()
        .splitlines()[-1]
    )
    office_login(page, live_site)

    page.goto(f"/admin/pages/add/pages/standardpage/{about_id}/")
    page.locator("#id_title").fill("Elterncafé für Mütter & Väter")
    page.locator("#id_title").blur()
    expect(page.locator("#id_slug")).to_have_value("elterncafe-fuer-muetter-vaeter")
    context.close()
