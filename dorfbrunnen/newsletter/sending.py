"""Delivering newsletters: starting planned sends, then batches at the configured rate.

Starting (`send_start`): the issue is rendered once per language of its recipients (their
language's translation if Wagtail has a live one, else the German issue), and one delivery
row per recipient is queued – all in one transaction, so a crash queues nothing and the next
run starts again.

Order of work: mails of the site's queue (core.mail: registrations, password resets …)
always go first. Before every newsletter hand-off the batch delivers whatever OutboundMail
is due, and its task has a lower priority in the task queue than `deliver_mail`. Test sends
go before regular ones.

Rate: NEWSLETTER_MAILS_PER_MINUTE, in batches worth NEWSLETTER_BATCH_SECONDS. One shared row
(`SendingPace`) says when the next batch may start, so the rate holds however many workers
and periodic jobs run at once.

Crash safety: a delivery is claimed by a conditional update to „wird gesendet“ (committed
before the hand-off to the mail server – two workers can never claim the same row) and marked
„gesendet“ once the server accepted it. A crash in between leaves „wird gesendet“: nothing
sends such a row again by itself; the office sees it and decides
(`services.deliveries_resend`). Temporary failures (4xx, connection) are retried with the
mail queue's back-off (`core.mail.retry_delay`, MAIL_MAX_ATTEMPTS); a 5xx refusal of the
address fails the row at once and counts against the address – after three the
subscription is paused.
"""

import contextlib
import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Case, F, IntegerField, Value, When
from django.utils import timezone
from wagtail.models import Locale

from dorfbrunnen.core.content_cache import content_changed
from dorfbrunnen.core.mail import (
    mail_connection,
    mail_send_due,
    rejected_for_good,
    retry_delay,
    session_still_usable,
)
from dorfbrunnen.core.models import OutboundMail

from .models import (
    Delivery,
    NewsletterIssuePage,
    NewsletterSend,
    RenderedIssue,
    SendingPace,
    Subscriber,
)
from .rendering import issue_render, personalise

logger = logging.getLogger(__name__)

# Below deliver_mail's default (0): the task worker takes registration mails first.
TASK_PRIORITY = -10
# After this many refusals (5xx) in a row the subscription pauses.
REJECTIONS_TO_PAUSE = 3
PACE_KEY = "newsletter"
INSERT_CHUNK = 2000


def batch_seconds() -> int:
    return max(1, settings.NEWSLETTER_BATCH_SECONDS)


def batch_size() -> int:
    return max(1, round(settings.NEWSLETTER_MAILS_PER_MINUTE * batch_seconds() / 60))


# Starting a send


def issue_for_language(issue: NewsletterIssuePage, language: str) -> NewsletterIssuePage:
    """The version of `issue` a reader of `language` gets: its live translation, else the
    German (default locale's) one, else the issue itself."""
    candidates = []
    if locale := Locale.objects.filter(language_code=language).first():
        candidates.append(locale)
    with contextlib.suppress(Locale.DoesNotExist):
        candidates.append(Locale.get_default())
    for locale in candidates:
        if locale.pk == issue.locale_id:
            return issue
        translation = issue.get_translation_or_none(locale)
        if translation is not None and translation.live:
            return translation.specific
    return issue


def _recipients(send: NewsletterSend) -> list[tuple[int | None, str]]:
    if send.is_test:
        return [(None, send.issue.locale.language_code)]
    return list(
        Subscriber.objects.receiving()
        .filter(lists__in=send.lists.all())
        .distinct()
        .order_by("pk")
        .values_list("pk", "language")
    )


def send_start(*, send: NewsletterSend) -> bool:
    """Render and queue a planned send. Only the run that moves it from „geplant“ to „wird
    versandt“ does it; False for every other."""
    now = timezone.now()
    with transaction.atomic():
        claimed = NewsletterSend.objects.filter(
            pk=send.pk, status=NewsletterSend.Status.SCHEDULED
        ).update(status=NewsletterSend.Status.RUNNING, started_at=now)
        if not claimed:
            return False
        send = NewsletterSend.objects.select_related("issue").get(pk=send.pk)
        issue = send.issue
        if send.is_test:
            issue = issue.get_latest_revision_as_object()  # the draft being written
        recipients = _recipients(send)
        if not send.is_test:
            issue_archive_update(issue)
            issue.refresh_from_db(fields=NewsletterIssuePage.SENDING_FIELDS)
        rendered_by_page: dict[int, RenderedIssue] = {}
        rendered_by_language: dict[str, RenderedIssue] = {}
        for language in sorted({language for _pk, language in recipients}):
            page = issue if send.is_test else issue_for_language(issue, language)
            if page.pk not in rendered_by_page:
                mail = issue_render(page)
                rendered_by_page[page.pk] = RenderedIssue.objects.create(
                    send=send,
                    language=page.locale.language_code,
                    page=page if page.pk else None,
                    subject=mail.subject,
                    html=mail.html,
                    text=mail.text,
                )
            rendered_by_language[language] = rendered_by_page[page.pk]
        for start in range(0, len(recipients), INSERT_CHUNK):
            Delivery.objects.bulk_create(
                [
                    Delivery(
                        send=send,
                        subscriber_id=subscriber_id,
                        rendered=rendered_by_language[language],
                        next_attempt_at=now,
                    )
                    for subscriber_id, language in recipients[start : start + INSERT_CHUNK]
                ]
            )
        send.recipients = len(recipients)
        if not recipients:
            send.status = NewsletterSend.Status.DONE
            send.finished_at = now
        send.save(update_fields=["recipients", "status", "finished_at"])
    transaction.on_commit(batch_enqueue)
    return True


