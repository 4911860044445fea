"""Bench: the speed targets of issue 14 – the searches and lists that page caches cannot
help, because visitors search with their own postcode, town and words.

Each path is requested with a different query each time (distinct NRW postcodes, distinct
German words, distinct months and formats), in-process with Django's test Client, the page
cache off: server time of the full request (p50/p95) and the queries per request, beside the
issue's target. Then requests/s under load for the three paths the issue names a throughput
for: wrk (32 connections) against granian with production settings (2 workers, Redis, page
cache off), cycling through a list of distinct addresses – every request builds its page.

What the verdicts judge (docs/benchmarks.md, „What „met“ means“): the p95 server time of
searches each with another query – no page is ever kept – whose cards (what a result shows of
each centre, event or page) are kept: the cold row's searches repeated, after a publish
elsewhere and once more. That is the best case for the cards, a site whose visitors searched
there within the two days a card is kept. Printed beside them without a verdict: the same
searches on an empty cache (a cold start), and other searches after them (cards partly
kept). Requests/s depend on the machine (the issue says so); they are printed with the
ceiling this machine's CPU per request allows, not judged.

Data (added when missing, the generation time printed): 10,000 centres; demo + 2,000 news
pages in the site search (the generated centres and events are not indexed here, so the
site search holds what the issue names); 500 documents of 4 PDF pages in the Infopaket;
10,000 coming event dates over the next 12 months. The data stays (committed): wrk's server
processes must see it.
"""

import os
import random
import shutil
import time
from urllib.parse import urlencode

from django.core.cache import cache
from django.db import connection
from wagtail.models import Locale

from dorfbrunnen.centres.models import CentreIndexPage, CentrePage
from dorfbrunnen.events.models import EventIndexPage, EventPage
from dorfbrunnen.library.models import LibraryPage
from dorfbrunnen.testing import free_port

from . import content, library
from .centres import _nrw_postcodes, publish_one_centre
from .measure import CpuMeter, ms, server_times, verdict, wrk_cycle

CENTRES = 10_000
NEWS_PAGES = 2_000
DOCUMENTS = 500
EVENT_DATES = 10_000
RADIUS_KM = 25
QUERY_LIMIT = 12
# A path slower than this in total stops early (after at least 10 requests).
BUDGET_S = 30
# Paths whose pages show kept cards (centres', events', the site search's entries):
# measured with nothing kept (a cold start, printed without a verdict), after a centre was
# published (cards kept per page stay), and once more. The search itself runs every time.
KEPT_CARDS = ("centre search", "centre API", "site search", "calendar month")
# Requests/s under load, where the issue names them (machine-dependent, not judged).
THROUGHPUT = {"centre search": 250, "centre API": 400, "site search": 250}


def _prepare(stdout) -> None:
    steps = [
        ("centres", lambda: content.generate_centres_to(CENTRES, index=False)),
        (
            "news pages",
            lambda: content.generate_news_pages(
                max(0, NEWS_PAGES - content.generated_news_pages())
            ),
        ),
        (
            "documents",
            lambda: len(
                content.generate_documents(
                    max(0, DOCUMENTS - content.generated_documents()),
                    pages_per_document=library.PAGES_PER_DOCUMENT,
                )
            ),
        ),
        (
            "event pages",
            lambda: content.generate_event_dates(
                max(0, EVENT_DATES - content.generated_event_dates()), index=False
            ),
        ),
    ]
    for label, step in steps:
        started = time.perf_counter()
        added = step()
        if added:
            stdout.write(f"  generated {added} {label} in {time.perf_counter() - started:.1f} s")
    content.analyze()


