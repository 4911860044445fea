"""The admin's dashboard for the office: its daily work one click away.

- „Schnellzugriff“: buttons the apps offer through Wagtail's hook registry – a function
  registered as `register_dashboard_actions` takes the request and returns the
  `DashboardAction`s the user may take (news: a new item, events: a new event, centres:
  invite a volunteer). Core knows none of them.
- „Wartet auf Ihre Freigabe“: every change waiting for the user's approval with the two
  buttons „Freigeben“ and „Zurückgeben“ in view (Wagtail's own panel hides them in a menu),
  the same words as in the editor and in the mails (dorfbrunnen/locale).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from laces.components import Component
from wagtail import hooks
from wagtail.models import Page, TaskState

ACTIONS_HOOK = "register_dashboard_actions"


@dataclass(frozen=True)
class DashboardAction:
    label: str
    url: str
    icon: str = "plus"
    order: int = 100


def dashboard_actions(request) -> list[DashboardAction]:
    found: list[DashboardAction] = []
    for hook in hooks.get_hooks(ACTIONS_HOOK):
        found.extend(hook(request) or ())
    return sorted(found, key=lambda action: action.order)


class QuickActionsPanel(Component):
    name = "quick_actions"
    order = 10
    template_name = "core/admin/quick_actions_panel.html"

    def __init__(self, actions: Iterable[DashboardAction]):
        self.actions = list(actions)

    def get_context_data(self, parent_context=None):
        return {"actions": self.actions}


@dataclass
class Approval:
    """One change waiting for the user's decision."""

    obj: object
    task_state: TaskState
    approve_url: str
    reject_url: str
    compare_url: str
    edit_url: str


def approvals_for(user) -> list[Approval]:
    states = (
        TaskState.objects.reviewable_by(user)
        .select_related("revision", "revision__user", "task", "workflow_state")
        .prefetch_related("revision__content_object")
        .order_by("started_at")
    )
    approvals = []
    for state in states:
        obj = state.revision.content_object
        if obj is None:  # deleted meanwhile
            continue
        names = {name for name, _label, modal in state.task.specific.get_actions(obj, user)}
        if not {"approve", "reject"} <= names:
            continue
        if isinstance(obj, Page):
            urls = "wagtailadmin_pages"
            edit_url = reverse("wagtailadmin_pages:edit", args=[obj.pk])
        else:
            urls = obj.snippet_viewset.url_namespace
            edit_url = reverse(f"{urls}:edit", args=[obj.pk])
        action = f"{urls}:workflow_action"
        compare = (
            reverse(f"{urls}:revisions_compare", args=[obj.pk, "live", state.revision_id])
            if getattr(obj, "live_revision_id", None)
            else reverse(f"{urls}:workflow_preview", args=[obj.pk, state.task_id])
        )
        approvals.append(
            Approval(
                obj=obj,
                task_state=state,
                approve_url=reverse(action, args=[obj.pk, "approve", state.pk]),
                reject_url=reverse(action, args=[obj.pk, "reject", state.pk]),
                compare_url=compare,
                edit_url=edit_url,
            )
        )
    return approvals


RECENTLY = timedelta(minutes=30)


def recent_decisions(user, limit=5):
    """What the user approved or sent back in the last half hour: Wagtail says nothing
    after a decision on the dashboard, so the panel does."""
    return (
        TaskState.objects.filter(finished_by=user, finished_at__gte=timezone.now() - RECENTLY)
        .exclude(status=TaskState.STATUS_CANCELLED)
        .select_related("revision")
        .prefetch_related("revision__content_object")
        .order_by("-finished_at")[:limit]
    )


class ApprovalsPanel(Component):
    name = "approvals"
    order = 20
    template_name = "core/admin/approvals_panel.html"

    def __init__(self, approvals: list[Approval], recent=()):
        self.approvals = approvals
        self.recent = recent

    def get_context_data(self, parent_context=None):
        return {"approvals": self.approvals, "recent": self.recent}
