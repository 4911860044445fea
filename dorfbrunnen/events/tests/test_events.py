from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.utils import timezone

from dorfbrunnen.events.models import EventPage

from .factories import event


def test_end_before_start_is_refused_with_a_german_message(db):
    start = timezone.now()
    page = EventPage(title="x", slug="x", start=start, end=start - timedelta(hours=1))
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "Das Ende muss nach dem Beginn liegen." in error.value.message_dict["end"]


def test_in_person_event_needs_a_place_and_a_series_needs_an_end(db):
    start = timezone.now()
    page = EventPage(
        title="x",
        slug="x",
        start=start,
        end=start + timedelta(hours=1),
        event_format=EventPage.Format.IN_PERSON,
        recurrence="weekly",
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert (
        "Bitte einen Ort angeben oder ein Zentrum wählen." in error.value.message_dict["location"]
    )
    assert "Bitte angeben, bis wann" in error.value.message_dict["recurrence_until"][0]


def test_calendar_shows_upcoming_soonest_first_and_the_fachtag_in_the_archive(client, demo):
    event("spaeter", days=60)
    event("bald", days=1)
    soup = BeautifulSoup(client.get("/veranstaltungen/").content, "html.parser")
    upcoming = [a.get_text() for a in soup.select("#upcoming-heading ~ .card-list .card__title a")]
    assert upcoming[0] == "Bald"
    assert upcoming.index("Online-Workshop: Ehrenamtliche gewinnen und halten") < upcoming.index(
        "Netzwerktreffen Ehrenamt"
    )
    past = [a.get_text() for a in soup.select(".card-list--past .card__title a")]
    assert past == ["Fachtag Familie 2023"]


def test_running_event_still_counts_as_upcoming(demo):
    running = event("laeuft", start=timezone.now() - timedelta(hours=1), hours=3)
    assert running in EventPage.objects.upcoming()
    assert not running.is_past


def test_fachtag_page_shows_date_time_format_and_that_it_is_free_and_past(client, demo):
    soup = BeautifulSoup(
        client.get("/veranstaltungen/fachtag-familie-2023/").content, "html.parser"
    )
    facts = " ".join(soup.select_one(".facts").get_text(" ").split())
    assert "Montag, 15. Mai 2023, 10:00 – 12:00 Uhr" in facts
    assert "Online (Zoom)" in facts
    assert "Die Teilnahme ist kostenfrei." in facts
    assert "Diese Veranstaltung hat bereits stattgefunden." in soup.get_text()


def test_archive_is_paginated_and_bad_page_numbers_are_404(client, demo):
    for number in range(12):
        event(f"alt-{number}", start=timezone.now() - timedelta(days=30 + number))
    first = BeautifulSoup(client.get("/veranstaltungen/").content, "html.parser")
    assert len(first.select(".card-list--past .card")) == 10
    second = BeautifulSoup(client.get("/veranstaltungen/?archiv=2").content, "html.parser")
    assert len(second.select(".card-list--past .card")) == 3
    assert client.get("/veranstaltungen/?archiv=99").status_code == 404
