"""Reads of events that pages show: a centre's coming events, the home page's next event,
the calendar's dates and its place filter."""

import bisect
import heapq
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from functools import cached_property

from django.db import connections
from django.db.models import F, Q
from django.db.models.functions import Collate
from django.utils import timezone
from django.utils.translation import get_language

from dorfbrunnen.centres import geo
from dorfbrunnen.centres.models import CentrePage
from dorfbrunnen.centres.selectors import within_radius
from dorfbrunnen.core.content_cache import cached, cached_each, stamp
from dorfbrunnen.core.restrictions import hidden_page_ids, public_pages

from .models import EventPage
from .models.pages import Occurrence, RecurrenceException

# „online“ in the calendar's place filter: events one can join from anywhere.
ONLINE = "online"


def listed_events():
    """The events visitors see in the calendar (`public_pages`' rule, through its cached
    hidden ids), as rows of the events' own table: the calendar filters and counts them by
    their dates without joining the page table, whose 20,000 rows the planner would
    otherwise read to keep a month's 600 events (a page's 20 rows take their titles from it,
    by key)."""
    return EventPage.objects.exclude(pk__in=hidden_page_ids(EventPage))


def events_of_centre(centre, *, limit=5):
    """A centre's coming events: held there, organised by it, or in its subtree."""
    return (
        public_pages(EventPage.objects.live())
        .filter(Q(centre=centre) | Q(organiser_centre=centre) | Q(path__startswith=centre.path))
        .upcoming()
        # The cards show each event's centre and next date: no query per card.
        .select_related("centre")
        .prefetch_related("recurrence_exceptions")[:limit]
    )


def calendar_page():
    """The calendar (the events index) in the visitor's language, kept per content version:
    where „Alle Veranstaltungen“ leads, also from an event below a centre's page."""
    from dorfbrunnen.core.i18n import localized

    from .models import EventIndexPage

    return cached(
        f"events:calendar:{get_language()}",
        lambda: localized(EventIndexPage.objects.live().first()),
    )


def next_public_event(now=None) -> Occurrence | None:
    """The event the home page shows: the next one-off public event still to begin, not
    cancelled. A repeating group (every Tuesday) would otherwise always be the next one; it
    is shown only when no one-off event is planned. Never an event that is over."""
    now = now or timezone.now()
    coming = public_pages(EventPage.objects.live()).filter(cancelled=False)
    one_off = (
        coming.filter(recurrence="", start__gte=now)
        .select_related("centre")
        .order_by("start", "pk")
        .first()
    )
    if one_off is not None:
        return Occurrence(one_off, one_off.start, one_off.end)
    series = (
        coming.exclude(recurrence="")
        .filter(recurrence_until__gte=timezone.localdate(now))
        .select_related("centre")
        .prefetch_related("recurrence_exceptions")
    )
    dates = [
        occurrence
        for event in series
        if (occurrence := event.next_occurrence(now)) and occurrence.start >= now
    ]
    return min(dates, key=lambda o: (o.start, o.event.pk), default=None)


# Beyond this many, a list of centres is too long to choose from (and to send with every
# calendar page); the place filter serves instead, and links from a centre's page still
# filter by it.
CENTRE_CHOICES_MAX = 60


def centre_choices() -> list[tuple[str, str]]:
    """(slug, title) of the centres with published events, for the calendar's centre filter
    – empty when there are more than CENTRE_CHOICES_MAX. Kept per content version."""

    def build():
        events = EventPage.objects.live()
        ids = set(events.exclude(centre=None).values_list("centre_id", flat=True).distinct())
        ids |= set(
            events.exclude(organiser_centre=None)
            .values_list("organiser_centre_id", flat=True)
            .distinct()
        )
        if len(ids) > CENTRE_CHOICES_MAX:
            return []
        centres = CentrePage.objects.live().filter(pk__in=ids).order_by("title")
        return list(centres.values_list("slug", "title"))

    return cached("calendar-centres", build)


def card_stamps(ids) -> dict[int, str]:
    """{event id: stamp} for the events' cards: what a publish of the event or of its
    centre (whose name the card shows), or a renamed parent of either, changes – one
    query. An event that no longer exists has none."""
    rows = EventPage.objects.filter(pk__in=list(ids)).values_list(
        "pk", "live_revision_id", "url_path", "centre__live_revision_id", "centre__url_path"
    )
    return {
        pk: stamp(revision, url_path)
        + (f"+{stamp(centre_revision, centre_url_path)}" if centre_url_path else "")
        for pk, revision, url_path, centre_revision, centre_url_path in rows
    }


def near_place(events, place: geo.Place, radius_km: float):
    """Events whose place lies within the radius, all in the database: an event at a centre
    by its centre's point (`within_radius`, the centre finder's box and distance), one at a
    free address by its postcode's point (the postcodes within the radius, from the
    postcode table). Online-only events have no place."""
    at_centres = within_radius(
        EventPage.objects.exclude(centre=None), place, radius_km, "centre__"
    ).values("pk")
    return events.exclude(event_format=EventPage.Format.ONLINE).filter(
        Q(pk__in=at_centres)
        | Q(centre__isnull=True, postcode__in=geo.postcodes_within(place, radius_km))
    )


