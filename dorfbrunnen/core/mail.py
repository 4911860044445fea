"""Outgoing mail: queued in the database, delivered by the task worker, retried with back-off.

Contract: `mail_queue` never talks to the mail server, so a broken server cannot make a
request fail or lose a message. Delivery happens in `mail_deliver` (run by the task
worker, and by the periodic `send_queued_mail` sweep as a safety net). A failed attempt
schedules the next one with exponential back-off; after MAIL_MAX_ATTEMPTS the mail is
marked as failed, where the office sees it in the admin ("Ausgehende E-Mails").

A mail can also be written by the worker (`mail_queue_unwritten`): the request stores only
who gets it and which registered writer writes it from what – a registration's opt-in
under a rush then costs its request no rendering. A writer that fails counts as a failed
attempt (retried, then failed where the office sees it); one that finds nothing to write
any more (the registration was deleted meanwhile) drops the mail.

Once delivered, a mail's links and attachments are removed from the stored copy: they may
open a personal page, set a password or join a meeting, and the office needs to see what
went where, not to hold working keys for 90 days.
"""

import base64
import logging
import re
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template import engines
from django.utils import timezone, translation

from .models import OutboundMail

logger = logging.getLogger(__name__)


LINK = re.compile(r"https?://\S+")
REDACTED = "[Link nach dem Versand entfernt]"


UNSENT_LINK = "[Link – nur im Postfach der Empfängerin]"


def redact(mail: OutboundMail) -> None:
    """What stays of a delivered mail: its text without links, its attachments' names."""
    mail.body = LINK.sub(REDACTED, mail.body)
    mail.attachments = [{**item, "content": ""} for item in mail.attachments]


def body_shown(mail: OutboundMail) -> str:
    """A mail's text as the office sees it in „Ausgehende E-Mails“: without its links,
    also before it went. They are the recipient's keys – a password link, a registration's
    page – and a superuser's would have opened her account to the office."""
    return LINK.sub(UNSENT_LINK, mail.body)


def render_text(template_name: str, context: dict, *, language: str | None = None) -> str:
    """A plain-text mail from a template, without HTML escaping – in `language` when given
    (a mail to the office or a centre is German, whichever visitor's action wrote it),
    else in the language active now."""
    template = engines["text"].get_template(template_name)
    if language is None:
        return template.render(context)
    with translation.override(language):
        return template.render(context)


def mail_connection():
    """A new connection to the configured mail server, for sending many messages in one
    session (the newsletter's batches): `open()`, `send_messages([…])`, `close()`."""
    from django.core.mail import mailers

    return mailers.default


def rejected_for_good(error: Exception) -> bool:
    """The mail server refused this recipient or message for good (a 5xx answer to RCPT or
    DATA) – not worth trying again, unlike a temporary (4xx) or connection failure. A
    refused sender or connection is our side's problem, never the recipient's."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        return bool(codes) and all(500 <= code < 600 for code in codes)
    if isinstance(error, smtplib.SMTPDataError):
        return 500 <= error.smtp_code < 600
    return False


def session_still_usable(error: Exception) -> bool:
    """After this error the same SMTP session can send the next message (the server
    answered about this one message only)."""
    return isinstance(error, smtplib.SMTPRecipientsRefused | smtplib.SMTPDataError)


def retry_delay(attempts: int) -> timedelta:
    """1, 2, 4, 8 … minutes after the n-th failed attempt, capped at two hours."""
    return timedelta(minutes=min(2 ** (attempts - 1), 120))


def mail_queue(
    *,
    to: list[str],
    subject: str,
    body: str,
    reply_to: list[str] | None = None,
    attachments: list[tuple[str, bytes, str]] | None = None,
) -> OutboundMail:
    """Store a mail and hand it to the task worker once the surrounding transaction commits."""
    mail = OutboundMail.objects.create(
        to=list(to),
        reply_to=list(reply_to or []),
        subject=subject[:300],
        body=body,
        attachments=_stored(attachments),
    )
    transaction.on_commit(lambda: _enqueue(mail.pk))
    return mail


def _stored(attachments) -> list[dict]:
    return [
        {"filename": name, "content": base64.b64encode(content).decode(), "mimetype": mime}
        for name, content, mime in attachments or []
    ]


# name -> writer(**arguments) -> (subject, body, attachments), or None: nothing to send.
_writers: dict = {}


def mail_writer_register(name: str, writer) -> None:
    """Apps register the mails the worker writes (core knows no domain app)."""
    _writers[name] = writer


def mail_queue_unwritten(*, to: list[str], writer: str, **arguments) -> OutboundMail:
    """Store a mail that the worker writes before sending it – with `writer`'s registered
    function and these (JSON) arguments – and hand it to the worker once the surrounding
    transaction commits."""
    if writer not in _writers:
        raise LookupError(f"No mail writer {writer!r} registered")
    mail = OutboundMail.objects.create(
        to=list(to), subject="", body="", writer=writer, writer_arguments=arguments
    )
    transaction.on_commit(lambda: _enqueue(mail.pk))
    return mail


def _write(mail: OutboundMail) -> bool:
    """Write an unwritten mail's subject, text and attachments; False: nothing to send."""
    with transaction.atomic():  # a writer's database error must not end the delivery's
        written = _writers[mail.writer](**mail.writer_arguments)
    if written is None:
        return False
    subject, body, attachments = written
    mail.subject, mail.body, mail.attachments = subject[:300], body, _stored(attachments)
    mail.writer, mail.writer_arguments = "", {}
    return True


