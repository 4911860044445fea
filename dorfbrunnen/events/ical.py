"""iCalendar for events: stable UIDs, Berlin time zone, SEQUENCE for changes, METHOD:CANCEL.

The meeting link never goes into a public calendar: `meeting_url` is given only for a
participant's own entry, from `Registration.meeting_url` (which decides who may see it).
"""

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vRecur

PRODID = "-//dorfbrunnen//Veranstaltungen//DE"


def event_uid(event) -> str:
    """The same in every language: a translation carries its German source's number
    (`source_page_id` from `core.i18n.each_once`, `source_event` from the mails)."""
    host = settings.WAGTAILADMIN_BASE_URL.split("://")[-1].split("/")[0].split(":")[0]
    source = getattr(event, "source_event", None)
    pk = source.pk if source else (getattr(event, "source_page_id", None) or event.pk)
    return f"event-{pk}@{host}"


def _vevent(event, request=None, *, meeting_url="", cancelled=False, tentative=False) -> Event:
    vevent = Event()
    vevent.add("uid", event_uid(event))
    vevent.add("summary", event.title)
    vevent.add("dtstamp", timezone.now())
    vevent.add("dtstart", timezone.localtime(event.start))
    vevent.add("dtend", timezone.localtime(event.end))
    vevent.add("sequence", getattr(event, "source_event", event).sequence)
    url = (
        event.get_full_url(request)
        if request is None
        else request.build_absolute_uri(event.get_url(request))
    )
    if url:
        vevent.add("url", url)
    description = event.subtitle or event.intro
    if meeting_url:
        description = f"{description}\n\n{_('Zugang:')} {meeting_url}".strip()
    if description:
        vevent.add("description", description)
    place = event.place_text
    if event.is_online:
        online = event.online_platform or _("Online")
        place = f"{place} / {online}" if place else online
    if place:
        vevent.add("location", place)
    if event.recurrence:
        local_start = timezone.localtime(event.start)
        rule = {"freq": "WEEKLY"}
        if event.recurrence == event.Recurrence.BIWEEKLY:
            rule["interval"] = 2
        elif event.recurrence == event.Recurrence.MONTHLY:
            nth = (local_start.day - 1) // 7 + 1
            day = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][local_start.weekday()]
            rule = {"freq": "MONTHLY", "byday": f"{nth}{day}"}
        until = timezone.make_aware(
            datetime.combine(event.recurrence_until, local_start.time())
        ) + timedelta(minutes=1)
        # In UTC: RFC 5545 wants it so beside a DTSTART with a time zone (a floating UNTIL
        # lets some calendars end the series an hour early or late).
        rule["until"] = until.astimezone(UTC)
        vevent.add("rrule", vRecur(rule))
        for exception in event.recurrence_exceptions.all():
            vevent.add(
                "exdate",
                timezone.make_aware(datetime.combine(exception.date, local_start.time())),
            )
    if cancelled or event.cancelled:
        status = "CANCELLED"
    else:
        status = "TENTATIVE" if tentative else "CONFIRMED"
    vevent.add("status", status)
    return vevent


def calendar_bytes(events, request=None, *, meeting_url="", method=None, tentative=False) -> bytes:
    """The events as a calendar file; `tentative`: a place not yet had (the waiting list)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Veranstaltungen"))
    calendar.add("x-wr-timezone", "Europe/Berlin")
    if method:
        calendar.add("method", method)
    for event in events:
        calendar.add_component(
            _vevent(
                event,
                request,
                meeting_url=meeting_url,
                cancelled=method == "CANCEL",
                tentative=tentative,
            )
        )
    calendar.add_missing_timezones()
    return calendar.to_ical()
