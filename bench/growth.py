"""Bench: how the cost of each search and list grows with the data (issue 14).

One table per kind of data – coming event dates 1,000 / 10,000, Infopaket documents
100 / 500 / 2,000, centres 1,000 / 10,000 / 20,000 – a row per size, for each path p50 and
p95 server time (ms) and the queries per request. The data grows step by step (only the
difference is generated; the generation time is printed); each table grows one kind, the
others stay as the tables before left them. A reader sees whether a path's cost stays flat.

Measured as bench/targets.py does: in-process with Django's test Client, full request, page
cache off, each request with another query where the path takes one (postcodes, words,
months and formats, list pages); the Infopaket overview has no query. At most SAMPLES
requests per cell, fewer (never under 10) when a path is so slow that a cell would take
longer than BUDGET_S. Generated pages are put into the site search, as a publish would.

Everything runs in one transaction that is rolled back at the end (PDF files written stay
in the media folder), and the cache is emptied: the database is as before, so the other
parts find the data they expect. On PostgreSQL, ANALYZE after each step gives the planner
the statistics autovacuum would gather on a running site.
"""

import random
import time
from urllib.parse import urlencode

from django.core.cache import cache
from django.db import transaction
from wagtail.models import Locale

from dorfbrunnen.centres.models import CentreIndexPage, CentrePage
from dorfbrunnen.events.models import EventIndexPage, EventPage
from dorfbrunnen.library.models import LibraryPage

from . import content, library
from .centres import _nrw_postcodes
from .measure import server_times

EVENT_DATES = [1_000, 10_000]
DOCUMENTS = [100, 500, 2_000]
# From this many documents on, one PDF page per document instead of four (generating the
# full 8,000 pages would take minutes; the search reads the extracted text either way).
LIGHT_DOCUMENTS_FROM = 500
CENTRES = [1_000, 10_000, 20_000]
SAMPLES = 30
BUDGET_S = 8
RADIUS_KM = 25


class Table:
    def __init__(self, stdout, kind: str, columns: list[str]):
        self.stdout, self.columns = stdout, columns
        stdout.write(f"\n  {kind}")
        stdout.write(f"  {'':>8} {'added in':>9} " + "".join(f"{c:>21}" for c in columns))
        stdout.write(f"  {'size':>8} {'':>9} " + "".join(f"{'p50   p95  q':>21}" for _ in columns))

    def row(self, size: int, seconds: float | None, figures: list) -> None:
        added = f"{seconds:.1f} s" if seconds else "–"
        self.stdout.write(
            f"  {size:>8,} {added:>9} " + "".join(f"{f.cells():>21}" for f in figures)
        )


def _measure(stdout, paths: list[list[str]]) -> tuple[list, bool]:
    figures = [server_times(p, budget_s=BUDGET_S) for p in paths]
    ok = True
    for figure in figures:
        for error in figure.errors[:3]:
            stdout.write(f"  ERROR: {error}")
        ok = ok and not figure.errors
    return figures, ok


def _words(rng, count):
    return [f"/suche/?{urlencode({'q': w})}" for w in rng.sample(content.WORDS, count)]


