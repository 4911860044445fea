"""Who may see which registrations: the office all, a centre's volunteers those of the
events they may edit (their centre's subtree). Registered as the permission policy of
`Registration`, so every admin screen of registrations uses this one rule."""

from wagtail.permission_policies.pages import PagePermissionPolicy

from dorfbrunnen.core.scoping import ScopedPolicy

from .models import EventPage, Registration


def editable_events(user):
    if user.is_superuser:
        return EventPage.objects.all()
    pages = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change"])
    return EventPage.objects.filter(pk__in=pages.values("pk"))


def registrations_in_scope(user, queryset):
    return queryset.filter(event__in=editable_events(user))


registration_policy = ScopedPolicy(Registration, scope=registrations_in_scope)
