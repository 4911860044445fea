from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "dorfbrunnen.events"
    label = "events"
    verbose_name = _("Veranstaltungen")

    def ready(self):
        from . import signal_handlers

        signal_handlers.register()
