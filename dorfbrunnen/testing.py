"""Helpers for the browser tests: a real server with the demo content, Chromium, axe-core.

The server runs as a separate process on its own database (a fresh PostgreSQL database
when DATABASE_URL points to one, else a temporary SQLite file), exactly as `make run`
would set it up, so the browser sees what a visitor sees.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent
AXE_SCRIPT = BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = BASE_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fresh_database_url(var_dir: Path, name: str) -> str:
    """A fresh database for a server or command run in another process: PostgreSQL if
    configured, else an SQLite file."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return f"sqlite:///{var_dir / name}.sqlite3"
    import psycopg

    config = environ.Env.db_url_config(url)
    with psycopg.connect(
        host=config["HOST"],
        port=config["PORT"] or 5432,
        user=config["USER"],
        password=config["PASSWORD"],
        dbname="postgres",
        autocommit=True,
    ) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {name}")
    return url.rsplit("/", 1)[0] + "/" + name


class LiveSite:
    def __init__(self, var_dir: Path, database: str = "dorfbrunnen_browser"):
        self.var_dir = var_dir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "dorfbrunnen.settings.test",
            "DATABASE_URL": fresh_database_url(var_dir, database),
            "DJANGO_MEDIA_ROOT": str(var_dir / "media"),
            "DORFBRUNNEN_VAR_DIR": str(var_dir),
            "DORFBRUNNEN_MAIL_DIR": str(var_dir / "mail"),
            # A "tile server" on the same host (one plain tile for every square), so the
            # map is drawn without any request leaving the machine.
            "MAP_TILE_URL": f"{self.url}/static/img/blank-tile.png?{{z}}/{{x}}/{{y}}",
        }
        self.process = None

    def manage(self, *args) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env=self.env,
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise RuntimeError(f"manage.py {args[0]} failed:\n{result.stderr[-3000:]}")
        return result.stdout

    def start(self):
        self.manage("migrate", "--no-input")
        self.manage("load_demo")
        self.log = open(self.var_dir / "server.log", "w")  # noqa: SIM115 – closed in stop()
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{self.port}"],
            cwd=BASE_DIR,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=self.log,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2):  # noqa: S310
                    return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("The test server did not start; see server.log")

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.log.close()

    def mails(self) -> list:
        """The messages the server has sent so far, oldest first."""
        from email import message_from_bytes, policy

        folder = self.var_dir / "mail"
        files = (
            sorted(folder.glob("*.eml"), key=lambda p: p.stat().st_mtime) if folder.exists() else []
        )
        return [message_from_bytes(p.read_bytes(), policy=policy.default) for p in files]

    def credentials(self) -> dict[str, str]:
        text = (self.var_dir / "demo-credentials.txt").read_text(encoding="utf-8")
        return dict(line.split(": ", 1) for line in text.splitlines() if ": " in line)


def axe_violations(page) -> list[dict]:
    """Runs axe-core with the WCAG 2.1 AA rules on the current page; returns the violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA
    )
    return [
        {
            "id": violation["id"],
            "help": violation["help"],
            "targets": [node["target"] for node in violation["nodes"]],
        }
        for violation in result["violations"]
    ]


def wsgi_call(path, method="GET", cookie=""):
    """A request through the production entry point (dorfbrunnen.wsgi), as granian makes it.
    Use with the `direct_wsgi` fixture: (status, headers, body)."""
    from wsgiref.util import setup_testing_defaults

    from dorfbrunnen.wsgi import application

    environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "HTTP_HOST": "testserver"}
    if cookie:
        environ["HTTP_COOKIE"] = cookie
    setup_testing_defaults(environ)
    started = {}

    def start_response(status, headers):
        started.update(status=status, headers=dict(headers))

    result = application(environ, start_response)
    body = b"".join(result)
    if hasattr(result, "close"):
        result.close()
    return started["status"], started["headers"], body
