"""Demo centres: fourteen real family centres in NRW (facts from public newspaper and
council pages, see centres-nrw.csv) with offers and opening hours made up for the demo.

The list is not the association's official member list and addresses may be out of date:
check it with the association before going live (README, „Demo-Daten“).
"""

import csv
import io
from pathlib import Path

from django.utils.text import slugify

from dorfbrunnen.centres.csv_io import COLUMNS, import_centres
from dorfbrunnen.centres.models import CentreIndexPage, Offer
from dorfbrunnen.centres.setup import OFFERS
from dorfbrunnen.core.text import transliterate_german

SOURCE = Path(__file__).with_name("centres-nrw.csv")

# Plausible weekly patterns, assigned in turn; the demo marks them as examples.
HOURS = [
    "Mo 09:00-12:30; Di 09:00-12:30, 14:30-17:30; Mi 09:00-12:30; "
    "Do 09:00-12:30, 14:30-17:30; Fr 09:00-12:00",
    "Mo 08:30-13:00; Di 08:30-13:00; Mi 08:30-13:00, 15:00-18:00; Do 08:30-13:00; Fr 08:30-12:00",
    "Di 09:30-12:00; Mi 09:30-12:00, 15:00-17:00; Do 09:30-12:00; Sa 10:00-13:00",
    "Mo 14:00-18:00; Di 09:00-12:00; Mi 14:00-18:00; Do 09:00-12:00, 14:00-18:00",
]
OFFER_SETS = [
    "offener-treff;kinderbetreuung;beratung;mehrgenerationenhaus",
    "offener-treff;familienbildung;second-hand",
    "offener-treff;kinderbetreuung;sprachcafe",
    "beratung;haushaltsnahe-dienste;offener-treff",
    "offener-treff;kinderbetreuung;familienbildung;second-hand",
]
INTRO = (
    "Demo-Eintrag: Name und Adresse stammen aus öffentlichen Quellen, Angebote und "
    "Öffnungszeiten sind Beispiele und noch nicht mit dem Zentrum abgestimmt. Telefonnummern "
    "mit „0000“ und E-Mail-Adressen unter example.org sind Demo-Angaben."
)
# Dialling codes of the demo towns. Where no number is published, the demo shows one whose
# subscriber part starts with 0 – a number that is never given to anybody – and an e-mail
# address under example.org (reserved for examples).
AREA_CODES = {
    "Dortmund": "0231",
    "Kamen": "02307",
    "Duisburg": "0203",
    "Grevenbroich": "02181",
    "Münster": "0251",
    "Waltrop": "02309",
    "Altenberge": "02505",
    "Beckum": "02521",
    "Essen": "0201",
    "Aachen": "0241",
    "Siegen": "0271",
    "Grefrath": "02158",
    "Viersen": "02162",
    "Meerbusch": "02132",
}


def demo_phone(town: str, number: int) -> str:
    return f"{AREA_CODES.get(town, '0211')} 0000-{number + 1:02d}"


def demo_email(town: str) -> str:
    return f"kontakt@{slugify(transliterate_german(town))}.example.org"


def demo_offers() -> None:
    """The offers the demo centres name (setup made them, unless the office changed them)."""
    for slug, name, description in OFFERS:
        Offer.objects.get_or_create(slug=slug, defaults={"name": name, "description": description})


def demo_centres(index: CentreIndexPage) -> int:
    demo_offers()
    output = io.StringIO()
    writer = csv.DictWriter(output, fieldnames=COLUMNS)
    writer.writeheader()
    with SOURCE.open(encoding="utf-8", newline="") as source:
        for number, row in enumerate(csv.DictReader(source)):
            writer.writerow(
                {
                    "key": "",
                    "name": row["name"],
                    "operator": "",
                    "street": row["street"],
                    "postcode": row["postcode"],
                    "town": row["town"],
                    "district": row["district"],
                    "latitude": "",
                    "longitude": "",
                    "phone": row["phone"] or demo_phone(row["town"], number),
                    "email": demo_email(row["town"]),
                    "website": row["website"],
                    "offers": OFFER_SETS[number % len(OFFER_SETS)],
                    "hours": HOURS[number % len(HOURS)],
                    "intro": INTRO,
                }
            )
    output.seek(0)
    report = import_centres(output, index=index)
    if report.errors:
        raise RuntimeError(f"Demo centres could not be imported: {report.errors}")
    return report.created
