from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop


class MembersConfig(AppConfig):
    name = "dorfbrunnen.members"
    label = "members"
    verbose_name = _("Mitglieder")

    def ready(self):
        from dorfbrunnen.core.roles import MEMBERS, role_declare

        role_declare(
            MEMBERS,
            gettext_noop("Mitglieder"),
            gettext_noop("Melden sich auf der Webseite an und sehen die Teile nur für Mitglieder."),
        )
