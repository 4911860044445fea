"""Offline place lookup and great-circle distances.

Postcodes and places come from GeoNames (geonames.org, CC BY 4.0), shipped in
data/postcodes.csv.gz. A postcode's point is the mean of its GeoNames rows; a town's point is
the mean of its postcodes' points. Town names match forgivingly: case, accents, umlauts
written as ae/oe/ue, ß as ss, hyphens and spaces do not matter.
"""

import csv
import gzip
import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _

from dorfbrunnen.core.text import transliterate_german

DATA_FILE = Path(__file__).parent / "data" / "postcodes.csv.gz"
EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)


@dataclass(frozen=True)
class Place:
    label: str
    latitude: float
    longitude: float


class PlaceError(ValueError):
    """The visitor's place could not be used; the message says why, in German."""


class AmbiguousPlace(PlaceError):
    def __init__(self, message: str, options: list[str]):
        super().__init__(message)
        self.options = options

    def choices(self, request) -> list[tuple[str, str]]:
        """The answers to „Welches Münster?“ as (place, link): the same search with the
        chosen place as `ort`, every other filter kept, from its first page – in the centre
        finder, „Angebote finden“ and the calendar alike."""
        params = request.GET.copy()
        for name in ("seite", "near"):  # `near` (the visitor's position) would win over `ort`
            params.pop(name, None)
        choices = []
        for option in self.options:
            params["ort"] = option
            choices.append((option, "?" + params.urlencode()))
        return choices


@dataclass
class _Town:
    name: str
    state: str
    community: str
    postcodes: set[str] = field(default_factory=set)

    @property
    def qualifier(self) -> str:
        return f"{self.community}, {self.state}"


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance by the haversine formula."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi = phi2 - phi1
    d_lambda = math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def bounding_box(lat: float, lon: float, radius_km: float) -> tuple[float, float, float, float]:
    """A latitude/longitude box that contains the circle (for an indexed pre-filter)."""
    d_lat = math.degrees(radius_km / EARTH_RADIUS_KM)
    cos_lat = max(math.cos(math.radians(lat)), 0.01)
    d_lon = math.degrees(radius_km / (EARTH_RADIUS_KM * cos_lat))
    return lat - d_lat, lat + d_lat, lon - d_lon, lon + d_lon


def normalize(name: str) -> str:
    text = unicodedata.normalize("NFKD", transliterate_german(name.casefold()))
    return "".join(char for char in text if char.isalnum())


def load() -> None:
    """Build this process's postcode and town index (a worker does before serving)."""
    _index()


@cache
def _index() -> tuple[dict[str, tuple[float, float, str]], dict[str, list[_Town]]]:
    rows_by_postcode = defaultdict(list)
    towns: dict[tuple[str, str, str], _Town] = {}
    with gzip.open(DATA_FILE, "rt", encoding="utf-8", newline="") as file:
        rows = csv.reader(file)
        column = {name: number for number, name in enumerate(next(rows))}
        postcode, place, state, community, lat, lon = (
            column[name]
            for name in ("postcode", "place", "state", "community", "latitude", "longitude")
        )
        for row in rows:
            point = (float(row[lat]), float(row[lon]))
            rows_by_postcode[row[postcode]].append((point, row[place]))
            key = (row[place], row[state], row[community])
            town = towns.setdefault(key, _Town(row[place], row[state], row[community]))
            town.postcodes.add(row[postcode])
    postcodes = {
        code: (
            sum(p[0] for p, _ in rows) / len(rows),
            sum(p[1] for p, _ in rows) / len(rows),
            rows[0][1],
        )
        for code, rows in rows_by_postcode.items()
    }
    by_name = defaultdict(list)
    for town in towns.values():
        by_name[normalize(town.name)].append(town)
    return postcodes, by_name


def postcode_point(postcode: str) -> tuple[float, float] | None:
    entry = _index()[0].get(postcode.strip())
    return (entry[0], entry[1]) if entry else None


