"""Roles: the groups the product needs, and the permissions each app declares for them.

An app declares a role it introduces (`role_declare`) and grants the permissions its
features need to any role (`role_grant`), in its `AppConfig.ready()`. `setup_site` creates
the groups and adds what was declared – once per permission, so a permission the office
removes on purpose stays removed, while one that a new feature declares arrives with the
deploy that brings the feature.

Keys, not names, identify a role in code: the office may rename its group.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from .setup import SetupContext, setup_step

# The association's office (Geschäftsstelle): edits and publishes everything, manages
# accounts that are not superusers. Declared here because core's own screens need it.
OFFICE = "office"
# Members of the association: log in on the site, see members-only content.
MEMBERS = "members"


@dataclass
class Role:
    key: str
    name: str
    description: str = ""
    # Not one group but one per object (each centre's volunteers): the owning app makes the
    # groups and gives each `role_permissions(key)`; setup makes no group for it.
    per_object: bool = False
    permissions: set[str] = field(default_factory=set)  # "app_label.codename"
    page_permissions: set[str] = field(default_factory=set)  # on the root page
    collection_permissions: set[str] = field(default_factory=set)  # on the root collection


_roles: dict[str, Role] = {}


def role_declare(key: str, name: str, description: str = "", *, per_object=False) -> Role:
    role = _roles.setdefault(key, Role(key, name, description))
    role.name, role.description, role.per_object = name, description, per_object
    return role


def role_grant(key: str, *permissions: str, pages=(), collections=()) -> None:
    """`permissions` as "app_label.codename"; `pages` and `collections` as
    "app_label.codename" of Wagtail's page and collection permissions, given on the root
    of the page tree and of the collections (so they cover everything)."""
    role = _roles.setdefault(key, Role(key, key))
    role.permissions.update(permissions)
    role.page_permissions.update(pages)
    role.collection_permissions.update(collections)


def declared_roles() -> dict[str, Role]:
    return dict(_roles)


def role_group(key: str) -> Group | None:
    """The group that plays `key` (found by setup's record, so a renamed group still is)."""
    from .models import SetupRecord

    record = SetupRecord.objects.filter(key=f"role:{key}").first()
    target = record.target if record else None
    return target if isinstance(target, Group) else None


def role_permissions(key: str) -> list[Permission]:
    """The permissions declared for a role (for the groups of a per-object role)."""
    role = _roles.get(key)
    return [_permission(label) for label in sorted(role.permissions)] if role else []


def _permission(label: str) -> Permission:
    app_label, codename = label.split(".", 1)
    try:
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)
    except Permission.DoesNotExist as error:
        raise LookupError(f"Declared permission {label} does not exist.") from error


@setup_step(order=10)
def roles_ensure(context: SetupContext) -> None:
    """Create each declared role's group and give it what was declared (once each)."""
    for role in _roles.values():
        if role.per_object:
            continue
        group = context.once(
            f"role:{role.key}",
            lambda role=role: Group.objects.filter(name=role.name).first(),
            lambda role=role: Group.objects.create(name=role.name),
        )
        if group is None:
            continue  # the office deleted the group: respected
        for label in sorted(role.permissions):
            if context.mark(f"perm:{role.key}:{label}"):
                group.permissions.add(_permission(label))
        root_page = Page.get_first_root_node()
        for label in sorted(role.page_permissions):
            if context.mark(f"page-perm:{role.key}:{label}"):
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root_page, permission=_permission(label)
                )
        root_collection = Collection.get_first_root_node()
        for label in sorted(role.collection_permissions):
            if context.mark(f"collection-perm:{role.key}:{label}"):
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=_permission(label)
                )
