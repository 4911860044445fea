"""Made-up associations (ERFUNDEN – no real centres, people or addresses) and their feeds,
written as static files the way another association's dorfbrunnen publishes them.

Used by the demo of the national site (`make federation-demo`), the fetcher's tests and the
bench (`python -m bench --only federation`). A source's index is `<slug>/api/v1/index.json`;
its feeds lie beside it (`centres.json`, `events.json`, `offers.json`), so any static file
server can serve them – with `Last-Modified` and 304s, as http.server does.
"""

import json
import random
from datetime import datetime, time, timedelta
from pathlib import Path

from django.utils import timezone

MARK = "(erfunden)"

# Each: slug, publisher, region, centres as (name, street, postcode, town).
ASSOCIATIONS = [
    {
        "slug": "lv-nord",
        "publisher": f"Landesverband der Mütterzentren Nord {MARK}",
        "region": "Niedersachsen und Bremen",
        "centres": [
            ("Mütterzentrum Lindenhof", "Lindenweg 3", "30159", "Hannover"),
            ("Familienzentrum am Deich", "Deichstraße 12", "28195", "Bremen"),
            ("Mehrgenerationenhaus Heideblick", "Heideweg 7", "29221", "Celle"),
            ("Mütterzentrum Osterstraße", "Osterstraße 41", "26122", "Oldenburg"),
        ],
    },
    {
        "slug": "lv-sued",
        "publisher": f"Landesverband Mütter- und Familienzentren Süd {MARK}",
        "region": "Bayern",
        "centres": [
            ("Mütterzentrum Isarbogen", "Am Isarbogen 5", "80331", "München"),
            ("Familientreff Pegnitz", "Flussgasse 2", "90402", "Nürnberg"),
            ("Mehrgenerationenhaus Domplatz", "Domplatz 9", "93047", "Regensburg"),
        ],
    },
    {
        "slug": "lv-ost",
        "publisher": f"Netzwerk Familienzentren Ost {MARK}",
        "region": "Sachsen und Berlin",
        "centres": [
            ("Familienzentrum Spreeufer", "Uferweg 1", "10115", "Berlin"),
            ("Mütterzentrum Elbterrassen", "Terrassengasse 4", "01067", "Dresden"),
            ("Mehrgenerationenhaus Auwald", "Auwaldstraße 22", "04109", "Leipzig"),
        ],
    },
]

OFFERS = ["offener-treff", "kinderbetreuung", "beratung", "sprachcafe", "familienbildung"]
TITLES = ["Offenes Frühstück", "Krabbelgruppe", "Sprachcafé", "Elternberatung", "Nähtreff"]


def _point(postcode: str, rng: random.Random) -> tuple[float, float]:
    from dorfbrunnen.centres import geo

    latitude, longitude = geo.postcode_point(postcode) or (51.0, 10.0)
    # A little apart, so that centres of one town do not lie on one point.
    return round(latitude + rng.uniform(-0.01, 0.01), 5), round(
        longitude + rng.uniform(-0.01, 0.01), 5
    )


def documents(association: dict, site: str, *, events_per_centre=2, items_per_centre=2, seed=1):
    """{file name: JSON document} of one association, its site at `site` (ending in /)."""
    rng = random.Random(seed)
    licence = {
        "name": "CC BY 4.0",
        "url": "https://creativecommons.org/licenses/by/4.0/",
        "attribution": association["publisher"],
    }
    head = {
        "publisher": association["publisher"],
        "region": association["region"],
        "licence": licence,
    }
    centres, events, items = [], [], []
    today = timezone.localdate()

    def share(per_centre, number):  # fractional rates spread evenly over the centres
        return round(number * per_centre) - round((number - 1) * per_centre)

    for number, (name, street, postcode, town) in enumerate(association["centres"], start=1):
        latitude, longitude = _point(postcode, rng)
        url = f"{site}zentren/zentrum-{number}/"
        centres.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [longitude, latitude]},
                "properties": {
                    "id": number,
                    "name": f"{name} {MARK}",
                    "url": url,
                    "street": street,
                    "postcode": postcode,
                    "town": town,
                    "phone": "",
                    "email": "",
                    "website": "",
                    "offers": rng.sample(OFFERS, k=2),
                },
            }
        )
        for count in range(share(events_per_centre, number)):
            day = today + timedelta(days=rng.randint(1, 60))
            start = timezone.make_aware(datetime.combine(day, time(rng.choice([10, 15, 18]))))
            events.append(
                {
                    "id": f"event-{number}-{count}",
                    "title": f"{rng.choice(TITLES)} {MARK}",
                    "url": f"{url}termin-{count}/",
                    "start": start.isoformat(),
                    "end": (start + timedelta(hours=2)).isoformat(),
                    "format": "in_person",
                    "cancelled": False,
                    "place": {
                        "name": name,
                        "address": f"{street}, {postcode} {town}",
                        "postcode": postcode,
                        "latitude": latitude,
                        "longitude": longitude,
                    },
                    "registration_url": "",
                }
            )
        for count in range(share(items_per_centre, number)):
            items.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [longitude, latitude]},
                    "properties": {
                        "id": f"{number}-{count}",
                        "title": rng.choice(TITLES),
                        "url": f"{url}#angebot-{count}",
                        "centre": name,
                        "topic": rng.choice(OFFERS),
                        "languages": ["de"],
                        "schedule": [
                            {"weekday": rng.randint(1, 5), "start": "09:30", "end": "11:00"}
                        ],
                    },
                }
            )
    base = f"{site}api/v1/"
    return {
        "index.json": {
            **head,
            "site": site,
            "feeds": [
                {"name": "centres", "title": "Zentren", "url": base + "centres.json"},
                {"name": "events", "title": "Veranstaltungen", "url": base + "events.json"},
                {"name": "offers", "title": "Angebote", "url": base + "offers.json"},
            ],
        },
        "centres.json": {"type": "FeatureCollection", **head, "features": centres},
        "events.json": {**head, "events": events},
        "offers.json": {"type": "FeatureCollection", **head, "features": items},
    }


def write_feeds(directory: Path, base_url: str, associations=ASSOCIATIONS, **sizes) -> list[str]:
    """Writes every association's feeds below `directory` (served at `base_url`, ending
    in /); returns their index URLs."""
    urls = []
    for number, association in enumerate(associations):
        site = f"{base_url}{association['slug']}/"
        folder = Path(directory) / association["slug"] / "api" / "v1"
        folder.mkdir(parents=True, exist_ok=True)
        for name, document in documents(association, site, seed=number, **sizes).items():
            (folder / name).write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        urls.append(f"{site}api/v1/index.json")
    return urls


def generated(number: int, centres: int) -> dict:
    """An association of `centres` made-up centres for the bench (postcodes across the
    country)."""
    from dorfbrunnen.centres import geo

    codes = sorted(geo.postcodes_in_box((47.3, 55.0, 5.9, 15.0)))
    rng = random.Random(number)
    return {
        "slug": f"bench-{number:02d}",
        "publisher": f"Verband {number} {MARK}",
        "region": "Deutschland",
        "centres": [
            (f"Zentrum {number}-{count}", f"Weg {count}", rng.choice(codes), "Ort")
            for count in range(centres)
        ],
    }
