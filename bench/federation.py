"""Bench: the national site (issue 19). 20 made-up associations × 400 centres, 10,000
coming events and 50,000 programme items in all, their feeds written as files and served by
a local static server (python -m http.server: Last-Modified and 304s, like a front cache).

Measured: a full refresh with everything new, with everything changed, with nothing changed
(all 304); the fetcher's peak memory beside the largest source's documents; the national
finder's nearest-centre search (server time, queries) over own and federated centres.
Targets: refresh unchanged < 10 s, changed < 2 min; search p95 < 50 ms, ≤ 12 queries."""

import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from django.test import override_settings

from dorfbrunnen.centres import geo
from dorfbrunnen.centres.models import CentreIndexPage
from dorfbrunnen.demo.federation import generated, write_feeds
from dorfbrunnen.federation.models import FederatedEvent, FederatedOffer, Listing, Source
from dorfbrunnen.federation.services import sources_fetch

from .measure import server_times, verdict

SOURCES = 20
CENTRES = 400
EVENTS = 10_000
ITEMS = 50_000
SEARCH_MS = 50
MAX_QUERIES = 12


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _write(directory: Path, base: str, associations) -> list[str]:
    return write_feeds(
        directory,
        base,
        associations,
        events_per_centre=EVENTS / (SOURCES * CENTRES),
        items_per_centre=ITEMS / (SOURCES * CENTRES),
    )


def _refresh(label: str, stdout) -> float:
    started = time.perf_counter()
    done = sources_fetch()
    seconds = time.perf_counter() - started
    failed = [f"{source}: {source.last_error}" for source in done if source.last_error]
    stdout.write(f"  refresh, {label}: {seconds:.1f} s")
    for line in failed[:3]:
        stdout.write(f"  ERROR: {line}")
    return seconds if not failed else float("inf")


def _touch(directory: Path) -> None:
    """Every feed changed: a new modification time (the records stay, the copies are
    replaced all the same)."""
    later = time.time() + 5
    for path in directory.rglob("*.json"):
        os.utime(path, (later, later))


def run(*, samples: int, stdout) -> bool:
    associations = [generated(number, CENTRES) for number in range(SOURCES)]
    ok = True
    with (
        tempfile.TemporaryDirectory(prefix="dorfbrunnen-feeds-") as folder,
        override_settings(
            FEDERATION_MODE="aggregator",
            FEDERATION_ALLOW_LOOPBACK=True,
            FEDERATION_TIMEOUT_SECONDS=60,
        ),
    ):
        directory = Path(folder)
        port = _free_port()
        base = f"http://127.0.0.1:{port}/"
        urls = _write(directory, base, associations)
        largest = max(path.stat().st_size for path in directory.rglob("*.json"))
        per_source = max(
            sum(p.stat().st_size for p in (directory / a["slug"]).rglob("*.json"))
            for a in associations
        )
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "http.server",
                str(port),
                "--bind",
                "127.0.0.1",
                "--directory",
                folder,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            for _attempt in range(50):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.1)
            Source.objects.filter(index_url__startswith="http://127.0.0.1:").delete()
            for url in urls:
                Source.objects.create(index_url=url)
            stdout.write(
                f"  {SOURCES} sources × {CENTRES} centres, {EVENTS} events, {ITEMS} programme "
                f"items; largest source {per_source / 1e6:.1f} MB "
                f"(largest file {largest / 1e6:.1f} MB)"
            )
            first = _refresh("everything new", stdout)
            stdout.write(
                f"  imported: {Listing.objects.exclude(source=None).count()} centres, "
                f"{FederatedEvent.objects.count()} events, {FederatedOffer.objects.count()} items"
            )
            unchanged = _refresh("nothing changed (all 304)", stdout)
            _touch(directory)
            changed = _refresh("everything changed", stdout)
            _touch(directory)
            tracemalloc.start()
            _refresh("everything changed, memory traced", stdout)
            _current, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            stdout.write(
                f"  fetcher's peak memory (Python objects): {peak / 1e6:.0f} MB "
                f"(one source's documents: {per_source / 1e6:.1f} MB)"
            )
            stdout.write(
                f"  unchanged < 10 s: {verdict(unchanged < 10)}; changed < 120 s: "
                f"{verdict(max(first, changed) < 120)}"
            )
            ok = ok and unchanged != float("inf") and changed != float("inf")

            finder = CentreIndexPage.objects.live().first()
            rng = random.Random(19)
            postcodes = rng.sample(
                sorted(geo.postcodes_in_box((47.5, 54.8, 6.0, 14.8))), samples + 1
            )
            paths = [f"{finder.url}?ort={code}&umkreis=25" for code in postcodes]
            figures = server_times(paths)
            stdout.write(
                f"  national nearest-centre search ({Listing.objects.count()} listings): "
                f"p50 {figures.p50:.1f} ms, p95 {figures.p95:.1f} ms, queries {figures.query_text}"
            )
            met = figures.p95 < SEARCH_MS and max(figures.queries) <= MAX_QUERIES
            stdout.write(f"  p95 < {SEARCH_MS} ms with ≤ {MAX_QUERIES} queries: {verdict(met)}")
            api = server_times([f"/api/v1/centres/?near={code}&radius_km=25" for code in postcodes])
            stdout.write(
                f"  national API place search: p50 {api.p50:.1f} ms, p95 {api.p95:.1f} ms, "
                f"queries {api.query_text}"
            )
            dates = server_times(
                [f"/bundesweit/termine/?ort={code}&umkreis=25" for code in postcodes]
            )
            stdout.write(
                f"  national event search ({FederatedEvent.objects.count()} dates): "
                f"p50 {dates.p50:.1f} ms, p95 {dates.p95:.1f} ms, queries {dates.query_text}"
            )
            met = dates.p95 < SEARCH_MS and max(dates.queries) <= MAX_QUERIES
            stdout.write(f"  p95 < {SEARCH_MS} ms with ≤ {MAX_QUERIES} queries: {verdict(met)}")
            figures.errors += dates.errors
            figures.queries |= dates.queries
            for error in [*figures.errors, *api.errors][:3]:
                stdout.write(f"  ERROR: {error}")
            ok = ok and not figures.errors and not api.errors
            ok = ok and max(figures.queries | api.queries) <= MAX_QUERIES
        finally:
            server.terminate()
            server.wait()
            Source.objects.filter(index_url__startswith=base).delete()
    return ok
