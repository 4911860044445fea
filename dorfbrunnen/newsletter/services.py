"""Subscription rules: asking (double opt-in), confirming, changing lists, unsubscribing,
importing an existing list – and planning sends. Delivery itself is newsletter/sending.py.

No enumeration: `subscription_request` does the same for the visitor whatever is stored for
the address. Only the mail differs: a confirmation link for a new, pending or former
subscriber, „Sie sind bereits angemeldet“ with the personal link for a confirmed one.

Proof: every request stores a `Consent` (time, network, consent text version, lists,
language); the confirmation adds its time and network. Only a POST from the confirmation
page confirms – mail scanners open every link in a mail.

Locking: every change of a subscription locks the subscriber's row (`select_for_update`),
so a confirmation and an unsubscribe arriving together cannot interleave. Mails are queued
after the commit.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dorfbrunnen.core import network as core_network
from dorfbrunnen.core.mail import mail_queue, render_text

from .models import (
    Consent,
    ConsentText,
    Delivery,
    NewsletterIssuePage,
    NewsletterList,
    NewsletterSend,
    Subscriber,
)

# More opt-in mails than this per address and day are not sent (someone entering another
# person's address again and again must not flood their mailbox).
OPT_IN_MAILS_PER_DAY = 3
# „Erneut senden“ is offered for rows marked „wird gesendet“ this long ago: a row younger
# than that may still be in a worker's hands.
STUCK_AFTER = timedelta(minutes=10)


class ConfirmationExpired(Exception):
    """The confirmation link is older than NEWSLETTER_OPT_IN_DAYS."""


class NotSubscribed(Exception):
    """Lists chosen on the personal page of an address that unsubscribed: it asks again
    through the form, with its own confirmation."""


class SendNotPossible(Exception):
    """The send cannot be planned; the message is for the office."""


def network_of(address: str) -> str:
    """The client address shortened to its network – IPv4 /24, IPv6 /48: where a request
    came from, without naming the person's device."""
    return core_network.network_of(address, ipv4_prefix=24, ipv6_prefix=48)


def normalised(email: str) -> str:
    return email.strip().lower()


def absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def confirm_url(consent: Consent) -> str:
    return absolute(reverse("newsletter:confirm", kwargs={"token": consent.token}))


def manage_url(subscriber: Subscriber) -> str:
    return absolute(reverse("newsletter:manage", kwargs={"token": subscriber.token}))


def unsubscribe_url(token: str) -> str:
    return absolute(reverse("newsletter:unsubscribe", kwargs={"token": token}))


def confirmation_expires(consent: Consent):
    return consent.requested_at + timedelta(days=settings.NEWSLETTER_OPT_IN_DAYS)


def _snapshot(lists) -> list[dict]:
    return [{"slug": item.slug, "name": item.name} for item in lists]


def _association() -> str:
    from wagtail.models import Site

    from dorfbrunnen.core.models import SiteSettings

    site = Site.objects.filter(is_default_site=True).first()
    return SiteSettings.for_site(site).association_name if site else ""


def _mail(to: str, language: str, subject: str, template: str, context: dict) -> None:
    with translation.override(language):
        body = render_text(template, {**context, "association": _association()})
        subject = str(subject)
    transaction.on_commit(lambda: mail_queue(to=[to], subject=subject, body=body))


def subscription_request(
    *,
    email: str,
    lists: list[NewsletterList],
    consent_text: ConsentText,
    network: str,
    name: str = "",
    language: str = "de",
) -> None:
    """Someone asks for the newsletter. Returns nothing: what the visitor sees must not
    depend on what is stored for the address."""
    email = normalised(email)
    now = timezone.now()
    with transaction.atomic():
        subscriber, _created = Subscriber.objects.select_for_update().get_or_create(
            email=email, defaults={"name": name, "language": language}
        )
        if subscriber.status == Subscriber.Status.CONFIRMED:
            # Counted per address in the shared cache, for a day.
            already = core_network.count_hit(
                f"dorfbrunnen:newsletter-already:{subscriber.pk}", 24 * 60 * 60
            )
            if already > OPT_IN_MAILS_PER_DAY:
                return  # nobody's mailbox is filled by asking for it again and again
            with translation.override(subscriber.language):
                subject = _("Newsletter: Sie sind bereits angemeldet")
            _mail(
                email,
                subscriber.language,
                subject,
                "newsletter/mail/already.txt",
                {"manage_url": manage_url(subscriber)},
            )
            return
        recent = subscriber.consents.filter(
            confirmed_at__isnull=True, requested_at__gte=now - timedelta(days=1)
        ).count()
        if recent >= OPT_IN_MAILS_PER_DAY:
            return
        consent = Consent.objects.create(
            subscriber=subscriber,
            source=Consent.Source.WEB,
            consent_text=consent_text,
            lists=_snapshot(lists),
            name=name,
            language=language,
            requested_at=now,
            request_network=network,
        )
        with translation.override(language):
            subject = _("Bitte bestätigen Sie Ihre Anmeldung zum Newsletter")
        _mail(
            email,
            language,
            subject,
            "newsletter/mail/opt_in.txt",
            {
                "name": name,
                "confirm_url": confirm_url(consent),
                "list_names": consent.list_names,
                "days": settings.NEWSLETTER_OPT_IN_DAYS,
            },
        )