def _paths(rng: random.Random) -> dict[str, list[str]]:
    """Per path: the addresses to request, each with its own query (`samples` of them)."""
    finder = CentreIndexPage.objects.live().filter(locale=Locale.get_default()).get().url
    calendar = EventIndexPage.objects.live().filter(locale=Locale.get_default()).get().url
    binder = LibraryPage.objects.live().filter(locale=Locale.get_default()).get().url
    postcodes = _nrw_postcodes()
    words = rng.sample(content.WORDS, k=len(content.WORDS))
    binder_words = [
        *library.WORDS,
        *(f"{a} {b}" for a, b in zip(library.WORDS, words, strict=False)),
    ]
    formats = ["", *EventPage.Format.values]
    return {
        "centre search": [
            f"{finder}?{urlencode({'ort': code, 'umkreis': RADIUS_KM})}"
            for code in rng.sample(postcodes, len(postcodes))
        ],
        "centre API": [
            f"/api/v1/centres/?{urlencode({'near': code, 'radius_km': RADIUS_KM})}"
            for code in rng.sample(postcodes, len(postcodes))
        ],
        "site search": [f"/suche/?{urlencode({'q': word})}" for word in words]
        + [f"/suche/?{urlencode({'q': f'{a} {b}'})}" for a in words[:12] for b in words[12:]],
        "Infopaket search": [f"{binder}suche/?{urlencode({'q': q})}" for q in binder_words],
        "calendar month": [
            f"{calendar}?{urlencode({'monat': month, 'format': kind})}"
            for kind in formats
            for month in content.coming_months()
        ],
    }


TARGETS = [
    # path, p95 target (ms), query limit, data
    ("centre search", 30, None, f"{CENTRES:,} centres, /zentren/?ort=<PLZ>&umkreis={RADIUS_KM}"),
    ("centre API", 20, None, f"same, /api/v1/centres/?near=<PLZ>&radius_km={RADIUS_KM}"),
    ("site search", 30, None, f"demo + {NEWS_PAGES:,} news pages, /suche/?q=<Wort>"),
    ("Infopaket search", 30, None, f"{DOCUMENTS} documents, /infopaket/suche/?q=<Wort>"),
    ("calendar month", 30, QUERY_LIMIT, f"{EVENT_DATES:,} dates, ?monat=<JJJJ-MM>&format="),
]


def _server_times(stdout, paths, samples) -> bool:
    ok = True
    stdout.write(
        "  server time in-process (full request, page cache off), each request another query"
    )
    stdout.write(f"  {'path':<21} {'reqs':>4} {'p50 ms':>7} {'p95 ms':>7} {'queries':>8}   target")
    judged = met_paths = 0
    after_publish = []
    for name, target_ms, query_limit, data in TARGETS:
        first = paths[name][:samples]
        # (label, note, addresses, done before, judged)
        runs = [(name, data, first, None, True)]
        if name in KEPT_CARDS:
            cache.clear()  # a cold start: nothing kept from the parts before
            runs = [
                (f"{name}, cold", f"{data}; cold start: nothing kept", first, None, False),
                # The same searches again: every card they show is kept – the best case
                # for the cards, a site whose visitors searched there within two days.
                (
                    f"{name}, publ.",
                    "the same, after a publish elsewhere",
                    first,
                    publish_one_centre,
                    True,
                ),
                (f"{name}, again", "the same once more", first, None, True),
            ]
            if others := paths[name][samples : 2 * samples]:
                # Searches not made before: their cards partly kept from those above.
                runs.append(
                    (f"{name}, other", "other searches, cards partly kept", others, None, False)
                )
        met_all = True
        for label, note, addresses, before, judge in runs:
            if before:
                before()
            figures = server_times(addresses, budget_s=BUDGET_S)
            if before is publish_one_centre:
                took, queries = figures.warmup
                after_publish.append(f"{name} {queries} queries, {took:.0f} ms")
            for error in figures.errors[:3]:
                stdout.write(f"  ERROR: {error}")
            ok = ok and not figures.errors
            met = figures.p95 < target_ms
            target = f"p95 < {target_ms} ms"
            if query_limit:
                met = met and max(figures.queries) <= query_limit
                target += f", ≤ {query_limit} queries"
            if judge:
                met_all = met_all and met
                target += f": {verdict(met)}"
            else:
                target = f"({target}: not judged)"
            stdout.write(
                f"  {label:<21} {len(figures.times):>4} {ms(figures.p50):>7} "
                f"{ms(figures.p95):>7} {figures.query_text:>8}   {target}   ({note})"
            )
        judged += 1
        met_paths += met_all
    stdout.write(
        f"  p95 targets, judged on the repeated searches with their cards kept: "
        f"{met_paths} of {judged} paths met"
    )
    # The request that meets a publish first (the rows' warm-up, not counted in them) builds
    # again what is kept per content version – menus, routes, the hidden pages.
    stdout.write(
        "  not judged: the first request after the publish (the warm-up of the publ. rows): "
        + "; ".join(after_publish)
    )
    return ok


