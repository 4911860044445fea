"""Subscribing: the form at /newsletter/, double opt-in with proof, the same answer for
every address, the personal page."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from dorfbrunnen.newsletter.models import Consent, ConsentText, Subscriber

from .factories import subscriber

pytestmark = pytest.mark.django_db

FORM = "/newsletter/"


def form_data(email="paula@example.org", lists=("aktuelles",), **extra):
    from dorfbrunnen.newsletter.models import NewsletterList

    return {
        "email": email,
        "name": "Paula Pfeffer",
        "lists": [NewsletterList.objects.get(slug=slug).pk for slug in lists],
        "consent": "on",
        "consent_version": ConsentText.current().version,
        **extra,
    }


def link(message, pattern) -> str:
    found = re.search(rf"http://testserver(/newsletter/{pattern}/[\w-]+/)", message.body)
    assert found, message.body
    return found.group(1)


def subscribe(client, commit, address="203.0.113.77", **data):
    with commit():
        return client.post(FORM, form_data(**data), REMOTE_ADDR=address)


def test_the_form_offers_the_public_lists_and_the_consent_text(client):
    response = client.get(FORM)
    text = response.content.decode()
    assert response.status_code == 200
    assert "Aktuelles vom Landesverband" in text and "Fachtag &amp; Veranstaltungen" in text
    assert "Für Mitgliedszentren" not in text
    assert ConsentText.current().text[:60] in text
    assert "csrftoken" in response.cookies
    assert "no-store" in response["Cache-Control"]


def test_members_see_their_list_and_anonymous_visitors_cannot_choose_it(
    client, member_client, commit
):
    assert "Für Mitgliedszentren" in member_client.get(FORM).content.decode()
    response = subscribe(client, commit, lists=("mitgliedszentren",))
    assert response.status_code == 400
    assert not Subscriber.objects.exists()


def test_subscribing_stores_the_request_with_its_proof_and_mails_a_link(client, commit):
    response = subscribe(client, commit)
    assert response.status_code == 200
    assert "Bitte schauen Sie in Ihr Postfach" in response.content.decode()
    person = Subscriber.objects.get(email="paula@example.org")
    assert person.status == Subscriber.Status.PENDING
    consent = person.consents.get()
    assert consent.request_network == "203.0.113.0/24"  # the address shortened to /24
    assert consent.consent_text == ConsentText.current()
    assert [item["slug"] for item in consent.lists] == ["aktuelles"]
    assert (consent.language, consent.name, consent.confirmed_at) == ("de", "Paula Pfeffer", None)
    (message,) = mail.outbox
    assert message.to == ["paula@example.org"]
    assert "/newsletter/bestaetigen/" in message.body
    assert "Aktuelles vom Landesverband" in message.body


def test_opening_the_link_does_not_confirm_only_the_button_does(client, commit):
    subscribe(client, commit)
    confirm = link(mail.outbox[0], "bestaetigen")
    page = client.get(confirm)  # as a mail scanner would
    assert page.status_code == 200 and "Anmeldung bestätigen" in page.content.decode()
    person = Subscriber.objects.get()
    assert person.status == Subscriber.Status.PENDING
    assert person.consents.get().confirmed_at is None

    response = client.post(confirm, REMOTE_ADDR="2001:db8:abcd:12::1")
    assert response.status_code == 302
    person.refresh_from_db()
    consent = person.consents.get()
    assert person.status == Subscriber.Status.CONFIRMED
    assert [item.slug for item in person.lists.all()] == ["aktuelles"]
    assert consent.confirmed_at is not None
    assert consent.confirm_network == "2001:db8:abcd::/48"  # IPv6 shortened to /48
    assert "Ihre Anmeldung ist bestätigt" in client.get(response["Location"]).content.decode()
    # A second press (or a reload) changes nothing.
    assert client.post(confirm).status_code == 302
    assert Consent.objects.get().confirmed_at == consent.confirmed_at


def test_a_link_older_than_seven_days_no_longer_confirms(client, commit):
    subscribe(client, commit)
    Consent.objects.update(requested_at=timezone.now() - timedelta(days=7, minutes=1))
    confirm = link(mail.outbox[0], "bestaetigen")
    assert client.get(confirm).status_code == 410
    assert client.post(confirm).status_code == 410
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_new_pending_and_confirmed_addresses_get_the_same_answer(client, commit):
    subscriber("bekannt@example.org")
    answers = []
    for email in ("neu@example.org", "neu@example.org", "Bekannt@Example.org"):
        response = subscribe(client, commit, email=email)
        answers.append((response.status_code, response.content))
    assert len(set(answers)) == 1
    first, second, known = mail.outbox
    assert "/bestaetigen/" in first.body and "/bestaetigen/" in second.body
    # The confirmed address gets no new link, but its personal page.
    assert known.to == ["bekannt@example.org"]
    assert "Sie sind bereits angemeldet" in known.subject
    assert "/newsletter/verwalten/" in known.body and "/bestaetigen/" not in known.body
    assert Subscriber.objects.get(email="bekannt@example.org").consents.count() == 1


def test_bad_input_keeps_what_was_typed_and_bots_and_floods_get_nothing(client, commit, settings):
    response = subscribe(client, commit, email="paula-at-example.org")
    assert response.status_code == 400
    text = response.content.decode()
    assert "Bitte prüfen Sie Ihre Angaben" in text and 'value="paula-at-example.org"' in text
    response = subscribe(client, commit, consent="")
    assert response.status_code == 400 and "Bitte stimmen Sie zu" in response.content.decode()

    response = subscribe(client, commit, homepage="http://spam.example")
    assert response.status_code == 200  # looks like success to the bot …
    assert not Subscriber.objects.exists() and not mail.outbox  # … and does nothing

    settings.FORM_RATE_LIMIT = (1, 600)
    assert subscribe(client, commit, "198.51.100.9", email="a@example.org").status_code == 200
    assert subscribe(client, commit, "198.51.100.9", email="b@example.org").status_code == 429
    assert not Subscriber.objects.filter(email="b@example.org").exists()


def test_the_personal_page_changes_lists_and_unsubscribes(client, commit):
    person = subscriber("mo@example.org", lists=("aktuelles",))
    page = f"/newsletter/verwalten/{person.token}/"
    assert "mo@example.org" in client.get(page).content.decode()
    veranstaltungen = form_data(lists=("aktuelles", "veranstaltungen"))["lists"]
    assert client.post(page, {"lists": veranstaltungen}).status_code == 302
    assert {item.slug for item in person.lists.all()} == {"aktuelles", "veranstaltungen"}
    added = person.consents.latest("requested_at")
    assert added.source == Consent.Source.MANAGE and added.confirmed_at is not None

    assert client.post(page, {"action": "unsubscribe"}).status_code == 302
    person.refresh_from_db()
    assert person.status == Subscriber.Status.UNSUBSCRIBED and not person.lists.exists()
    assert all(consent.withdrawn_at for consent in person.consents.all())
    assert "Sie sind vom Newsletter abgemeldet" in client.get(page).content.decode()
    # Someone who unsubscribed and asks again needs to confirm again.
    subscribe(client, commit, email="mo@example.org")
    assert "/bestaetigen/" in mail.outbox[-1].body


def test_the_personal_page_subscribes_nobody_again_and_lifts_no_pause(client, commit):
    """After unsubscribing, choosing lists on the old personal page (the link is in every
    forwarded issue) needs the form's confirmation; the office's pause for refused mails
    stays until the office lifts it."""
    gone = subscriber("weg@example.org")
    page = f"/newsletter/verwalten/{gone.token}/"
    client.post(page, {"action": "unsubscribe"})
    chosen = {"lists": form_data()["lists"]}
    refused = client.post(page, chosen)
    assert refused.status_code == 409
    assert "Newsletter wieder bestellen" in refused.content.decode()
    gone.refresh_from_db()
    assert gone.status == Subscriber.Status.UNSUBSCRIBED and not gone.lists.exists()

    paused = subscriber("pause@example.org", status=Subscriber.Status.PAUSED, rejections=3)
    page = f"/newsletter/verwalten/{paused.token}/"
    both = {"lists": form_data(lists=("aktuelles", "veranstaltungen"))["lists"]}
    assert client.post(page, both).status_code == 302
    paused.refresh_from_db()
    assert paused.status == Subscriber.Status.PAUSED
    assert {item.slug for item in paused.lists.all()} == {"aktuelles", "veranstaltungen"}


def test_asking_again_for_a_confirmed_address_fills_no_mailbox(client, commit):
    subscriber("bekannt@example.org")
    for number in range(6):  # each from another address: past the form's rate limit
        subscribe(client, commit, f"198.51.100.{number}", email="bekannt@example.org")
    assert len(mail.outbox) == 3


@pytest.mark.parametrize("number", ["99999999999999999999999", "²"])
def test_a_list_number_beyond_any_id_is_a_clear_400(client, commit, number):
    odd = {**form_data(), "lists": [number]}
    with commit():
        response = client.post(FORM, odd, REMOTE_ADDR="203.0.113.78")
    assert response.status_code == 400
    assert "Bitte prüfen Sie Ihre Angaben" in response.content.decode()


def test_the_form_works_while_the_shared_cache_is_away(client, commit, monkeypatch):
    """django-redis answers None when Redis is away (IGNORE_EXCEPTIONS): the limits then
    let the request pass."""
    from django.core.cache import cache

    subscriber("bekannt@example.org")
    monkeypatch.setattr(cache, "incr", lambda *args, **kwargs: None)
    assert subscribe(client, commit, email="bekannt@example.org").status_code == 200


def test_an_unknown_or_pending_token_shows_nothing(client, commit):
    assert client.get("/newsletter/verwalten/" + "x" * 32 + "/").status_code == 404
    subscribe(client, commit)
    pending = Subscriber.objects.get()
    assert client.get(f"/newsletter/verwalten/{pending.token}/").status_code == 404
    assert Client().get("/newsletter/bestaetigen/kurz/").status_code == 404
