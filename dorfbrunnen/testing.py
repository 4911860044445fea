"""Helpers for the browser tests: a real server with the demo content, Chromium, axe-core.

The server runs as a separate process on its own database (a fresh PostgreSQL database
when DATABASE_URL points to one, else a temporary SQLite file), exactly as `make run`
would set it up, so the browser sees what a visitor sees.
"""

import copy
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import closing, contextmanager
from pathlib import Path

import environ
from django.core.cache.backends.locmem import LocMemCache

BASE_DIR = Path(__file__).resolve().parent.parent
AXE_SCRIPT = BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = BASE_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# The Nu HTML Checker's command line, to be followed by the files. The JVM's quick compiler
# only: a run checks a few to a hundred pages, and the optimising one cost more processor
# time than the checking (145 pages: 9.4 s → 3.9 s of CPU, the same messages). Its frames
# are deeper, so the checker's schema needs a larger stack than the default.
VNU = [
    "java",
    "-Xss8m",
    "-XX:TieredStopAtLevel=1",
    "-jar",
    str(VNU_JAR),
    "--format",
    "json",
    "--errors-only",
]
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

# Every page of the demo (`manage.py load_demo`), with the text a visitor must find there:
# for the browser tests, whose server runs the demo, and the demo's own smoke test
# (dorfbrunnen/tests/test_demo.py). Other tests build their own pages (tests/sample.py).
DEMO_PAGES = {
    "/": "Herzlich willkommen",
    "/ueber-uns/": "Über uns",
    "/zentren/": "Zentren",
    "/zentren/?ort=44149&umkreis=25": "Zentren im Umkreis von 25 km um 44149 Dortmund",
    "/zentren/muetterzentrum-dortmund-ev-mehrgenerationenhaus/": "Hospitalstraße 6",
    "/zentren/einbetten/?ort=Essen": "Mütter- und Familienzentrum Essen e.V.",
    "/veranstaltungen/": "Veranstaltungen",
    "/veranstaltungen/fachtag-familie-2023/": "So lonely - Wie unsere Netzwerke",
    "/veranstaltungen/netzwerktreffen-ehrenamt/": "Netzwerktreffen Ehrenamt",
    "/veranstaltungen/workshop-ehrenamt-online/": "Jetzt anmelden",
    "/veranstaltungen/workshop-ehrenamt-online/anmelden/": "Wie viele Ehrenamtliche",
    "/veranstaltungen/?format=online": "Online-Workshop",
    "/zentren/muetterzentrum-dortmund-ev-mehrgenerationenhaus/babymassage/": "Jede Woche",
    "/angebote/": "Angebote finden",
    "/angebote/?ort=44149&alter=2&sprache=de": "Angebote im Umkreis von 25 km um 44149 Dortmund",
    "/infopaket/": "Infopaket",
    "/infopaket/gruendung/verein/": "Mustersatzung",
    "/infopaket/suche/?q=Kühlschranktemperatur": "Hygiene-Checkliste für das Café",
    "/infopaket/treff/hinweis/": "Hinweis senden",
    "/mitglieder/anmelden/": "Anmelden für Mitglieder",
    "/aktuelles/": "Aktuelles",
    "/aktuelles/neue-webseite/": "Unsere neue Webseite ist online",
    "/kontakt/": "Kontakt",
    "/impressum/": "Angaben gemäß § 5 DDG",
    "/datenschutz/": "Datenschutz",
    "/barrierefreiheit/": "Feedback und Kontakt",
    "/suche/?q=Einsamkeit": "Fachtag Familie 2023",
    "/newsletter/": "Aktuelles vom Landesverband",
    "/newsletter/archiv/": "Rückblick auf den Fachtag Familie",
    "/newsletter/archiv/rueckblick-fachtag-familie/": "Willkommen, neue Mitgliedszentren",
    "/leichte-sprache/": "Was ist ein Mütter·zentrum?",
    "/leichte-sprache/zentrum-finden/": "Geprüft von",
    "/barriere-melden/?seite=/zentren/": "Was funktioniert nicht?",
}
# The demo's translated page types (demo/languages.py) and a text a visitor finds there in
# each language.
TRANSLATED_PATHS = (
    "/",
    "/zentren/?ort=44149&umkreis=25",
    "/veranstaltungen/",
    "/veranstaltungen/workshop-ehrenamt-online/anmelden/",
    "/infopaket/",
    "/kontakt/",
    "/impressum/",
    "/datenschutz/",
)
TRANSLATED_PAGE_TEXTS = {
    "en": (
        "Welcome to the family centres",
        "Find a centre",
        "Events",
        "Online workshop",
        "Info pack",
        "Contact",
        "Legal notice",
        "Privacy",
    ),
    "tr": (
        "aile merkezlerine hoş geldiniz",
        "Merkez bul",
        "Etkinlikler",
        "Çevrimiçi atölye",
        "Bilgi paketi",
        "İletişim",
        "Künye",
        "Gizlilik",
    ),
    "ar": (
        "مرحبًا بكم في مراكز الأسرة",
        "ابحث عن مركز",
        "الفعاليات",
        "ورشة عبر الإنترنت",
        "الحزمة المعلوماتية",
        "اتصل بنا",
        "بيانات الناشر",
        "حماية البيانات",
    ),
    "uk": (
        "Ласкаво просимо до сімейних центрів",
        "Знайти центр",
        "Заходи",
        "Онлайн-воркшоп",
        "Інформаційний пакет",
        "Контакт",
        "Вихідні дані",
        "Захист даних",
    ),
    "ru": (
        "Добро пожаловать в семейные центры",
        "Найти центр",
        "Мероприятия",
        "Онлайн-семинар",
        "Информационный пакет",
        "Контакты",
        "Выходные данные",
        "Защита данных",
    ),
}
# The demo's translated pages (demo/languages.py), one of each type, in every language:
# {address: text a visitor must find there}.
DEMO_TRANSLATED_PAGES = {
    f"/{code}{path}": text
    for code, texts in TRANSLATED_PAGE_TEXTS.items()
    for path, text in zip(TRANSLATED_PATHS, texts, strict=True)
}
# The demo pages that carry a form (and with it the CSRF cookie).
FORM_PAGES = {
    *(path for path in DEMO_TRANSLATED_PAGES if path.endswith(("/anmelden/", "/kontakt/"))),
    "/kontakt/",
    "/veranstaltungen/workshop-ehrenamt-online/anmelden/",
    "/infopaket/treff/hinweis/",
    "/mitglieder/anmelden/",
    "/newsletter/",
    "/barriere-melden/?seite=/zentren/",
}


