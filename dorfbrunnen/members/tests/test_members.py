"""Members log in on the site, see the members-only parts, and reset a forgotten password."""

import re

import pytest
from django.core import mail

from dorfbrunnen.core.models import OutboundMail


@pytest.fixture
def member(demo, django_user_model):
    return django_user_model.objects.get(username=demo.member_username)


def test_a_member_logs_in_and_is_taken_where_they_wanted(client, demo):
    response = client.get("/infopaket/intern/")
    assert response.status_code == 302
    login = client.get(response["Location"])
    assert "Anmelden für Mitglieder" in login.content.decode()
    response = client.post(
        "/mitglieder/anmelden/?next=/infopaket/intern/",
        {
            "username": demo.member_username,
            "password": demo.member_password,
            "next": "/infopaket/intern/",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/infopaket/intern/"
    page = client.get("/infopaket/intern/").content.decode()
    assert "Orientierungswerte für Honorare 2026" in page
    assert "Register 9" in page


def test_a_wrong_password_gets_a_german_message_and_no_session(client, demo):
    response = client.post(
        "/mitglieder/anmelden/", {"username": demo.member_username, "password": "falsch"}
    )
    assert response.status_code == 200
    assert "Benutzername oder Passwort stimmen nicht" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_account_page_needs_a_login_and_logout_ends_the_session(client, member):
    assert client.get("/mitglieder/").status_code == 302
    client.force_login(member)
    assert "Angemeldet als Demo Mitglied" in client.get("/mitglieder/").content.decode()
    assert client.post("/mitglieder/abmelden/").status_code == 302
    assert client.get("/infopaket/intern/").status_code == 302


def test_a_logged_in_account_without_access_is_told_so(client, django_user_model):
    other = django_user_model.objects.create_user("nachbarin", "n@example.org", "x" * 12)
    client.force_login(other)
    response = client.get("/infopaket/intern/", follow=True)
    assert "dieses Konto hat keinen Zugang" in response.content.decode()


def test_password_reset_by_mail_sets_a_new_password(client, member, commit):
    with commit():
        response = client.post("/mitglieder/passwort-vergessen/", {"email": member.email})
    assert response.status_code == 302
    queued = OutboundMail.objects.get(to=[member.email])
    assert queued.status == OutboundMail.Status.SENT
    body = mail.outbox[-1].body
    link = re.search(r"http://testserver(/mitglieder/passwort-vergessen/\S+/)", body).group(1)
    form = client.get(link, follow=True)
    assert "Neues Passwort festlegen" in form.content.decode()
    response = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Brunnen-Wasser-2026", "new_password2": "Brunnen-Wasser-2026"},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password("Brunnen-Wasser-2026")
    # The link works once only.
    assert "nicht mehr gültig" in client.get(link, follow=True).content.decode()


def test_reset_for_an_unknown_address_reveals_nothing(client, demo, commit):
    with commit():
        response = client.post("/mitglieder/passwort-vergessen/", {"email": "wer@example.org"})
    assert response.status_code == 302
    assert not OutboundMail.objects.filter(to=["wer@example.org"]).exists()
