"""Who may see which chapters and documents of the binder.

The rules are Wagtail's own privacy settings: a view restriction on a page (applies to its
subtree) or on a collection (applies to its documents and sub-collections). A restriction
"for logged-in users" passes any member; "for these groups" passes members of the groups
and superusers; a password restriction never passes in listings and exports (a password
opens the single page or file through Wagtail's own form).

Every list, search result, ZIP and PDF is filtered through `Access`, so a members-only
document cannot leak through any output.
"""

from dataclasses import dataclass

from django.db.models.signals import m2m_changed
from wagtail.models import BaseViewRestriction, CollectionViewRestriction, PageViewRestriction

from dorfbrunnen.core.content_cache import cached, content_changed

MEMBERS_GROUP = "Mitglieder"


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    path: str
    group_ids: frozenset


def _rules() -> dict[str, list[Rule]]:
    def load(model, prefix, path_field):
        groups: dict[int, set] = {}
        through = model.groups.through
        owner = f"{model._meta.model_name}_id"
        for owner_id, group_id in through.objects.values_list(owner, "group_id"):
            groups.setdefault(owner_id, set()).add(group_id)
        return [
            Rule(f"{prefix}{pk}", kind, path, frozenset(groups.get(pk, ())))
            for pk, kind, path in model.objects.values_list("pk", "restriction_type", path_field)
        ]

    return {
        "pages": load(PageViewRestriction, "p", "page__path"),
        "collections": load(CollectionViewRestriction, "c", "collection__path"),
    }


def _passes(rule: Rule, user, group_ids: set) -> bool:
    if not user.is_authenticated:
        return False
    if rule.kind == BaseViewRestriction.LOGIN:
        return True
    if rule.kind == BaseViewRestriction.GROUPS:
        return user.is_superuser or bool(rule.group_ids & group_ids)
    return False


@dataclass
class Access:
    """What one visitor may see. `audience` names the set of rules they pass: visitors
    with the same audience may share a built ZIP or PDF."""

    audience: str
    _blocked_pages: tuple
    _restricted_pages: tuple
    _blocked_collections: tuple
    _restricted_collections: tuple

    def page_visible(self, page) -> bool:
        return not page.path.startswith(self._blocked_pages)

    def page_restricted(self, page) -> bool:
        return page.path.startswith(self._restricted_pages)

    def document_visible(self, document) -> bool:
        return self.collection_path_visible(document.collection.path)

    def collection_path_visible(self, path: str) -> bool:
        return not path.startswith(self._blocked_collections)

    def document_restricted(self, document) -> bool:
        return document.collection.path.startswith(self._restricted_collections)

    @property
    def sees_everything(self) -> bool:
        return not (self._blocked_pages or self._blocked_collections)


def _access(passed_ids: set[str]) -> Access:
    rules = cached("library-view-restrictions", _rules)
    audience = ",".join(sorted(passed_ids & {r.id for r in rules["pages"] + rules["collections"]}))
    return Access(
        audience=audience or "public",
        _blocked_pages=tuple(r.path for r in rules["pages"] if r.id not in passed_ids),
        _restricted_pages=tuple(r.path for r in rules["pages"]),
        _blocked_collections=tuple(r.path for r in rules["collections"] if r.id not in passed_ids),
        _restricted_collections=tuple(r.path for r in rules["collections"]),
    )


def access_for(user) -> Access:
    """What `user` (a member, an editor, or an anonymous visitor) may see."""
    rules = cached("library-view-restrictions", _rules)
    group_ids = set(user.groups.values_list("id", flat=True)) if user.is_authenticated else set()
    return _access(
        {
            rule.id
            for rule in rules["pages"] + rules["collections"]
            if _passes(rule, user, group_ids)
        }
    )


def access_for_audience(audience: str) -> Access:
    """The access of an audience named by `Access.audience` (for background builds)."""
    return _access(set() if audience == "public" else set(audience.split(",")))


def access_all() -> Access:
    """Everything passes: the view of the office (and of members when every rule is theirs)."""
    rules = cached("library-view-restrictions", _rules)
    return _access({rule.id for rule in rules["pages"] + rules["collections"]})


def _groups_changed(sender, **kwargs):
    content_changed()


# Restriction rows themselves bump the content version (core.content_cache); their groups
# are set afterwards, which only the m2m signal sees.
m2m_changed.connect(
    _groups_changed, sender=PageViewRestriction.groups.through, dispatch_uid="lib-page-groups"
)
m2m_changed.connect(
    _groups_changed,
    sender=CollectionViewRestriction.groups.through,
    dispatch_uid="lib-collection-groups",
)
