"""Documents uploaded before the binder's document model existed move over with their ids,
so pages that link them (e.g. an event's documentation) keep working."""

from django.core.management.color import no_style
from django.db import migrations

FIELDS = [
    "id",
    "title",
    "file",
    "created_at",
    "uploaded_by_user_id",
    "collection_id",
    "file_size",
    "file_hash",
]


def copy_documents(apps, schema_editor):
    old = apps.get_model("wagtaildocs", "Document")
    new = apps.get_model("library", "LibraryDocument")
    existing = set(new.objects.values_list("id", flat=True))
    new.objects.bulk_create(
        new(**{name: getattr(document, name) for name in FIELDS})
        for document in old.objects.exclude(id__in=existing)
    )
    # Rows inserted with their ids leave PostgreSQL's id sequence behind.
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), [new]):
            cursor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0002_binder"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(copy_documents, migrations.RunPython.noop)]
