"""Operations shared by the apps' migrations."""

from django.db import migrations


def forget_references(app_label: str, *model_names: str) -> migrations.RunPython:
    """Remove the rows of these models from Wagtail's reference index – written before
    they were left out of it (core.models.NotAUsage)."""

    def forget(apps, schema_editor):
        content_type = apps.get_model("contenttypes", "ContentType")
        reference = apps.get_model("wagtailcore", "ReferenceIndex")
        types = content_type.objects.filter(app_label=app_label, model__in=model_names)
        reference.objects.filter(content_type__in=types).delete()

    return migrations.RunPython(forget, migrations.RunPython.noop)
