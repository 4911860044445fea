"""What setup_site makes for the newsletter on a production install (no demo)."""

import pytest

from dorfbrunnen.core.models import NavigationSettings, SetupRecord
from dorfbrunnen.core.setup import site_setup
from dorfbrunnen.newsletter.models import (
    ConsentText,
    NewsletterArchivePage,
    NewsletterList,
    NewsletterPage,
)

pytestmark = pytest.mark.django_db


def remove_from_footer(page):
    navigation = NavigationSettings.objects.get()
    navigation.footer_menu = [
        ("link", block.value)
        for block in navigation.footer_menu
        if block.value["page"].pk != page.pk
    ]
    navigation.save()


def footer_pages():
    return [block.value["page"].pk for block in NavigationSettings.objects.get().footer_menu]


def test_setup_makes_the_form_the_archive_the_lists_and_the_first_consent_text(client, section):
    newsletter = NewsletterPage.objects.get()
    assert newsletter.url == "/newsletter/" and newsletter.live
    assert NewsletterArchivePage.objects.get().url == "/newsletter/archiv/"
    assert newsletter.pk in footer_pages()
    assert list(NewsletterList.objects.values_list("name", "members_only")) == [
        ("Aktuelles vom Landesverband", False),
        ("Fachtag & Veranstaltungen", False),
        ("Für Mitgliedszentren", True),
    ]
    (text,) = ConsentText.objects.all()
    assert text.version == 1 and "Landesverband der Mütterzentren" in text.text
    assert client.get("/newsletter/").status_code == 200
    assert client.get("/newsletter/archiv/").status_code == 200


def test_a_site_made_before_the_newsletter_gets_its_footer_link_once():
    newsletter = NewsletterPage.objects.get()
    remove_from_footer(newsletter)
    SetupRecord.objects.filter(key="menu:newsletter").delete()  # as before this feature

    site_setup()
    assert footer_pages().count(newsletter.pk) == 1
    site_setup()
    assert footer_pages().count(newsletter.pk) == 1

    remove_from_footer(newsletter)  # the office removes it on purpose
    site_setup()
    assert newsletter.pk not in footer_pages()
    assert ConsentText.objects.count() == 1 and NewsletterList.objects.count() == 3
