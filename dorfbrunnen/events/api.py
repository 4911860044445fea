"""`/api/v1/events/`: the coming dates of public events, one streamed JSON document.

Each date of a series is a record of its own (`id` stays the same across fetches, so an
aggregator can tell new, changed and removed dates apart). The place carries coordinates
where known – the centre's point, or the point of the postcode of a free address – and the
registration URL where the site takes registrations. Never the meeting link: that belongs
to confirmed participants only.
"""

import heapq
import itertools
from datetime import timedelta

from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from dorfbrunnen.api.feeds import conditional_feed, streamed_feed
from dorfbrunnen.api.registry import Feed, register_feed
from dorfbrunnen.core.restrictions import public_pages

from .ical import event_uid
from .models import EventPage
from .models.pages import OCCURRENCE_HORIZON_DAYS, event_position


def _place(event: EventPage) -> dict | None:
    if event.event_format == EventPage.Format.ONLINE:
        return None
    centre = event.centre if event.centre_id else None
    point = event_position(
        event.event_format,
        centre.latitude if centre else None,
        centre.longitude if centre else None,
        event.postcode,
    )
    place = {
        "name": centre.title if centre else "",
        "address": centre.address_line if centre else event.location,
        "postcode": centre.postcode if centre else event.postcode,
        "latitude": point[0] if point else None,
        "longitude": point[1] if point else None,
    }
    return place


def event_records(request, now=None):
    """The feed's records, date by date, soonest first (a generator: the view streams).
    Without a request (a national site copying its own events) URLs come from the site's
    configured root."""

    def absolute(page):
        if request is None:
            return page.get_full_url() or ""
        return request.build_absolute_uri(page.get_url(request))

    now = now or timezone.now()
    until = now + timedelta(days=OCCURRENCE_HORIZON_DAYS)
    events = (
        public_pages(EventPage.objects.live().upcoming(now))
        .filter(start__lt=until)
        .select_related("centre")
        .prefetch_related("recurrence_exceptions")
        .defer_streamfields()
        .order_by("start", "pk")
    )
    # A series' dates run on past the events that start after its first one: its dates wait
    # in a heap until no event still to come can start before them (none starts before its
    # own `start`), so the stream stays soonest first without holding every event.
    waiting, order = [], itertools.count()
    for event in events.iterator(chunk_size=500):
        while waiting and waiting[0][0] <= event.start:
            yield heapq.heappop(waiting)[2]
        url = absolute(event)
        place = _place(event)
        centre_url = ""
        if event.centre_id and event.centre.in_open_data and event.centre.live:
            centre_url = absolute(event.centre)
        registration_url = url + "anmelden/" if event.registration_open(now) else ""
        for occurrence in event.occurrences(now, until):
            record = {
                "id": f"{event_uid(event)}/{occurrence.start:%Y%m%d}",
                "title": event.title,
                "subtitle": event.subtitle,
                "url": url,
                "start": timezone.localtime(occurrence.start).isoformat(),
                "end": timezone.localtime(occurrence.end).isoformat(),
                "format": event.event_format,
                "online_platform": event.online_platform,
                "cancelled": event.cancelled,
                "place": place,
                "centre_url": centre_url,
                "registration_url": registration_url,
            }
            heapq.heappush(waiting, (occurrence.start, next(order), record))
    while waiting:
        yield heapq.heappop(waiting)[2]


@require_safe
@conditional_feed("events")
def events_api(request):
    """GET /api/v1/events/ – see /api/v1/openapi.json."""
    from dorfbrunnen.api.views import publisher

    return streamed_feed(publisher(request), event_records(request), key="events")


def _paths(request) -> dict:
    place = {
        "type": ["object", "null"],
        "properties": {
            "name": {"type": "string"},
            "address": {"type": "string"},
            "postcode": {"type": "string"},
            "latitude": {"type": ["number", "null"]},
            "longitude": {"type": ["number", "null"]},
        },
    }
    record = {
        "type": "object",
        "required": ["id", "title", "url", "start", "end", "format", "place"],
        "properties": {
            "id": {"type": "string"},
            "title": {"type": "string"},
            "subtitle": {"type": "string"},
            "url": {"type": "string", "format": "uri"},
            "start": {"type": "string", "format": "date-time"},
            "end": {"type": "string", "format": "date-time"},
            "format": {
                "type": "string",
                "enum": [choice for choice, _ in EventPage.Format.choices],
            },
            "online_platform": {"type": "string"},
            "cancelled": {"type": "boolean"},
            "place": place,
            "centre_url": {"type": "string"},
            "registration_url": {"type": "string"},
        },
    }
    return {
        "/events/": {
            "get": {
                "operationId": "getEvents",
                "summary": "The coming dates of public events (one document, no pages)",
                "description": (
                    "Answers conditional requests (If-None-Match, If-Modified-Since) with 304."
                ),
                "responses": {
                    "200": {
                        "description": "Publisher, licence and the coming dates, soonest first",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["publisher", "licence", "events"],
                                    "properties": {
                                        "publisher": {"type": "string"},
                                        "region": {"type": "string"},
                                        "licence": {"type": "object"},
                                        "events": {"type": "array", "items": record},
                                    },
                                }
                            }
                        },
                    },
                    "304": {"description": "Unchanged since the copy the client names"},
                },
            }
        }
    }


def register():
    register_feed(
        Feed(
            name="events",
            title=_("Kommende Veranstaltungen"),
            path="events/",
            urls=[path("events/", events_api, name="api_events")],
            openapi_paths=_paths,
        )
    )