def issue_archive_update(issue: NewsletterIssuePage) -> None:
    """Whether visitors may read the issue (and its translations): once a send to lists
    has begun, and only if none of its sends goes to a members-only list."""
    from wagtail.search import index

    issue_ids = NewsletterIssuePage.objects.filter(
        translation_key=issue.translation_key
    ).values_list("pk", flat=True)
    started = NewsletterSend.objects.filter(
        issue_id__in=issue_ids, test_address="", started_at__isnull=False
    )
    first = started.order_by("started_at").values_list("started_at", flat=True).first()
    in_archive = first is not None and not started.filter(lists__members_only=True).exists()
    pages = NewsletterIssuePage.objects.filter(pk__in=issue_ids)
    pages.update(in_archive=in_archive, first_sent_at=first)
    for page in pages:
        if in_archive:
            index.insert_or_update_object(page)
        else:
            index.remove_object(page)
    # The archive, its feed and the issue's own address change without a publish.
    transaction.on_commit(content_changed)


def sends_start_due(now=None) -> int:
    now = now or timezone.now()
    due = NewsletterSend.objects.filter(status=NewsletterSend.Status.SCHEDULED, send_at__lte=now)
    return sum(send_start(send=send) for send in due.order_by("send_at", "pk"))


# Batches


def pace_claim(now=None) -> bool:
    """Whether a batch may start now; if so, the next one may start batch_seconds() later.
    A worker that woke late is caught up with, a pause does not allow a burst."""
    now = now or timezone.now()
    interval = timedelta(seconds=batch_seconds())
    pace, _created = SendingPace.objects.get_or_create(
        key=PACE_KEY, defaults={"next_batch_at": now}
    )
    if pace.next_batch_at > now:
        return False
    following = max(pace.next_batch_at, now - interval / 2) + interval
    return bool(
        SendingPace.objects.filter(pk=pace.pk, next_batch_at=pace.next_batch_at).update(
            next_batch_at=following
        )
    )


def next_batch_at():
    pace = SendingPace.objects.filter(key=PACE_KEY).first()
    return pace.next_batch_at if pace else timezone.now()


def deliveries_due():
    return Delivery.objects.due().filter(send__status=NewsletterSend.Status.RUNNING)


def delivery_claim(now=None) -> Delivery | None:
    """The next due delivery, marked „wird gesendet“ (committed at once). Test sends first,
    then the oldest send."""
    now = now or timezone.now()
    regular = Case(
        When(send__test_address="", then=Value(1)), default=Value(0), output_field=IntegerField()
    )
    for _attempt in range(5):  # another worker may take a candidate first
        candidates = list(
            deliveries_due()
            .annotate(regular=regular)
            .order_by("regular", "send_id", "pk")
            .values_list("pk", flat=True)[:5]
        )
        if not candidates:
            return None
        for pk in candidates:
            claimed = Delivery.objects.filter(
                pk=pk, status__in=[Delivery.Status.QUEUED, Delivery.Status.RETRY]
            ).update(status=Delivery.Status.SENDING, handed_over_at=now, attempts=F("attempts") + 1)
            if claimed:
                return Delivery.objects.select_related("send", "subscriber", "rendered").get(pk=pk)
    return None


def _address(delivery: Delivery) -> str | None:
    """Where this delivery goes, or None when it no longer should."""
    send = delivery.send
    if send.status != NewsletterSend.Status.RUNNING or delivery.rendered is None:
        return None
    if send.is_test:
        return send.test_address
    subscriber = delivery.subscriber
    if subscriber is None or subscriber.status != Subscriber.Status.CONFIRMED:
        return None
    return subscriber.email


