from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    name = "dorfbrunnen.newsletter"
    label = "newsletter"
    verbose_name = _("Newsletter")

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from dorfbrunnen.core.privacy import register_personal_data
        from dorfbrunnen.core.roles import OFFICE, role_grant

        from . import setup  # noqa: F401 – registers its setup steps
        from .models import Subscriber
        from .permissions import subscriber_policy
        from .privacy import OptInRequests, Subscriptions, TestSends

        register_permission_policy(Subscriber, subscriber_policy)
        register_personal_data(Subscriptions())
        register_personal_data(OptInRequests())
        register_personal_data(TestSends())
        role_grant(
            OFFICE,
            # No „add“: a subscription comes with its consent, from the form or the import.
            *(f"newsletter.{action}_subscriber" for action in ("change", "view", "delete")),
            *(f"newsletter.{action}_newsletterlist" for action in ("add", "change", "delete")),
            *(f"newsletter.{action}_consenttext" for action in ("add", "change", "view")),
            *(f"newsletter.{action}_newslettersend" for action in ("add", "change", "view")),
        )
