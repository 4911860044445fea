from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactConfig(AppConfig):
    name = "dorfbrunnen.contact"
    label = "contact"
    verbose_name = _("Kontakt")

    def ready(self):
        from dorfbrunnen.core.privacy import register_personal_data

        from . import setup  # noqa: F401 – registers its setup step
        from .privacy import Submissions

        register_personal_data(Submissions())