def _events(stdout, rng, samples) -> bool:
    calendar = EventIndexPage.objects.live().filter(locale=Locale.get_default()).get().url
    table = Table(
        stdout,
        "Calendar: generated coming event dates (a weekly group counts once per date)",
        ["calendar month", "calendar list", "site search"],
    )
    ok = True
    for size in EVENT_DATES:
        started = time.perf_counter()
        content.generate_event_dates(max(0, size - content.generated_event_dates()))
        content.analyze()
        seconds = time.perf_counter() - started
        months = [
            f"{calendar}?{urlencode({'monat': month, 'format': kind})}"
            for kind in ["", *EventPage.Format.values]
            for month in content.coming_months()
        ]
        # List pages that exist: about half the dates lie in the calendar's horizon, and
        # a weekly group is one entry – 1,000 dates fill some 17 pages of 20.
        pages = [f"{calendar}?seite={n}" for n in range(1, max(1, min(10, size // 100)) + 1)]
        figures, measured = _measure(
            stdout,
            [rng.sample(months, samples), (pages * samples)[:samples], _words(rng, samples)],
        )
        table.row(content.generated_event_dates(), seconds, figures)
        ok = ok and measured
    return ok


def _documents(stdout, rng, samples) -> bool:
    binder = LibraryPage.objects.live().filter(locale=Locale.get_default()).get().url
    table = Table(
        stdout,
        "Infopaket: generated documents (4 PDF pages each; "
        f"from {LIGHT_DOCUMENTS_FROM} on, 1 page each – lighter)",
        ["Infopaket search", "Infopaket overview"],
    )
    ok = True
    markers = []
    for size in DOCUMENTS:
        started = time.perf_counter()
        while (existing := content.generated_documents()) < size:
            light = existing >= LIGHT_DOCUMENTS_FROM
            step = min(size, LIGHT_DOCUMENTS_FROM) - existing if not light else size - existing
            markers += content.generate_documents(step, pages_per_document=1 if light else 4)
        content.analyze()
        seconds = time.perf_counter() - started
        # Half common words, half a word found in exactly one document.
        queries = rng.sample(library.WORDS, samples // 2)
        queries += rng.sample(markers, min(len(markers), samples - len(queries)))
        figures, measured = _measure(
            stdout,
            [
                [
                    f"{binder}suche/?{urlencode({'q': q})}"
                    for q in rng.sample(queries, len(queries))
                ],
                [binder] * samples,
            ],
        )
        table.row(content.generated_documents(), seconds, figures)
        ok = ok and measured
    return ok


def _centres(stdout, rng, samples) -> bool:
    finder = CentreIndexPage.objects.live().filter(locale=Locale.get_default()).get().url
    postcodes = _nrw_postcodes()
    table = Table(
        stdout,
        f"Centres: published centres (searches by NRW postcode, radius {RADIUS_KM} km)",
        ["centre search", "centre API near", "centre list", "site search"],
    )
    ok = True
    for size in CENTRES:
        started = time.perf_counter()
        content.generate_centres_to(size)
        content.analyze()
        seconds = time.perf_counter() - started
        total = CentrePage.objects.live().count()
        list_pages = max(1, min(samples, total // 20))
        figures, measured = _measure(
            stdout,
            [
                [
                    f"{finder}?{urlencode({'ort': code, 'umkreis': RADIUS_KM})}"
                    for code in rng.sample(postcodes, samples)
                ],
                [
                    f"/api/v1/centres/?{urlencode({'near': code, 'radius_km': RADIUS_KM})}"
                    for code in rng.sample(postcodes, samples)
                ],
                [f"{finder}?seite={n}" for n in range(1, list_pages + 1)],
                _words(rng, samples),
            ],
        )
        table.row(total, seconds, figures)
        ok = ok and measured
    return ok


def run(*, stdout, samples: int = SAMPLES) -> bool:
    """Returns False on errors (a path not answering 200)."""
    rng = random.Random(2026)
    stdout.write(
        f"  in-process, full request, page cache off; p50/p95 in ms, q: queries per request; "
        f"up to {samples} requests per cell (distinct queries), at most ~{BUDGET_S} s per cell"
    )
    started = time.perf_counter()
    with transaction.atomic():
        ok = _events(stdout, rng, samples)
        ok = _documents(stdout, rng, samples) and ok
        ok = _centres(stdout, rng, samples) and ok
        transaction.set_rollback(True)  # the other parts expect the demo's data
    # Cached fragments may hold rolled-back rows under the current content version.
    cache.clear()
    stdout.write(f"\n  growth part: {time.perf_counter() - started:.0f} s, data rolled back")
    return ok
