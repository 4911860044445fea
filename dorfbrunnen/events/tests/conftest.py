"""Fixtures of the events tests: committed data for tests that run threads."""

import json

import pytest


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
