"""The newsletter's personal data: subscriptions with their proof of consent, unconfirmed
requests, and the editors' test sends – what they are, how they are erased, when they expire.

Retention: a request nobody confirmed is deleted NEWSLETTER_OPT_IN_DAYS after it was made.
The proof of a consent (the `Consent` rows and the address they belong to) is kept
NEWSLETTER_PROOF_RETENTION_DAYS after unsubscribing – the limitation period in which the
association may have to show that it was allowed to write – and then deleted. Erasing a
subscription (Datenauskunft) deletes it with its proof; its delivery rows stay, without
anybody's address, for the counts of the send.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from dorfbrunnen.core.privacy import PersonalDataSource

from .models import Consent, Delivery, NewsletterSend, Subscriber


def _iso(value):
    return value.isoformat() if value else None


def consent_export(consent: Consent) -> dict:
    text = consent.consent_text
    return {
        "herkunft": consent.get_source_display(),
        "angefragt_am": _iso(consent.requested_at),
        "netz_der_anfrage": consent.request_network,
        "einwilligungstext_fassung": text.version if text else None,
        "einwilligungstext": text.text if text else None,
        "verteiler": [item["name"] for item in consent.lists],
        "sprache": consent.language,
        "bestaetigt_am": _iso(consent.confirmed_at),
        "netz_der_bestaetigung": consent.confirm_network,
        "widerrufen_am": _iso(consent.withdrawn_at),
        "urspruenglich_eingewilligt_am": _iso(consent.original_consent_on),
        "urspruengliche_quelle": consent.original_source,
    }


class Subscriptions(PersonalDataSource):
    key = "newsletter"
    label = _("Newsletter-Abonnements")

    def find(self, email):
        return list(
            Subscriber.objects.filter(email__iexact=email).prefetch_related(
                "lists", "consents__consent_text"
            )
        )

    def describe(self, subscriber):
        lists = subscriber.list_names
        return f"{subscriber.get_status_display()}{f' – {lists}' if lists else ''}"

    def export(self, subscriber):
        received = (
            Delivery.objects.filter(subscriber=subscriber, status=Delivery.Status.SENT)
            .select_related("send__issue")
            .order_by("sent_at")
        )
        return {
            "name": subscriber.name,
            "status": subscriber.get_status_display(),
            "verteiler": [item.name for item in subscriber.lists.all()],
            "sprache": subscriber.language,
            "importiert": subscriber.imported,
            "eingetragen_am": _iso(subscriber.created_at),
            "bestaetigt_am": _iso(subscriber.confirmed_at),
            "abgemeldet_am": _iso(subscriber.unsubscribed_at),
            "einwilligungen": [consent_export(c) for c in subscriber.consents.all()],
            "erhaltene_ausgaben": [
                {"ausgabe": d.send.issue.title, "am": _iso(d.sent_at)} for d in received
            ],
        }

    def erase(self, subscribers):
        Subscriber.objects.filter(pk__in=[s.pk for s in subscribers]).delete()

    def expired(self, now):
        """Proof past its period after unsubscribing, and addresses that never confirmed
        any request within NEWSLETTER_OPT_IN_DAYS."""
        proof_cutoff = now - timedelta(days=settings.NEWSLETTER_PROOF_RETENTION_DAYS)
        opt_in_cutoff = now - timedelta(days=settings.NEWSLETTER_OPT_IN_DAYS)
        recent_request = Consent.objects.filter(
            subscriber=OuterRef("pk"), requested_at__gte=opt_in_cutoff
        )
        withdrawn = Subscriber.objects.filter(
            status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at__lt=proof_cutoff
        )
        never_confirmed = Subscriber.objects.filter(
            status=Subscriber.Status.PENDING, created_at__lt=opt_in_cutoff
        ).filter(~Exists(recent_request))
        return list(withdrawn.only("pk")) + list(never_confirmed.only("pk"))


class OptInRequests(PersonalDataSource):
    """Unconfirmed requests of addresses that are (or were) subscribed: deleted after
    NEWSLETTER_OPT_IN_DAYS. Found and exported with the subscription above."""

    key = "newsletter_anfragen"
    label = _("Unbestätigte Newsletter-Anfragen")

    def expired(self, now):
        cutoff = now - timedelta(days=settings.NEWSLETTER_OPT_IN_DAYS)
        return list(
            Consent.objects.filter(confirmed_at__isnull=True, requested_at__lt=cutoff).only("pk")
        )

    def erase(self, consents):
        Consent.objects.filter(pk__in=[c.pk for c in consents]).delete()


class TestSends(PersonalDataSource):
    """Editors' test sends name their address; gone after MAIL_RETENTION_DAYS."""

    key = "newsletter_tests"
    label = _("Newsletter-Testversand")

    def find(self, email):
        return list(NewsletterSend.objects.filter(test_address__iexact=email))

    def describe(self, send):
        return str(send)

    def export(self, send):
        return {"ausgabe": send.issue.title, "am": _iso(send.created_at)}

    def erase(self, sends):
        NewsletterSend.objects.filter(pk__in=[s.pk for s in sends]).delete()

    def expired(self, now):
        cutoff = now - timedelta(days=settings.MAIL_RETENTION_DAYS)
        return list(
            NewsletterSend.objects.exclude(test_address="").filter(created_at__lt=cutoff).only("pk")
        )
