import pytest
from django.core.cache import cache


@pytest.fixture
def lockout(settings):
    settings.AXES_ENABLED = True
    cache.clear()


def attempt(client, username, password, address="198.51.100.7"):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def test_five_failures_lock_the_username_even_for_the_right_password(client, office_user, lockout):
    for _ in range(4):
        assert attempt(client, office_user.username, "falsch").status_code == 200
    assert attempt(client, office_user.username, "falsch").status_code == 429  # the fifth locks
    locked = attempt(client, office_user.username, "Geheim-12345")
    assert locked.status_code == 429
    assert "Anmeldung vorübergehend gesperrt" in locked.text
    assert "_auth_user_id" not in client.session


def test_the_lock_is_per_address_and_the_right_password_still_works_elsewhere(
    client, office_user, lockout
):
    for _ in range(5):
        attempt(client, office_user.username, "falsch")
    response = attempt(client, office_user.username, "Geheim-12345", address="203.0.113.9")
    assert response.status_code == 302


def test_the_lock_holds_for_every_name_of_the_account_in_any_case(client, office_user, lockout):
    # The office account is reached by its user name and by its e-mail address.
    spellings = [
        "office@example.org",
        "OFFICE@example.org",
        "Office@Example.org",
        "GESCHAEFTSSTELLE",
    ]
    for typed in [*spellings, office_user.username]:
        attempt(client, typed, "falsch")
    for typed in [*spellings, office_user.username]:
        assert attempt(client, typed, "Geheim-12345").status_code == 429, typed
