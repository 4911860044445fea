"""Fixtures shared by every app's tests.

The test database starts as a production install does – what `setup_site` creates (roles,
the section pages, collections, the centres' workflow, menus), no demo content. Each test
builds the data it needs with its app's factories (`<app>/tests/factories.py`); its changes
are rolled back. The demo itself is checked by `dorfbrunnen/tests/test_demo.py` and serves
the browser journeys (`live_site`).
"""

import json
import tempfile
from pathlib import Path

import pytest


def pytest_configure(config):
    """`make` compiles the admin's German wording (dorfbrunnen/locale); a direct pytest run
    compiles it too, so that the tests see what the site shows. The main process names the
    run's migrated template (testing.MigratedTemplate); its workers are told below."""
    from dorfbrunnen import testing

    testing.messages_compile()
    # xdist declares its mark only when it is loaded; `make screenshots` runs without it
    # (-p no:xdist), where --strict-markers would refuse the groups below.
    config.addinivalue_line("markers", "xdist_group(name): run these tests on one worker")
    if workerinput := getattr(config, "workerinput", None):
        folder = Path(workerinput["dorfbrunnen_template"])
    else:
        folder = Path(tempfile.mkdtemp(prefix="dorfbrunnen-template-"))
    testing.TEMPLATE = testing.MigratedTemplate(folder)


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    from dorfbrunnen.testing import TEMPLATE

    node.workerinput["dorfbrunnen_template"] = str(TEMPLATE.folder)


def pytest_unconfigure(config):
    if not hasattr(config, "workerinput"):
        from dorfbrunnen.testing import TEMPLATE

        TEMPLATE.drop()


# Where the code takes a different path on SQLite (the embedded default of `make run`):
# search backends, backup, the demo. `make test` runs these on SQLite too (marker `sqlite`);
# everything runs on PostgreSQL, the production database.
SQLITE_TOO = (
    "dorfbrunnen/search/tests/",
    "dorfbrunnen/tests/test_backup.py",
    "dorfbrunnen/tests/test_demo.py",
)


