"""Capacity under load: many simultaneous registrations on PostgreSQL (SQLite serialises
all writers and would hide a race)."""

import threading

import pytest
from django.conf import settings
from django.db import connection

from dorfbrunnen.events import services
from dorfbrunnen.events.models import Registration

from .factories import registration_event

THREADS = 40
CAPACITY = 10


@pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="needs PostgreSQL: SQLite cannot run writers in parallel",
)
def test_simultaneous_registrations_never_overbook(committed_db):
    # Committed (committed_db): the threads' own connections must see the event and each
    # other's registrations.
    event = registration_event("ansturm", capacity=CAPACITY)
    barrier = threading.Barrier(THREADS)
    errors = []

    def register(number):
        try:
            barrier.wait()
            services.registration_create(
                event=event, name=f"Person {number}", email=f"p{number}@example.org"
            )
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()  # each thread has its own connection

    threads = [threading.Thread(target=register, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    statuses = list(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses.count(Registration.Status.PENDING) == CAPACITY
    assert statuses.count(Registration.Status.WAITING) == THREADS - CAPACITY
    assert services.free_places(event) == 0
