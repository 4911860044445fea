import json
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.formats import date_format
from icalendar import Calendar
from wagtail.documents import get_document_model
from wagtail.models import Collection

from dorfbrunnen.centres.tests.factories import centre
from dorfbrunnen.events.models import EventPage, RecurrenceException

from .factories import event

BERLIN = ZoneInfo("Europe/Berlin")


def titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text() for a in soup.select("#upcoming-heading ~ .card-list .card__title a")]


def next_weekday(weekday, hour):
    """The next such weekday (0 = Monday) at `hour`, Berlin time, at least a day ahead."""
    day = timezone.localdate() + timedelta(days=1)
    day += timedelta(days=(weekday - day.weekday()) % 7)
    return datetime(day.year, day.month, day.day, hour, tzinfo=BERLIN)


def toddler_group(weeks=5, **fields):
    """A weekly group on Tuesdays, `weeks` + 1 dates in all."""
    start = next_weekday(1, 9)
    fields.setdefault("location", "Familientreff, Bachstraße 1")
    return event(
        "krabbelgruppe",
        start=start,
        recurrence="weekly",
        recurrence_until=(start + timedelta(weeks=weeks)).date(),
        target_groups=["familien"],
        **fields,
    )


@pytest.fixture
def programme(db):
    """A centre's weekly group for families, an online workshop for professionals and a
    meeting for volunteers elsewhere."""
    bach = centre("Familienzentrum Am Bach", "44135", town="Dortmund")
    return {
        "centre": bach,
        "toddlers": toddler_group(centre=bach, parent=bach, organiser_centre=bach),
        "workshop": event(
            "workshop-online",
            title="Online-Workshop: Ehrenamt stärken",
            days=20,
            target_groups=["fachkraefte"],
        ),
        "meeting": event(
            "netzwerktreffen",
            title="Netzwerktreffen Ehrenamt",
            days=25,
            location="Rathaus, Markt 1",
            target_groups=["ehrenamtliche"],
        ),
    }


def test_weekly_event_expands_with_exceptions_and_keeps_wall_time_across_dst(db):
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


def test_monthly_event_keeps_its_weekday_in_the_month(db):
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


def test_calendar_shows_a_repeating_event_once_with_its_rule_and_next_date(client, programme):
    event("rueckblick", start=timezone.now() - timedelta(days=40))
    response = client.get("/veranstaltungen/")
    found = titles(response)
    # Six Tuesdays to come, but the group is listed once, not six times over the page.
    assert found.count("Krabbelgruppe") == 1
    assert "Online-Workshop: Ehrenamt stärken" in found
    assert "Rueckblick" not in found
    soup = BeautifulSoup(response.content, "html.parser")
    card = next(c for c in soup.select(".event-card") if "Krabbelgruppe" in c.select_one("h3").text)
    meta = " ".join(card.select_one(".card__meta").get_text().split())
    first = timezone.localtime(programme["toddlers"].start)
    assert meta.startswith(f"Jeden Dienstag, nächster Termin: Dienstag, {first.day}. ")


def test_the_rule_names_the_weekday_and_its_week_in_the_month(db):
    tuesday = next_weekday(1, 9)
    weekly = event("a", start=tuesday, recurrence="weekly", recurrence_until=tuesday.date())
    assert weekly.recurrence_text == "jeden Dienstag"
    weekly.recurrence = "biweekly"
    assert weekly.recurrence_text == "jeden zweiten Dienstag"
    weekly.recurrence = "monthly"
    week = (tuesday.day - 1) // 7 + 1
    ordinal = ["ersten", "zweiten", "dritten", "vierten", "fünften"][week - 1]
    assert weekly.recurrence_text == f"jeden {ordinal} Dienstag im Monat"


def test_a_free_address_gives_the_event_its_postcode(db):
    meeting = event("treffen", location="Bürgerhaus, Markt 2, 48143 Münster")
    assert meeting.postcode == "48143"
    assert EventPage.objects.get(pk=meeting.pk).position is not None
    nothing = event("irgendwo", location="Im Park hinter der Kirche")
    assert nothing.postcode == ""
    assert nothing.position is None


