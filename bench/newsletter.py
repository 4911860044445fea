"""Bench: a newsletter issue to 20,000 subscribers. Queueing (rendering the issue once and
writing one delivery row per recipient) should take well under 30 s. Sending is measured
without the rate limit (the test settings' in-memory mail server): what one worker could hand
over per minute, to compare with NEWSLETTER_MAILS_PER_MINUTE – as long as it is far above the
configured rate, the rate alone decides how long a send takes. Then, at the configured rate,
one batch sends its share and a second one right after it sends nothing.

Correct means: 20,000 delivery rows, each sent mail in the outbox exactly once. The data the
bench adds is removed afterwards.
"""

import time
from datetime import timedelta

from django.conf import settings
from django.core import mail
from django.test import override_settings
from django.utils import timezone
from wagtail.rich_text import RichText

from dorfbrunnen.core.models import SetupRecord
from dorfbrunnen.newsletter import sending, services
from dorfbrunnen.newsletter.models import (
    Delivery,
    NewsletterIssuePage,
    NewsletterList,
    SendingPace,
    Subscriber,
)

SUBSCRIBERS = 20_000
SENT = 2_000  # mails handed over for the throughput figure
PREFIX = "bench-newsletter-"


def _pace_open():
    SendingPace.objects.update_or_create(
        key=sending.PACE_KEY, defaults={"next_batch_at": timezone.now() - timedelta(seconds=1)}
    )


def _pace_closed():
    SendingPace.objects.update_or_create(
        key=sending.PACE_KEY, defaults={"next_batch_at": timezone.now() + timedelta(days=1)}
    )


def run(*, stdout) -> bool:
    listing = NewsletterList.objects.get(slug="aktuelles")
    now = timezone.now()
    people = Subscriber.objects.bulk_create(
        (
            Subscriber(email=f"{PREFIX}{n}@example.org", status="confirmed", confirmed_at=now)
            for n in range(SUBSCRIBERS)
        ),
        batch_size=2000,
    )
    through = Subscriber.lists.through
    through.objects.bulk_create(
        (through(subscriber_id=p.pk, newsletterlist_id=listing.pk) for p in people),
        batch_size=5000,
    )
    archive = SetupRecord.objects.get(key="page:newsletter-archive").target
    issue = NewsletterIssuePage(
        title="Bench-Newsletter",
        slug=f"{PREFIX}{int(time.time())}",
        body=[("paragraph", RichText("<p>Liebe Leserinnen und Leser, …</p>" * 20))],
    )
    archive.add_child(instance=issue)
    issue.save_revision().publish()
    ok = True
    send = None
    try:
        # Planned for later, so that nothing starts it before the measured call.
        send = services.send_schedule(issue=issue, lists=[listing], send_at=now + timedelta(days=1))
        _pace_closed()  # the batch that follows the start waits: only the queueing is timed
        started = time.monotonic()
        sending.send_start(send=send)
        queued = time.monotonic() - started
        rows = Delivery.objects.filter(send=send).count()
        receiving = Subscriber.objects.receiving().filter(lists=listing).distinct().count()
        stdout.write(
            f"  queueing an issue to {rows:,} subscribers: {queued:.1f} s (goal: under 30 s)"
        )
        if rows != receiving or rows < SUBSCRIBERS:
            stdout.write(f"  ERROR: {rows} delivery rows for {receiving} subscribers")
            ok = False

        rate = settings.NEWSLETTER_MAILS_PER_MINUTE
        mail.outbox = []
        # Rate high enough that the pace never waits: the figure is the worker's own speed.
        with override_settings(
            NEWSLETTER_MAILS_PER_MINUTE=SENT * 60 // settings.NEWSLETTER_BATCH_SECONDS,
            MAILERS={"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}},
        ):
            _pace_open()
            began = timezone.now()
            started = time.monotonic()
            handled = sending.newsletter_batch()
            seconds = time.monotonic() - started
            per_minute = handled / seconds * 60
        # (of any running send: the demo's may come first)
        sent = Delivery.objects.filter(status=Delivery.Status.SENT, sent_at__gte=began).count()
        addresses = [message.to[0] for message in mail.outbox]
        # At the configured rate: one batch's worth, and straight after it the pace says no.
        with override_settings(
            MAILERS={"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
        ):
            _pace_open()
            first = sending.newsletter_batch()
            again = sending.newsletter_batch()
        stdout.write(
            f"  sending: {handled:,} mails in {seconds:.1f} s = {per_minute:,.0f} a minute "
            f"possible for one worker; configured NEWSLETTER_MAILS_PER_MINUTE = {rate:,}"
        )
        stdout.write(
            "  the configured rate decides the send's length"
            if per_minute > rate
            else "  WARNING: the worker is slower than the configured rate"
        )
        if handled != SENT or sent != SENT or len(set(addresses)) != SENT or len(addresses) != SENT:
            stdout.write(f"  ERROR: {handled} handled, {sent} sent, {len(addresses)} mails")
            ok = False
        stdout.write(
            f"  at the configured rate: a batch of {first} mails, then {again} until "
            f"{sending.batch_seconds()} s have passed"
        )
        if first != sending.batch_size() or again:
            stdout.write(f"  ERROR: a batch sent {first}, the next one right after {again}")
            ok = False
    finally:
        if send is not None:
            Delivery.objects.filter(send=send).delete()
            send.delete()
        Subscriber.objects.filter(email__startswith=PREFIX).delete()
        issue.delete()
        SendingPace.objects.filter(key=sending.PACE_KEY).delete()
        mail.outbox = []
    return ok
