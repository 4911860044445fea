"""The office's first account comes from `manage.py invite_office`: a member of the office's
group, never a superuser, who chooses the password through a link."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command

from dorfbrunnen.core.roles import OFFICE, role_group

pytestmark = pytest.mark.django_db


def test_invite_office_makes_an_office_account_with_a_link_to_set_the_password(client, commit):
    output = StringIO()
    with commit():
        call_command("invite_office", "anna@verband.example", name="Anna Beispiel", stdout=output)
    anna = get_user_model().objects.get(email="anna@verband.example")
    assert list(anna.groups.all()) == [role_group(OFFICE)]
    assert not anna.is_superuser and not anna.has_usable_password()
    (message,) = mail.outbox
    assert message.to == ["anna@verband.example"] and "Hallo Anna Beispiel" in message.body
    link = next(line for line in message.body.splitlines() if "/zugang/passwort-festlegen/" in line)
    assert link in output.getvalue()  # also printed, for a server whose mail is not set up
    form = client.get(link, follow=True)
    assert form.status_code == 200 and 'name="new_password1"' in form.content.decode()


def test_a_bad_address_is_refused_with_a_clear_message():
    with pytest.raises(CommandError, match="keine E-Mail-Adresse"):
        call_command("invite_office", "anna-at-verband")
    assert not get_user_model().objects.exists()
