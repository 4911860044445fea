"""Bench: the offer search („Angebote finden“) with many centres × 6 programme items each
(target: p95 server time < 50 ms, at most 12 queries, uncached: every request a different
address). Generates centres (bench.centres) and items directly in the database."""

import random
import statistics
import time
from decimal import Decimal
from urllib.parse import urlencode

from django.db import transaction
from django.test import Client

from dorfbrunnen.centres.models import CentrePage, Offer, ProgrammeFinderPage, ProgrammeItem

from . import centres as centre_bench
from .measure import server_times, verdict

TARGET_MS = 50
MAX_QUERIES = 12
ITEMS_PER_CENTRE = 6
LANGUAGES = ["de", "tr", "ar", "uk", "ru", "en", "fa", "pl"]
DAYS = ["Mo", "Di", "Mi", "Do", "Fr", "Sa"]


@transaction.atomic
def generate_items(seed: int = 13) -> int:
    """Six items for every centre that has none (saved like the admin saves them)."""
    rng = random.Random(seed)
    offers = list(Offer.objects.all())
    missing = CentrePage.objects.filter(programme_items__isnull=True).values_list("pk", flat=True)
    items = []
    for page_id in missing.iterator():
        for number in range(ITEMS_PER_CENTRE):
            low = rng.choice([None, 0, 1, 3, 6, 18])
            high = None if low in (None, 18) else low + rng.choice([2, 3, 6])
            item = ProgrammeItem(
                page_id=page_id,
                sort_order=number,
                title=f"Angebot {number}",
                topic=rng.choice(offers),
                age_min=None if low is None else Decimal(low),
                age_max=None if high is None else Decimal(high),
                languages=", ".join(["de", *rng.sample(LANGUAGES[1:], k=rng.randint(0, 2))]),
                slots=f"{rng.choice(DAYS)} {rng.randint(8, 17):02d}:00-{rng.randint(18, 20)}:00",
            )
            _prepare(item)  # what save() computes, without a query per item
            items.append(item)
    ProgrammeItem.objects.bulk_create(items, batch_size=2000)
    return len(items)


def _prepare(item: ProgrammeItem) -> None:
    from dorfbrunnen.centres.models import parse_languages, parse_slots

    slots = parse_slots(item.slots)
    item.schedule = [
        {"weekday": day + 1, "start": f"{start:%H:%M}", "end": f"{end:%H:%M}"}
        for day, start, end in slots
    ]
    item.weekday_bits = sum({1 << day for day, _s, _e in slots})
    tags = parse_languages(item.languages)
    item.language_tags = "," + ",".join(tags) + ","


def run(*, count: int, samples: int, stdout) -> bool:
    """Returns False on an error or when a search needs more than MAX_QUERIES queries.
    Server time of the full request, the page cache off (bench.measure.server_times)."""
    if CentrePage.objects.count() < count:
        started = time.perf_counter()
        centre_bench.generate_centres(count - CentrePage.objects.count())
        stdout.write(f"  generated centres in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    made = generate_items()
    if made:
        stdout.write(f"  generated {made} programme items in {time.perf_counter() - started:.1f} s")
    finder = ProgrammeFinderPage.objects.live().first()
    if finder is None:
        stdout.write("  ERROR: no „Angebote finden“ page (setup_site makes it)")
        return False
    rng = random.Random(17)
    paths = []
    for number, postcode in enumerate(rng.sample(centre_bench._nrw_postcodes(), samples + 1)):
        params = {"ort": postcode, "umkreis": 25}
        if number % 3 == 1:
            params["alter"] = str(rng.choice([1, 2, 4, 7]))
        if number % 3 == 2:
            params["sprache"] = rng.choice(LANGUAGES)
        paths.append(f"{finder.url}?{urlencode(params)}")
    stdout.write(
        f"  centres: {CentrePage.objects.count()}, items: {ProgrammeItem.objects.count()}; "
        f"searches: {samples} postcodes, radius 25 km, with age or language on two thirds"
    )
    ok = True
    # Three rounds over the same searches: first with nothing kept (after a start, or
    # centres no search showed yet), then after another centre was published (what is kept
    # per centre stays: cards, items, their HTML), then once more.
    rounds = (
        ("first searches, nothing kept", None),
        ("after a publish elsewhere", centre_bench.publish_one_centre),
        ("again", None),
    )
    for label, before in rounds:
        if before:
            before()
        figures = server_times(paths)
        for error in figures.errors[:3]:
            stdout.write(f"  ERROR: {error}")
        met = figures.p95 < TARGET_MS and max(figures.queries) <= MAX_QUERIES
        stdout.write(
            f"  {label}: server time p50 {figures.p50:.1f} ms, p95 {figures.p95:.1f} ms, "
            f"queries {figures.query_text} – target p95 < {TARGET_MS} ms, ≤ {MAX_QUERIES} "
            f"queries: {verdict(met)}"
        )
        ok = ok and not figures.errors and max(figures.queries) <= MAX_QUERIES
    shown = [Client().get(path).content.count(b'class="card programme-card"') for path in paths]
    stdout.write(f"  {statistics.mean(shown):.0f} results shown on average (20 per page)")
    return ok
