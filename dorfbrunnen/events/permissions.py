"""Who may see which registrations: the office all, a centre's volunteers those of the
events they may edit (their centre's subtree). Registered as the permission policy of
`Registration`, so every admin screen of registrations uses this one rule."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from wagtail.permission_policies.pages import PagePermissionPolicy

from dorfbrunnen.core.i18n import is_source, source_page
from dorfbrunnen.core.scoping import ScopedPolicy

from .models import EventPage, Registration


def editable_events(user):
    if user.is_superuser:
        return EventPage.objects.all()
    pages = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change"])
    return EventPage.objects.filter(pk__in=pages.values("pk"))


def event_for(user, page_id, action: str = "view") -> EventPage:
    """The German event behind an admin screen of its registrations (participants, desk,
    attendance, certificates) – a translation's registrations are its German event's: 404
    when there is none, 403 unless `user` may `action` registrations and edit that event
    (a translator of the page may not)."""
    event = source_page(get_object_or_404(EventPage, pk=page_id))
    if not (
        registration_policy.user_has_permission(user, action)
        and editable_events(user).filter(pk=event.pk).exists()
    ):
        raise PermissionDenied
    return event


def offers_registrations(user, page) -> bool:
    """Whether an event page's buttons lead to its registrations' screens – `event_for`'s
    rule in the form a page listing can ask row by row: an event that is its own source
    (a translation's registrations are its German event's) that `user` may edit, and the
    permission to see registrations."""
    return (
        isinstance(page.specific_deferred, EventPage)
        and is_source(page)
        and registration_policy.user_has_permission(user, "view")
        and page.permissions_for_user(user).can_edit()
    )


def registration_for(user, pk, action: str = "view") -> Registration:
    """A registration, with its event, for a screen of that event (`event_for`'s rule)."""
    registration = get_object_or_404(Registration.objects.select_related("event"), pk=pk)
    event_for(user, registration.event_id, action)
    return registration


def registrations_in_scope(user, queryset):
    return queryset.filter(event__in=editable_events(user))


registration_policy = ScopedPolicy(Registration, scope=registrations_in_scope)