def messages_compile() -> None:
    """The project's .po files as .mo files where these are missing or older (as `make
    install` does; .mo files are not kept in git)."""
    for po in (BASE_DIR / "dorfbrunnen" / "locale").glob("*/LC_MESSAGES/*.po"):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        partial = mo.with_suffix(f".{os.getpid()}.part")  # parallel workers: no half files
        subprocess.run(["msgfmt", "--check", "-o", str(partial), str(po)], check=True)
        os.replace(partial, mo)


def free_port() -> int:
    """A port nobody listens on right now. Racy: another process may take it before the
    caller binds it. Servers are started with `serve()`, which copes with that."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def closed_port():
    """A port where nothing answers (connections are refused) for as long as the block
    runs: it stays bound, without listening, so no other process can take it meanwhile."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield sock.getsockname()[1]


def serve(command, ready: str, *, env=None, log: Path | None = None, attempts=5, timeout=60):
    """Starts the server `command(port)` on a free port and waits until it says `ready`
    (a text it prints once it listens): (process, port). `env(port)`, if given, is its
    environment.

    The port is picked before the server binds it, so another process may take it in
    between; the server then fails to bind and exits, and the next port is tried. Once
    the ready line is out, the port is the server's. Its output goes to `log`."""
    for _attempt in range(attempts):
        port = free_port()
        process = subprocess.Popen(
            command(port),
            cwd=BASE_DIR,
            env=env(port) if env else None,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        listening = threading.Event()
        threading.Thread(
            target=_copy_output, args=(process, ready.encode(), listening, log), daemon=True
        ).start()
        deadline = time.monotonic() + timeout
        while not listening.wait(0.1):
            if process.poll() is not None:
                break  # could not bind (or failed otherwise): try another port
            if time.monotonic() > deadline:
                process.kill()
                process.wait()
                raise RuntimeError(f"{command(port)[0]} did not start; see {log}")
        else:
            return process, port
    raise RuntimeError(f"{command(port)[0]} did not start on any port; see {log}")


def _copy_output(process, ready: bytes, listening: threading.Event, log: Path | None) -> None:
    # Read to the end, so the server never blocks on a full pipe.
    with process.stdout, open(log or os.devnull, "ab") as file:
        for line in process.stdout:
            file.write(line)
            file.flush()
            if ready in line:
                listening.set()


def _postgres(url: str):
    """An autocommit connection to the maintenance database of the server `url` names."""
    import psycopg

    config = environ.Env.db_url_config(url)
    return psycopg.connect(
        host=config["HOST"],
        port=config["PORT"] or 5432,
        user=config["USER"],
        password=config["PASSWORD"],
        dbname="postgres",
        autocommit=True,
    )


def fresh_database_url(var_dir: Path, name: str, *, migrated: bool = False) -> str:
    """A fresh database for a server or command run in another process: PostgreSQL if
    configured, else an SQLite file. Each of the suite's parallel workers gets its own.
    `migrated`: a copy of the test run's migrated template (MigratedTemplate) instead of
    an empty database, for tests that migrate only to get a database to work on."""
    if worker := os.environ.get("PYTEST_XDIST_WORKER"):
        name = f"{name}_{worker}"
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        path = var_dir / f"{name}.sqlite3"
        if migrated:
            TEMPLATE.sqlite_copy(path)
        return f"sqlite:///{path}"
    template = f" TEMPLATE {TEMPLATE.postgres_ready()}" if migrated else ""
    with _postgres(url) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {name}{template}")
    return url.rsplit("/", 1)[0] + "/" + name


class MigratedTemplate:
    """A database migrated once per test run, which the test databases are copied from:
    `migrate` takes some 25 s, a copy (PostgreSQL's CREATE DATABASE … TEMPLATE, SQLite's
    backup) well under one. pytest's main process names the folder (conftest.py); the first
    process to need the template migrates it, the suite's other workers wait for it. What
    `migrate` does on an empty database is still run by every test whose point it is
    (test_install.py)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.sqlite = folder / "template.sqlite3"
        # Named after the folder, so the main process knows what to drop at the end.
        self.postgres = "dorfbrunnen_template_" + folder.name.rsplit("-", 1)[-1].lower()

    def postgres_ready(self) -> str:
        """The PostgreSQL template database's name, once it is migrated. Nobody may stay
        connected to it: PostgreSQL copies only a database nobody uses."""
        url = os.environ["DATABASE_URL"]
        with self._once(self.folder / "postgres-migrated") as missing:
            if missing:
                with _postgres(url) as connection:
                    connection.execute(f"DROP DATABASE IF EXISTS {self.postgres}")
                    connection.execute(f"CREATE DATABASE {self.postgres}")
                self._migrate(url.rsplit("/", 1)[0] + "/" + self.postgres)
        return self.postgres

    def sqlite_copy(self, target) -> None:
        """Copies the migrated SQLite template into `target`: a file, or an open sqlite3
        connection (e.g. to an in-memory database)."""
        import sqlite3

        with self._once(self.folder / "sqlite-migrated") as missing:
            if missing:
                self._migrate(f"sqlite:///{self.sqlite}")
        source = sqlite3.connect(self.sqlite)
        try:
            if isinstance(target, sqlite3.Connection):
                source.backup(target)
            else:
                with closing(sqlite3.connect(target)) as copy:
                    source.backup(copy)
        finally:
            source.close()

    @contextmanager
    def _once(self, done: Path):
        """Yields whether `done` is missing, under a lock the suite's workers share; `done`
        is written when the block succeeds."""
        import fcntl

        self.folder.mkdir(parents=True, exist_ok=True)
        with open(self.folder / "lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            missing = not done.exists()
            yield missing
            if missing:
                done.touch()

    def _migrate(self, url: str) -> None:
        result = subprocess.run(
            [sys.executable, "manage.py", "migrate", "--no-input", "-v0"],
            cwd=BASE_DIR,
            env={
                **os.environ,
                # The test process's settings: the same apps, the same tables.
                "DJANGO_SETTINGS_MODULE": os.environ.get(
                    "DJANGO_SETTINGS_MODULE", "dorfbrunnen.settings.test"
                ),
                "DATABASE_URL": url,
                "DORFBRUNNEN_VAR_DIR": str(self.folder),
            },
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise RuntimeError(f"migrating the template failed:\n{result.stderr[-3000:]}")

    def drop(self) -> None:
        """Removes the template (main process, at the end of the run)."""
        url = os.environ.get("DATABASE_URL", "")
        if url.startswith("postgres") and (self.folder / "postgres-migrated").exists():
            with _postgres(url) as connection:
                connection.execute(f"DROP DATABASE IF EXISTS {self.postgres} WITH (FORCE)")
        shutil.rmtree(self.folder, ignore_errors=True)


# Set by conftest.py for the test run (in pytest's main process and in each worker).
TEMPLATE: MigratedTemplate | None = None


class LiveSite:
    def __init__(self, var_dir: Path, database: str = "dorfbrunnen_browser"):
        self.var_dir = var_dir
        self.port = None
        self.url = ""  # known once started
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "dorfbrunnen.settings.test",
            "DATABASE_URL": fresh_database_url(var_dir, database, migrated=True),
            "DJANGO_MEDIA_ROOT": str(var_dir / "media"),
            "DORFBRUNNEN_VAR_DIR": str(var_dir),
            "DORFBRUNNEN_MAIL_DIR": str(var_dir / "mail"),
            # Every browser test comes from 127.0.0.1 and sends the sample's forms (its
            # workshop's registration in German and Turkish …): the limit is tested without.
            "FORM_RATE_LIMIT": "100",
        }
        self.process = None

    def server_env(self, port: int) -> dict[str, str]:
        return {
            **self.env,
            # A "tile server" on the same host (one plain tile for every square), so the
            # map is drawn without any request leaving the machine.
            "MAP_TILE_URL": f"http://127.0.0.1:{port}/static/img/blank-tile.png?{{z}}/{{x}}/{{y}}",
            "PYTHONUNBUFFERED": "1",  # the ready line must not wait in a buffer
        }

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
        return self._serve("server.log")

    def sibling(self, log: str = "server-2.log", **env) -> "LiveSite":
        """A second server on this one's database, media and mail folder, with `env` on
        top – for a journey that needs a setting the other browser tests run without
        (REQUIRE_ADMIN_2FA). Stop it with `stop()`."""
        other = copy.copy(self)
        other.env = {**self.env, **env}
        other.process = None
        return other._serve(log)

    def _serve(self, log: str):
        self.process, self.port = serve(
            self.runserver,
            "development server at http://",  # printed by runserver once it has bound the port
            env=self.server_env,
            log=self.var_dir / log,
        )
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2):  # noqa: S310
                    return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("The test server did not start; see server.log")

    @staticmethod
    def runserver(port: int) -> list[str]:
        return [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"]

    def stop(self):
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=10)

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


# `make screenshots` sets this: the browser journeys then leave pictures of each step.
SCREENSHOT_DIR = os.environ.get("DORFBRUNNEN_SCREENSHOTS", "")
SCREENSHOT_WIDTHS = (390, 1280)


def snapshot(page, name: str) -> None:
    """A picture of the page as it is now, at a phone's and a desktop's width, when
    `make screenshots` asked for them (var/screenshots/<name>-<width>.png); else nothing.
    The page is put back to the width it had."""
    if not SCREENSHOT_DIR:
        return
    folder = Path(SCREENSHOT_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    for width in SCREENSHOT_WIDTHS:
        page.set_viewport_size({"width": width, "height": size["height"] if size else 800})
        page.screenshot(path=folder / f"{name}-{width}.png", full_page=True)
    if size:
        page.set_viewport_size(size)


def office_login(page, live_site) -> None:
    """Logs the demo's office account into the admin, as a person does (by the form's
    labels), and waits for the dashboard."""
    from playwright.sync_api import expect

    credentials = live_site.credentials()
    page.goto("/admin/login/")
    page.get_by_label("E-Mail-Adresse oder Benutzername").fill(credentials["Benutzername"])
    page.get_by_label("Passwort").fill(credentials["Passwort"])
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("heading", name="Schnellzugriff")).to_be_visible()


def axe_violations(page) -> list[dict]:
    """Runs axe-core with the WCAG 2.1 AA rules on the current page; returns the violations.
    Call it after waiting for something on the page a click led to: a page still navigating
    has no document for axe to read."""
    page.wait_for_load_state()
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


def wsgi_call(path, method="GET", cookie="", headers=None):
    """A request through the production entry point (dorfbrunnen.wsgi), as granian makes it.
    Use with the `direct_wsgi` fixture: (status, headers, body)."""
    from wsgiref.util import setup_testing_defaults

    from dorfbrunnen.wsgi import application

    path, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "HTTP_HOST": "testserver",
    }
    if cookie:
        environ["HTTP_COOKIE"] = cookie
    for name, value in (headers or {}).items():
        environ["HTTP_" + name.upper().replace("-", "_")] = value
    setup_testing_defaults(environ)
    started = {}

    def start_response(status, headers):
        started.update(status=status, headers=dict(headers))

    result = application(environ, start_response)
    body = b"".join(result)
    if hasattr(result, "close"):
        result.close()
    return started["status"], started["headers"], body


class CountingCache(LocMemCache):
    """The in-process cache, counting the reads that would be round trips to Redis: `log`
    names the keys read one by one; a `get_many` counts once and logs nothing."""

    reads = 0

    log: list = []

    _many = False  # inside get_many, which reads each key through get

    def get(self, *args, **kwargs):
        if not self._many:
            type(self).reads += 1
            type(self).log.append(args[0])
        return super().get(*args, **kwargs)

    def get_many(self, *args, **kwargs):
        type(self).reads += 1
        self._many = True
        try:
            return super().get_many(*args, **kwargs)
        finally:
            self._many = False


def response_json(response):
    """The JSON of a test client's response, streamed (the open-data feeds) or not."""
    if response.streaming:
        return json.loads(b"".join(response.streaming_content))
    return response.json()
