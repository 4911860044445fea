from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "dorfbrunnen.news"
    label = "news"
    verbose_name = _("Aktuelles")

    def ready(self):
        from . import setup  # noqa: F401 – registers its setup step
