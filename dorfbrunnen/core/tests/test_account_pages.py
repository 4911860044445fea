"""Setting a password and the second factor, as an invited person meets them: the site's
own pages for the password (not the admin's), a code by e-mail for those who cannot
publish (a centre's volunteers), an authenticator app for the office."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import mail
from django_otp.oath import totp
from django_otp.plugins.otp_email.models import EmailDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from dorfbrunnen.core.accounts import account_invite
from dorfbrunnen.core.models import OutboundMail

pytestmark = pytest.mark.django_db

PASSWORD = "Brunnen-am-Markt-7"


@pytest.fixture
def two_factor(settings):
    settings.REQUIRE_ADMIN_2FA = True
    settings.OTP_EMAIL_THROTTLE_FACTOR = 0
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


@pytest.fixture
def helper(db):
    """An account that may use the admin but publish nothing – as a centre's volunteer."""
    user = get_user_model().objects.create_user(
        "lea@example.org", "lea@example.org", PASSWORD, first_name="Lea"
    )
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def invite(commit, email="neu@example.org"):
    with commit():
        account_invite(
            email=email, name="Nora Neu", subject="Einladung", body="Hallo%(name)s: %(link)s"
        )
    link = re.search(r"http://testserver(/\S+)", mail.outbox[-1].body).group(1)
    user = get_user_model().objects.get(email=email)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user, link


def codes_sent_to(address):
    """The codes queued for `address`, oldest first."""
    queued = OutboundMail.objects.filter(to=[address], subject="Ihr Code für die Anmeldung")
    return [re.search(r"^\s+(\d{6})$", m.body, re.M).group(1) for m in queued.order_by("pk")]


def test_the_invitation_leads_to_a_page_in_the_sites_look(client, commit):
    _user, link = invite(commit)
    assert link.startswith("/zugang/passwort-festlegen/")
    page = client.get(link, follow=True)
    assert page.status_code == 200
    assert '<h1 class="page-header__title">Passwort festlegen</h1>' in page.text
    assert "neu@example.org" in page.text
    assert "wagtailadmin" not in page.text  # the site's look, no admin styles
    assert page["Cache-Control"].startswith("max-age=0")


def test_the_password_page_announces_the_second_step_only_where_it_comes(client, commit, settings):
    emailed = "Danach fragt die Webseite noch nach einem Code, den wir Ihnen schicken."
    app = "Authenticator-App"
    settings.REQUIRE_ADMIN_2FA = True
    volunteer, link = invite(commit)
    assert emailed in client.get(link, follow=True).text
    volunteer.user_permissions.add(Permission.objects.get(codename="change_user"))
    page = client.get(link, follow=True).text
    assert app in page and emailed not in page
    member, member_link = invite(commit, "mitglied@example.org")
    member.user_permissions.clear()  # never enters the admin: asked for nothing
    page = client.get(member_link, follow=True).text
    assert emailed not in page and app not in page
    # One who has the app already is asked for its code, not told to set it up.
    TOTPDevice.objects.create(user=volunteer, name="App", confirmed=True)
    page = client.get(link, follow=True).text
    assert "nach dem Code aus Ihrer Authenticator-App" in page and "richten Sie" not in page
    settings.REQUIRE_ADMIN_2FA = False
    page = client.get(link, follow=True).text
    assert emailed not in page and app not in page


