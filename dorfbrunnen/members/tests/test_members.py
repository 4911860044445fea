"""Members log in on the site, see the members-only parts, and change or reset a password."""

import re

import pytest
from django.core import mail

from dorfbrunnen.core.models import OutboundMail
from dorfbrunnen.library.tests.factories import chapter, document

PASSWORD = "Geheim-12345"  # the `member` fixture's


@pytest.fixture
def internal(db):
    """A members-only chapter with a members-only document."""
    fees = document(
        "Orientierungswerte für Honorare", paragraphs=["Die Honorarobergrenze"], restricted=True
    )
    chapter("Öffentlich", slug="oeffentlich")
    return chapter("Für Mitglieder", slug="intern", documents=[fees], restricted=True)


def test_a_member_logs_in_and_is_taken_where_they_wanted(client, member, internal):
    response = client.get("/infopaket/intern/")
    assert response.status_code == 302
    login = client.get(response["Location"])
    assert "Anmelden für Mitglieder" in login.text
    response = client.post(
        "/mitglieder/anmelden/?next=/infopaket/intern/",
        {"username": member.username, "password": PASSWORD, "next": "/infopaket/intern/"},
    )
    assert response.status_code == 302 and response["Location"] == "/infopaket/intern/"
    page = client.get("/infopaket/intern/").text
    assert "Orientierungswerte für Honorare" in page
    assert "Register 2" in page


