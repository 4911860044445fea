from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.utils import timezone

from dorfbrunnen.events.models import EventPage

from .factories import event

BERLIN = ZoneInfo("Europe/Berlin")


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


def card_titles(soup, selector):
    return [a.get_text() for a in soup.select(f"{selector} .card__title a")]


def test_calendar_shows_upcoming_soonest_first_and_past_events_in_the_archive(client, db):
    event("spaeter", days=60)
    event("bald", days=1)
    event("in-zwei-wochen", days=14)
    event("rueckblick", start=timezone.now() - timedelta(days=200))
    soup = BeautifulSoup(client.get("/veranstaltungen/").content, "html.parser")
    assert card_titles(soup, "#upcoming-heading ~ .card-list") == [
        "Bald",
        "In Zwei Wochen",
        "Spaeter",
    ]
    assert card_titles(soup, ".card-list--past") == ["Rueckblick"]


def test_running_event_still_counts_as_upcoming(db):
    running = event("laeuft", start=timezone.now() - timedelta(hours=1), hours=3)
    assert running in EventPage.objects.upcoming()
    assert not running.is_past


def test_past_event_page_shows_date_time_format_and_that_it_is_free_and_past(client, db):
    page = event("fachtag", start=datetime(2023, 5, 15, 10, tzinfo=BERLIN), hours=2)
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    facts = " ".join(soup.select_one(".facts").get_text(" ").split())
    assert "Montag, 15. Mai 2023, 10:00 – 12:00 Uhr" in facts
    assert "Online (Zoom)" in facts
    assert "Die Teilnahme ist kostenfrei." in facts
    assert "Diese Veranstaltung hat bereits stattgefunden." in soup.get_text()


def test_archive_is_paginated_and_bad_page_numbers_are_404(client, db):
    for number in range(12):
        event(f"alt-{number}", start=timezone.now() - timedelta(days=30 + number))
    first = BeautifulSoup(client.get("/veranstaltungen/").content, "html.parser")
    assert card_titles(first, ".card-list--past") == [f"Alt {n}" for n in range(10)]
    second = BeautifulSoup(client.get("/veranstaltungen/?archiv=2").content, "html.parser")
    assert card_titles(second, ".card-list--past") == ["Alt 10", "Alt 11"]
    assert client.get("/veranstaltungen/?archiv=99").status_code == 404


def test_the_archive_is_kept_until_an_event_ends_and_then_shows_it(
    client, db, settings, monkeypatch
):
    """The archive's first page is read once, not on every view of the calendar; an event
    that is over moves into it when it ends, without anybody publishing."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_SECONDS = 0
    now = timezone.now()
    event("rueckblick", start=now - timedelta(days=10))
    event("gleich-vorbei", start=now - timedelta(hours=1), hours=2)
    first = BeautifulSoup(client.get("/veranstaltungen/").content, "html.parser")
    assert card_titles(first, ".card-list--past") == ["Rueckblick"]
    assert "Gleich Vorbei" in card_titles(first, "#upcoming-heading ~ .card-list")
    with CaptureQueriesContext(connection) as queries:
        client.get("/veranstaltungen/")
    past_reads = [q["sql"] for q in queries if '"events_eventpage"."end" <' in q["sql"]]
    assert past_reads == []

    monkeypatch.setattr(timezone, "now", lambda: now + timedelta(hours=2))
    later = BeautifulSoup(client.get("/veranstaltungen/").content, "html.parser")
    assert card_titles(later, ".card-list--past") == ["Gleich Vorbei", "Rueckblick"]
    assert "Gleich Vorbei" not in card_titles(later, "#upcoming-heading ~ .card-list")


def test_an_event_ending_at_this_very_moment_moves_into_the_archive_right_after(db):
    """`past` means the end has passed: at the end itself the event is not in the archive,
    a moment later it is – and asking at that exact moment returns at once."""
    from dorfbrunnen.events import selectors

    now = timezone.now()
    ending = event("genau-jetzt", start=now - timedelta(hours=2), hours=2)
    end = EventPage.objects.get(pk=ending.pk).end
    assert [pk for pk, _start in selectors.archive(10, end).rows] == []
    later = selectors.archive(10, end + timedelta(microseconds=1))
    assert [pk for pk, _start in later.rows] == [ending.pk] and len(later) == 1
