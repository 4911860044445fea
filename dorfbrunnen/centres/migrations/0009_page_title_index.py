"""An index on the pages' titles (PostgreSQL), for the site search's offer box: the first
centres with an offer by title are read along it, a few dozen titles instead of sorting every
centre's (centres.selectors._offer_hits; docs/benchmarks.md, twelfth round). SQLite
needs none at this site's size."""

from django.db import migrations

NAME = "centres_page_title_id"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {NAME} ON wagtailcore_page (title, id)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [
        ("centres", "0008_in_open_data_help_names_the_events_place"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
