from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "dorfbrunnen.core"
    label = "core"
    verbose_name = _("Grundlagen")

    def ready(self):
        from . import content_cache, restrictions  # noqa: F401 – connect the invalidation signals
