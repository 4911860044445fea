"""Places go where the rules say on the paths around the form too: the office's edits and
deletions, a larger capacity, a double click, a cancelled or finished event – and bad input
on the office's screens answers in German, never with an error page."""

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from dorfbrunnen.events import services
from dorfbrunnen.events.models import Registration
from dorfbrunnen.events.tests.factories import register, registration_event

Status = Registration.Status


def book(event, name, **kwargs):
    """A registration the office enters (confirmed at once, or on the waiting list)."""
    return services.registration_create(
        event=event, name=name, email=f"{name.lower()}@example.org", by_office=True, **kwargs
    )


def places_taken(event) -> int:
    held = Registration.objects.filter(event=event).holding_places(timezone.now())
    return sum(registration.places for registration in held)


def edit_data(registration, **changes):
    return {
        "status": registration.status,
        "name": registration.name,
        "email": registration.email,
        "phone": "",
        "organisation": "",
        "adults": registration.adults,
        "children": registration.children,
        **changes,
    }


def test_an_edit_that_keeps_a_registration_unconfirmed_must_fit_too(office_client, commit):
    event = registration_event("eng", capacity=2)
    with commit():
        anna = register(event, "Anna")  # waits for her click, holding one place
    url = reverse("registrations:edit", args=[anna.pk])
    with commit():
        refused = office_client.post(url, edit_data(anna, adults=5))
    assert refused.status_code == 200
    assert "nicht genug Plätze frei" in refused.content.decode()
    with commit():
        services.registration_confirm(token=anna.token)
    assert places_taken(event) == 1


def test_the_office_cannot_set_a_waiting_entry_to_unconfirmed(office_client, commit, client):
    event = registration_event("warten", capacity=1)
    with commit():
        book(event, "Anna")
        berta = register(event, "Berta")  # on the waiting list, address not yet confirmed
    url = reverse("registrations:edit", args=[berta.pk])
    offered = office_client.get(url).content.decode()
    assert 'value="waiting"' in offered and 'value="pending"' not in offered
    with commit():
        office_client.post(url, edit_data(berta, status="pending"))
    berta.refresh_from_db()
    assert berta.status == Status.WAITING
    client.logout()
    assert client.post(reverse("registration_confirm", args=[berta.token])).status_code == 302


def test_a_double_click_registers_once(client, db, commit):
    event = registration_event("doppelt", capacity=2, max_places_per_registration=3)
    data = {"name": "Ada", "email": "ada@example.org", "adults": "1", "consent": "on"}
    with commit():
        client.post(event.url + "anmelden/", data)
        client.post(event.url + "anmelden/", {**data, "email": "ADA@example.org "})
    assert Registration.objects.filter(event=event).count() == 1
    assert services.free_places(event) == 1
    assert len(mail.outbox) == 2  # the confirmation link once more, for the same registration
    assert mail.outbox[0].body == mail.outbox[1].body
    # A sibling registered afterwards under the parent's name is a registration of its own.
    with commit():
        client.post(event.url + "anmelden/", {**data, "adults": "2"})
    assert Registration.objects.filter(event=event).count() == 2


def test_more_places_published_go_to_the_waiting_list_first(db, commit):
    event = registration_event("mehr", capacity=1)
    with commit():
        book(event, "Anna")
        berta = book(event, "Berta")
    event.capacity = 2
    with commit():
        event.save_revision().publish()
    with commit():
        clara = book(event, "Clara")
    berta.refresh_from_db()
    assert (berta.status, clara.status) == (Status.CONFIRMED, Status.WAITING)


def test_a_registration_deleted_in_the_admin_gives_its_place_to_the_waiting_list(
    office_client, commit
):
    event = registration_event("geloescht", capacity=1)
    with commit():
        anna = book(event, "Anna")
        berta = book(event, "Berta")
    with commit():
        office_client.post(reverse("registrations:delete", args=[anna.pk]))
    berta.refresh_from_db()
    assert berta.status == Status.CONFIRMED


def test_a_cancelled_event_moves_nobody_up_and_confirms_nobody(client, db, commit):
    event = registration_event("abgesagt", capacity=1)
    with commit():
        anna = book(event, "Anna")
        berta = book(event, "Berta")
        clara = register(event, "Clara")  # waits for her click
    event.cancelled = True
    with commit():
        event.save_revision().publish()
    mail.outbox.clear()
    with commit():
        services.registration_cancel(registration=anna)
        client.post(reverse("registration_confirm", args=[clara.token]))
    berta.refresh_from_db()
    clara.refresh_from_db()
    assert berta.status == Status.WAITING
    assert clara.status == Status.WAITING and clara.email_confirmed
    # Anna hears of her cancellation; nobody is told of a place.
    assert [message.to for message in mail.outbox] == [[anna.email]]


def test_the_personal_page_of_a_cancelled_event_says_so_and_asks_for_nothing(client, db, commit):
    event = registration_event("abgesagt-seite", capacity=10)
    with commit():
        dora = register(event, "Dora")  # has not clicked her link yet
        emil = register(event, "Emil")
    with commit():
        client.post(reverse("registration_confirm", args=[emil.token]))
        services.registration_cancel(registration=Registration.objects.get(pk=emil.pk))
    event.cancelled = True
    with commit():
        event.save_revision().publish()
    asked = client.get(reverse("registration_confirm", args=[dora.token])).text
    assert "ist abgesagt" in asked and ">Anmeldung bestätigen</button>" not in asked
    with commit():
        client.post(reverse("registration_confirm", args=[dora.token]))
    page = client.get(reverse("registration_detail", args=[dora.token]) + "?bestaetigt=1").text
    assert "Diese Veranstaltung ist abgesagt." in page
    assert "Bitte bestätigen Sie Ihre Anmeldung" not in page
    assert reverse("registration_cancel", args=[dora.token]) not in page
    # A withdrawn registration's old link says so – not „bereits bestätigt“.
    withdrawn = client.get(reverse("registration_confirm", args=[emil.token])).text
    assert "Ihre Anmeldung ist storniert." in withdrawn and "bereits bestätigt" not in withdrawn


def test_the_desk_takes_nobody_for_a_cancelled_event(office_client, commit):
    event = registration_event("desk-abgesagt", capacity=5)
    event.cancelled = True
    event.save_revision().publish()
    url = f"/admin/veranstaltungen/{event.pk}/vor-ort/"
    # The participants screen offers no way in.
    participants = office_client.get(reverse("events_participants", args=[event.pk]))
    assert url not in participants.content.decode()
    assert reverse("registrations:add") not in participants.content.decode()
    shown = office_client.get(url)
    assert shown.status_code == 400
    assert "ist abgesagt" in shown.content.decode()
    with commit():
        sent = office_client.post(url, {"source": "desk", "name": "F", "adults": 1, "children": 0})
    assert sent.status_code == 400
    assert not Registration.objects.filter(event=event).exists()
    added = office_client.post(
        reverse("registrations:add"),
        {"event": event.pk, "name": "X", "email": "x@example.org", "adults": 1, "children": 0},
    )
    assert "ist abgesagt" in added.content.decode()
    assert not Registration.objects.filter(event=event).exists()


def test_the_desk_refuses_more_people_than_a_room_holds(office_client):
    event = registration_event("desk-viele", capacity=5)
    sent = office_client.post(
        f"/admin/veranstaltungen/{event.pk}/vor-ort/",
        {"source": "desk", "name": "F", "adults": 40000, "children": 0},
    )
    assert sent.status_code == 400
    assert not Registration.objects.filter(event=event).exists()
