"""Changes in the admin obey the same capacity as the public form: the office cannot
overbook by editing a registration (more adults, „bestätigt“ by hand), places it frees go to
the waiting list, and a new e-mail address gets its own personal link. On PostgreSQL, edits
in the admin and registrations from the public form at the same moment never overbook."""

import threading

import pytest
from django.core import mail
from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone

from dorfbrunnen.events import services
from dorfbrunnen.events.models import Registration
from dorfbrunnen.events.tests.factories import registration_event

Status = Registration.Status


def form(registration, **changes):
    data = {
        "status": registration.status,
        "name": registration.name,
        "email": registration.email,
        "organisation": registration.organisation,
        "adults": registration.adults,
        "children": registration.children,
    }
    return {**data, **changes}


def book(event, name, **kwargs):
    return services.registration_create(
        event=event, name=name, email=f"{name.lower()}@example.org", by_office=True, **kwargs
    )


@pytest.mark.django_db
def test_more_places_than_are_free_are_refused_and_nothing_changes(office_client):
    event = registration_event("kurs", capacity=3, max_places_per_registration=4)
    first, _second = book(event, "Anna"), book(event, "Berta")
    url = reverse("registrations:edit", args=[first.pk])
    response = office_client.post(url, form(first, adults=3))
    assert response.status_code == 200
    # Two of three places are taken, one of them by Anna herself: she can have two.
    assert "nicht genug Plätze frei (frei: 2)" in response.content.decode()
    first.refresh_from_db()
    assert first.adults == 1
    assert services.free_places(event) == 1


@pytest.mark.django_db
def test_confirming_a_waiting_entry_by_hand_needs_a_free_place(office_client, commit):
    event = registration_event("kurs", capacity=1)
    book(event, "Anna")
    waiting = book(event, "Berta")
    assert waiting.status == Status.WAITING
    url = reverse("registrations:edit", args=[waiting.pk])
    refused = office_client.post(url, form(waiting, status=Status.CONFIRMED))
    assert "nicht genug Plätze frei (frei: 0)" in refused.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == Status.WAITING
    assert Registration.objects.filter(event=event, status=Status.CONFIRMED).count() == 1


@pytest.mark.django_db
def test_a_place_the_office_frees_goes_to_the_head_of_the_waiting_list(office_client, commit):
    event = registration_event("kurs", capacity=1)
    anna = book(event, "Anna")
    berta, clara = book(event, "Berta"), book(event, "Clara")
    mail.outbox.clear()
    with commit():
        office_client.post(
            reverse("registrations:edit", args=[anna.pk]), form(anna, status=Status.CANCELLED)
        )
    statuses = dict(Registration.objects.filter(event=event).values_list("name", "status"))
    assert statuses == {"Anna": Status.CANCELLED, "Berta": Status.CONFIRMED, "Clara": "waiting"}
    recipients = {message.to[0]: message.subject for message in mail.outbox}
    assert recipients["anna@example.org"].startswith("Anmeldung storniert")
    assert recipients["berta@example.org"].startswith("Ein Platz ist frei geworden")
    assert "clara@example.org" not in recipients
    assert berta.pk and clara.pk


@pytest.mark.django_db
def test_a_new_address_gets_its_own_link_and_the_old_one_stops(client, office_client, commit):
    event = registration_event("kurs", capacity=5)
    registration = book(event, "Anna")
    old_token = registration.token
    mail.outbox.clear()
    with commit():
        office_client.post(
            reverse("registrations:edit", args=[registration.pk]),
            form(registration, email="anna.neu@example.org"),
        )
    registration.refresh_from_db()
    assert registration.email == "anna.neu@example.org" and registration.token != old_token
    assert client.get(f"/anmeldung/{old_token}/").status_code == 404
    assert client.get(f"/anmeldung/{registration.token}/").status_code == 200
    (message,) = mail.outbox
    assert message.to == ["anna.neu@example.org"] and registration.token in message.body


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serialises all writes")
def test_admin_edits_and_public_registrations_at_once_never_overbook(committed_db):
    event = registration_event("ansturm", capacity=10, max_places_per_registration=3)
    staff = [book(event, f"Team{number}") for number in range(4)]  # 4 places taken
    errors = []
    barrier = threading.Barrier(12)

    def public(number):
        try:
            barrier.wait()
            services.registration_create(
                event=event, name=f"Gast{number}", email=f"gast{number}@example.org"
            )
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    def office(registration):
        try:
            barrier.wait()
            services.registration_update(
                registration=registration,
                status=Status.CONFIRMED,
                name=registration.name,
                email=registration.email,
                adults=3,
            )
        except services.NotEnoughPlaces:
            pass
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=public, args=(n,)) for n in range(8)]
    threads += [threading.Thread(target=office, args=(r,)) for r in staff]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    holding = Registration.objects.filter(event=event).holding_places(timezone.now())
    taken = sum(registration.places for registration in holding)
    assert taken <= 10
    assert services.free_places(event) == 10 - taken
