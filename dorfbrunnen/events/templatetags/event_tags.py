import json

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from dorfbrunnen.core.i18n import language_of

register = template.Library()

# What an event card (components/event_card.html) shows and its address needs: a page model
# loaded whole costs more than rendering its card.
CARD_FIELDS = (
    "title",
    "url_path",
    "locale_id",
    "content_type_id",
    "subtitle",
    "start",
    "end",
    "recurrence",
    "event_format",
    "cost",
    "cancelled",
    "centre__title",
)


@register.simple_tag(takes_context=True)
def event_cards(context, dates, past=False, stamps=None):
    """{% event_cards dates %}: the cards (components/event_card.html) of these dates –
    (event id, start) pairs, as the calendar and its archive page them. Each card is
    rendered once per event, date, language and site and kept under the stamps of the
    event and its centre (`selectors.card_stamps`, or `stamps` read with the dates): another
    page's publish leaves it kept, a change of its own shows at once. The events are loaded
    only for cards not kept."""
    from dorfbrunnen.core.content_cache import rendered_each

    from ..models import EventPage
    from ..selectors import card_stamps

    keys = {f"{pk}:{start.isoformat()}": (pk, start) for pk, start in dates}
    by_event = stamps if stamps is not None else card_stamps({pk for pk, _s in keys.values()})
    stamps = {key: by_event[pk] for key, (pk, _start) in keys.items() if pk in by_event}

    def contexts(missing):
        events = (
            EventPage.objects.select_related("centre")
            .only(*CARD_FIELDS)
            .in_bulk({keys[key][0] for key in missing})
        )
        found = {}
        for key in missing:
            pk, start = keys[key]
            if event := events.get(pk):
                end = start + (event.end - event.start)
                found[key] = {"event": event, "start": start, "end": end, "past": past}
        return found

    cards = rendered_each(
        f"event-card:{int(bool(past))}",
        context.get("request"),
        "components/event_card.html",
        [key for key in keys if key in stamps],
        contexts,
        stamps=stamps,
    )
    return mark_safe("".join(cards[key] for key in keys if key in cards))  # noqa: S308 – rendered templates


@register.simple_tag
def calendar():
    """{% calendar as calendar %}: the calendar page in the visitor's language (or None)."""
    from ..selectors import calendar_page

    return calendar_page()


@register.simple_tag
def centre_events(centre, limit=5):
    """{% centre_events page as events %}: a centre's next events (held there, organised by
    it, or below its page). Centres know no events; their template asks events."""
    from ..selectors import events_of_centre

    return events_of_centre(centre, limit=limit)


@register.inclusion_tag("events/includes/next_event.html")
def next_event_box():
    """{% next_event_box %}: the next coming public event and a link to the calendar (the
    home page shows it outside its cached body, so it moves on when the date passes).

    Kept per content version: the event found stays the next one until it begins, since
    nothing can come before it without a publish (a new version). Once it has begun, a key
    named after it holds the one after – found once, not on every render."""
    from dorfbrunnen.core.content_cache import cached

    from ..selectors import calendar_page, next_public_event

    def find():
        return next_public_event(), calendar_page()

    now = timezone.now()
    language = get_language()  # each language shows its own translation of the event
    coming, calendar = cached(f"events:next-event:{language}", find)
    while coming is not None and coming.start < now:
        after = f"{coming.event.pk}:{coming.start.isoformat()}"
        coming, calendar = cached(f"events:next-event:{language}:after:{after}", find)
    return {"next": coming, "calendar": calendar}


MODES = {
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "in_person": "https://schema.org/OfflineEventAttendanceMode",
    "hybrid": "https://schema.org/MixedEventAttendanceMode",
}


@register.simple_tag(takes_context=True)
def event_json_ld(context, event):
    """schema.org Event. The virtual location points to the public event page, never to
    the meeting link."""
    request = context["request"]
    association = getattr(context.get("site_settings"), "association_name", "")
    url = request.build_absolute_uri(event.get_url(request))
    occurrence = event.next_occurrence()
    start, end = (occurrence.start, occurrence.end) if occurrence else (event.start, event.end)
    locations = []
    if event.is_online:
        locations.append({"@type": "VirtualLocation", "url": url})
    if event.event_format != "online":
        place = {
            "@type": "Place",
            "name": event.centre.title if event.centre_id else event.location,
        }
        if event.centre_id:
            place["address"] = {
                "@type": "PostalAddress",
                "streetAddress": event.centre.street,
                "postalCode": event.centre.postcode,
                "addressLocality": event.centre.town,
                "addressCountry": "DE",
            }
        else:
            place["address"] = event.location
        locations.append(place)
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.subtitle or event.intro,
        "url": url,
        "startDate": timezone.localtime(start).isoformat(),
        "endDate": timezone.localtime(end).isoformat(),
        "eventAttendanceMode": MODES[event.event_format],
        "eventStatus": "https://schema.org/EventCancelled"
        if event.cancelled
        else "https://schema.org/EventScheduled",
        "location": locations[0] if len(locations) == 1 else locations,
        "isAccessibleForFree": event.is_free,
        "organizer": {
            "@type": "Organization",
            "name": event.organiser_centre.title if event.organiser_centre_id else association,
        },
        "inLanguage": language_of(event),
    }
    if not event.is_free:
        data["offers"] = {
            "@type": "Offer",
            "price": str(event.cost),
            "priceCurrency": "EUR",
            "url": url,
        }
    text = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308
