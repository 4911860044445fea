import json

from django import template
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from dorfbrunnen.core.content_cache import rendered_each

from ..selectors import CARD_KEPT_SECONDS, finder_page

register = template.Library()


@register.simple_tag
def open_status(centre):
    """'Jetzt geöffnet bis …' or 'Öffnet wieder am …', rendered now and refreshed in the
    browser from the intervals in data-hours (so cached pages stay right)."""
    status = centre.current_status
    if status.is_open:
        text = _("Jetzt geöffnet bis %(time)s Uhr") % {"time": status.until.strftime("%H:%M")}
        state = "open"
    elif status.next_opening:
        opening = timezone.localtime(status.next_opening)
        days_ahead = (opening.date() - timezone.localdate()).days
        if days_ahead in (0, 1):
            text = (_(CLOSED_TODAY) if days_ahead == 0 else _(CLOSED_TOMORROW)) % {
                "time": opening.strftime("%H:%M")
            }
        else:
            text = _(CLOSED_UNTIL) % {
                "day": formats.date_format(opening, "l, j. F"),
                "time": opening.strftime("%H:%M"),
            }
        state = "closed"
    else:
        text = _("Öffnungszeiten auf Anfrage")
        state = "unknown"
    # The browser's refresh writes the same sentences, in the page's language.
    return format_html(
        '<p class="open-status open-status--{}" data-hours="{}" data-text-open="{}" '
        'data-text-closed="{}" data-text-today="{}" data-text-tomorrow="{}">{}</p>',
        state,
        centre.hours_json,
        _("Jetzt geöffnet bis %(time)s Uhr"),
        _(CLOSED_UNTIL),
        _(CLOSED_TODAY),
        _(CLOSED_TOMORROW),
        text,
    )


# A closed centre's next opening: today and tomorrow by name (on Monday, „am Montag, 30.
# November“ read as if it were a week away).
CLOSED_UNTIL = gettext_noop("Geschlossen · öffnet wieder am %(day)s um %(time)s Uhr")
CLOSED_TODAY = gettext_noop("Geschlossen · öffnet heute um %(time)s Uhr")
CLOSED_TOMORROW = gettext_noop("Geschlossen · öffnet morgen um %(time)s Uhr")


# Stand-ins for what differs per search, replaced after the cached card is read.
_DISTANCE_SLOT, _STATUS_SLOT = "\x00distance\x00", "\x00status\x00"


def _distance(distance_km) -> str:
    return _("%(distance)s entfernt") % {"distance": km(distance_km)}


@register.simple_tag(takes_context=True)
def centre_cards(context, hits=(), centres=(), target=False):
    """{% centre_cards hits=… %} or {% centre_cards centres=… %}: the centres' cards
    (components/centre_card.html). Each card is rendered once per centre, language, site
    and version of the centre (its stamp) and kept (one cache round trip for all); the
    distance and the opening status, which differ per search and per minute, are put in
    each time."""
    request = context.get("request")
    entries = [(hit.centre, hit.distance_km) for hit in hits] or [(c, None) for c in centres]
    # Another association's centre on a national site brings its own card template.
    by_id = {c.pk: c for c, _d in entries if not getattr(c, "card_template", None)}
    cards = rendered_each(
        f"centre-card-html:{int(bool(target))}",
        request,
        "components/centre_card.html",
        by_id,
        lambda ids: {
            pk: {
                "centre": by_id[pk],
                "target": target,
                "distance_slot": _DISTANCE_SLOT,
                "status_slot": _STATUS_SLOT,
            }
            for pk in ids
        },
        stamps={pk: getattr(centre, "stamp", None) for pk, centre in by_id.items()},
        timeout=CARD_KEPT_SECONDS,  # as long as the card's data: it shows nothing of the day
    )
    parts = []
    for centre, distance in entries:
        if template := getattr(centre, "card_template", None):
            parts.append(
                render_to_string(
                    template,
                    {"centre": centre, "distance": distance, "target": target},
                    request=request,
                )
            )
            continue
        distance_html = (
            format_html('<p class="centre-card__distance">{}</p>', _distance(distance))
            if distance is not None
            else ""
        )
        parts.append(
            cards[centre.pk]
            .replace(_DISTANCE_SLOT, distance_html)
            .replace(_STATUS_SLOT, open_status(centre))
        )
    return mark_safe("".join(parts))  # noqa: S308 – rendered templates and format_html


_NEXT_SLOT, _OPEN_SLOT = "\x00next\x00", "\x00open\x00"


