import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.cache import cache
from wagtail.contrib.forms.models import FormSubmission

from dorfbrunnen.core.models import OutboundMail

GOOD = {
    "ihr_name": "Fatma Yılmaz",
    "ihre_e_mail_adresse": "fatma@example.org",
    "betreff": "Mitgliedschaft",
    "ihre_nachricht": "Wir möchten mit unserem Familientreff Mitglied werden.",
}


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """Submit the contact form and run what would happen after the commit (queueing mail)."""

    def submit(data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/kontakt/", data)

    return submit


def test_valid_message_is_stored_and_mailed_to_the_office(post, demo):
    response = post(GOOD)
    assert response.status_code == 200
    assert "Vielen Dank für Ihre Nachricht" in response.text
    submission = FormSubmission.objects.get()
    assert submission.get_data()["ihre_nachricht"] == GOOD["ihre_nachricht"]
    assert "homepage" not in submission.form_data
    queued = OutboundMail.objects.get()
    assert queued.status == OutboundMail.Status.SENT
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["info@example.org"]
    assert mail.outbox[0].reply_to == ["fatma@example.org"]
    assert "Mitglied werden" in mail.outbox[0].body


def test_invalid_input_keeps_what_was_typed_and_explains_each_error_in_german(post, demo):
    data = {**GOOD, "ihre_e_mail_adresse": "fatma-at-example", "ihr_name": ""}
    response = post(data)
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("#error-summary")["role"] == "alert"
    assert soup.find("input", attrs={"name": "ihre_e_mail_adresse"})["value"] == "fatma-at-example"
    assert (
        soup.find("textarea", attrs={"name": "ihre_nachricht"}).get_text().strip()
        == (GOOD["ihre_nachricht"])
    )
    errors = [p.get_text() for p in soup.select(".field__error")]
    assert "Dieses Feld muss ausgefüllt werden." in errors
    assert "Bitte gültige E-Mail-Adresse eingeben." in errors
    name_input = soup.find("input", attrs={"name": "ihr_name"})
    assert name_input["aria-invalid"] == "true"
    assert FormSubmission.objects.count() == 0
    assert not mail.outbox


def test_filled_honeypot_looks_like_success_but_keeps_nothing(post, demo):
    response = post({**GOOD, "homepage": "http://spam.example"})
    assert response.status_code == 200
    assert FormSubmission.objects.count() == 0
    assert not mail.outbox


def test_too_many_messages_from_one_address_are_refused_with_a_german_429(post, demo, settings):
    settings.FORM_RATE_LIMIT = (2, 600)
    assert post(GOOD).status_code == 200
    assert post(GOOD).status_code == 200
    response = post(GOOD)
    assert response.status_code == 429
    assert "in kurzer Zeit sehr viele Nachrichten" in response.text
    assert (
        BeautifulSoup(response.content, "html.parser").find("input", attrs={"name": "ihr_name"})[
            "value"
        ]
        == GOOD["ihr_name"]
    )
    assert FormSubmission.objects.count() == 2


def test_submissions_survive_a_broken_mail_server(post, demo, settings):
    settings.MAILERS = {"default": {"BACKEND": "dorfbrunnen.core.tests.broken_mail.BrokenBackend"}}
    response = post(GOOD)
    assert response.status_code == 200
    assert FormSubmission.objects.count() == 1
    queued = OutboundMail.objects.get()
    assert queued.status == OutboundMail.Status.RETRY
    assert "Connection refused" in queued.last_error
