from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from dorfbrunnen.core.mail import (
    mail_deliver,
    mail_queue,
    mail_queue_unwritten,
    mail_retry_now,
    mail_send_due,
)
from dorfbrunnen.core.models import OutboundMail

BROKEN = {"default": {"BACKEND": "dorfbrunnen.core.tests.broken_mail.BrokenBackend"}}
WORKING = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
REFUSING = {"default": {"BACKEND": "dorfbrunnen.core.tests.broken_mail.RefusingBackend"}}

pytestmark = pytest.mark.django_db


@pytest.fixture
def queue_one(commit):
    def queue():
        with commit():
            return mail_queue(
                to=["teilnehmerin@example.org"],
                subject="Ihre Anmeldung",
                body="Hallo!",
                attachments=[("termin.ics", b"BEGIN:VCALENDAR", "text/calendar")],
            )

    return queue


def test_queued_mail_is_delivered_by_the_task_with_its_attachment(queue_one):
    queue_one()
    sent = OutboundMail.objects.get()
    assert sent.status == OutboundMail.Status.SENT and sent.attempts == 1
    assert mail.outbox[0].attachments[0].filename == "termin.ics"
    assert mail.outbox[0].attachments[0].content == "BEGIN:VCALENDAR"


def test_mail_server_down_schedules_retries_with_growing_back_off_and_loses_nothing(
    settings, queue_one
):
    settings.MAILERS = BROKEN
    queue_one()
    queued = OutboundMail.objects.get()
    assert queued.status == OutboundMail.Status.RETRY
    first_delay = queued.next_attempt_at - timezone.now()
    assert timedelta(seconds=30) < first_delay <= timedelta(minutes=1)

    # Not yet due: the sweep leaves it alone, and so does a task that comes early (a
    # worker behind, the sweep's and the retry's task both asking).
    assert mail_send_due() == 0
    assert mail_deliver(mail_id=queued.pk) is None
    queued.refresh_from_db()
    assert queued.attempts == 1
    OutboundMail.objects.update(next_attempt_at=timezone.now())
    assert mail_send_due() == 1
    queued.refresh_from_db()
    assert queued.attempts == 2
    assert queued.next_attempt_at - timezone.now() > timedelta(minutes=1, seconds=30)

    # The server is back: the next sweep delivers it, exactly once.
    settings.MAILERS = WORKING
    OutboundMail.objects.update(next_attempt_at=timezone.now())
    assert mail_send_due() == 1
    assert mail_send_due() == 0
    queued.refresh_from_db()
    assert queued.status == OutboundMail.Status.SENT
    assert len(mail.outbox) == 1


def test_after_the_last_attempt_the_mail_is_marked_failed_for_the_office(
    settings, queue_one, commit
):
    settings.MAILERS = BROKEN
    settings.MAIL_MAX_ATTEMPTS = 3
    queue_one()
    for _ in range(5):
        OutboundMail.objects.filter(status=OutboundMail.Status.RETRY).update(
            next_attempt_at=timezone.now()
        )
        mail_send_due()
    failed = OutboundMail.objects.get()
    assert failed.status == OutboundMail.Status.FAILED
    assert failed.attempts == 3

    settings.MAILERS = WORKING
    with commit():
        mail_retry_now(mail=failed)
    failed.refresh_from_db()
    assert failed.status == OutboundMail.Status.SENT


def test_an_address_the_server_refuses_for_good_fails_at_once_for_the_office(settings, queue_one):
    settings.MAILERS = REFUSING
    queue_one()
    refused = OutboundMail.objects.get()
    assert refused.status == OutboundMail.Status.FAILED and refused.attempts == 1
    assert "user unknown" in refused.last_error


