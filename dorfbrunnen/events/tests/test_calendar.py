import json
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from icalendar import Calendar

from dorfbrunnen.events.models import EventPage, RecurrenceException, TargetGroup

from .factories import event

BERLIN = ZoneInfo("Europe/Berlin")


def titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text() for a in soup.select("#upcoming-heading ~ .card-list .card__title a")]


def test_weekly_event_expands_with_exceptions_and_keeps_wall_time_across_dst(demo):
    start = datetime(2026, 3, 17, 9, tzinfo=BERLIN)  # a Tuesday in winter time
    page = event(
        "krabbeln",
        start=start,
        recurrence="weekly",
        recurrence_until=date(2026, 4, 14),
        event_format=EventPage.Format.IN_PERSON,
        location="Treff",
    )
    page.recurrence_exceptions = [RecurrenceException(date=date(2026, 3, 31))]
    page.save_revision().publish()
    page = EventPage.objects.get(pk=page.pk)
    dates = page.occurrences(
        datetime(2026, 1, 1, tzinfo=BERLIN), datetime(2027, 1, 1, tzinfo=BERLIN)
    )
    assert [o.start.date() for o in dates] == [
        date(2026, 3, 17),
        date(2026, 3, 24),
        date(2026, 4, 7),
        date(2026, 4, 14),
    ]
    assert {timezone.localtime(o.start).hour for o in dates} == {9}  # 9:00 before and after DST
    assert {o.end - o.start for o in dates} == {timedelta(hours=2)}


def test_monthly_event_keeps_its_weekday_in_the_month(demo):
    start = datetime(2026, 12, 1, 15, tzinfo=BERLIN)  # first Tuesday of December
    page = event(
        "erzaehlcafe",
        start=start,
        recurrence="monthly",
        recurrence_until=date(2027, 3, 31),
        event_format=EventPage.Format.IN_PERSON,
        location="Café",
    )
    dates = [
        o.start.date()
        for o in page.occurrences(start - timedelta(days=1), start + timedelta(days=200))
    ]
    assert dates == [date(2026, 12, 1), date(2027, 1, 5), date(2027, 2, 2), date(2027, 3, 2)]


def test_calendar_lists_every_date_of_a_repeating_event(client, demo):
    response = client.get("/veranstaltungen/")
    found = titles(response)
    assert found.count("Krabbelgruppe") >= 5
    assert "Online-Workshop: Ehrenamtliche gewinnen und halten" in found
    assert "Fachtag Familie 2023" not in found


@pytest.mark.parametrize(
    ("params", "expected", "absent"),
    [
        (
            {"format": "online"},
            "Online-Workshop: Ehrenamtliche gewinnen und halten",
            "Krabbelgruppe",
        ),
        (
            {"zentrum": "muetterzentrum-dortmund-ev-mehrgenerationenhaus"},
            "Krabbelgruppe",
            "Online-Workshop: Ehrenamtliche gewinnen und halten",
        ),
        ({"zielgruppe": "familien"}, "Krabbelgruppe", "Netzwerktreffen Ehrenamt"),
    ],
)
def test_calendar_filters(client, demo, params, expected, absent):
    found = titles(client.get("/veranstaltungen/", params))
    assert expected in found
    assert absent not in found


def test_month_filter(client, demo):
    workshop = EventPage.objects.get(slug="workshop-ehrenamt-online")
    month = timezone.localtime(workshop.start).strftime("%Y-%m")
    found = titles(client.get("/veranstaltungen/", {"monat": month}))
    assert "Online-Workshop: Ehrenamtliche gewinnen und halten" in found
    next_year = f"{int(month[:4]) + 1}{month[4:]}"
    assert "Online-Workshop: Ehrenamtliche gewinnen und halten" not in titles(
        client.get("/veranstaltungen/", {"monat": next_year})
    )


@pytest.mark.parametrize(
    "params", [{"monat": "13-2026"}, {"monat": "2026-13"}, {"format": "zirkus"}]
)
def test_bad_filters_answer_400_in_german(client, demo, params):
    response = client.get("/veranstaltungen/", params)
    assert response.status_code == 400
    assert BeautifulSoup(response.content, "html.parser").select_one('[role="alert"]')


def test_bad_page_numbers_are_404(client, demo):
    assert client.get("/veranstaltungen/", {"seite": "99"}).status_code == 404
    assert client.get("/veranstaltungen/", {"archiv": "x"}).status_code == 404


def parse(response) -> Calendar:
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_ical_feed_has_stable_uids_berlin_time_rules_and_no_meeting_link(client, demo):
    first = parse(client.get("/veranstaltungen/kalender.ics"))
    second = parse(client.get("/veranstaltungen/kalender.ics"))
    uids = [str(e["uid"]) for e in first.walk("VEVENT")]
    assert uids == [str(e["uid"]) for e in second.walk("VEVENT")]
    assert len(set(uids)) == len(uids)
    assert any(tz["tzid"] == "Europe/Berlin" for tz in first.walk("VTIMEZONE"))
    toddlers = next(e for e in first.walk("VEVENT") if str(e["summary"]) == "Krabbelgruppe")
    assert toddlers["rrule"]["FREQ"] == ["WEEKLY"]
    assert toddlers["dtstart"].dt.tzinfo.key == "Europe/Berlin"
    assert b"zoom.example" not in client.get("/veranstaltungen/kalender.ics").content


def test_per_event_ics(client, demo):
    page = EventPage.objects.get(slug="workshop-ehrenamt-online")
    calendar = parse(client.get(page.url + "termin.ics"))
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["uid"]) == f"event-{page.pk}@testserver"
    assert vevent["dtstart"].dt == timezone.localtime(page.start)
    assert b"zoom.example" not in vevent.to_ical()
    assert client.get("/veranstaltungen/gibts-nicht/termin.ics").status_code == 404


def test_event_json_ld(client, demo):
    page = EventPage.objects.get(slug="workshop-ehrenamt-online")
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "Event"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"]["@type"] == "VirtualLocation"
    assert data["location"]["url"].endswith(page.url)
    assert data["isAccessibleForFree"] is True
    assert data["startDate"].endswith("+01:00")


def test_documentation_appears_after_the_event(client, demo):
    text = client.get("/veranstaltungen/fachtag-familie-2023/").text
    assert "Dokumentation Fachtag Familie 2023" in text
    assert "Aufzeichnung des Fachtags" in text
    page = EventPage.objects.get(slug="fachtag-familie-2023")
    page.start = timezone.now() + timedelta(days=3)
    page.end = page.start + timedelta(hours=2)
    page.save_revision().publish()
    assert "Aufzeichnung des Fachtags" not in client.get(page.url).text


def test_target_groups_are_shown(client, demo):
    TargetGroup.objects.get(slug="familien")
    assert (
        "Familien"
        in client.get(
            "/zentren/muetterzentrum-dortmund-ev-mehrgenerationenhaus/krabbelgruppe/"
        ).text
    )


def test_centre_page_lists_its_upcoming_events(client, demo):
    text = client.get("/zentren/muetterzentrum-dortmund-ev-mehrgenerationenhaus/").text
    assert "Krabbelgruppe" in text
    assert "Netzwerktreffen Ehrenamt" in text