def test_setting_the_password_logs_in_and_asks_for_the_second_factor(client, commit, two_factor):
    user, link = invite(commit)
    form_url = client.get(link).url  # Django swaps the token for a session key
    short = client.post(form_url, {"new_password1": "kurz", "new_password2": "kurz"})
    assert short.status_code == 200 and "zu kurz" in short.text
    done = client.post(form_url, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert done["Location"] == "/admin/"
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    assert client.get("/admin/")["Location"].startswith("/admin/2fa/einrichten/")
    assert client.get(link, follow=True).context["validlink"] is False  # used once


def test_a_volunteer_gets_her_code_by_email_and_lands_in_the_admin(client, helper, two_factor):
    client.login(username="lea@example.org", password=PASSWORD)
    setup = client.get("/admin/2fa/einrichten/?next=/admin/", follow=True)
    assert "lea@example.org" in setup.text and "Code aus der E-Mail" in setup.text
    assert "Authenticator-App auf dem Handy" in setup.text  # she may choose an app instead
    client.get("/admin/2fa/einrichten/?next=/admin/")  # a reload sends no second mail
    (code,) = codes_sent_to("lea@example.org")
    wrong = client.post("/admin/2fa/einrichten/?next=/admin/", {"token": "000000"})
    assert wrong.status_code == 400 and "Der Code stimmt nicht" in wrong.text
    ok = client.post("/admin/2fa/einrichten/?next=/admin/", {"token": code})
    assert ok["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert EmailDevice.objects.get(user=helper).confirmed

    client.logout()  # the next login asks for a fresh code
    client.login(username="lea@example.org", password=PASSWORD)
    verify = client.get("/admin/", follow=True)
    assert "Wir haben Ihnen einen Code an" in verify.text
    new_code = codes_sent_to("lea@example.org")[-1]
    assert new_code != code
    assert client.post("/admin/2fa/bestaetigen/", {"token": new_code})["Location"] == "/admin/"


def test_a_new_code_on_request_but_not_twice_a_minute(client, helper, two_factor):
    client.login(username="lea@example.org", password=PASSWORD)
    client.get("/admin/2fa/einrichten/")
    client.post("/admin/2fa/einrichten/", {"action": "resend"})
    assert len(codes_sent_to("lea@example.org")) == 1  # the cooldown
    EmailDevice.objects.filter(user=helper).update(last_generated_timestamp=None)
    client.post("/admin/2fa/einrichten/", {"action": "resend"})
    assert len(codes_sent_to("lea@example.org")) == 2


def test_the_office_uses_an_app(client, office_user, two_factor):
    client.login(username=office_user.username, password="Geheim-12345")
    setup = client.get("/admin/2fa/einrichten/?methode=email", follow=True)
    assert "Authenticator-App" in setup.text and "data:image/svg+xml" in setup.text
    assert "per E-Mail" not in setup.text
    assert not mail.outbox and not EmailDevice.objects.exists()


def test_a_volunteer_who_gets_the_offices_rights_must_set_up_the_app(
    client, helper, office_user, two_factor
):
    # Her code by e-mail from her volunteer days no longer opens an account that can
    # publish and manage accounts: a mailbox alone would open the whole site.
    EmailDevice.objects.create(user=helper, name="E-Mail", confirmed=True)
    helper.groups.set(office_user.groups.all())
    client.login(username="lea@example.org", password=PASSWORD)
    asked = client.get("/admin/pages/", follow=True)
    assert asked.redirect_chain[-1][0].startswith("/admin/2fa/einrichten/")
    assert "Authenticator-App" in asked.text and "data:image/svg+xml" in asked.text
    assert not codes_sent_to("lea@example.org")
    sent = client.get("/admin/2fa/bestaetigen/?methode=email")
    assert sent.status_code == 302 and not codes_sent_to("lea@example.org")


def test_the_second_factor_leads_back_to_the_whole_address_asked_for(client, helper, two_factor):
    EmailDevice.objects.create(user=helper, name="E-Mail", confirmed=True)
    client.login(username="lea@example.org", password=PASSWORD)
    wanted = "/admin/pages/search/?q=kita&ordering=title"
    asked = client.get(wanted)
    client.get(asked["Location"])  # the code page sends the code
    (code,) = codes_sent_to("lea@example.org")
    assert client.post(asked["Location"], {"token": code})["Location"] == wanted


def test_a_volunteer_switches_to_an_app(client, helper, two_factor):
    EmailDevice.objects.create(user=helper, name="E-Mail", confirmed=True)
    client.login(username="lea@example.org", password=PASSWORD)
    client.get("/admin/2fa/bestaetigen/")
    (code,) = codes_sent_to("lea@example.org")
    client.post("/admin/2fa/bestaetigen/", {"token": code})
    manage = client.get("/admin/2fa/").text
    assert "per E-Mail" in manage and "Stattdessen eine Authenticator-App verwenden" in manage
    client.get("/admin/2fa/einrichten/?methode=app")
    device = TOTPDevice.objects.get(user=helper, confirmed=False)
    token = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    client.post("/admin/2fa/einrichten/?methode=app&next=/admin/2fa/", {"token": token})
    assert list(TOTPDevice.objects.filter(user=helper).values_list("confirmed", flat=True)) == [
        True
    ]
    assert not EmailDevice.objects.filter(user=helper).exists()


def test_forgotten_password_from_the_admin_login_in_the_sites_look(client, helper, commit):
    login = client.get("/admin/login/").text
    assert "E-Mail-Adresse oder Benutzername" in login
    assert client.get("/admin/password_reset/")["Location"] == "/zugang/passwort-vergessen/"
    page = client.get("/zugang/passwort-vergessen/")
    assert '<h1 class="page-header__title">Passwort vergessen</h1>' in page.text
    with commit():
        sent = client.post("/zugang/passwort-vergessen/", {"email": "LEA@example.org"})
    assert sent["Location"] == "/zugang/passwort-vergessen/gesendet/"
    (message,) = mail.outbox
    assert "/zugang/passwort-festlegen/" in message.body


def test_an_invited_person_who_lost_the_link_gets_a_new_one(client, commit):
    invite(commit)
    with commit():
        client.post("/zugang/passwort-vergessen/", {"email": "neu@example.org"})
    assert "/zugang/passwort-festlegen/" in mail.outbox[-1].body
    assert mail.outbox[-1].subject == "Neues Passwort für Ihren Zugang"


def test_an_old_link_explains_itself(client):
    page = client.get("/admin/password_reset/confirm/MQ/abc-def/", follow=True)
    assert "Dieser Link gilt nicht mehr" in page.text
    assert 'href="/zugang/passwort-vergessen/"' in page.text


def test_login_with_the_email_address_when_the_user_name_differs(client, office_user):
    assert office_user.username != office_user.email
    assert client.login(username=office_user.email, password="Geheim-12345")
    assert client.login(username=office_user.username, password="Geheim-12345")
    assert not client.login(username=office_user.email, password="falsch")
