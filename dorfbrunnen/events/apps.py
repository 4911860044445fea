from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "dorfbrunnen.events"
    label = "events"
    verbose_name = _("Veranstaltungen")

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from dorfbrunnen.centres.services import CENTRE_EDITORS
        from dorfbrunnen.core.content_cache import shown_everywhere
        from dorfbrunnen.core.mail import mail_writer_register
        from dorfbrunnen.core.privacy import register_personal_data
        from dorfbrunnen.core.roles import OFFICE, role_grant

        from . import api, mails, setup, signal_handlers  # noqa: F401 – setup registers its step
        from .models import Registration, TargetGroup
        from .permissions import registration_policy
        from .privacy import Registrations

        signal_handlers.register()
        api.register()
        register_permission_policy(Registration, registration_policy)
        register_personal_data(Registrations())
        mail_writer_register("registration", mails.written)
        shown_everywhere(TargetGroup)
        role_grant(
            OFFICE,
            *(f"events.{action}_registration" for action in ("add", "change", "view", "delete")),
            *(f"events.{action}_targetgroup" for action in ("add", "change", "delete")),
        )
        # A centre's volunteers see and enter their own events' registrations (the admin
        # scopes them to those, events.permissions).
        role_grant(
            CENTRE_EDITORS,
            *(f"events.{action}_registration" for action in ("add", "change", "view")),
        )
