"""Bench: the public pages under load, as a visitor sees them in production.

Production settings, granian with 2 workers on PostgreSQL. Each page is measured with wrk
(32 connections, after a warm-up) four ways: nginx serving the same HTML as a static file
(the ceiling), uncached (page cache off), app-cached (the page cache in Redis) and through
the front cache (Varnish with deploy/varnish.vcl in front of the app-cached server). Then a
publish must purge Varnish: the next request is a miss with the new content.
"""

import contextlib
import http.client
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings

from dorfbrunnen.testing import free_port

from .registrations import production_env, start_app_server, wait_until_answering

PAGES = {
    "home page": "/",
    "centre search": "/zentren/?ort=44149&umkreis=25",
    "event page": "/veranstaltungen/workshop-ehrenamt-online/",
    "site search": "/suche/?q=Familie",
    # Translated pages (issue 15): the same cache ratios must hold in every language.
    "home (ar)": "/ar/",
    "event page (tr)": "/tr/veranstaltungen/workshop-ehrenamt-online/",
}
DURATION = 8
WARMUP = 2
CONNECTIONS = 32
TIMEOUT = 10
TOOLS = ["wrk", "nginx", "varnishd", "redis-server"]


def _get(port, path, method="GET"):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request(method, path)
    response = connection.getresponse()
    return response, response.read()


def _front_hit(port, path) -> bool:
    return _get(port, path)[0].getheader("X-Front-Cache") == "HIT"


def _single_purge_check(stdout, front_port, purge_port) -> bool:
    """A PURGE of one address (sent after a registration, to the purge listener) drops that
    page only."""
    event, home = PAGES["event page"], PAGES["home page"]
    for path in (event, home):
        _get(front_port, path)
    _get(purge_port, event, method="PURGE")
    event_dropped, home_kept = not _front_hit(front_port, event), _front_hit(front_port, home)
    stdout.write(
        f"  front cache: a PURGE of the event page drops it: {'yes' if event_dropped else 'NO'}"
        f"; the home page stays cached: {'yes' if home_kept else 'NO'}"
    )
    return event_dropped and home_kept


def _wrk(port, path, script=None, meter=None) -> tuple[float, float, float, int]:
    """`script`: a wrk Lua script choosing the requests (bench/measure.py's cycle).
    `meter`: a context manager entered around the measured run (not the warm-up), told the
    number of requests served in it (bench/measure.py's CPU meter)."""
    url = f"http://127.0.0.1:{port}{path}"
    # wrk's default timeout (2 s) would drop slow uncached answers from the figures.
    options = ["-t2", f"-c{CONNECTIONS}", "--timeout", f"{TIMEOUT}s"]
    options += ["-s", str(script)] if script else []
    subprocess.run(["wrk", *options, f"-d{WARMUP}s", url], capture_output=True)
    with meter or contextlib.nullcontext() as metered:
        output = subprocess.run(
            ["wrk", *options, f"-d{DURATION}s", "--latency", url],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        if metered is not None:
            metered.requests = int(re.search(r"(\d+) requests in", output).group(1))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))

    def latency(label):
        value, unit = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)", output).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: .*?timeout (\d+)", output)
    bad = (int(errors.group(1)) if errors else 0) + (
        int(socket_errors.group(1)) if socket_errors else 0
    )
    return rps, latency("50"), latency("99"), bad


def _nginx(work: Path, pages: dict[str, bytes]) -> tuple[subprocess.Popen, int]:
    port = free_port()
    root = work / "static-pages"
    root.mkdir()
    for name, html in pages.items():
        (root / f"{name.replace(' ', '-')}.html").write_bytes(html)
    (root / "healthz").write_text("ok")
    config = work / "nginx.conf"
    config.write_text(
        f"""worker_processes 2;
error_log {work}/nginx-error.log;
pid {work}/nginx.pid;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {work}/nginx-body;
  default_type text/html;
  server {{ listen 127.0.0.1:{port}; root {root}; }}
}}
"""
    )
    process = subprocess.Popen(["nginx", "-c", str(config), "-g", "daemon off;"])
    wait_until_answering(port)
    return process, port


def _varnish(work: Path, backend_port: int, port: int, purge_port: int) -> subprocess.Popen:
    """Varnish with the deployment guide's two listeners: visitors on `port`, the
    application's PURGE requests on `purge_port`."""
    vcl = (Path(settings.BASE_DIR) / "deploy" / "varnish.vcl").read_text()
    config = work / "bench.vcl"
    config.write_text(vcl.replace('.port = "8000"', f'.port = "{backend_port}"'))
    process = subprocess.Popen(
        [
            "varnishd",
            "-F",
            "-a",
            f"127.0.0.1:{port}",
            "-a",
            f"purge=127.0.0.1:{purge_port}",
            "-f",
            str(config),
            "-n",
            str(work / "v"),
            "-s",
            "malloc,128m",
        ],
        stdout=subprocess.DEVNULL,
    )
    wait_until_answering(port)
    return process


