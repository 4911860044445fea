"""The event the home page features: always the next one still to come."""

from datetime import timedelta

from django.utils import timezone

from dorfbrunnen.events.selectors import next_public_event

from .factories import event


def test_the_next_one_off_event_never_a_past_or_cancelled_one(db):
    assert next_public_event() is None
    event("fachtag-2023", start=timezone.now() - timedelta(days=400))
    assert next_public_event() is None  # a past Fachtag is never featured
    later = event("spaeter", days=30)
    event("abgesagt", days=2, cancelled=True)
    sooner = event("bald", days=9)
    assert next_public_event().event.pk == sooner.pk
    assert next_public_event(now=sooner.start + timedelta(minutes=1)).event.pk == later.pk
    assert next_public_event(now=later.end) is None


def test_a_repeating_group_only_when_nothing_else_is_planned(db):
    start = (timezone.now() + timedelta(days=1)).replace(minute=0, second=0, microsecond=0)
    group = event(
        "krabbelgruppe",
        start=start,
        recurrence="weekly",
        recurrence_until=(start + timedelta(weeks=8)).date(),
        location="Treff, Bachstraße 1",
    )
    found = next_public_event()
    assert found.event.pk == group.pk and found.start == group.start
    # A week later: the group's next date, not its first.
    found = next_public_event(now=start + timedelta(days=2))
    assert found.start == start + timedelta(weeks=1)
    workshop = event("workshop", days=20)
    assert next_public_event().event.pk == workshop.pk
