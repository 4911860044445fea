from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessibilityConfig(AppConfig):
    name = "dorfbrunnen.accessibility"
    label = "accessibility"
    verbose_name = _("Barrierefreiheit")

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from dorfbrunnen.core.privacy import register_personal_data
        from dorfbrunnen.core.roles import OFFICE, role_grant

        from .models import BarrierReport
        from .permissions import barrier_report_policy
        from .privacy import BarrierReports

        register_permission_policy(BarrierReport, barrier_report_policy)
        register_personal_data(BarrierReports())
        role_grant(
            OFFICE,
            *(
                f"accessibility.{action}_barrierreport"
                for action in ("add", "change", "view", "delete")
            ),
        )
