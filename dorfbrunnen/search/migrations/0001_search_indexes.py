"""Two PostgreSQL indexes the search queries need (measured in docs/benchmarks.md).

Wagtail's database search matches `title || body` of its index entries and joins them to
pages on `page.id::varchar = object_id`. Neither expression had an index: every search read
every index entry (building each one's combined vector) and every page. With these, a word
that few pages contain is found through the index, and the matching pages by their id.
SQLite (FTS5) has its own index and needs neither.
"""

from django.db import migrations

INDEXES = [
    (
        "site_search_entry_title_body_gin",
        'CREATE INDEX IF NOT EXISTS site_search_entry_title_body_gin '
        'ON wagtailsearch_indexentry USING gin ((title || body))',
    ),
    (
        "site_search_page_id_as_text",
        'CREATE INDEX IF NOT EXISTS site_search_page_id_as_text '
        'ON wagtailcore_page (((id::varchar(50))::text))',
    ),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for _name, sql in INDEXES:
            schema_editor.execute(sql)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, _sql in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("wagtailsearch", "0010_add_text_fields"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