def test_a_login_never_sends_anyone_to_another_site(client, member):
    response = client.post(
        "/mitglieder/anmelden/",
        {"username": member.username, "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/mitglieder/"


def test_a_wrong_password_gets_a_german_message_and_no_session(client, member):
    response = client.post(
        "/mitglieder/anmelden/", {"username": member.username, "password": "falsch"}
    )
    assert response.status_code == 200
    assert "Benutzername oder Passwort stimmen nicht" in response.text
    assert "_auth_user_id" not in client.session


def test_the_account_page_needs_a_login_and_logout_ends_the_session(client, member, internal):
    member.first_name, member.last_name = "Mia", "Muster"
    member.save()
    assert client.get("/mitglieder/").status_code == 302
    client.force_login(member)
    assert "Angemeldet als Mia Muster" in client.get("/mitglieder/").text
    assert client.get("/infopaket/intern/").status_code == 200
    assert client.post("/mitglieder/abmelden/").status_code == 302
    assert "_auth_user_id" not in client.session
    assert client.get("/infopaket/intern/").status_code == 302


def test_the_account_page_links_the_infopaket_in_the_members_language(client, member, internal):
    from dorfbrunnen.library.models import LibraryPage
    from dorfbrunnen.tests.languages import translate
    from dorfbrunnen.tests.sample import section

    binder = LibraryPage.objects.live().get()
    translate(section("home"), "en", title="Home")
    english = translate(binder, "en", title="Info pack")
    client.force_login(member)
    assert f'href="{binder.url}"' in client.get("/mitglieder/").text
    english_account = client.get("/en/mitglieder/").text
    assert f'href="{english.url}"' in english_account
    assert f'href="{binder.url}"' not in english_account


def test_a_logged_in_account_without_access_is_told_so(client, django_user_model, internal):
    other = django_user_model.objects.create_user("nachbarin", "n@example.org", "x" * 12)
    client.force_login(other)
    response = client.get("/infopaket/intern/", follow=True)
    assert "dieses Konto hat keinen Zugang" in response.text
    assert "Orientierungswerte für Honorare" not in response.text


def test_a_member_changes_the_password(member_client, member):
    assert member_client.get("/mitglieder/passwort/").status_code == 200
    wrong = member_client.post(
        "/mitglieder/passwort/",
        {
            "old_password": "falsch",
            "new_password1": "Brunnen-Wasser-2026",
            "new_password2": "Brunnen-Wasser-2026",
        },
    )
    assert wrong.status_code == 200
    assert "Das alte Passwort war falsch" in wrong.text
    response = member_client.post(
        "/mitglieder/passwort/",
        {
            "old_password": PASSWORD,
            "new_password1": "Brunnen-Wasser-2026",
            "new_password2": "Brunnen-Wasser-2026",
        },
    )
    assert response.status_code == 302
    assert "Ihr Passwort ist geändert" in member_client.get(response["Location"]).text
    member.refresh_from_db()
    assert member.check_password("Brunnen-Wasser-2026")
    # Still logged in in this browser.
    assert member_client.get("/mitglieder/").status_code == 200


def reset_link(body: str) -> str:
    return re.search(r"http://testserver(/mitglieder/passwort-vergessen/\S+/)", body).group(1)


def test_password_reset_by_mail_sets_a_new_password(client, member, commit):
    with commit():
        response = client.post("/mitglieder/passwort-vergessen/", {"email": member.email})
    assert response.status_code == 302
    assert "Schauen Sie in Ihr Postfach" in client.get(response["Location"]).text
    queued = OutboundMail.objects.get(to=[member.email])
    assert queued.status == OutboundMail.Status.SENT
    assert mail.outbox[-1].subject == "Neues Passwort für Ihr Konto"
    link = reset_link(mail.outbox[-1].body)
    form = client.get(link, follow=True)
    assert "Neues Passwort festlegen" in form.text
    response = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Brunnen-Wasser-2026", "new_password2": "Brunnen-Wasser-2026"},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password("Brunnen-Wasser-2026")
    # The link works once only.
    assert "nicht mehr gültig" in client.get(link, follow=True).text


def test_reset_for_an_unknown_address_reveals_nothing(client, member, commit):
    with commit():
        unknown = client.post("/mitglieder/passwort-vergessen/", {"email": "wer@example.org"})
        known = client.post("/mitglieder/passwort-vergessen/", {"email": member.email})
    assert unknown.status_code == known.status_code == 302
    assert unknown["Location"] == known["Location"]
    assert not OutboundMail.objects.filter(to=["wer@example.org"]).exists()
    assert [message.to for message in mail.outbox] == [[member.email]]


def test_a_reset_asked_with_no_address_says_so_as_the_staffs_form_does(client, db):
    for form in ("/mitglieder/passwort-vergessen/", "/zugang/passwort-vergessen/"):
        typo = client.post(form, {"email": "kein-at-zeichen"})
        assert typo.status_code == 400, form
        assert "no-store" in typo["Cache-Control"] or "no-cache" in typo["Cache-Control"], form
        assert 'value="kein-at-zeichen"' in typo.text, form


def test_password_reset_requests_are_rate_limited(client, member, commit, settings):
    settings.FORM_RATE_LIMIT = (2, 600)
    with commit():
        for _ in range(2):
            response = client.post("/mitglieder/passwort-vergessen/", {"email": member.email})
            assert response.status_code == 302
        refused = client.post("/mitglieder/passwort-vergessen/", {"email": member.email})
    assert refused.status_code == 429
    assert "Von Ihrer Adresse kamen gerade sehr viele Anfragen" in refused.text
    assert f'value="{member.email}"' in refused.text  # what was typed stays
    assert OutboundMail.objects.filter(to=[member.email]).count() == 2
    assert len(mail.outbox) == 2


def test_a_reset_mail_shows_names_as_typed(client, django_user_model, commit):
    name = 'Müller & Sohn <Büro> "Nord" \'s'
    django_user_model.objects.create_user(name, "mueller@example.org", "x" * 12)
    with commit():
        client.post("/mitglieder/passwort-vergessen/", {"email": "mueller@example.org"})
    body = mail.outbox[-1].body
    assert f"„{name}“" in body
    assert "&amp;" not in body and "&lt;" not in body and "&#x27;" not in body
    # The link in the plain text is not mangled either.
    assert client.get(reset_link(body), follow=True).status_code == 200