def postcodes_in_box(box: tuple[float, float, float, float]) -> list[str]:
    """The postcodes whose point lies in the box (min_lat, max_lat, min_lon, max_lon) of
    `bounding_box`: for data that knows only a postcode (an event's free address)."""
    min_lat, max_lat, min_lon, max_lon = box
    return sorted(
        code
        for code, (lat, lon, _place) in _index()[0].items()
        if min_lat <= lat <= max_lat and min_lon <= lon <= max_lon
    )


def postcodes_within(place: Place, radius_km: float) -> list[str]:
    """The postcodes whose point lies within the radius around `place` (the box first,
    then the great-circle distance): for data that knows only a postcode."""
    postcodes = _index()[0]
    return [
        code
        for code in postcodes_in_box(bounding_box(place.latitude, place.longitude, radius_km))
        if distance_km(place.latitude, place.longitude, *postcodes[code][:2]) <= radius_km
    ]


def _town_place(town: _Town) -> Place:
    postcodes = _index()[0]
    points = [postcodes[code] for code in sorted(town.postcodes)]
    return Place(
        label=town.name,
        latitude=sum(p[0] for p in points) / len(points),
        longitude=sum(p[1] for p in points) / len(points),
    )


def find_place(query: str) -> Place:
    """A postcode or a town name → its point. Raises PlaceError with a German message."""
    text = " ".join((query or "").split())
    if not text:
        raise PlaceError(_("Bitte geben Sie eine Postleitzahl oder einen Ort ein."))
    if text.isdigit():
        if len(text) != 5:
            raise PlaceError(_("Eine Postleitzahl hat fünf Ziffern."))
        entry = _index()[0].get(text)
        if entry is None:
            raise PlaceError(
                _("Die Postleitzahl %(postcode)s kennen wir nicht.") % {"postcode": text}
            )
        return Place(label=f"{text} {entry[2]}", latitude=entry[0], longitude=entry[1])
    qualifier = None
    if match := re.fullmatch(r"(.+?)\s*\((.+)\)", text):
        text, qualifier = match.group(1), match.group(2)
    towns = _index()[1].get(normalize(text), [])
    if qualifier is not None:
        towns = [t for t in towns if normalize(t.qualifier) == normalize(qualifier)]
    if not towns:
        raise PlaceError(
            _(
                "Den Ort „%(place)s“ haben wir nicht gefunden. Prüfen Sie die Schreibweise "
                "oder geben Sie die Postleitzahl ein."
            )
            % {"place": text}
        )
    if len(towns) > 1:
        # The larger places first (by their number of postcodes): „Münster“ is mostly the
        # city in Westphalia, not the village in Hesse.
        towns = sorted(towns, key=lambda t: (-len(t.postcodes), t.qualifier))
        options = [f"{t.name} ({t.qualifier})" for t in towns]
        raise AmbiguousPlace(
            _("„%(place)s“ gibt es mehrmals. Welchen Ort meinen Sie?") % {"place": text},
            options,
        )
    return _town_place(towns[0])


def read_place(text: str) -> Place:
    """What a visitor or a client names as a place – a postcode, a town („Essen“, „Neustadt
    (Weinstraße)“) or coordinates from the browser („51.5,7.4“) – as a point. The one
    reading for the finder, the widget and the API. Raises PlaceError (German message)."""
    text = (text or "").strip()
    if "," in text and "(" not in text:
        return parse_point(text)
    return find_place(text)


def parse_point(value: str) -> Place:
    """'51.5,7.4' → a point (for the browser's geolocation)."""
    try:
        lat_text, lon_text = value.split(",")
        lat, lon = float(lat_text), float(lon_text)
    except ValueError as error:
        raise PlaceError(_("Der Standort ist ungültig.")) from error
    if not (-90 <= lat <= 90 and -180 <= lon <= 180) or math.isnan(lat) or math.isnan(lon):
        raise PlaceError(_("Der Standort ist ungültig."))
    return Place(label=_("Ihrem Standort"), latitude=lat, longitude=lon)
