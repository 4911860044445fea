from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "dorfbrunnen.library"
    label = "library"
    verbose_name = _("Infopaket")

    def ready(self):
        from . import access, signal_handlers  # noqa: F401  (access connects its signals)

        signal_handlers.register()
