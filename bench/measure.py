"""Shared measuring tools of the speed benches (issue 14): server time of full requests
in-process, and throughput under load with wrk cycling through distinct addresses.

Server time: Django's test Client, the whole request (middleware, view, template), the page
cache off – each search a visitor makes with their own postcode or word is a cache miss, so
that is the case that counts. Queries per request: CaptureQueriesContext.

Throughput: wrk against granian with production settings, with a Lua script that sends each
connection through a list of distinct addresses (never the same address twice in a row). The
CPU the workers and PostgreSQL spend per request meanwhile (`CpuMeter`) says what bounds it:
on a machine whose cores they share, requests/s cannot exceed cores ÷ CPU per request.
"""

import http.client
import math
import os
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext


@dataclass
class Figures:
    """p50/p95 server time (ms) and the distinct query counts of one path's requests."""

    times: list[float] = field(default_factory=list)
    queries: set[int] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)
    # The warm-up request, not counted above: (ms, queries).
    warmup: tuple[float, int] | None = None

    @property
    def p50(self) -> float:
        return statistics.median(self.times)

    @property
    def p95(self) -> float:
        ordered = sorted(self.times)  # nearest rank
        return ordered[max(0, math.ceil(len(ordered) * 0.95) - 1)]

    @property
    def query_text(self) -> str:
        counts = sorted(self.queries)
        if len(counts) > 3:
            return f"{counts[0]}–{counts[-1]}"
        return "/".join(str(count) for count in counts)

    def cells(self) -> str:
        return f"{ms(self.p50)} {ms(self.p95)} {self.query_text:>5}"


def ms(value: float) -> str:
    """Six characters: one decimal below a second, whole milliseconds above."""
    return f"{value:6.1f}" if value < 1000 else f"{value:6.0f}"


def server_times(paths: list[str], *, budget_s: float | None = None, min_samples=10) -> Figures:
    """Requests each path once (in order), the page cache off; the first one is a warm-up
    (templates, the postcode table), not counted. Stops early after `budget_s` seconds
    (never before `min_samples` requests), so a slow path cannot stall the bench."""
    client = Client()
    figures = Figures()
    with override_settings(PAGE_CACHE_SECONDS=0):
        with CaptureQueriesContext(connection) as captured:
            before = time.perf_counter()
            client.get(paths[0])
            figures.warmup = ((time.perf_counter() - before) * 1000, len(captured))
        started = time.perf_counter()
        for number, path in enumerate(paths[1:] or paths):
            if budget_s and number >= min_samples and time.perf_counter() - started > budget_s:
                break
            with CaptureQueriesContext(connection) as captured:
                before = time.perf_counter()
                response = client.get(path)
                figures.times.append((time.perf_counter() - before) * 1000)
            figures.queries.add(len(captured.captured_queries))
            if response.status_code != 200:
                figures.errors.append(f"{path} answered {response.status_code}")
    return figures


def verdict(met: bool) -> str:
    return "met" if met else "MISSED"


CYCLE_SCRIPT = """\
paths = {%s}
local threads = 0
function setup(thread)
  -- each thread starts elsewhere in the list: two threads never ask the same in step
  thread:set("first", threads * math.floor(#paths / 2) + threads)
  threads = threads + 1
end
function init(args)
  n = first or 0
end
function request()
  n = n + 1
  return wrk.format("GET", paths[(n %% #paths) + 1])
end
"""


class CpuMeter:
    """CPU seconds (user + system, from /proc) that the app server's processes and the
    database server's spend while entered, per request served in that time (`requests`, set
    by the wrk run). A process started and ended in between is not counted; the database
    is counted when it runs on this machine (the bench's own PostgreSQL)."""

    def __init__(self, app_server_pid: int):
        self.roots = {"app": app_server_pid, "database": _database_server_pid()}
        self.requests = 0
        self.spent: dict[str, float] = {}

    def __enter__(self):
        self.before = {name: _cpu_seconds(pid) for name, pid in self.roots.items() if pid}
        return self

    def __exit__(self, *exc_info):
        for name, before in self.before.items():
            self.spent[name] = sum(
                after - before.get(pid, 0.0)
                for pid, after in _cpu_seconds(self.roots[name]).items()
            )

    def per_request_ms(self, name: str) -> float | None:
        if name not in self.spent or not self.requests:
            return None
        return self.spent[name] * 1000 / self.requests


def _database_server_pid() -> int | None:
    """PostgreSQL's server process, if it runs here: the parent of this connection's
    backend."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    try:
        return _parent_of(_stat_fields(backend))
    except OSError:  # on another machine
        return None


def _stat_fields(pid) -> list[str]:
    # After the command name in brackets, which may hold spaces: state, ppid, … (proc(5)).
    with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
        return stat.read().rsplit(")", 1)[1].split()


def _parent_of(fields) -> int:
    return int(fields[1])


def _cpu_seconds(root: int) -> dict[int, float]:
    """{pid: CPU seconds so far} of `root` and all processes below it."""
    tick = os.sysconf("SC_CLK_TCK")
    fields = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                fields[int(name)] = _stat_fields(name)
            except OSError:  # ended meanwhile
                continue
    children = {}
    for pid, stat in fields.items():
        children.setdefault(_parent_of(stat), []).append(pid)
    family, below = set(), [root]
    while below:
        pid = below.pop()
        family.add(pid)
        below.extend(children.get(pid, []))
    # utime and stime: the 14th and 15th fields of the whole line.
    return {
        pid: (int(fields[pid][11]) + int(fields[pid][12])) / tick for pid in family if pid in fields
    }


def server_idle(port: int, *, within_s: float = 0.5, wait_s: float = 60) -> bool:
    """Waits until the server answers /healthz within `within_s`: a slow path leaves
    requests queued when wrk stops (the server finishes them), which must not be counted
    against the next path."""
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=wait_s)
            connection.request("GET", "/healthz")
            connection.getresponse().read()
        except OSError:
            time.sleep(0.5)
            continue
        if time.monotonic() - started < within_s:
            return True
    return False


def wrk_cycle(port: int, paths: list[str], meter=None) -> tuple[float, float, float, int]:
    """wrk (as bench/web.py runs it: 32 connections, 2 s warm-up, 8 s, timeout 10 s)
    cycling through `paths`, once the server is idle: (requests/s, p50 ms, p99 ms, failed
    requests). `meter`: a `CpuMeter` for the measured run."""
    from .web import _wrk

    server_idle(port)

    for path in paths:  # Lua string literals: only what a URL needs, no quotes
        if '"' in path or "\\" in path:
            raise ValueError(f"unexpected character in {path!r}")
    with tempfile.TemporaryDirectory(prefix="dorfbrunnen-wrk-") as work:
        script = Path(work) / "cycle.lua"
        script.write_text(CYCLE_SCRIPT % ", ".join(f'"{path}"' for path in paths))
        return _wrk(port, paths[0], script=script, meter=meter)