@pytest.fixture
def places(db):
    """Events in Dortmund (at a centre), in Münster (free address with postcode), one
    online and one hybrid in Essen."""
    dortmund = centre("Familienzentrum Dorstfeld", "44149", town="Dortmund")
    return {
        "dortmund": event("dortmund", title="Elterncafé Dortmund", centre=dortmund, days=3),
        "muenster": event(
            "muenster", title="Spielenachmittag Münster", location="Markt 2, 48143 Münster"
        ),
        "online": event("online", title="Online-Elternabend", days=5),
        "hybrid": event(
            "hybrid",
            title="Fachgespräch Essen",
            location="Rathaus, 45127 Essen",
            event_format=EventPage.Format.HYBRID,
            online_platform="Zoom",
        ),
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"ort": "44149", "umkreis": "10"}, {"dortmund"}),
        ({"ort": "Dortmund", "umkreis": "100"}, {"dortmund", "hybrid", "muenster"}),
        ({"ort": "Dortmund", "umkreis": "50"}, {"dortmund", "hybrid"}),
        ({"ort": "48143"}, {"muenster"}),  # 25 km, as the finder
        ({"ort": "44149", "umkreis": "online"}, {"online", "hybrid"}),
        ({"umkreis": "online"}, {"online", "hybrid"}),
        ({}, {"dortmund", "muenster", "online", "hybrid"}),
    ],
    ids=[
        "centre-10km",
        "town-100km",
        "town-50km",
        "postcode-default",
        "online-with-place",
        "online",
        "all",
    ],
)
def test_place_filter(client, places, params, expected):
    found = set(titles(client.get("/veranstaltungen/", params)))
    assert found == {places[key].title for key in expected}


def test_place_filter_shows_the_radius_used_and_explains_bad_places(client, places):
    soup = BeautifulSoup(client.get("/veranstaltungen/", {"ort": "48143"}).content, "html.parser")
    assert soup.select_one("#filter-umkreis option[selected]")["value"] == "25"
    assert "25 km um 48143 Münster" in soup.select_one("#upcoming-heading").text
    response = client.get("/veranstaltungen/", {"ort": "Atlantis"})
    assert response.status_code == 400
    alert = BeautifulSoup(response.content, "html.parser").select_one('[role="alert"]')
    assert "Atlantis" in alert.text
    assert client.get("/veranstaltungen/", {"ort": "44149", "umkreis": "7"}).status_code == 400
    options = BeautifulSoup(
        client.get("/veranstaltungen/", {"ort": "Münster", "format": "in_person"}).content,
        "html.parser",
    ).select(".notice a")
    assert len(options) > 1
    assert all("format=in_person" in a["href"] for a in options)


def test_place_filter_stays_within_12_queries_however_many_events(client, places, settings):
    settings.PAGE_CACHE_SECONDS = 0
    near = {"ort": "Dortmund", "umkreis": "100"}

    def queries():
        client.get("/veranstaltungen/", near)
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/veranstaltungen/", near).status_code == 200
        return len(captured)

    essen = centre("Familienzentrum Kastanie", "45127", town="Essen")
    toddler_group(weeks=6, centre=essen)
    before = queries()
    assert before <= 12
    for number in range(6):
        event(f"mehr-{number}", centre=essen, days=number + 1)
        event(f"frei-{number}", location=f"Markt {number}, 48143 Münster", days=number + 2)
    start = next_weekday(3, 15)
    until = (start + timedelta(weeks=8)).date()
    event("sprachcafe", start=start, recurrence="weekly", recurrence_until=until, centre=essen)
    assert queries() == before


@pytest.mark.parametrize(
    ("params", "expected", "absent"),
    [
        (lambda p: {"format": "online"}, "workshop", "toddlers"),
        (lambda p: {"zentrum": p["centre"].slug}, "toddlers", "workshop"),
        (lambda p: {"zielgruppe": "familien"}, "toddlers", "meeting"),
        (lambda p: {"zielgruppe": "ehrenamtliche"}, "meeting", "toddlers"),
    ],
    ids=["format", "zentrum", "zielgruppe-familien", "zielgruppe-ehrenamtliche"],
)
def test_calendar_filters(client, programme, params, expected, absent):
    found = titles(client.get("/veranstaltungen/", params(programme)))
    assert programme[expected].title in found
    assert programme[absent].title not in found


def test_month_filter(client, db):
    soon = event("bald", days=3)
    later = event("spaeter", days=45)  # more than a month later: another month
    month = timezone.localtime(soon.start).strftime("%Y-%m")
    found = titles(client.get("/veranstaltungen/", {"monat": month}))
    assert "Bald" in found
    assert "Spaeter" not in found
    later_month = timezone.localtime(later.start).strftime("%Y-%m")
    assert titles(client.get("/veranstaltungen/", {"monat": later_month})) == ["Spaeter"]
    next_year = f"{int(month[:4]) + 1}{month[4:]}"
    assert "Bald" not in titles(client.get("/veranstaltungen/", {"monat": next_year}))


