from django.db import migrations

from dorfbrunnen.core.migration_ops import forget_references


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0002_leichte_sprache_and_sign_language"),
        ("wagtailcore", "0096_referenceindex_referenceindex_source_object_and_more"),
    ]

    operations = [
        forget_references("newsletter", "consent", "newslettersend", "renderedissue", "delivery")
    ]
