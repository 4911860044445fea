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

from wagtail.models import BaseViewRestriction

from dorfbrunnen.core.restrictions import Rule, view_rules


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
    rules = view_rules()
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
    rules = view_rules()
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
    rules = view_rules()
    return _access({rule.id for rule in rules["pages"] + rules["collections"]})
