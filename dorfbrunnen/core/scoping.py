"""Row-level permissions for admin screens that show personal data.

Wagtail's model permissions say *whether* someone may see registrations at all; a centre's
volunteers may see only their own centre's. A `ScopedPolicy` adds the rows: its `scope`
narrows any queryset to what the user may see. `ScopedViewSetMixin` makes every view of a
viewset obey it – the listing, and every address that names a row (edit, delete, history,
usage, inspect, and any view Wagtail adds in future versions) answers 404 for a row outside
the scope, before the view runs. One policy per viewset, registered for its model, so
Wagtail's own checks (buttons, choosers) use the same rule.
"""

from collections.abc import Callable
from functools import wraps

from django.http import Http404
from django.urls import URLPattern
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry

ALL_ACTIONS = ["add", "change", "delete", "view"]


class ScopedPolicy(ModelPermissionPolicy):
    def __init__(self, model, scope: Callable, *, refused=(), **kwargs):
        """`scope(user, queryset)` returns the part of `queryset` the user may see;
        `refused`: actions nobody takes in the admin's generic screens, whatever their
        permissions (rows that only come from a form with its consent, for instance)."""
        super().__init__(model, **kwargs)
        self.scope = scope
        self.refused = set(refused)

    def user_has_permission(self, user, action):
        return action not in self.refused and super().user_has_permission(user, action)

    def visible(self, user, queryset=None):
        queryset = self.model._default_manager.all() if queryset is None else queryset
        if not user.is_active:
            return queryset.none()
        return self.scope(user, queryset)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.visible(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return (
            self.user_has_any_permission(user, actions)
            and self.visible(user).filter(pk=instance.pk).exists()
        )


class ScopedViewSetMixin:
    """For a ModelViewSet whose model has a `ScopedPolicy` registered."""

    copy_view_enabled = False  # a copy's form is filled from the real row

    def get_urlpatterns(self):
        return [self._scoped(pattern) for pattern in super().get_urlpatterns()]

    def _scoped(self, pattern):
        if not isinstance(pattern, URLPattern) or "pk" not in pattern.pattern.converters:
            return pattern
        view = pattern.callback
        policy = self.permission_policy

        @wraps(view)
        def scoped_view(request, *args, **kwargs):
            if not policy.visible(request.user).filter(pk=kwargs["pk"]).exists():
                raise Http404
            return view(request, *args, **kwargs)

        return URLPattern(pattern.pattern, scoped_view, pattern.default_args, pattern.name)


class ScopedBulkActionMixin:
    """For Wagtail's bulk actions on a model with a `ScopedPolicy` (the users' „activate“,
    „assign a role“): they name their rows by id, at an address of their own that no
    viewset wraps. Rows outside the scope are left out, on the confirmation page as in the
    action, as if they did not exist."""

    def get_actionable_objects(self):
        objects, without_access = super().get_actionable_objects()
        policy = policy_registry.get_by_type(self.model)
        ids = [item.pk for item in objects]
        visible = set(
            policy.visible(self.request.user).filter(pk__in=ids).values_list("pk", flat=True)
        )
        return [item for item in objects if item.pk in visible], without_access


class ScopedIndexMixin:
    """For the viewset's index view: the listing shows only the scope."""

    def get_base_queryset(self):
        return self.permission_policy.visible(self.request.user, super().get_base_queryset())


def sees_site_reports(user) -> bool:
    """Wagtail's reports (page types, ageing pages, site history, workflows, locked pages)
    are about the whole site and name other centres' drafts: for those who publish (the
    office), not for a centre's volunteers – neither in the menu nor by their address."""
    from wagtail.permission_policies.pages import PagePermissionPolicy

    return PagePermissionPolicy().user_has_permission(user, "publish")
