from django.db import migrations

from dorfbrunnen.core.migration_ops import forget_references


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0006_merge_issue_15_and_17"),
        ("wagtailcore", "0096_referenceindex_referenceindex_source_object_and_more"),
    ]

    operations = [forget_references("events", "registration", "courseattendance")]
