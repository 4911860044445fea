"""Reading a source's records: every record checked on its own.

A bad record is skipped with a reason (shown to the office on the source's page); it never
stops the import. Fields are kept as plain text (control characters removed, cut to the
column's length) and escaped wherever they are shown. A record's link must point to its
source's own site; coordinates must lie in Germany (with a margin).
"""

import hashlib
import re
from datetime import UTC, datetime, timedelta

from django.utils.translation import gettext as _

from .trust import same_origin

# Germany with a little margin (lat 47.27–55.06, lon 5.87–15.04).
GERMANY = (47.2, 55.1, 5.8, 15.1)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_EDGE = timedelta(days=1)  # more than any time zone's offset


class Invalid(ValueError):
    pass


def text(value, max_length: int, *, required=False) -> str:
    if value is None:
        value = ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise Invalid(_("ein Feld ist kein Text"))
    value = _CONTROL.sub("", value).strip()[:max_length]
    if required and not value:
        raise Invalid(_("ein Pflichtfeld fehlt"))
    return value


def link(value, site: str, *, required=True) -> str:
    value = text(value, 500, required=required)
    if value and not same_origin(value, site):
        raise Invalid(_("der Link führt nicht zur Webseite der Quelle"))
    return value


def point(latitude, longitude, *, required=True) -> tuple[float | None, float | None]:
    if latitude is None and longitude is None and not required:
        return None, None
    if not all(
        isinstance(v, (int, float)) and not isinstance(v, bool) for v in (latitude, longitude)
    ):
        raise Invalid(_("die Koordinaten fehlen oder sind keine Zahlen"))
    south, north, west, east = GERMANY
    if not (south <= latitude <= north and west <= longitude <= east):
        raise Invalid(_("die Koordinaten liegen nicht in Deutschland"))
    return float(latitude), float(longitude)


def moment(value) -> datetime:
    try:
        parsed = datetime.fromisoformat(text(value, 40, required=True))
    except ValueError as error:
        raise Invalid(_("eine Zeitangabe ist nicht im Format ISO 8601")) from error
    if parsed.tzinfo is None:
        raise Invalid(_("eine Zeitangabe hat keinen Zeitzonen-Versatz"))
    # Stored in UTC and shown in local time: in both it must be a date Python can hold.
    try:
        utc = parsed.astimezone(UTC).replace(tzinfo=None)
    except OverflowError:
        utc = None
    if utc is None or not datetime.min + _EDGE <= utc <= datetime.max - _EDGE:
        raise Invalid(_("eine Zeitangabe liegt außerhalb des Kalenders"))
    return parsed


def record_key(value, fallback: str, max_length: int) -> str:
    """The record's id at its source, else `fallback` (its link); one longer than the
    column is kept as its digest – cut short, two records could become one."""
    value = text(value, 1000) or fallback
    if len(value) > max_length:
        value = "sha256:" + hashlib.sha256(value.encode()).hexdigest()
    return value


def joined(values: list[str], max_length: int) -> str:
    """The list as the feed kept it (",a,b,"): as many whole values as fit the column."""
    kept, length = [], 1
    for value in filter(None, values):
        if length + len(value) + 1 > max_length:
            break
        kept.append(value)
        length += len(value) + 1
    return ("," + ",".join(kept) + ",") if kept else ""


def _feature_point(record: dict) -> tuple[float, float]:
    geometry = record.get("geometry")
    if not isinstance(geometry, dict) or geometry.get("type") != "Point":
        raise Invalid(_("der Eintrag hat keinen Punkt"))
    coordinates = geometry.get("coordinates")
    if not isinstance(coordinates, list) or len(coordinates) != 2:
        raise Invalid(_("der Eintrag hat keinen Punkt"))
    return point(coordinates[1], coordinates[0])


def _properties(record) -> dict:
    if not isinstance(record, dict) or not isinstance(record.get("properties"), dict):
        raise Invalid(_("der Eintrag ist kein GeoJSON-Feature"))
    return record["properties"]


def centre(record, site: str) -> dict:
    """The fields of a Listing from one feature of a centres feed."""
    properties = _properties(record)
    latitude, longitude = _feature_point(record)
    url = link(properties.get("url"), site)
    offers = properties.get("offers") or []
    if not isinstance(offers, list):
        raise Invalid(_("die Angebote sind keine Liste"))
    slugs = [text(slug, 50) for slug in offers]
    return {
        "key": record_key(properties.get("id"), url, 200),
        "name": text(properties.get("name"), 200, required=True),
        "url": url,
        "street": text(properties.get("street"), 200),
        "postcode": text(properties.get("postcode"), 10),
        "town": text(properties.get("town"), 100),
        "phone": text(properties.get("phone"), 50),
        "email": text(properties.get("email"), 200),
        "website": text(properties.get("website"), 500),
        "offers": joined(slugs, 500),
        "latitude": latitude,
        "longitude": longitude,
    }


def event(record, site: str) -> dict:
    if not isinstance(record, dict):
        raise Invalid(_("der Eintrag ist kein Objekt"))
    place = record.get("place") or {}
    if not isinstance(place, dict):
        raise Invalid(_("der Ort ist kein Objekt"))
    latitude, longitude = point(place.get("latitude"), place.get("longitude"), required=False)
    start, end = moment(record.get("start")), moment(record.get("end"))
    if end < start:
        raise Invalid(_("das Ende liegt vor dem Beginn"))
    url = link(record.get("url"), site)
    return {
        "key": record_key(record.get("id"), f"{url}#{start.isoformat()}", 300),
        "title": text(record.get("title"), 300, required=True),
        "url": url,
        "start": start,
        "end": end,
        "event_format": text(record.get("format"), 20),
        "cancelled": record.get("cancelled") is True,
        "place": ", ".join(
            p for p in (text(place.get("name"), 150), text(place.get("address"), 150)) if p
        )[:300],
        "postcode": text(place.get("postcode"), 10),
        "latitude": latitude,
        "longitude": longitude,
        "registration_url": link(record.get("registration_url"), site, required=False),
    }


def offer(record, site: str) -> dict:
    properties = _properties(record)
    latitude, longitude = _feature_point(record)
    languages = properties.get("languages") or []
    schedule = properties.get("schedule") or []
    if not isinstance(languages, list) or not isinstance(schedule, list):
        raise Invalid(_("Sprachen oder Zeiten sind keine Liste"))
    url = link(properties.get("url"), site)
    return {
        "key": record_key(properties.get("id"), url, 200),
        "title": text(properties.get("title"), 300, required=True),
        "url": url,
        "centre": text(properties.get("centre"), 200),
        "topic": text(properties.get("topic"), 100),
        "languages": ",".join(text(tag, 20) for tag in languages)[:200],
        "schedule": [
            {key: text(slot.get(key), 10) for key in ("weekday", "start", "end")}
            for slot in schedule
            if isinstance(slot, dict)
        ][:50],
        "latitude": latitude,
        "longitude": longitude,
    }