def _throughput(stdout, paths) -> bool:
    from .registrations import redis_start, start_app_server
    from .web import CONNECTIONS, DURATION, WARMUP

    needed = ["wrk", "redis-server"]
    missing = [tool for tool in needed if not shutil.which(tool)]
    if connection.vendor != "postgresql" or missing:
        stdout.write(f"  under load: skipped, needs PostgreSQL, {' and '.join(needed)}")
        return True
    redis, redis_url = redis_start()
    port = free_port()
    server = None
    ok = True
    try:
        server = start_app_server(
            port, extra_env={"PAGE_CACHE_SECONDS": "0", "REDIS_URL": f"{redis_url}/0"}
        )
        stdout.write(
            f"  under load: wrk, {CONNECTIONS} connections, {DURATION} s after a {WARMUP} s "
            "warm-up, cycling through distinct addresses; granian, 2 workers, production "
            "settings, Redis, page cache off"
        )
        stdout.write(
            "  CPU ms per request meanwhile: the app server's workers and PostgreSQL (they "
            f"share this machine's {os.cpu_count()} cores with wrk and Redis)"
        )
        stdout.write(
            "  requests/s depend on the machine (issue 14): not judged; „ceiling“ is what "
            "these cores allow at the CPU per request measured"
        )
        stdout.write(
            f"  {'path':<17} {'addresses':>9} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} "
            f"{'app CPU':>7} {'db CPU':>7} {'ceiling':>7}"
        )
        for name, named in THROUGHPUT.items():
            meter = CpuMeter(server.pid)
            rps, p50, p99, bad = wrk_cycle(port, paths[name], meter=meter)
            if bad:
                stdout.write(f"  ERROR: {bad} failed requests for {name}")
                ok = False
            latency = f"{p50:>7.1f} {p99:>7.1f}" if rps else f"{'–':>7} {'–':>7}"
            per_request = [meter.per_request_ms("app"), meter.per_request_ms("database")]
            cpu = " ".join(
                f"{'–':>7}" if value is None else f"{value:>7.1f}" for value in per_request
            )
            ceiling = (
                f"{os.cpu_count() * 1000 / sum(per_request):>7.0f}"
                if None not in per_request and sum(per_request)
                else f"{'–':>7}"
            )
            stdout.write(
                f"  {name:<17} {len(paths[name]):>9} {rps:>7.0f} {latency} {cpu} {ceiling}   "
                f"(the issue names ≥ {named} requests/s)"
                + ("" if rps else f" (no answer within the {DURATION} s)")
            )
    finally:
        for process in (server, redis):
            if process is not None:
                process.terminate()
                process.wait(timeout=20)
    return ok


def run(*, stdout, samples: int = 60) -> bool:
    """Returns False on errors (a path not answering 200, failed requests under load) or
    when the data is not there in the counts stated."""
    _prepare(stdout)
    counts = {
        "centres": (CentrePage.objects.live().count(), CENTRES),
        "generated news pages": (content.generated_news_pages(), NEWS_PAGES),
        "generated documents": (content.generated_documents(), DOCUMENTS),
        "generated coming dates": (content.generated_event_dates(), EVENT_DATES),
    }
    stdout.write(
        "  data: " + ", ".join(f"{count:,} {label}" for label, (count, _) in counts.items())
    )
    ok = True
    for label, (count, wanted) in counts.items():
        if count < wanted:
            stdout.write(f"  WRONG COUNT: {count} {label}, expected at least {wanted}")
            ok = False
    paths = _paths(random.Random(14))
    ok = _server_times(stdout, paths, samples) and ok
    return _throughput(stdout, paths) and ok