def subscription_confirm(*, consent: Consent, network: str) -> Subscriber:
    """The press of the button on the confirmation page. A second press changes nothing."""
    now = timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=consent.subscriber_id)
        consent = Consent.objects.get(pk=consent.pk)
        if consent.confirmed_at is not None:
            return subscriber
        if now > confirmation_expires(consent):
            raise ConfirmationExpired
        consent.confirmed_at = now
        consent.confirm_network = network
        consent.save(update_fields=["confirmed_at", "confirm_network"])
        subscriber.status = Subscriber.Status.CONFIRMED
        subscriber.name = consent.name or subscriber.name
        subscriber.language = consent.language
        subscriber.confirmed_at = now
        subscriber.unsubscribed_at = None
        subscriber.rejections = 0
        subscriber.save()
        subscriber.lists.set(
            NewsletterList.objects.filter(slug__in=[item["slug"] for item in consent.lists])
        )
        return subscriber


def subscription_change(
    *,
    subscriber: Subscriber,
    lists: list[NewsletterList],
    network: str,
    consent_text: ConsentText | None,
) -> Subscriber:
    """New lists from the personal page (opened from a mail: the address is proven). Lists
    added there are recorded as a consent of their own; no list left means unsubscribed.
    Only for a subscription that stands: after unsubscribing, a new one needs the form's
    confirmation (NotSubscribed), and a pause for refused mails stays until the office
    lifts it (`subscription_resume`)."""
    if not lists:
        return subscription_unsubscribe(subscriber=subscriber)
    now = timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if subscriber.status not in (Subscriber.Status.CONFIRMED, Subscriber.Status.PAUSED):
            raise NotSubscribed
        before = set(subscriber.lists.values_list("pk", flat=True))
        if {item.pk for item in lists} - before:
            Consent.objects.create(
                subscriber=subscriber,
                source=Consent.Source.MANAGE,
                consent_text=consent_text,
                lists=_snapshot(lists),
                name=subscriber.name,
                language=subscriber.language,
                requested_at=now,
                request_network=network,
                confirmed_at=now,
                confirm_network=network,
            )
        subscriber.lists.set(lists)
    return subscriber


def subscription_unsubscribe(*, subscriber: Subscriber) -> Subscriber:
    """Off every list, at once and without login. The proof of the earlier consent is kept
    (NEWSLETTER_PROOF_RETENTION_DAYS) and notes the withdrawal."""
    now = timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if subscriber.status != Subscriber.Status.UNSUBSCRIBED:
            subscriber.status = Subscriber.Status.UNSUBSCRIBED
            subscriber.unsubscribed_at = now
            subscriber.save(update_fields=["status", "unsubscribed_at"])
        subscriber.lists.clear()
        subscriber.consents.filter(withdrawn_at__isnull=True).update(withdrawn_at=now)
        Delivery.objects.filter(
            subscriber=subscriber, status__in=[Delivery.Status.QUEUED, Delivery.Status.RETRY]
        ).update(status=Delivery.Status.SKIPPED)
    return subscriber


def subscription_resume(*, subscriber: Subscriber) -> Subscriber:
    """The office takes a paused address back (e.g. after the person fixed their mailbox)."""
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if subscriber.status == Subscriber.Status.PAUSED:
            subscriber.status = Subscriber.Status.CONFIRMED
            subscriber.rejections = 0
            subscriber.save(update_fields=["status", "rejections"])
    return subscriber


@dataclass
class ImportRow:
    email: str
    name: str
    consented_on: date
    source: str


