"""CSV import and export of centres (the format: docs/centres.md, „CSV import and export“).

Rows are matched by `key` (the page's slug), so importing the same file twice changes
nothing. A bad row is reported with its line number and reason; the good rows are still
imported, each in its own transaction. Text a spreadsheet would run as a formula is exported
with a leading apostrophe (`core.exports.neutralise`) and read back without it.
"""

import csv
import math
import re
from dataclasses import dataclass, field
from datetime import time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from dorfbrunnen.core.exports import neutralise, restored
from dorfbrunnen.core.text import transliterate_german

from .models import CentreIndexPage, CentrePage, Offer, OpeningHours
from .services import centre_setup_access

COLUMNS = [
    "key",
    "name",
    "operator",
    "street",
    "postcode",
    "town",
    "district",
    "latitude",
    "longitude",
    "phone",
    "email",
    "website",
    "offers",
    "hours",
    "intro",
]
DAYS = {"mo": 0, "di": 1, "mi": 2, "do": 3, "fr": 4, "sa": 5, "so": 6}
DAY_NAMES = {number: name.capitalize() for name, number in DAYS.items()}
SLOT = re.compile(r"^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$")


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)


def german_slug(text: str) -> str:
    return slugify(transliterate_german(text))


def parse_hours(text: str) -> list[tuple[int, time, time]]:
    """'Mo 09:00-12:00, 14:00-17:00; Di 09:00-12:00' → [(0, 9:00, 12:00), …]."""
    result = []
    for part in filter(None, (p.strip() for p in (text or "").split(";"))):
        day, _space, slots = part.partition(" ")
        if day.lower().rstrip(".") not in DAYS:
            raise ValueError(f"unbekannter Wochentag „{day}“ (erlaubt: Mo, Di, Mi, Do, Fr, Sa, So)")
        for slot in filter(None, (s.strip() for s in slots.split(","))):
            match = SLOT.match(slot)
            if not match:
                raise ValueError(f"Zeitangabe „{slot}“ nicht verstanden (Format 09:00-12:00)")
            h1, m1, h2, m2 = map(int, match.groups())
            try:
                opens, closes = time(h1, m1), time(h2, m2)
            except ValueError as error:
                raise ValueError(f"ungültige Uhrzeit in „{slot}“") from error
            result.append((DAYS[day.lower().rstrip(".")], opens, closes))
    return result


def format_hours(centre: CentrePage) -> str:
    by_day = {}
    for h in centre.opening_hours.all().order_by("weekday", "opens"):
        slot = f"{h.opens:%H:%M}-{h.closes:%H:%M}"
        by_day.setdefault(h.weekday, []).append(slot)
    return "; ".join(
        f"{DAY_NAMES[day]} {', '.join(slots)}" for day, slots in sorted(by_day.items())
    )


def _float(value: str, label: str):
    if not value:
        return None
    try:
        number = float(value.replace(",", "."))
    except ValueError as error:
        raise ValueError(f"{label} „{value}“ ist keine Zahl") from error
    if not math.isfinite(number):  # „nan“, „inf“: float() takes them
        raise ValueError(f"{label} „{value}“ ist keine Zahl")
    return number


def _import_row(index: CentreIndexPage, row: dict, offers: dict[str, Offer]) -> str:
    row = {key: restored(value) for key, value in row.items() if isinstance(value, str)}
    name = (row.get("name") or "").strip()
    if not name:
        raise ValueError("Name fehlt")
    given_key = (row.get("key") or "").strip()
    # The key is the page's address part; one the admin made from a title may hold umlauts
    # („mütterzentrum-…“) and must still find its page, so a valid slug is taken as it is.
    if given_key and slugify(given_key, allow_unicode=True) == given_key:
        key = given_key
    else:
        key = german_slug(given_key or name)
    if not key:
        raise ValueError("Schlüssel fehlt")
    offer_slugs = [s.strip() for s in (row.get("offers") or "").split(";") if s.strip()]
    if unknown := [s for s in offer_slugs if s not in offers]:
        raise ValueError(f"unbekannte Angebote: {', '.join(unknown)}")
    hours = parse_hours(row.get("hours") or "")
    values = {
        "title": name,
        "operator": (row.get("operator") or "").strip(),
        "street": (row.get("street") or "").strip(),
        "postcode": (row.get("postcode") or "").strip(),
        "town": (row.get("town") or "").strip(),
        "district": (row.get("district") or "").strip(),
        "latitude": _float((row.get("latitude") or "").strip(), "Breitengrad"),
        "longitude": _float((row.get("longitude") or "").strip(), "Längengrad"),
        "phone": (row.get("phone") or "").strip(),
        "email": (row.get("email") or "").strip(),
        "website": (row.get("website") or "").strip(),
        "intro": (row.get("intro") or "").strip(),
    }
    centre = CentrePage.objects.child_of(index).filter(slug=key).first()
    created = centre is None
    if created:
        centre = CentrePage(slug=key)
    current_offers = set() if created else set(centre.offers.values_list("slug", flat=True))
    current_hours = (
        []
        if created
        else [
            (h.weekday, h.opens, h.closes)
            for h in centre.opening_hours.order_by("weekday", "opens")
        ]
    )
    if (
        not created
        and all(getattr(centre, k) == v for k, v in values.items() if v is not None)
        and current_offers == set(offer_slugs)
        and current_hours == sorted(hours)
    ):
        return "unchanged"
    for attribute, value in values.items():
        setattr(centre, attribute, value)
    centre.offers = [offers[s] for s in offer_slugs]
    centre.opening_hours = [OpeningHours(weekday=d, opens=o, closes=c) for d, o, c in hours]
    try:
        centre.full_clean(exclude=["path", "depth", "url_path"] if created else None)
    except ValidationError as error:
        messages = [f"{field}: {' '.join(errs)}" for field, errs in error.message_dict.items()]
        raise ValueError("; ".join(messages)) from error
    if created:
        index.add_child(instance=centre)
    centre.save_revision().publish()
    centre_setup_access(centre=centre)
    return "created" if created else "updated"


def import_centres(lines, index: CentreIndexPage | None = None) -> ImportReport:
    index = index or CentreIndexPage.objects.first()
    if index is None:
        raise ValueError("Es gibt noch keine Zentrenübersicht, unter der Zentren angelegt werden.")
    report = ImportReport()
    reader = csv.DictReader(lines)
    missing = {"name", "postcode", "town"} - set(reader.fieldnames or [])
    if missing:
        report.errors.append((1, f"Spalten fehlen: {', '.join(sorted(missing))}"))
        return report
    offers = {offer.slug: offer for offer in Offer.objects.all()}
    for row in reader:
        line = reader.line_num
        try:
            with transaction.atomic():
                outcome = _import_row(index, row, offers)
        except ValueError as error:
            report.errors.append((line, str(error)))
            continue
        setattr(report, outcome, getattr(report, outcome) + 1)
    return report


def export_centres(file) -> int:
    writer = csv.writer(file)
    writer.writerow(COLUMNS)
    centres = CentrePage.objects.order_by("title").prefetch_related("offers", "opening_hours")
    for centre in centres:
        writer.writerow(
            neutralise(cell)
            for cell in [
                centre.slug,
                centre.title,
                centre.operator,
                centre.street,
                centre.postcode,
                centre.town,
                centre.district,
                "" if centre.latitude is None else centre.latitude,
                "" if centre.longitude is None else centre.longitude,
                centre.phone,
                centre.email,
                centre.website,
                ";".join(sorted(o.slug for o in centre.offers.all())),
                format_hours(centre),
                centre.intro,
            ]
        )
    return len(centres)
