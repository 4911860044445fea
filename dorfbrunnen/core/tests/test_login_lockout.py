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


def test_new_ipv6_addresses_of_one_connection_get_no_new_guesses(client, office_user, lockout):
    """An IPv6 connection has a /64 of its own: the lockout counts it as one address."""
    for n in range(1, 6):
        attempt(client, office_user.username, "falsch", address=f"2001:db8:1:2::{n:x}")
    again = attempt(client, office_user.username, "Geheim-12345", address="2001:db8:1:2::99")
    assert again.status_code == 429
    elsewhere = attempt(client, office_user.username, "Geheim-12345", address="2001:db8:7::1")
    assert elsewhere.status_code == 302
