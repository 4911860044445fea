"""The newsletter's personal data: found, exported and erased by e-mail on the Datenauskunft
screen; unconfirmed requests gone after 7 days; proof kept 3 years after unsubscribing."""

import json
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from dorfbrunnen.core.privacy import retention_run
from dorfbrunnen.newsletter import services
from dorfbrunnen.newsletter.models import Consent, ConsentText, Delivery, NewsletterSend, Subscriber

from .factories import issue, newsletter_list, subscriber
from .test_sending import send_all

pytestmark = pytest.mark.django_db

SCREEN = "/admin/datenauskunft/"


def test_the_office_finds_exports_and_erases_a_subscription_by_email(office_client, commit):
    subscriber("pia@example.org", ("aktuelles", "veranstaltungen"), name="Pia Person")
    subscriber("olaf@example.org")
    with commit():
        send = services.send_schedule(issue=issue("Newsletter März"), lists=[newsletter_list()])
    send_all()

    found = office_client.get(SCREEN, {"email": "Pia@Example.org"}).content.decode()
    assert "Newsletter-Abonnements" in found and "angemeldet" in found
    export = json.loads(
        office_client.get(SCREEN, {"email": "pia@example.org", "format": "json"}).content
    )
    (entry,) = export["newsletter"]
    assert entry["name"] == "Pia Person"
    assert entry["verteiler"] == ["Aktuelles vom Landesverband", "Fachtag & Veranstaltungen"]
    (proof,) = entry["einwilligungen"]
    assert proof["netz_der_anfrage"] == "192.0.2.0/24"
    assert proof["einwilligungstext"] == ConsentText.current().text
    assert proof["bestaetigt_am"]
    assert [item["ausgabe"] for item in entry["erhaltene_ausgaben"]] == ["Newsletter März"]

    response = office_client.post(SCREEN, {"email": "pia@example.org", "confirm": "on"})
    assert response.status_code == 302
    assert not Subscriber.objects.filter(email="pia@example.org").exists()
    assert not Consent.objects.filter(subscriber__email="pia@example.org").exists()
    assert Subscriber.objects.filter(email="olaf@example.org").exists()
    # The send keeps its counts, without her address.
    assert Delivery.objects.filter(send=send, status=Delivery.Status.SENT).count() == 2
    assert Delivery.objects.filter(send=send, subscriber__isnull=True).count() == 1
    empty = office_client.get(SCREEN, {"email": "pia@example.org"}).content.decode()
    assert "Zu dieser Adresse ist nichts gespeichert" in empty


def test_unconfirmed_requests_go_after_seven_days_and_proof_three_years_after_unsubscribing(
    client, commit
):
    now = timezone.now()
    consent_text = ConsentText.current()

    def ask(email, days_ago):
        services.subscription_request(
            email=email, lists=[newsletter_list()], consent_text=consent_text, network=""
        )
        Consent.objects.filter(subscriber__email=email).update(
            requested_at=now - timedelta(days=days_ago)
        )
        Subscriber.objects.filter(email=email).update(created_at=now - timedelta(days=days_ago))

    ask("alt@example.org", 8)
    ask("frisch@example.org", 6)
    former = subscriber("ehemals@example.org")
    services.subscription_unsubscribe(subscriber=former)
    services.subscription_request(
        email="ehemals@example.org",
        lists=[newsletter_list()],
        consent_text=consent_text,
        network="",
    )  # asks again, never confirms
    Consent.objects.filter(subscriber=former, confirmed_at__isnull=True).update(
        requested_at=now - timedelta(days=8)
    )
    long_gone = subscriber("lange-her@example.org")
    services.subscription_unsubscribe(subscriber=long_gone)
    Subscriber.objects.filter(pk=long_gone.pk).update(
        unsubscribed_at=now - timedelta(days=3 * 366 + 1)
    )
    reader = subscriber("treu@example.org")
    Consent.objects.filter(subscriber=reader).update(requested_at=now - timedelta(days=2000))

    retention_run()

    remaining = set(Subscriber.objects.values_list("email", flat=True))
    assert remaining == {"frisch@example.org", "ehemals@example.org", "treu@example.org"}
    # The former subscriber's proof stays (within three years); the new request went.
    (kept,) = Consent.objects.filter(subscriber__email="ehemals@example.org")
    assert kept.confirmed_at is not None and kept.withdrawn_at is not None
    assert Consent.objects.filter(subscriber__email="treu@example.org").count() == 1


def test_test_sends_name_the_editor_and_go_with_the_mails(office_user, commit, settings):
    with commit():
        services.send_test(issue=issue(), address=office_user.email)
    send_all()
    assert len(mail.outbox) == 1
    NewsletterSend.objects.update(
        created_at=timezone.now() - timedelta(days=settings.MAIL_RETENTION_DAYS + 1)
    )
    retention_run()
    assert not NewsletterSend.objects.exists()
