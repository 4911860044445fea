"""A send to 2,000 subscribers, with the real task worker (`manage.py db_worker`, as the
deployment guide runs it) killed twice – once between two batches, once in the middle of
one – and started again, a real SMTP server (aiosmtpd) counting what arrives.

Every recipient gets exactly one mail, except the rows the office is shown as „wird
gesendet“: those may have gone out before the crash or not (nobody can know), so they got at
most one, and nothing sends them again by itself.

The worker processes share the test's database (PostgreSQL: the test database itself;
SQLite: a copy of the in-memory one in a file), so nothing is migrated again. Instead of
waiting for the clock, the test moves the pacing row and the waiting task to „now“ – the
way a long pause between two batches ends."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from contextlib import closing

import environ
import pytest
from django.db import connection

from dorfbrunnen.testing import BASE_DIR

from .smtp import start_sink

pytestmark = pytest.mark.servers

RECIPIENTS = 2000
BATCH = 400
# Kills 1 and 2: one batch of 400, then a pause of ten minutes (which the test ends).
PAUSED = {"NEWSLETTER_BATCH_SECONDS": "600", "NEWSLETTER_MAILS_PER_MINUTE": "40"}
# After the second restart: 400 a second, no more pauses to end.
STEADY = {"NEWSLETTER_BATCH_SECONDS": "1", "NEWSLETTER_MAILS_PER_MINUTE": "24000"}

SETUP = f"""
from django.utils import timezone
from wagtail.rich_text import RichText
from dorfbrunnen.core.models import SetupRecord
from dorfbrunnen.newsletter import services
from dorfbrunnen.newsletter.models import NewsletterIssuePage, NewsletterList, Subscriber