@dataclass
class ImportResult:
    created: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)  # confirmed before
    withdrawn: list[str] = field(default_factory=list)  # unsubscribed: their word stands


def subscribers_import(*, rows: list[ImportRow], lists: list[NewsletterList]) -> ImportResult:
    """An existing list (with the original consent's date and source) becomes confirmed
    subscriptions, marked as imported. Whoever unsubscribed here stays unsubscribed – an
    older consent on paper does not outweigh it – and confirmed subscriptions stay as they
    are. All rows or none."""
    now = timezone.now()
    result = ImportResult()
    with transaction.atomic():
        for row in rows:
            email = normalised(row.email)
            subscriber, _created = Subscriber.objects.select_for_update().get_or_create(
                email=email, defaults={"name": row.name}
            )
            if subscriber.status in (Subscriber.Status.CONFIRMED, Subscriber.Status.PAUSED):
                result.already.append(email)
                continue
            if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
                result.withdrawn.append(email)
                continue
            Consent.objects.create(
                subscriber=subscriber,
                source=Consent.Source.IMPORT,
                lists=_snapshot(lists),
                name=row.name,
                language=subscriber.language,
                requested_at=now,
                confirmed_at=now,
                original_consent_on=row.consented_on,
                original_source=row.source,
            )
            subscriber.status = Subscriber.Status.CONFIRMED
            subscriber.imported = True
            subscriber.name = row.name or subscriber.name
            subscriber.confirmed_at = now
            subscriber.save()
            subscriber.lists.set(lists)
            result.created.append(email)
    return result


# Sends


def send_schedule(
    *, issue: NewsletterIssuePage, lists: list[NewsletterList], send_at=None, user=None
) -> NewsletterSend:
    """Plan the send of a published issue to `lists` (now, or at `send_at`). The periodic
    job starts it when due (newsletter/sending.py)."""
    if not issue.live:
        raise SendNotPossible(_("Bitte veröffentlichen Sie die Ausgabe zuerst."))
    if not lists:
        raise SendNotPossible(_("Bitte wählen Sie mindestens einen Verteiler."))
    with transaction.atomic():
        send = NewsletterSend.objects.create(
            issue=issue, send_at=send_at or timezone.now(), created_by=user
        )
        send.lists.set(lists)
    if send.send_at <= timezone.now():
        from .sending import batch_enqueue

        transaction.on_commit(batch_enqueue)
    return send


def send_test(*, issue: NewsletterIssuePage, address: str, user=None) -> NewsletterSend:
    """The issue as it is now (the latest draft) to one address, through the same queue."""
    from .sending import send_start

    if not address:
        raise SendNotPossible(
            _("Ihr Benutzerkonto hat keine E-Mail-Adresse, an die der Test gehen könnte.")
        )
    send = NewsletterSend.objects.create(issue=issue, test_address=address, created_by=user)
    send_start(send=send)
    return send


def send_cancel(*, send: NewsletterSend) -> int:
    """Stop a planned or running send; returns how many mails will not go out."""
    with transaction.atomic():
        send = NewsletterSend.objects.select_for_update().get(pk=send.pk)
        if send.status in (NewsletterSend.Status.DONE, NewsletterSend.Status.CANCELLED):
            return 0
        stopped = send.deliveries.filter(
            status__in=[Delivery.Status.QUEUED, Delivery.Status.RETRY]
        ).update(status=Delivery.Status.SKIPPED)
        send.status = NewsletterSend.Status.CANCELLED
        send.finished_at = timezone.now()
        send.save(update_fields=["status", "finished_at"])
    return stopped


def deliveries_stuck(send: NewsletterSend):
    """Rows left „wird gesendet“ (a crash between marking and the server's answer)."""
    return send.deliveries.filter(
        status=Delivery.Status.SENDING, handed_over_at__lt=timezone.now() - STUCK_AFTER
    )


def deliveries_resend(*, send: NewsletterSend) -> int:
    """„Erneut senden“: the office decided that the stuck rows go out again (some may have
    reached their recipient before the crash; nobody can know which)."""
    from .sending import batch_enqueue

    with transaction.atomic():
        count = deliveries_stuck(send).update(
            status=Delivery.Status.QUEUED, next_attempt_at=timezone.now()
        )
        if count and send.status == NewsletterSend.Status.DONE:
            NewsletterSend.objects.filter(pk=send.pk).update(
                status=NewsletterSend.Status.RUNNING, finished_at=None
            )
    if count:
        transaction.on_commit(batch_enqueue)
    return count
