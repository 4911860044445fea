from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "dorfbrunnen.pages"
    label = "pages"
    verbose_name = _("Seiten")

    def ready(self):
        from . import setup  # noqa: F401 – registers its setup steps
