import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


@pytest.fixture
def office(client, office_user, settings):
    settings.REQUIRE_ADMIN_2FA = True
    # django-otp blocks a code right after a wrong one (throttling); the tests go faster.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    user = office_user
    client.login(username=user.username, password="Geheim-12345")
    return user


def code(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_admin_requires_setting_up_a_second_factor_first(client, office):
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/2fa/einrichten/?next=%2Fadmin%2Fpages%2F")
    page = client.get(response["Location"])
    assert "Authenticator-App" in page.text and "data:image/svg+xml" in page.text
    device = TOTPDevice.objects.get(user=office)
    wrong = client.post("/admin/2fa/einrichten/", {"token": "000000", "next": "/admin/pages/"})
    assert wrong.status_code == 400 and "Der Code stimmt nicht" in wrong.text
    done = client.post("/admin/2fa/einrichten/", {"token": code(device), "next": "/admin/pages/"})
    assert done["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


def test_the_code_page_gets_its_scripts_translations_and_icons_before_the_code(client, office):
    # The code page loads /admin/jsi18n/ and /admin/sprite/ like every admin page; a
    # redirect there would break its scripts and put the code page in twice.
    response = client.get("/admin/jsi18n/")
    assert response.status_code == 200
    assert "javascript" in response["Content-Type"]
    icons = client.get("/admin/sprite/")
    assert icons.status_code == 200 and "<svg" in icons.text
    assert client.get("/admin/pages/").status_code == 302


def test_the_next_login_asks_for_the_current_code(client, office, office_user):
    device = TOTPDevice.objects.create(user=office, name="App", confirmed=True)
    response = client.get("/admin/")
    assert response["Location"].startswith("/admin/2fa/bestaetigen/")
    assert client.post("/admin/2fa/bestaetigen/", {"token": "123"}).status_code == 400
    ok = client.post(
        "/admin/2fa/bestaetigen/", {"token": code(device), "next": "https://evil.example/"}
    )
    assert ok["Location"] == "/admin/"  # never redirects off-site
    assert client.get("/admin/").status_code == 200


def test_without_the_setting_an_office_account_goes_straight_in(client, office_user):
    client.login(username=office_user.username, password="Geheim-12345")
    assert client.get("/admin/").status_code == 200