def _enqueue(mail_id: int, run_after=None) -> None:
    from .tasks import deliver_mail

    task = deliver_mail
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return  # the periodic sweep picks it up when it is due
        task = task.using(run_after=run_after)
    try:
        task.enqueue(mail_id)
    except Exception:
        # The row is saved; the sweep delivers it even if the queue is unavailable.
        logger.exception("Could not enqueue mail %s", mail_id)


def _as_message(mail: OutboundMail) -> EmailMessage:
    message = EmailMessage(
        subject=mail.subject,
        body=mail.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=mail.to,
        reply_to=mail.reply_to or None,
    )
    for item in mail.attachments:
        message.attach(item["filename"], base64.b64decode(item["content"]), item["mimetype"])
    return message


def mail_deliver(*, mail_id: int) -> OutboundMail.Status | None:
    """Try to send one mail, if it is due (a deferred task and the sweep may both ask, and
    a retry waits out its back-off). Locks its row so two workers never send it twice."""
    with transaction.atomic():
        mail = OutboundMail.objects.select_for_update(skip_locked=True).due().filter(pk=mail_id)
        mail = mail.first()
        if mail is None:
            return None
        mail.attempts += 1
        try:
            if mail.writer and not _write(mail):
                mail.status = OutboundMail.Status.DROPPED
                mail.save()
                return mail.status
            _as_message(mail).send()
        except Exception as error:  # any transport or writing error: refused, timeout, TLS
            mail.last_error = f"{type(error).__name__}: {error}"[:2000]
            # A recipient the server refuses for good (550 no such user): trying again for
            # hours would only hide the typo from the office.
            if mail.attempts >= settings.MAIL_MAX_ATTEMPTS or rejected_for_good(error):
                mail.status = OutboundMail.Status.FAILED
                logger.error("Mail %s failed for good: %s", mail.pk, mail.last_error)
            else:
                mail.status = OutboundMail.Status.RETRY
                mail.next_attempt_at = timezone.now() + retry_delay(mail.attempts)
                logger.warning("Mail %s attempt %s failed: %s", mail.pk, mail.attempts, error)
                next_attempt = mail.next_attempt_at
                transaction.on_commit(lambda: _enqueue(mail_id, run_after=next_attempt))
        else:
            mail.status = OutboundMail.Status.SENT
            mail.sent_at = timezone.now()
            mail.last_error = ""
            redact(mail)
        mail.save()
        return mail.status


def mail_send_due() -> int:
    """Deliver every mail that is due; returns how many were attempted."""
    ids = list(OutboundMail.objects.due().values_list("pk", flat=True)[:500])
    for mail_id in ids:
        mail_deliver(mail_id=mail_id)
    return len(ids)


def mail_retry_now(*, mail: OutboundMail) -> None:
    """Give a failed mail a fresh set of attempts (an action for the office)."""
    mail.status = OutboundMail.Status.QUEUED
    mail.attempts = 0
    mail.next_attempt_at = timezone.now()
    mail.save(update_fields=["status", "attempts", "next_attempt_at"])
    transaction.on_commit(lambda: _enqueue(mail.pk))
