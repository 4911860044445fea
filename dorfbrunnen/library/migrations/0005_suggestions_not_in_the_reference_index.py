from django.db import migrations

from dorfbrunnen.core.migration_ops import forget_references


class Migration(migrations.Migration):
    dependencies = [
        ("library", "0004_easy_read_versions"),
        ("wagtailcore", "0096_referenceindex_referenceindex_source_object_and_more"),
    ]

    operations = [forget_references("library", "chaptersuggestion")]
