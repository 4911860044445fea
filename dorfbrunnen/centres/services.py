"""Self-service for member centres: each centre's own editor group, image collection and the
office's approval step, and inviting volunteers by e-mail.

A centre's group may add and edit pages in the centre's subtree but not publish: every
change goes through the workflow „Freigabe durch die Geschäftsstelle“, in which the office
approves (publishes) or sends it back. Wagtail notifies the volunteer by mail either way.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from dorfbrunnen.core.accounts import account_invite
from dorfbrunnen.core.models import SetupRecord
from dorfbrunnen.core.roles import OFFICE, role_group, role_permissions
from dorfbrunnen.core.users import accounts_in_scope

from .models import CentreIndexPage, CentrePage

WORKFLOW_NAME = "Freigabe durch die Geschäftsstelle"
# The role of a centre's volunteers: one group per centre, with the permissions apps
# declare for this key (events: the centre's registrations).
CENTRE_EDITORS = "centre-editors"
CENTRE_PAGE_PERMISSIONS = ["add_page", "change_page", "view_page"]
CENTRE_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def centre_permission_key(group: Group, permission: Permission) -> str:
    """setup_site's record that a centre's group was given a declared permission: given
    once, never again after the office took it away."""
    return f"centre-perm:{group.pk}:{permission.content_type.app_label}.{permission.codename}"


def _permissions_give(group: Group, permissions: list[Permission]) -> None:
    group.permissions.add(*permissions)
    # Recorded as setup_site records them, so that its next run does not give back what
    # the office later takes from this new group.
    SetupRecord.objects.bulk_create(
        [SetupRecord(key=centre_permission_key(group, p)) for p in permissions],
        ignore_conflicts=True,
    )


@transaction.atomic
def centre_setup_access(*, centre: CentrePage) -> Group:
    """Give a centre its editor group and image collection (idempotent)."""
    if centre.editor_group_id is None:
        name = f"Zentrum: {centre.title}"[:140]
        if Group.objects.filter(name=name).exists():
            name = f"{name} ({centre.pk})"
        group = Group.objects.create(name=name)
        _permissions_give(group, role_permissions(CENTRE_EDITORS))
        centre.editor_group = group
    group = centre.editor_group
    for codename in CENTRE_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group, page=centre, permission=_permission("wagtailcore", codename)
        )
    if centre.collection_id is None:
        root = Collection.get_first_root_node()
        centre.collection = root.add_child(name=f"Zentrum: {centre.title}"[:255])
    for app_label, codename in CENTRE_COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=centre.collection, permission=_permission(app_label, codename)
        )
    CentrePage.objects.filter(pk=centre.pk).update(
        editor_group=centre.editor_group, collection=centre.collection
    )
    return group


@transaction.atomic
def centres_workflow_ensure(*, index: CentreIndexPage) -> Workflow:
    """The office approves every change below the centres index before it goes live."""
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if not workflow.workflow_tasks.exists():
        task = GroupApprovalTask.objects.create(name=WORKFLOW_NAME)
        office = role_group(OFFICE)
        task.groups.set([office] if office else [])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    return workflow


def volunteer_invite(*, centre: CentrePage, email: str, name: str = "") -> object:
    """Create (or find) the volunteer's account, add it to the centre's group, and mail a
    link with which they choose their own password. No password is ever sent."""
    invitation = account_invite(
        email=email,
        name=name,
        groups=[centre_setup_access(centre=centre)],
        subject=_("Einladung: Ihr Zugang für %(centre)s") % {"centre": centre.title},
        body=_(
            "Hallo%%(name)s,\n\n"
            "die Geschäftsstelle hat Sie eingeladen, den Eintrag von „%(centre)s“ auf unserer "
            "Webseite selbst zu pflegen: Öffnungszeiten, Angebote und Veranstaltungen.\n\n"
            "Bitte legen Sie hier Ihr eigenes Passwort fest (der Link gilt einige Tage):\n"
            "%%(link)s\n\n"
            "Danach melden Sie sich mit Ihrer E-Mail-Adresse an. Ihre Änderungen prüft die "
            "Geschäftsstelle, bevor sie veröffentlicht werden.\n\n"
            "Viele Grüße\nIhre Geschäftsstelle"
        )
        % {"centre": centre.title},
    )
    return invitation.user


@transaction.atomic
def volunteer_remove(*, centre: CentrePage, user) -> bool:
    """Take away a volunteer's access to `centre`: out of the centre's group. An account
    that then belongs to no group at all (and is no superuser) is deleted – it was made
    for this centre, and an account without a role is of no use to anyone. The user row
    is locked, so that a second removal at the same time cannot delete it twice. Returns
    whether the account was deleted. Her pages and revisions stay (Wagtail keeps them
    without an owner)."""
    user = type(user).objects.select_for_update().filter(pk=user.pk).first()
    if user is None or centre.editor_group_id is None:
        return False
    user.groups.remove(centre.editor_group)
    if user.is_superuser or user.groups.exists():
        return False
    user.delete()
    return True


def centre_volunteers(centre: CentrePage, *, seen_by):
    """The accounts in the centre's group that `seen_by` manages (a superuser's stays the
    superusers' business, `core.users.accounts_in_scope`), by e-mail address."""
    if centre.editor_group_id is None:
        return get_user_model().objects.none()
    return accounts_in_scope(seen_by, centre.editor_group.user_set.order_by("email", "username"))


def centres_for_user(user):
    """The centres whose editor group the user belongs to."""
    return CentrePage.objects.filter(editor_group__in=user.groups.all()).order_by("title")
