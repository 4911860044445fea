"""The search vectors stay in the index entry's row (PostgreSQL).

An entry row holds the title and body vectors and the plain texts; a news page's or a
document's entry passes 2 kB, and PostgreSQL then moved its largest value – the body vector
– into a side table (TOAST). Ranking a match reads the body vector, so every ranked match
fetched it from there: 3.8 µs a match, 12 ms of a common word's 2,750 matches. `MAIN`
keeps the vectors in the row and moves the plain texts out first (read only by a fuzzy
search, which no view makes); measured, ranking the same matches takes ~2 ms
(docs/benchmarks.md). The entries already stored are written once more, so they move too.
"""

from django.db import migrations

VECTORS = ("title", "body")


def _set_storage(schema_editor, storage):
    if schema_editor.connection.vendor != "postgresql":
        return
    columns = ", ".join(f"ALTER COLUMN {column} SET STORAGE {storage}" for column in VECTORS)
    schema_editor.execute(f"ALTER TABLE wagtailsearch_indexentry {columns}")
    # A value is stored anew only when it changes: `|| ''` makes each vector a new value.
    assignments = ", ".join(f"{column} = {column} || ''::tsvector" for column in VECTORS)
    schema_editor.execute(f"UPDATE wagtailsearch_indexentry SET {assignments}")


def inline(apps, schema_editor):
    _set_storage(schema_editor, "MAIN")


def extended(apps, schema_editor):
    _set_storage(schema_editor, "EXTENDED")


class Migration(migrations.Migration):
    dependencies = [("site_search", "0001_search_indexes")]

    operations = [migrations.RunPython(inline, extended, elidable=False)]