aktuelles = NewsletterList.objects.get(slug="aktuelles")
people = Subscriber.objects.bulk_create(
    Subscriber(email=f"leser{{n}}@example.org", status="confirmed", confirmed_at=timezone.now())
    for n in range({RECIPIENTS})
)
Subscriber.lists.through.objects.bulk_create(
    Subscriber.lists.through(subscriber_id=p.pk, newsletterlist_id=aktuelles.pk) for p in people
)
archive = SetupRecord.objects.get(key="page:newsletter-archive").target
issue = NewsletterIssuePage(
    title="Newsletter Dezember", slug="dezember", body=[("paragraph", RichText("<p>Hallo</p>"))]
)
archive.add_child(instance=issue)
issue.save_revision().publish()
services.send_schedule(issue=issue, lists=[aktuelles])  # its first batch task is queued
"""

STATES_SQL = """
SELECT s.email, d.status FROM newsletter_delivery d
LEFT JOIN newsletter_subscriber s ON s.id = d.subscriber_id
"""
WAITING_SQL = """
SELECT count(*) FROM django_tasks_database_dbtaskresult
WHERE status = 'READY' AND task_path LIKE '%send_newsletter_batch'
"""
# The pause is over: the pace allows the next batch, the waiting batch task is due.
PAUSE_OVER_SQL = [
    "UPDATE newsletter_sendingpace SET next_batch_at = '2000-01-01 00:00:00+00:00'",
    "UPDATE django_tasks_database_dbtaskresult SET run_after = '2000-01-01 00:00:00+00:00' "
    "WHERE status = 'READY'",
]


class WorkerDatabase:
    """The database the worker processes use, and plain SQL on it from the test."""

    def __init__(self, sqlite_copy=None):
        if sqlite_copy is None:
            self.config = dict(connection.settings_dict)
            url = os.environ["DATABASE_URL"]
            self.url = url.rsplit("/", 1)[0] + "/" + self.config["NAME"]
        else:
            self.config = None
            self.path = sqlite_copy
            self.url = f"sqlite:///{sqlite_copy}"

    def run(self, sql: str, fetch=False):
        if self.config is None:
            with closing(sqlite3.connect(self.path, timeout=20)) as db, db:
                rows = db.execute(sql.replace("+00:00", "")).fetchall()
            return rows if fetch else None
        import psycopg

        config = environ.Env.db_url_config(self.url)
        with psycopg.connect(
            host=config["HOST"],
            port=config["PORT"] or 5432,
            user=config["USER"],
            password=config["PASSWORD"],
            dbname=config["NAME"],
        ) as db:
            cursor = db.execute(sql)
            return cursor.fetchall() if fetch else None

    def states(self) -> dict[str, str]:
        return dict(self.run(STATES_SQL, fetch=True))

    def pause_over(self):
        for sql in PAUSE_OVER_SQL:
            self.run(sql)


def wait_for(condition, timeout=240, what=""):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def sqlite_copy(django_db_setup, django_db_blocker, tmp_path):
    """The in-memory test database copied to a file, before the test's transaction begins
    (sqlite3's backup would wait for that transaction forever)."""
    path = tmp_path / "workers.sqlite3"
    with django_db_blocker.unblock():
        connection.ensure_connection()
        with closing(sqlite3.connect(path)) as copy:
            connection.connection.backup(copy)
    return path


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the SQLite version is below")
def test_a_killed_worker_sends_nobody_a_mail_twice(committed_db, tmp_path):
    # The workers use the test database; committed_db restores the install afterwards.
    killed_worker_run(tmp_path, WorkerDatabase())


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the PostgreSQL version is above")
def test_a_killed_worker_sends_nobody_a_mail_twice_sqlite(sqlite_copy, db, tmp_path):
    # The workers use a copy of the in-memory test database; this one stays untouched.
    killed_worker_run(tmp_path, WorkerDatabase(sqlite_copy))


def killed_worker_run(tmp_path, database):
    sink, controller, port = start_sink()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "dorfbrunnen.newsletter.tests.worker_settings",
        "DATABASE_URL": database.url,
        "DORFBRUNNEN_VAR_DIR": str(tmp_path),
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        "NEWSLETTER_TEST_SMTP_PORT": str(port),
    }
    workers = []

    def manage(*args, pace=PAUSED):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env={**env, **pace},
            capture_output=True,
        )
        assert result.returncode == 0, result.stderr.decode()[-3000:]

    def start_worker(pace=PAUSED):
        log = open(tmp_path / f"worker-{len(workers)}.log", "wb")  # noqa: SIM115 – closed below
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--interval", "0.2"],
            cwd=BASE_DIR,
            env={**env, **pace},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        workers.append((worker, log))
        return worker

    def kill(worker):
        worker.send_signal(signal.SIGKILL)  # no chance to finish anything
        worker.wait(timeout=10)

    def arrived():
        return sum(sink.counts().values())

    def next_batch_waiting():
        return database.run(WAITING_SQL, fetch=True)[0][0] > 0

    try:
        manage("shell", "-c", SETUP)

        # 1. Killed between two batches: the first batch is out, the next one waits in the
        #    task queue (ten minutes) when the worker dies.
        worker = start_worker()
        wait_for(lambda: arrived() >= BATCH and next_batch_waiting(), what="the first batch")
        kill(worker)
        assert arrived() == BATCH

        # 2. Started again, it takes the waiting batch once the pause is over; killed in the
        #    middle of it.
        worker = start_worker()
        database.pause_over()
        wait_for(lambda: arrived() >= BATCH + 100, what="the second batch")
        kill(worker)
        assert BATCH < arrived() < 2 * BATCH, "the kill was meant to hit a running batch"

        # 3. Started again. The killed task is lost with its worker: the periodic job
        #    (send_newsletters, every minute in production) continues the send.
        start_worker(pace=STEADY)
        database.pause_over()
        manage("send_newsletters", pace=STEADY)

        def finished():
            states = database.states()
            return states and all(state in ("sent", "sending") for state in states.values())

        wait_for(finished, what="the send to finish")
        time.sleep(0.5)  # anything still on its way arrives
    finally:
        for worker, log in workers:
            if worker.poll() is None:
                worker.terminate()
                worker.wait(timeout=20)
            log.close()
        controller.stop()

    states = database.states()
    received = sink.counts()
    assert len(states) == RECIPIENTS
    sent = {email for email, state in states.items() if state == "sent"}
    sending = {email for email, state in states.items() if state == "sending"}
    assert len(sending) <= 1  # one worker, one mail in its hands when it died
    assert all(received[email] == 1 for email in sent), "a sent row got no mail or two"
    assert all(received[email] <= 1 for email in sending)
    assert set(received) <= sent | sending
    assert Counter(received.values()) == Counter({1: len(received)})
