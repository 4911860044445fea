"""Fixtures shared by every app's tests."""

import pytest

from dorfbrunnen.core.demo import demo_load


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test's database changes are rolled back; its cached fragments must go too."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """`with commit():` runs what waits for the transaction to commit (queued mails) at the
    end of the block, as it would happen outside the test's transaction."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, tmp_path_factory):
    """Every test database starts with the demo content, loaded once per session; each
    test's changes are rolled back, so tests see it as `make run` creates it."""
    credentials = tmp_path_factory.mktemp("demo") / "demo-credentials.txt"
    with django_db_blocker.unblock():
        return demo_load(credentials_file=credentials)


@pytest.fixture
def direct_wsgi():
    """For tests that call a WSGI application directly instead of through Django's test
    client: like the client, keep Django from closing the test's database connection (and
    with it the test's transaction) at the start and end of each request."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def purges(settings):
    """A stand-in for Varnish's purge endpoint that records what it is asked to purge:
    [(Host, path), …]."""
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_PURGE(self):
            received.append((self.headers["Host"], self.path))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    yield received
    server.shutdown()
    server.server_close()


@pytest.fixture
def demo(db, django_db_setup):
    """The result of loading the demo tree (counts and the generated editor login)."""
    return django_db_setup


# Every page of the demo tree, with the text a visitor must find there.
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
    "/zentren/muetterzentrum-dortmund-ev-mehrgenerationenhaus/krabbelgruppe/": "Jede Woche",
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
}
FORM_PAGES = {
    "/kontakt/",
    "/veranstaltungen/workshop-ehrenamt-online/anmelden/",
    "/infopaket/treff/hinweis/",
    "/mitglieder/anmelden/",
}


@pytest.fixture(scope="session")
def live_site(tmp_path_factory):
    from dorfbrunnen.testing import LiveSite

    site = LiveSite(tmp_path_factory.mktemp("live-site")).start()
    yield site
    site.stop()


@pytest.fixture(scope="session")
def browser():
    import os

    from playwright.sync_api import sync_playwright

    from dorfbrunnen.testing import CHROMIUM, CHROMIUM_ARGS

    # Playwright's sync API keeps an event loop in this thread; the other tests' ORM calls
    # are synchronous and safe, so Django's async guard is relaxed for this process.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser, live_site):
    """A fresh browser tab; fails the test on any console error (e.g. a CSP violation)."""
    context = browser.new_context(base_url=live_site.url, locale="de-DE")
    tab = context.new_page()
    errors = []

    def on_console(message):
        # Failed loads are reported with their address by on_response below.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            errors.append(message.text)

    def on_response(response):
        # A 4xx document is the test's own business; a failing resource is an error.
        if response.status >= 400 and response.request.resource_type != "document":
            errors.append(f"{response.status} {response.url}")

    tab.on("console", on_console)
    tab.on("response", on_response)
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert errors == [], errors