def _publish_and_check(stdout, env, front_port) -> bool:
    """A publish (in another process, as from the admin) must purge Varnish. Wagtail sends
    the PURGE from a background task, so the task worker runs as in production."""
    path = "/aktuelles/neue-webseite/"
    _get(front_port, path)
    cached = _front_hit(front_port, path)
    title = "Neue Webseite – frisch veröffentlicht"
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from dorfbrunnen.news.models import NewsPage\n"
            "page = NewsPage.objects.get(slug='neue-webseite')\n"
            f"page.title = {title!r}\n"
            "page.save_revision().publish()",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
    )
    published = time.monotonic()
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--queue-name", "*", "--interval", "0.2"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        fresh = False
        while not fresh and time.monotonic() - published < 60:
            time.sleep(0.2)
            html = _get(front_port, path)[1]
            fresh = title.encode() in html
    finally:
        worker.terminate()
        worker.wait(timeout=10)
    stdout.write(
        f"  front cache: page cached before the publish: {'yes' if cached else 'NO'}; "
        f"new title through Varnish after the publish: "
        + (f"yes, after {time.monotonic() - published:.1f} s" if fresh else "NO (60 s)")
    )
    return cached and fresh


def run(*, stdout) -> bool:
    missing = [tool for tool in TOOLS if not shutil.which(tool)]
    if missing:
        stdout.write(f"  skipped: needs {', '.join(missing)} (scripts/system-deps bench)")
        return True
    work = Path(tempfile.mkdtemp(prefix="dorfbrunnen-web-bench-"))
    work.chmod(0o755)  # varnishd reads the VCL after dropping to its own user
    processes = []
    try:
        redis_port = free_port()
        processes.append(
            subprocess.Popen(
                ["redis-server", "--port", str(redis_port), "--save", "", "--appendonly", "no"],
                stdout=subprocess.DEVNULL,
            )
        )
        uncached_port, cached_port = free_port(), free_port()
        # Uncached: no page cache, but Redis as production has it (menus, settings, routes).
        uncached_env = {"PAGE_CACHE_SECONDS": "0", "REDIS_URL": f"redis://127.0.0.1:{redis_port}/1"}
        processes.append(start_app_server(uncached_port, extra_env=uncached_env))
        front_port, purge_port = free_port(), free_port()
        cached_env = {
            "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
            "FRONTEND_CACHE_PURGE_URL": f"http://127.0.0.1:{purge_port}",
        }
        processes.append(start_app_server(cached_port, extra_env=cached_env))
        html = {}
        for name, path in PAGES.items():
            response, body = _get(uncached_port, path)
            if response.status != 200:
                stdout.write(f"  ERROR: {path} answered {response.status}")
                return False
            html[name] = body
        nginx, ceiling_port = _nginx(work, html)
        processes.append(nginx)
        processes.append(_varnish(work, cached_port, front_port, purge_port))

        ok = True
        stdout.write(
            f"  wrk, {CONNECTIONS} connections, {DURATION} s after a {WARMUP} s warm-up; "
            "requests/s (p50 / p99 ms), ratio to the ceiling"
        )
        columns = ["ceiling", "uncached", "app-cached", "front-cached"]
        stdout.write(f"  {'page':<14} " + " ".join(f"{c:>26}" for c in columns))
        for name, path in PAGES.items():
            ceiling = _wrk(ceiling_port, f"/{name.replace(' ', '-')}.html")
            cells = [f"{ceiling[0]:>8.0f} ({ceiling[1]:.1f}/{ceiling[2]:.1f})"]
            results = {}
            for mode, port in [
                ("uncached", uncached_port),
                ("app", cached_port),
                ("front", front_port),
            ]:
                rps, p50, p99, bad = _wrk(port, path)
                results[mode] = rps
                if bad:
                    stdout.write(f"  ERROR: {bad} failed requests for {path} ({mode})")
                    ok = False
                cells.append(f"{rps:>7.0f} ({p50:.1f}/{p99:.1f}) 1/{ceiling[0] / rps:.1f}")
            stdout.write(f"  {name:<14} " + " ".join(f"{c:>26}" for c in cells))
            targets = [
                ("app-cached ≥ 1/6 of the ceiling", results["app"] >= ceiling[0] / 6),
                ("front-cached ≥ 1/2 of the ceiling", results["front"] >= ceiling[0] / 2),
            ]
            if name == "home page":
                targets.append(("uncached ≥ 250 requests/s", results["uncached"] >= 250))
            for label, met in targets:
                stdout.write(f"    target {label}: {'met' if met else 'MISSED'}")
        ok = _single_purge_check(stdout, front_port, purge_port) and ok
        return (
            _publish_and_check(stdout, {**production_env(cached_port), **cached_env}, front_port)
            and ok
        )
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(work, ignore_errors=True)