def delivery_message(delivery: Delivery, address: str) -> EmailMultiAlternatives:
    from .services import unsubscribe_url

    rendered = delivery.rendered
    link = unsubscribe_url(delivery.token)
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=personalise(rendered.text, link),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[address],
        headers={
            # RFC 2369 and RFC 8058: mail programs offer „Abbestellen“, which POSTs here.
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"Newsletter <newsletter.{settings.DEFAULT_FROM_EMAIL.split('@')[-1]}>",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(personalise(rendered.html, link), "text/html")
    return message


def _mark(delivery: Delivery, **fields) -> None:
    Delivery.objects.filter(pk=delivery.pk).update(**fields)


def _rejected(delivery: Delivery, error: Exception) -> None:
    _mark(delivery, status=Delivery.Status.FAILED, error=_describe(error))
    subscriber = delivery.subscriber
    if subscriber is None:
        return
    Subscriber.objects.filter(pk=subscriber.pk).update(
        rejections=F("rejections") + 1, last_rejection=_describe(error)
    )
    Subscriber.objects.filter(
        pk=subscriber.pk,
        status=Subscriber.Status.CONFIRMED,
        rejections__gte=REJECTIONS_TO_PAUSE,
    ).update(status=Subscriber.Status.PAUSED)


def _describe(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"[:300]


def _failed_for_now(delivery: Delivery, error: Exception) -> None:
    if delivery.attempts >= settings.MAIL_MAX_ATTEMPTS:
        _mark(delivery, status=Delivery.Status.FAILED, error=_describe(error))
    else:
        _mark(
            delivery,
            status=Delivery.Status.RETRY,
            error=_describe(error),
            next_attempt_at=timezone.now() + retry_delay(delivery.attempts),
        )


def newsletter_batch() -> int:
    """One batch, if it is the batch's turn (SendingPace): up to `batch_size()` deliveries,
    each after the site's due mails. Returns how many deliveries it handled."""
    if not deliveries_due().exists() or not pace_claim():
        return 0
    connection = mail_connection()
    handled = 0
    try:
        while handled < batch_size():
            if OutboundMail.objects.due().exists():
                mail_send_due()  # registrations and the like first, always
            delivery = delivery_claim()
            if delivery is None:
                break
            handled += 1
            address = _address(delivery)
            if address is None:
                _mark(delivery, status=Delivery.Status.SKIPPED)
                continue
            try:
                connection.open()
                connection.send_messages([delivery_message(delivery, address)])
            except Exception as error:  # refused, timeout, TLS, connection lost …
                if rejected_for_good(error):
                    _rejected(delivery, error)
                else:
                    _failed_for_now(delivery, error)
                    logger.warning("Newsletter delivery %s failed: %s", delivery.pk, error)
                if not session_still_usable(error):
                    break  # the server is away: the next batch tries again
            else:
                _mark(delivery, status=Delivery.Status.SENT, sent_at=timezone.now(), error="")
                if delivery.subscriber and delivery.subscriber.rejections:
                    Subscriber.objects.filter(pk=delivery.subscriber.pk).update(rejections=0)
    finally:
        with contextlib.suppress(Exception):
            connection.close()
        sends_finish()
    return handled


def sends_finish() -> int:
    """Running sends with nothing left to try are done („wird gesendet“ rows stay shown)."""
    open_states = [Delivery.Status.QUEUED, Delivery.Status.RETRY]
    return (
        NewsletterSend.objects.filter(status=NewsletterSend.Status.RUNNING)
        .exclude(deliveries__status__in=open_states)
        .update(status=NewsletterSend.Status.DONE, finished_at=timezone.now())
    )


def newsletter_work() -> int:
    """What the task and the periodic job do: start due sends, send one batch, and make
    sure the next batch is waiting in the task queue while there is more to send."""
    sends_start_due()
    handled = newsletter_batch()
    if (
        deliveries_due().exists()
        or Delivery.objects.filter(
            status=Delivery.Status.RETRY, send__status=NewsletterSend.Status.RUNNING
        ).exists()
    ):
        batch_enqueue(run_after=max(next_batch_at(), _next_retry()))
    return handled


def _next_retry():
    soonest = (
        Delivery.objects.filter(
            status__in=[Delivery.Status.QUEUED, Delivery.Status.RETRY],
            send__status=NewsletterSend.Status.RUNNING,
        )
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )
    return soonest or timezone.now()


def batch_enqueue(run_after=None) -> None:
    """Put a batch into the task queue (at `run_after`). Without a backend that can wait
    (tests' immediate one) only undelayed batches are enqueued; the periodic job goes on."""
    from .tasks import send_newsletter_batch

    task = send_newsletter_batch
    if run_after is not None and run_after > timezone.now():
        if not task.get_backend().supports_defer:
            return
        task = task.using(run_after=run_after)
    elif run_after is not None and not task.get_backend().supports_defer:
        return  # a follow-up: the immediate backend would recurse through the whole send
    try:
        task.enqueue()
    except Exception:
        # The periodic job (send_newsletters) continues the send without the queue.
        logger.exception("Could not enqueue a newsletter batch")
