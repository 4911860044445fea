"""The archive /newsletter/archiv/: sent issues through the site's own templates, with an
RSS feed; unsent and members' issues stay out of it (and out of search and sitemap)."""

import pytest
from django.test import Client

from dorfbrunnen.newsletter import services

from .factories import archive_page, issue, newsletter_list, subscriber
from .test_sending import send_all

pytestmark = pytest.mark.django_db

ARCHIVE = "/newsletter/archiv/"


def visible(url) -> tuple[int, str]:
    response = Client().get(url)
    return response.status_code, response.content.decode()


def send_to(page, commit, *slugs):
    with commit():
        services.send_schedule(issue=page, lists=[newsletter_list(slug) for slug in slugs])
    send_all()


def test_an_issue_appears_once_it_has_gone_out_to_a_public_list(commit, settings):
    settings.PAGE_CACHE_SECONDS = 300
    subscriber("anna@example.org")
    march = issue("Newsletter März", text="Das Sommerfest im Kastanienhof war ein voller Erfolg.")
    status, text = visible(ARCHIVE)
    assert status == 200 and "Noch ist keine Ausgabe erschienen" in text  # now cached
    assert visible(march.url)[0] == 404  # published, but not sent
    assert "Newsletter März" not in visible("/suche/?q=Kastanienhof")[1]
    assert march.url not in visible("/sitemap.xml")[1]

    send_to(march, commit, "aktuelles")

    status, text = visible(ARCHIVE)  # the cached archive went stale with the send
    assert status == 200 and "Newsletter März" in text
    status, text = visible(march.url)
    assert status == 200 and "voller Erfolg" in text
    # The site's template, nothing personal, nothing the CSP would block.
    assert 'class="site-header"' in text
    assert "abmelden" not in text and "style=" not in text and "anna@" not in text
    feed = visible(ARCHIVE + "feed/")[1]
    assert "<title>Newsletter März</title>" in feed and march.url in feed
    assert "Newsletter März" in visible("/suche/?q=Kastanienhof")[1]
    assert march.url in visible("/sitemap.xml")[1]


def test_members_issues_and_test_sends_stay_out(commit, office_user):
    subscriber("zentrum@example.org", ("mitgliedszentren",))
    internal = issue("Intern: Förderanträge", text="Fristen für die Mitgliedszentren.")
    send_to(internal, commit, "mitgliedszentren")
    draft = issue("Newsletter Mai")
    with commit():
        services.send_test(issue=draft, address=office_user.email)
    send_all()

    text = visible(ARCHIVE)[1]
    assert "Förderanträge" not in text and "Newsletter Mai" not in text
    assert visible(internal.url)[0] == 404 and visible(draft.url)[0] == 404
    assert "Förderanträge" not in visible(ARCHIVE + "feed/")[1]
    assert "Förderanträge" not in visible("/suche/?q=Mitgliedszentren")[1]


def test_an_issue_sent_to_the_public_and_to_members_counts_as_a_members_issue(commit):
    subscriber("anna@example.org", ("aktuelles", "mitgliedszentren"))
    both = issue("Newsletter Juni")
    send_to(both, commit, "aktuelles", "mitgliedszentren")
    assert visible(both.url)[0] == 404
    assert archive_page().issues().count() == 0


def test_publishing_an_older_revision_keeps_the_issue_in_the_archive(commit):
    subscriber("anna@example.org")
    march = issue("Newsletter März")
    send_to(march, commit, "aktuelles")
    march.refresh_from_db()
    march.title = "Newsletter März (korrigiert)"
    march.save_revision().publish()
    assert visible(march.url)[0] == 200
