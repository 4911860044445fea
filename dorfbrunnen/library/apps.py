from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "dorfbrunnen.library"
    label = "library"
    verbose_name = _("Infopaket")

    def ready(self):
        from dorfbrunnen.core.privacy import register_personal_data
        from dorfbrunnen.core.roles import OFFICE, role_grant

        from . import access, setup, signal_handlers  # noqa: F401 – signals, setup step
        from .privacy import Suggestions

        signal_handlers.register()
        register_personal_data(Suggestions())
        role_grant(
            OFFICE,
            *(f"library.{action}_chaptersuggestion" for action in ("view", "change", "delete")),
        )