@register.simple_tag(takes_context=True)
def programme_cards(context, rows):
    """{% programme_cards rows %}: the results of „Angebote finden“ (rows from
    programme_views: hit, next, running, centre_open, centre_url, languages). Each card is
    rendered once per item, language, site and version of its centre (its stamp) and kept;
    the distance, the next date and the centre's open state are put in per search."""
    by_id = {row["hit"].item.pk: row for row in rows}
    cards = rendered_each(
        "programme-card-html",
        context.get("request"),
        "centres/includes/programme_card.html",
        by_id,
        lambda ids: {
            pk: {
                "item": by_id[pk]["hit"].item,
                "centre_url": by_id[pk]["centre_url"],
                "languages": by_id[pk]["languages"],
                "distance_slot": _DISTANCE_SLOT,
                "next_slot": _NEXT_SLOT,
                "open_slot": _OPEN_SLOT,
            }
            for pk in ids
        },
        # A card shows its item and its centre: kept under the centre's stamp.
        stamps={pk: getattr(row["hit"].item.page, "stamp", None) for pk, row in by_id.items()},
    )
    uhr = _("Uhr")
    running = format_html("<strong>{}</strong>", _("läuft gerade"))
    is_open = format_html('<p class="status status--open">{}</p>', _("Zentrum jetzt geöffnet"))
    parts = []
    for row in rows:
        distance = row["hit"].distance_km
        upcoming = row["next"] and timezone.localtime(row["next"])
        next_html = (
            running
            if row["running"]
            else format_html(
                "{}, {} {}",
                formats.date_format(upcoming, "l, j. F"),
                formats.time_format(upcoming, "H:i"),
                uhr,
            )
            if upcoming
            else ""
        )
        parts.append(
            cards[row["hit"].item.pk]
            .replace(
                _DISTANCE_SLOT,
                format_html(" · {}", _distance(distance)) if distance is not None else "",
            )
            .replace(_NEXT_SLOT, next_html)
            .replace(_OPEN_SLOT, is_open if row["centre_open"] else "")
        )
    return mark_safe("".join(parts))  # noqa: S308 – rendered templates and format_html


@register.inclusion_tag("centres/includes/finder_box.html")
def centre_finder_box():
    """{% centre_finder_box %}: „Zentrum in Ihrer Nähe finden“ – a postcode or town and one
    button, a plain GET form to the finder (works without JavaScript)."""
    return {"finder": finder_page()}


@register.inclusion_tag("centres/includes/overview_map.html", takes_context=True)
def overview_map(
    context, centres=(), hits=(), centre=None, place=None, radius_km=None, target=False
):
    """{% overview_map centres=… %}, {% overview_map hits=… place=… radius_km=… %} or
    {% overview_map centre=page %}: the SVG map of the region with these centres as linked
    points (centres/maps.py), for when no tile server is configured."""
    from ..maps import region_map

    centres = [*centres, *(hit.centre for hit in hits), *([centre] if centre else [])]
    return {
        "map": region_map(
            centres, place=place, radius_km=radius_km, request=context.get("request")
        ),
        "place": place,
        "radius_km": radius_km,
        "single": centre is not None,
        "target": target,
    }


@register.simple_tag
def centre_json_ld(centre, request):
    """schema.org description of a centre (address, geo, opening hours, URL)."""
    day_names = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    data = {
        "@context": "https://schema.org",
        "@type": "CivicStructure",
        "name": centre.title,
        "url": centre.get_full_url(request),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": centre.street,
            "postalCode": centre.postcode,
            "addressLocality": centre.town,
            "addressCountry": "DE",
        },
        "openingHoursSpecification": [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": f"https://schema.org/{day_names[h.weekday]}",
                "opens": h.opens.strftime("%H:%M"),
                "closes": h.closes.strftime("%H:%M"),
            }
            for h in centre.hours_list
        ],
    }
    if centre.latitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": centre.latitude,
            "longitude": centre.longitude,
        }
    if centre.phone:
        data["telephone"] = centre.phone
    if centre.email:
        data["email"] = centre.email
    text = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


@register.filter
def km(value):
    # Rounded first: number_format cuts a float's decimals off (2.96 would read „2,9 km“).
    return formats.number_format(round(value, 1), 1) + " km" if value is not None else ""


@register.filter
def weekday_name(number):
    """1 → „Montag“ … 7 → „Sonntag“ (the API's and the programme's numbering)."""
    from ..models import WEEKDAYS

    return dict(WEEKDAYS).get(int(number) - 1, "")


@register.filter
def language_names(item):
    """A programme item's languages, named in the reader's language (CLDR via Babel)."""
    return item.language_names(translation.get_language() or "de")