def test_office_sees_failed_mail_in_the_admin_and_sends_it_again(
    office_client, settings, queue_one, commit
):
    settings.MAILERS = BROKEN
    settings.MAIL_MAX_ATTEMPTS = 1
    queue_one()
    failed = OutboundMail.objects.get()
    assert failed.status == OutboundMail.Status.FAILED
    client = office_client
    listing = client.get("/admin/outbound_mail/?status=failed")
    assert listing.status_code == 200
    assert "Ihre Anmeldung" in listing.text

    settings.MAILERS = WORKING
    with commit():
        response = client.post(f"/admin/outbound_mail/edit/{failed.pk}/", {"status": "queued"})
    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.status == OutboundMail.Status.SENT
    assert len(mail.outbox) == 1
    # A sent mail is not sent twice: its links were taken out once it went.
    with commit():
        again = client.post(f"/admin/outbound_mail/edit/{failed.pk}/", {"status": "queued"})
    assert again.status_code in (200, 400)
    failed.refresh_from_db()
    assert failed.status == OutboundMail.Status.SENT and len(mail.outbox) == 1


def test_the_office_reads_a_waiting_mail_without_the_recipients_links(office_client, db):
    """Links are the recipient's keys (setting a password, a registration's page): the
    office could have opened a superuser's reset link while it waited to be sent."""
    waiting = mail_queue(
        to=["chefin@example.org"],
        subject="Passwort festlegen",
        body="Bitte hier: https://example.org/zugang/passwort-festlegen/MQ/abc-123/ Danke",
    )
    shown = office_client.get(f"/admin/outbound_mail/inspect/{waiting.pk}/").text
    assert "Bitte hier:" in shown and "Danke" in shown
    assert "abc-123" not in shown and "passwort-festlegen" not in shown


# Mails the worker writes


@pytest.fixture
def letters(settings):
    """A registered writer for the tests: {name: text}; a missing name means the thing
    it would write about is gone, "kaputt" makes writing fail."""
    from dorfbrunnen.core import mail as core_mail

    texts = {}

    def write(*, name):
        if name == "kaputt":
            raise ValueError("Vorlage fehlt")
        if name not in texts:
            return None
        return f"Hallo {name}", texts[name], [("gruss.txt", b"Servus", "text/plain")]

    core_mail.mail_writer_register("test-letter", write)
    yield texts
    core_mail._writers.pop("test-letter")


def test_the_worker_writes_a_mail_the_request_only_stored(letters, commit):
    letters["Ada"] = "Schön, dass Sie kommen."
    with commit():
        stored = mail_queue_unwritten(to=["ada@example.org"], writer="test-letter", name="Ada")
        # Before the commit: stored, not written – nothing rendered in the request.
        assert (stored.subject, stored.body) == ("", "")
        letters["Ada"] = "Schön, dass Sie kommen – wir freuen uns."
    sent = OutboundMail.objects.get()
    assert sent.status == OutboundMail.Status.SENT
    assert (mail.outbox[0].subject, mail.outbox[0].body) == (
        "Hallo Ada",
        "Schön, dass Sie kommen – wir freuen uns.",  # as it was when the worker wrote it
    )
    assert mail.outbox[0].attachments[0].filename == "gruss.txt"
    assert (sent.subject, sent.writer) == ("Hallo Ada", "")


def test_a_mail_with_nothing_left_to_write_is_dropped_and_one_that_cannot_be_written_retried(
    letters, commit, settings, office_client
):
    settings.MAIL_MAX_ATTEMPTS = 2
    with commit():
        mail_queue_unwritten(to=["weg@example.org"], writer="test-letter", name="Gelöscht")
        mail_queue_unwritten(to=["bea@example.org"], writer="test-letter", name="kaputt")
    dropped = OutboundMail.objects.get(to=["weg@example.org"])
    broken = OutboundMail.objects.get(to=["bea@example.org"])
    assert dropped.status == OutboundMail.Status.DROPPED
    assert broken.status == OutboundMail.Status.RETRY
    assert "Vorlage fehlt" in broken.last_error
    OutboundMail.objects.filter(pk=broken.pk).update(next_attempt_at=timezone.now())
    mail_send_due()
    broken.refresh_from_db()
    assert broken.status == OutboundMail.Status.FAILED
    assert mail.outbox == []
    listing = office_client.get("/admin/outbound_mail/?status=failed")
    assert "(konnte nicht geschrieben werden)" in listing.text and "bea@example.org" in listing.text