def test_a_filtered_calendar_says_how_many_dates_it_found_and_leaves_the_past_out(client, db):
    """A visitor who chose a month sees what she asked for: how many dates, in which month,
    and not last year's events below them."""
    soon = event("bald", days=3, title="Bald")
    event("vorbei", days=-30, title="Vorbei")
    everything = BeautifulSoup(client.get("/veranstaltungen/").content, "html.parser")
    assert everything.select_one(".results-count") is None
    assert "Vorbei" in everything.select_one("#archive-heading").parent.get_text()
    start = timezone.localtime(soon.start)
    filtered = BeautifulSoup(
        client.get("/veranstaltungen/", {"monat": start.strftime("%Y-%m")}).content,
        "html.parser",
    )
    month = date_format(start, "F Y")
    assert filtered.select_one(".results-count").get_text() == f"Ein Termin im {month}"
    assert filtered.select_one("#archive-heading") is None
    heading = filtered.select_one("#upcoming-heading")
    assert heading.has_attr("data-results")  # the focus goes there
    assert heading["aria-describedby"] == "upcoming-count"  # and hears the count
    # A question back (which Münster?) is no answer: no count, nothing to focus.
    asked = BeautifulSoup(
        client.get("/veranstaltungen/", {"ort": "Münster"}).content, "html.parser"
    )
    assert asked.select_one("#place-question") is not None
    assert asked.select_one(".results-count") is None
    assert not asked.select_one("#upcoming-heading").has_attr("data-results")


@pytest.mark.parametrize(
    "params",
    [
        {"monat": "13-2026"},
        {"monat": "2026-13"},
        {"monat": "9999-12"},
        {"format": "zirkus"},
        {"umkreis": "²"},
    ],
)
def test_bad_filters_answer_400_in_german(client, db, params):
    response = client.get("/veranstaltungen/", params)
    assert response.status_code == 400
    assert BeautifulSoup(response.content, "html.parser").select_one('[role="alert"]')


def test_bad_page_numbers_are_404(client, db):
    assert client.get("/veranstaltungen/", {"seite": "99"}).status_code == 404
    assert client.get("/veranstaltungen/", {"archiv": "x"}).status_code == 404


def parse(response) -> Calendar:
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_ical_feed_has_stable_uids_berlin_time_rules_and_no_meeting_link(client, programme):
    workshop = programme["workshop"]
    first = parse(client.get("/veranstaltungen/kalender.ics"))
    second = parse(client.get("/veranstaltungen/kalender.ics"))
    uids = [str(e["uid"]) for e in first.walk("VEVENT")]
    assert uids == [str(e["uid"]) for e in second.walk("VEVENT")]
    assert sorted(uids) == sorted(
        f"event-{programme[key].pk}@testserver" for key in ("toddlers", "workshop", "meeting")
    )
    assert any(tz["tzid"] == "Europe/Berlin" for tz in first.walk("VTIMEZONE"))
    toddlers = next(e for e in first.walk("VEVENT") if str(e["summary"]) == "Krabbelgruppe")
    assert toddlers["rrule"]["FREQ"] == ["WEEKLY"]
    assert toddlers["dtstart"].dt.tzinfo.key == "Europe/Berlin"
    # The series' end in UTC beside a DTSTART with a time zone (RFC 5545), a minute after
    # the last date's start.
    [until] = toddlers["rrule"]["UNTIL"]
    last_start = datetime.combine(
        programme["toddlers"].recurrence_until,
        timezone.localtime(programme["toddlers"].start).time(),
    ).replace(tzinfo=BERLIN)
    assert until.utcoffset() == timedelta(0) and until == last_start + timedelta(minutes=1)
    raw = client.get("/veranstaltungen/kalender.ics").content.decode()
    assert re.search(r"RRULE:[^\r\n]*UNTIL=\d{8}T\d{6}Z", raw)
    assert workshop.meeting_url
    assert workshop.meeting_url.encode() not in client.get("/veranstaltungen/kalender.ics").content


def test_per_event_ics(client, db):
    page = event("workshop-online")
    calendar = parse(client.get(page.url + "termin.ics"))
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["uid"]) == f"event-{page.pk}@testserver"
    assert vevent["dtstart"].dt == timezone.localtime(page.start)
    assert page.meeting_url
    assert page.meeting_url.encode() not in vevent.to_ical()
    assert client.get("/veranstaltungen/gibts-nicht/termin.ics").status_code == 404


