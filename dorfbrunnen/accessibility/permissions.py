"""Who sees barrier reports: the office (and superusers), nobody else – not even someone
given the model's permissions by mistake, e.g. a centre's volunteers. Registered as the
permission policy of `BarrierReport`, so every admin screen of reports uses this rule."""

from dorfbrunnen.core.roles import OFFICE, role_group
from dorfbrunnen.core.scoping import ScopedPolicy

from .models import BarrierReport


def reports_in_scope(user, queryset):
    if user.is_superuser:
        return queryset
    office = role_group(OFFICE)
    if office is not None and user.groups.filter(pk=office.pk).exists():
        return queryset
    return queryset.none()


barrier_report_policy = ScopedPolicy(BarrierReport, scope=reports_in_scope)