# Tests that take a minute or more on their own (installs, backups, workers in processes of
# their own, whole-site checks). They start first: last, one of them keeps one worker busy
# while the other has nothing left to do.
LONG = (
    "dorfbrunnen/tests/test_install.py",
    "dorfbrunnen/tests/test_backup.py",
    "dorfbrunnen/tests/test_demo.py",
    "dorfbrunnen/tests/test_languages.py::test_every_page_type_is_valid_html_in_every_language",
)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """With parallel workers (make test: pytest -n 2 --dist loadgroup) all browser tests go
    to one worker, so one demo server serves them. (Two halves with a server each, or three
    workers, made the suite no faster on two cores: it is bound by the processor.) First of
    all hooks: xdist reads the groups in its own hook."""
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.xdist_group("browser"))
        if item.nodeid.startswith(SQLITE_TOO):
            item.add_marker(pytest.mark.sqlite)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_finish(session):
    """Once every hook has filtered and ordered the tests (pytest-django: the transactional
    ones last), the long ones, and those that start servers of their own, are put first.

    xdist's loadgroup tells its scheduler a test's group by a suffix to the test's id
    ("…::test_x@browser"), written into `item._nodeid`; since pytest 9.2 the id lives in
    `item._id`, so the suffix got lost and the groups were spread over both workers
    (pytest-dev/pytest-xdist#1386). Until xdist writes the id itself, it is done here.

    Both before the worker reports its ids (in xdist's hook of this name)."""
    session.items.sort(
        key=lambda item: not (item.nodeid.startswith(LONG) or item.get_closest_marker("servers"))
    )
    if not (getattr(session.config, "workerinput", None) and session.config.getvalue("loadgroup")):
        return
    for item in session.items:
        legacy = getattr(item, "_nodeid", None)
        if legacy and legacy != item.nodeid and hasattr(item, "_id"):
            item._id = type(item._id).parse(legacy)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test's database changes are rolled back; its cached fragments must go too."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _german_first():
    """Each test begins in German: the language middleware activates the address's
    language for the thread, and a test's last request to /ru/… must not make the next
    test's mails and links Russian."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """`with commit():` runs what waits for the transaction to commit (queued mails) at the
    end of the block, as it would happen outside the test's transaction – and then forgets
    it, as a real commit does, so that the next block starts a fresh "transaction"."""
    import contextlib

    from django.db import connection

    @contextlib.contextmanager
    def committed():
        before = len(connection.run_on_commit)
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            yield callbacks
        del connection.run_on_commit[before:]

    return committed


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings_parallel_suffix, django_db_use_migrations, django_db_keepdb
):
    """Each worker's test database starts as a copy of the run's migrated template, instead
    of every worker migrating one of its own (the `migrate` that follows has nothing left to
    do). SQLite's in-memory test database is filled from the template through a connection
    that keeps it alive for the session."""
    import sqlite3

    from django.conf import settings
    from django.db import connection

    from dorfbrunnen.testing import TEMPLATE

    keeper = None
    if django_db_use_migrations and not django_db_keepdb:
        if connection.vendor == "postgresql":
            test = settings.DATABASES["default"].setdefault("TEST", {})
            test["TEMPLATE"] = TEMPLATE.postgres_ready()
        elif connection.vendor == "sqlite":
            name = connection.creation._get_test_db_name()
            if connection.creation.is_in_memory_db(name):
                keeper = sqlite3.connect(name, uri=True)
                TEMPLATE.sqlite_copy(keeper)
    yield
    if keeper:
        keeper.close()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from dorfbrunnen.core.setup import site_setup

    with django_db_blocker.unblock():
        site_setup()
    yield
    # Servers and workers some tests start (killed on purpose, or stopped a moment ago) may
    # leave a session whose end PostgreSQL has not noticed yet; it would block dropping the
    # test database.
    from django.db import connection

    if connection.vendor == "postgresql":
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


@pytest.fixture
def section(db):
    """`section("centres")` → the section page setup made ("home", "about", "imprint",
    "privacy", "accessibility", "centres", "events", "library", "news", "contact")."""
    from dorfbrunnen.core.models import SetupRecord

    return lambda key: SetupRecord.objects.get(key=f"page:{key}").target.specific


@pytest.fixture
def office_user(db, django_user_model):
    """An account of the office (the group setup made for the office role)."""
    from dorfbrunnen.core.roles import OFFICE, role_group

    user = django_user_model.objects.create_user(
        "geschaeftsstelle", "office@example.org", "Geheim-12345", first_name="Greta"
    )
    user.groups.add(role_group(OFFICE))
    return user


@pytest.fixture
def office_client(client, office_user):
    client.force_login(office_user)
    return client


@pytest.fixture
def member(db, django_user_model):
    from dorfbrunnen.core.roles import MEMBERS, role_group

    user = django_user_model.objects.create_user("mia", "mia@example.org", "Geheim-12345")
    user.groups.add(role_group(MEMBERS))
    return user


@pytest.fixture
def member_client(member):
    """A second browser, logged in as a member (`client` stays anonymous)."""
    from django.test import Client

    client = Client()
    client.force_login(member)
    return client


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


@pytest.fixture(scope="session")
def live_site(tmp_path_factory):
    from dorfbrunnen.testing import LiveSite

    site = LiveSite(tmp_path_factory.mktemp("live-site")).start()
    yield site
    site.stop()


@pytest.fixture(scope="session")
def live_site_2fa(live_site):
    """The demo site's database served a second time, asking for a second factor at every
    admin login (REQUIRE_ADMIN_2FA), as production does."""
    site = live_site.sibling(REQUIRE_ADMIN_2FA="true")
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


def _row_counts(connection) -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


@pytest.fixture
def _database_restored_afterwards(request, django_db_setup, django_db_blocker):
    """Keeps a copy of the committed database and puts it back after the transactional
    test's flush (set up before `transactional_db`, so torn down after it)."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.core.management.color import no_style
    from django.db import connection

    from dorfbrunnen.core.models import SetupRecord

    if request.node.get_closest_marker("django_db"):
        pytest.fail("committed_db opens the database itself: drop the django_db mark")
    with django_db_blocker.unblock():
        if not SetupRecord.objects.exists():
            pytest.fail("the install is gone: an earlier transactional test did not restore it")
        snapshot = connection.creation.serialize_db_to_string()
        before = _row_counts(connection)
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        # Content types first, with their old ids: saving other rows may look them up.
        ContentType.objects.clear_cache()
        rows = json.loads(snapshot)
        rows.sort(key=lambda row: row["model"] != "contenttypes.contenttype")
        connection.creation.deserialize_db_from_string(json.dumps(rows))
        models = [model for model in apps.get_models() if model._meta.managed]
        with connection.cursor() as cursor:  # ids go on after the restored rows
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)
        ContentType.objects.clear_cache()
        after = _row_counts(connection)
    changed = {table: (before.get(table), after.get(table)) for table in before | after}
    changed = {table: counts for table, counts in changed.items() if counts[0] != counts[1]}
    assert not changed, f"not restored as it was (rows before, after): {changed}"


@pytest.fixture
def committed_db(_database_restored_afterwards, transactional_db):
    """For tests whose threads use their own database connections: what the test writes is
    committed, so every connection sees it. pytest-django empties every table after such a
    test; the database is then restored as the test found it (the production install that
    the other tests expect). Use it instead of the django_db mark."""
