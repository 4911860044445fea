"""Wagtail's privacy settings, read once until they change.

A view restriction on a page applies to its subtree, one on a collection to its documents
and sub-collections. Every public page asks which restrictions apply to it (Wagtail's
privacy check) and every listing leaves restricted subtrees out; both are answered here from
one cached list instead of two or three queries per page. Restriction rows, their groups,
alias pages, moves and deletions move the shared version on (core.content_cache), so the
list is never stale; a publish leaves it kept.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.db.models.signals import m2m_changed
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction

from .content_cache import cached, content_changed


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    path: str
    group_ids: frozenset


def _load() -> dict:
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

    pages = load(PageViewRestriction, "p", "page__path")
    aliases = list(
        Page.objects.filter(alias_of__isnull=False).values_list("path", "alias_of__path")
    )
    # An alias shows its source's content, so a rule over the source covers the alias too
    # (the same rule: whoever passes one passes the other) – in listings, the search and
    # the Infopaket's exports, which go by paths.
    copies = [
        Rule(rule.id, rule.kind, alias_path, rule.group_ids)
        for rule in pages
        for alias_path, source_path in aliases
        if source_path.startswith(rule.path)
    ]
    return {
        "pages": pages + copies,
        "collections": load(CollectionViewRestriction, "c", "collection__path"),
    }


def view_rules() -> dict:
    """{"pages": [Rule], "collections": [Rule]} – page rules include their copies over
    aliases. Kept until a restriction, its groups, an alias or the tree changes – each moves
    the shared version on – not per publish."""
    return cached("view-restrictions", _load, shared=True)


def page_restriction_ids(page) -> list[int]:
    """Ids of the page restrictions on `page` or its ancestors – for an alias also those
    over its source (the rules' copies): Wagtail's own check follows an alias to its
    source page only, not to the source's parents."""
    return sorted(
        {int(rule.id[1:]) for rule in view_rules()["pages"] if page.path.startswith(rule.path)}
    )


def page_refused(request, page) -> bool:
    """Whether a restriction over `page` (`page_restriction_ids`) keeps this request out –
    for what a page offers beside itself (an event's calendar file), which Wagtail's
    serving checks do not reach."""
    ids = page_restriction_ids(page)
    return bool(ids) and any(
        not restriction.accept_request(request)
        for restriction in PageViewRestriction.objects.filter(pk__in=ids)
    )


def public_pages(queryset, *, once=True):
    """`queryset` without the restricted subtrees (Wagtail's `.public()`, from the cache),
    and each page once: in the visitor's language where translated, else German
    (`core.i18n.each_once`) – every public listing goes through here. `once=False` for the
    search index, which cannot filter so (`core.i18n.each_once_searchable`)."""
    from .i18n import each_once

    condition = Q()
    for rule in view_rules()["pages"]:
        condition &= ~Q(path__startswith=rule.path)
    queryset = queryset.filter(condition)
    return each_once(queryset) if once else queryset


def hidden_page_ids(model) -> frozenset[int]:
    """Ids of the `model` pages a visitor in the active language does not see in listings –
    the complement of `public_pages(model.objects.live())`: drafts, restricted subtrees,
    other languages' versions. Kept per content version. A listing that ranks rows of its
    own table (centres by distance) filters with these instead of joining the page table,
    whose 20,000 rows the planner would otherwise read to keep 1,000 centres."""
    from .i18n import active_language

    def load():
        shown = public_pages(model.objects.live()).values("pk")
        return frozenset(model.objects.exclude(pk__in=shown).values_list("pk", flat=True))

    return cached(f"hidden-pages:{model._meta.label}:{active_language()}", load)


def _groups_changed(sender, **kwargs):
    content_changed()


# Restriction rows themselves bump the content version; their groups are set afterwards,
# which only the m2m signal sees.
m2m_changed.connect(
    _groups_changed, sender=PageViewRestriction.groups.through, dispatch_uid="page-view-groups"
)
m2m_changed.connect(
    _groups_changed,
    sender=CollectionViewRestriction.groups.through,
    dispatch_uid="collection-view-groups",
)
