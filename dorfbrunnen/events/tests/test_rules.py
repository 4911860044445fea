"""Rules that hold on every path: who sees the meeting link (every channel × every state),
that only a person's click confirms a registration, and when it can no longer be
cancelled."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from dorfbrunnen.events import mails, services
from dorfbrunnen.events.models import Registration
from dorfbrunnen.events.tests.factories import registration_event

pytestmark = pytest.mark.django_db

SECRET = "https://meet.example.org/geheim-4711"
Status = Registration.Status


def registration_in(event, status, name="Pia Person"):
    registration = services.registration_create(
        event=event, name=name, email="pia@example.org", by_office=True
    )
    Registration.objects.filter(pk=registration.pk).update(status=status)
    registration.refresh_from_db()
    return registration


def channels(client, registration) -> dict[str, str]:
    """Everything a participant gets, as text: the personal page, its calendar file, every
    mail the system sends them and the mails' calendar attachments."""
    registration = Registration.objects.select_related("event").get(pk=registration.pk)
    seen = {
        "personal page": client.get(f"/anmeldung/{registration.token}/").content.decode(),
        "personal .ics": client.get(f"/anmeldung/{registration.token}/termin.ics")
        .content.decode()
        .replace("\r\n ", ""),
    }
    for kind in mails.SUBJECTS:
        message = mails.build(registration, kind, extra_text="Hallo")
        seen[f"mail {kind}"] = message.body
        for name, content, _mime in message.attachments:
            seen[f"mail {kind}: {name}"] = content.decode().replace("\r\n ", "")
    return seen


@pytest.mark.parametrize("cancelled_event", [False, True], ids=["event on", "event cancelled"])
@pytest.mark.parametrize("status", Status.values)
def test_the_meeting_link_reaches_exactly_those_with_a_place(client, status, cancelled_event):
    event = registration_event("online-abend", capacity=10, meeting_url=SECRET)
    registration = registration_in(event, status)
    if cancelled_event:
        event.cancelled = True
        event.save_revision().publish()
    visible = status in (Status.CONFIRMED, Status.ATTENDED) and not cancelled_event
    assert registration.meeting_url_visible is visible
    for channel, text in channels(client, registration).items():
        if channel.startswith("mail message") or channel.startswith("mail certificate"):
            assert SECRET not in text, channel  # the office's own words, certificates: never
        elif visible and channel in ("personal page", "personal .ics", "mail confirmed"):
            assert SECRET in text, channel
        elif not visible:
            assert SECRET not in text, channel


def test_an_anonymised_registration_shows_no_link_anywhere(client):
    event = registration_event("online-abend", capacity=10, meeting_url=SECRET)
    registration = registration_in(event, Status.CONFIRMED)
    Registration.objects.filter(pk=registration.pk).update(anonymised=True)
    registration.refresh_from_db()
    assert registration.meeting_url == ""
    assert client.get(f"/anmeldung/{registration.token}/").status_code == 404


def test_opening_the_confirmation_link_confirms_nothing_only_the_button_does(client, commit):
    event = registration_event("online-abend", capacity=10)
    with commit():
        registration = services.registration_create(
            event=event, name="Pia", email="pia@example.org"
        )
    link = f"/anmeldung/{registration.token}/bestaetigen/"
    assert link in mail.outbox[0].body
    # What a mail scanner or a link preview does: fetch the link, maybe twice, maybe HEAD.
    for method in (client.get, client.get, client.head):
        response = method(link)
        assert response.status_code == 200
    page = client.get(link).content.decode()
    assert "Anmeldung bestätigen" in page and 'method="post"' in page
    registration.refresh_from_db()
    assert registration.status == Status.PENDING and not registration.email_confirmed

    response = client.post(link)
    assert response.status_code == 302
    assert response["Location"] == f"/anmeldung/{registration.token}/?bestaetigt=1"
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED and registration.email_confirmed
    # Opening it again later shows that it is done, and changes nothing.
    assert "bereits bestätigt" in client.get(link).content.decode()


def test_an_unknown_confirmation_link_is_a_404(client):
    assert client.get("/anmeldung/" + "x" * 43 + "/bestaetigen/").status_code == 404
    assert client.post("/anmeldung/" + "x" * 43 + "/bestaetigen/").status_code == 404


@pytest.mark.parametrize("case", ["attended", "event over"])
def test_a_registration_that_is_over_cannot_be_cancelled_by_a_post(client, case):
    event = registration_event("vorbei", capacity=10, days=1)
    registration = registration_in(event, Status.CONFIRMED)
    if case == "attended":
        Registration.objects.filter(pk=registration.pk).update(status=Status.ATTENDED)
    else:
        start = timezone.now() - timedelta(days=2)
        event.start, event.end = start, start + timedelta(hours=2)
        event.save_revision().publish()
    page = client.get(f"/anmeldung/{registration.token}/").content.decode()
    assert "abmelden" not in page.lower() or 'action="/anmeldung/' not in page
    response = client.post(f"/anmeldung/{registration.token}/abmelden/")
    assert response.status_code == 400
    assert "lässt sich nicht mehr stornieren" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status in (Status.ATTENDED, Status.CONFIRMED)
    assert registration.cancelled_at is None


def test_a_coming_registration_can_still_be_cancelled(client):
    event = registration_event("bald", capacity=10)
    registration = registration_in(event, Status.CONFIRMED)
    response = client.post(f"/anmeldung/{registration.token}/abmelden/")
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == Status.CANCELLED


def test_plain_text_mails_keep_ampersands_and_quotes_as_typed():
    event = registration_event("online-abend", capacity=10, title='Kochen & Reden: "Rezepte"')
    registration = registration_in(event, Status.CONFIRMED, name="Müller & Söhne <GbR>")
    body = mails.build(registration, "confirmed").body
    assert "Müller & Söhne <GbR>" in body and 'Kochen & Reden: "Rezepte"' in body
    assert "&amp;" not in body and "&quot;" not in body and "&lt;" not in body