class CalendarDates(Sequence):
    """The calendar's entries, in order of their date, then title: each event once, at its
    first date in the window. The one-off events are counted and paged by the database
    (sorted by its index on the start, never read in full); the repeating ones, a few per
    month, are merged in by their next date, from their dates kept per series
    (`series_dates`). A page of entries is (event id, start) pairs, whose cards
    `{% event_cards %}` keeps."""

    def __init__(self, one_off, series):
        self._one_off = one_off  # the one-off events' queryset
        self._series = sorted(series)  # [(first start, title, pk)]

    @cached_property
    def _one_off_count(self) -> int:
        return self._one_off.count()

    def __len__(self):
        return self._one_off_count + len(self._series)

    def __getitem__(self, index):
        """(event id, start) of the entries – what `{% event_cards %}` shows."""
        if not isinstance(index, slice):
            return self[index : index + 1][0] if index >= 0 else self[len(self) + index]
        first, stop, _step = index.indices(len(self))
        if first >= stop:
            return []
        # Titles compared byte by byte, as Python compares the series' titles.
        vendor = connections[self._one_off.db].vendor
        title = Collate("title", "C") if vendor == "postgresql" else F("title")
        ordered = (
            self._one_off.annotate(sort_title=title)
            .order_by("start", "sort_title", "pk")
            .values_list("start", "sort_title", "pk")
        )
        # Before the entry `first` stand at least `first` minus all series one-off events:
        # those are skipped, so a later page does not read the rows of the pages before it.
        skip = max(0, first - len(self._series))
        rows = list(ordered[skip:stop])
        series, offset = self._series, 0
        if skip and rows:
            # The series before the first row read stand among the skipped rows, all
            # before `first`: the entries from that row on begin at position `offset`.
            before = bisect.bisect_left(series, rows[0])
            series, offset = series[before:], skip + before
        entries = list(heapq.merge(rows, series))
        return [(pk, start) for start, _title, pk in entries[first - offset : stop - offset]]


SERIES_FIELDS = ("title", "start", "end", "recurrence", "recurrence_until")


def series_dates(revisions: dict) -> dict[int, tuple[str, float, list[float]]]:
    """{id: (title, duration, [start of every date])} of these repeating events ({id: live
    revision}), in seconds since the epoch (quick to read from the cache): the calendar sorts
    by the next date without loading the series. Each is kept under its live revision (a
    series and its cancelled dates change only with its own publish) and the shared version,
    so another page's publish leaves it kept."""

    def build(missing):
        # Only what the dates are computed from, the cancelled days as plain rows: the
        # first calendar months after a start build ~100 series at once.
        cancelled = defaultdict(set)
        for pk, day in RecurrenceException.objects.filter(page_id__in=missing).values_list(
            "page_id", "date"
        ):
            cancelled[pk].add(day)
        events = list(EventPage.objects.filter(pk__in=missing).only(*SERIES_FIELDS))
        for event in events:
            event.__dict__["_exception_dates"] = cancelled[event.pk]  # the model's own
        return {
            event.pk: (
                event.title,
                (event.end - event.start).total_seconds(),
                [occurrence.start.timestamp() for occurrence in event.course_dates()],
            )
            for event in events
        }

    stamps = {pk: str(revision) for pk, revision in revisions.items()}
    return cached_each("series-starts", list(revisions), build, stamps=stamps)


def calendar_dates(events, window) -> CalendarDates:
    """The calendar's entries: each event once, at its first date in the window – a
    repeating group shows as „jeden Dienstag, nächster Termin …“ instead of filling the
    page with its dates. Sorted by that date, then title."""
    after, before = window
    one_off = events.filter(recurrence="", end__gt=after, start__lt=before)
    # Only series that run during the window.
    series = events.exclude(recurrence="").filter(
        start__lt=before, recurrence_until__gte=timezone.localdate(after) - timedelta(days=1)
    )
    after_s, before_s = after.timestamp(), before.timestamp()
    firsts = []
    for pk, (title, duration, starts) in series_dates(
        dict(series.order_by().values_list("pk", "live_revision_id"))
    ).items():
        # The first date that has not ended by the window's start.
        at = bisect.bisect_right(starts, after_s - duration)
        if at < len(starts) and starts[at] < before_s:
            firsts.append((datetime.fromtimestamp(starts[at], UTC), title, pk))
    return CalendarDates(one_off, firsts)


class Archive(Sequence):
    """The calendar archive's first page: (event id, start) of the latest events that are
    over, their number, and their cards' stamps (`card_stamps`) – for a paginator's first
    page, which reads no more than these rows."""

    def __init__(self, rows, total, stamps):
        self.rows, self.total, self.stamps = rows, total, stamps

    def __len__(self):
        return self.total

    def __getitem__(self, index):
        if isinstance(index, slice):
            first, stop, _step = index.indices(self.total)
            if stop > len(self.rows) and stop > first:
                raise IndexError("only the archive's first page is kept")
        return self.rows[index]


def archive(per_page: int, now=None) -> Archive:
    """The archive's first page, as `listed_events().past()` has it. Kept per content
    version and language until the next listed event ends or the day changes (a series is
    over with its last day): only then does the archive change without a publish. Saves
    every calendar view its three queries (count, page, stamps)."""
    now = now or timezone.now()

    def build():
        past = listed_events().past(now)
        rows = list(past.values_list("pk", "start")[:per_page])
        # Fewer than a page: that is all of them (and no count to disagree with the rows).
        total = len(rows) if len(rows) < per_page else past.count()
        ends = listed_events().filter(end__gte=now).order_by("end").values_list("end", flat=True)
        midnight = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
        until = min(filter(None, [ends.first(), midnight + timedelta(days=1)]))
        return until, Archive(rows, total, card_stamps({pk for pk, _start in rows}))

    key = f"calendar-archive:{per_page}:{get_language()}"
    until, kept = cached(key, build)
    # An event is over once its end has passed: after `until`, the archive of that moment.
    # Each such archive is built later than the `until` before it, so `until` only grows.
    while until < now:
        until, kept = cached(f"{key}:after:{until.isoformat()}", build)
    return kept
