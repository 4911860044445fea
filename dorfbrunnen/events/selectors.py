"""Reads of events that pages show: a centre's coming events, the home page's next event,
the calendar's dates and its place filter."""

from django.db.models import Q
from django.utils import timezone

from dorfbrunnen.centres import geo
from dorfbrunnen.core.restrictions import public_pages

from .models import EventPage
from .models.pages import Occurrence

# „online“ in the calendar's place filter: events one can join from anywhere.
ONLINE = "online"


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


def near_place(events, place: geo.Place, radius_km: float):
    """Events whose place (their centre, or the postcode of their free address) lies in
    the box around the radius – an indexed pre-filter, as the centre finder's. The exact
    distance is checked by `within_radius`. Online-only events have no place."""
    box = geo.bounding_box(place.latitude, place.longitude, radius_km)
    min_lat, max_lat, min_lon, max_lon = box
    return events.exclude(event_format=EventPage.Format.ONLINE).filter(
        Q(centre__latitude__range=(min_lat, max_lat), centre__longitude__range=(min_lon, max_lon))
        | Q(centre__isnull=True, postcode__in=geo.postcodes_in_box(box))
    )


def within_radius(event: EventPage, place: geo.Place, radius_km: float) -> bool:
    position = event.position
    return position is not None and (
        geo.distance_km(place.latitude, place.longitude, *position) <= radius_km
    )


def calendar_dates(events, window, *, place=None, radius_km=None) -> list[Occurrence]:
    """The calendar's entries: each event once, at its first date in the window – a
    repeating group shows as „jeden Dienstag, nächster Termin …“ instead of filling the
    page with its dates. Sorted by that date."""
    entries = []
    for event in events:
        if place is not None and not within_radius(event, place, radius_km):
            continue
        if dates := event.occurrences(*window):
            entries.append(dates[0])
    entries.sort(key=lambda o: (o.start, o.event.title))
    return entries