def test_the_calendar_file_of_a_restricted_event_is_as_closed_as_its_page(client, member, db):
    from wagtail.models import BaseViewRestriction, PageViewRestriction

    from dorfbrunnen.core.roles import MEMBERS, role_group

    closed = event("vorstandsklausur", title="Klausur des Vorstands")
    by_login = PageViewRestriction.objects.create(
        page=closed, restriction_type=BaseViewRestriction.GROUPS
    )
    by_login.groups.set([role_group(MEMBERS)])
    secret = event("passwort-treffen", title="Treffen mit Passwort")
    PageViewRestriction.objects.create(
        page=secret, restriction_type=BaseViewRestriction.PASSWORD, password="geheim"
    )
    for page in (closed, secret):
        answer = client.get(page.url + "termin.ics")
        assert answer.status_code == 404 and page.title.encode() not in answer.content
    client.force_login(member)  # a member gets the one she may see
    assert b"Klausur des Vorstands" in client.get(closed.url + "termin.ics").content


def test_an_event_in_thirteen_months_is_not_over_and_takes_registrations(client, db):
    from .factories import register, registration_event

    far = registration_event("fachtag-in-13-monaten", capacity=50, days=400)
    page = client.get(far.url).content.decode()
    assert "bereits stattgefunden" not in page
    assert far.url + "anmelden/" in page
    assert register(far).can_be_cancelled


def test_event_json_ld(client, db):
    january = datetime(timezone.localdate().year + 1, 1, 14, 18, tzinfo=BERLIN)  # winter time
    page = event("workshop-online", start=january)
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "Event"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"]["@type"] == "VirtualLocation"
    assert data["location"]["url"].endswith(page.url)
    assert data["isAccessibleForFree"] is True
    assert data["startDate"] == january.isoformat()
    assert data["startDate"].endswith("+01:00")
    assert page.meeting_url not in str(data)


def document(title):
    document = get_document_model()(title=title, collection=Collection.get_first_root_node())
    document.file.save("dokumentation.pdf", ContentFile(b"%PDF-1.4 Dokumentation"), save=False)
    document.save()
    return document


def test_documentation_appears_after_the_event(client, db):
    page = event(
        "fachtag",
        start=timezone.now() - timedelta(days=30),
        documentation=[
            ("document", document("Dokumentation des Fachtags")),
            (
                "recording",
                {"title": "Aufzeichnung des Fachtags", "url": "https://video.example.org/x"},
            ),
        ],
    )
    text = client.get(page.url).text
    assert "Dokumentation des Fachtags" in text
    assert "Aufzeichnung des Fachtags" in text
    page.start = timezone.now() + timedelta(days=3)
    page.end = page.start + timedelta(hours=2)
    page.save_revision().publish()
    text = client.get(page.url).text
    assert "Aufzeichnung des Fachtags" not in text
    assert "Dokumentation des Fachtags" not in text


def test_target_groups_are_shown(client, db):
    bach = centre("Familienzentrum Am Bach", "44135", town="Dortmund")
    page = toddler_group(centre=bach, parent=bach)
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    facts = {
        item.dt.get_text(strip=True): item.dd.get_text(strip=True)
        for item in soup.select(".facts > div")
    }
    assert facts["Für wen"] == "Familien"


def test_centre_page_lists_its_upcoming_events(client, programme):
    bach = programme["centre"]
    event("treffen-im-zentrum", days=8, centre=bach)  # held there, listed in the calendar
    event("sommerfest", days=30, location="Park", organiser_centre=bach)
    event("vorbei", start=timezone.now() - timedelta(days=10), centre=bach)
    elsewhere = centre("Mehrgenerationenhaus Am Hang", "59269", town="Beckum")
    event("woanders", days=5, centre=elsewhere)
    soup = BeautifulSoup(client.get(bach.url).content, "html.parser")
    listed = [a.get_text() for a in soup.select("#events-heading ~ .card-list .card__title a")]
    assert sorted(listed) == ["Krabbelgruppe", "Sommerfest", "Treffen Im Zentrum"]


def test_events_at_the_same_moment_are_ordered_by_title(client, db):
    start = (timezone.now() + timedelta(days=4)).replace(minute=0, second=0, microsecond=0)
    event("zumba", title="Zumba für Eltern", start=start)
    event("basteln", title="Basteln mit Kindern", start=start)
    event("frueher", title="Yoga", start=start - timedelta(hours=1))
    assert titles(client.get("/veranstaltungen/")) == [
        "Yoga",
        "Basteln mit Kindern",
        "Zumba für Eltern",
    ]


def test_a_kept_card_shows_the_published_change(client, db, settings):
    """Cards are kept per content version: a publish shows the new title at once."""
    settings.PAGE_CACHE_SECONDS = 0
    page = event("lesung", title="Lesung am Abend")
    assert titles(client.get("/veranstaltungen/")) == ["Lesung am Abend"]
    page.title = "Lesung mit Musik"
    page.save_revision().publish()
    assert titles(client.get("/veranstaltungen/")) == ["Lesung mit Musik"]


def test_pages_of_the_calendar_follow_each_other_with_series_and_ties_between_them(client, db):
    """The database pages the one-off events; the series are merged in by their next date.
    Page 2 goes on where page 1 ended – also where a series and one-off events share the
    moment the page ends at – and titles at one moment are ordered letter by letter, as
    Python orders the series' ones (capitals first)."""
    group = toddler_group(weeks=8, title="Krabbelgruppe")
    first = timezone.localtime(group.start)
    expected = []
    for number in range(24):  # 19 before the group's moment, 5 after it
        start = first + timedelta(minutes=number - 19 + (4 if number >= 19 else 0))
        title = f"Termin {number:02d}"
        event(f"termin-{number}", title=title, start=start)
        expected.append((start, title))
    # At the group's own moment, which falls on the end of page 1 (entries 20 to 23).
    event("abc", title="Abendkreis", start=first)
    event("zeitung", title="Zeitungscafé", start=first)
    event("klein", title="abendkreis für Kleine", start=first)
    expected = [title for _start, title in sorted(expected)]
    expected[19:19] = ["Abendkreis", "Krabbelgruppe", "Zeitungscafé", "abendkreis für Kleine"]

    page_one = client.get("/veranstaltungen/")
    page_two = client.get("/veranstaltungen/?seite=2")
    assert titles(page_one) == expected[:20]
    assert titles(page_two) == expected[20:]
    assert len(expected) == 28
    assert client.get("/veranstaltungen/?seite=3").status_code == 404


def test_a_card_stays_kept_while_other_events_are_published_and_follows_its_centre(
    client, db, settings
):
    """Each card is kept under its event's and its centre's stamps: publishing another
    event loads no card again; renaming the card's centre shows at once."""
    settings.PAGE_CACHE_SECONDS = 0
    bach = centre("Familienzentrum Am Bach", "44135", town="Dortmund")
    event("lesung", title="Lesung am Abend", centre=bach, days=3)
    assert titles(client.get("/veranstaltungen/")) == ["Lesung am Abend"]
    event("sommerfest", title="Sommerfest", days=5)  # a publish elsewhere
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/veranstaltungen/")
    assert titles(response) == ["Lesung am Abend", "Sommerfest"]
    # Only the new event's card is read: the kept one needs no event loaded.
    loaded = [q["sql"] for q in queries if '"events_eventpage"."subtitle"' in q["sql"]]
    new = EventPage.objects.get(slug="sommerfest").pk
    assert len(loaded) == 1 and f"IN ({new})" in loaded[0]
    bach.title = "Familienzentrum Am Bachufer"
    bach.save_revision().publish()
    soup = BeautifulSoup(client.get("/veranstaltungen/").content, "html.parser")
    card = next(c for c in soup.select(".event-card") if "Lesung am Abend" in c.text)
    assert "Familienzentrum Am Bachufer" in card.text


def test_a_series_date_called_off_moves_the_next_date_at_once(client, db, settings):
    """A series' dates are kept under its own revision: another page's publish leaves them
    kept, its own publish of a cancelled date shows the date after it at once."""
    settings.PAGE_CACHE_SECONDS = 0
    group = toddler_group(weeks=4)
    first = timezone.localtime(group.start)

    def next_date():
        soup = BeautifulSoup(client.get("/veranstaltungen/").content, "html.parser")
        card = next(c for c in soup.select(".event-card") if "Krabbelgruppe" in c.text)
        return card.select_one("time")["datetime"]

    assert next_date().startswith(first.date().isoformat())
    event("sommerfest", title="Sommerfest", days=30)  # a publish elsewhere
    with CaptureQueriesContext(connection) as queries:
        assert next_date().startswith(first.date().isoformat())
    assert not [q for q in queries if "events_recurrenceexception" in q["sql"]]
    group = EventPage.objects.get(pk=group.pk)
    group.recurrence_exceptions = [RecurrenceException(date=first.date())]
    group.save_revision().publish()
    assert next_date().startswith((first + timedelta(weeks=1)).date().isoformat())
