"""What a new installation needs of the Infopaket: the binder page, and two collections for
its documents – one public, one that only members and the office may open."""

from wagtail.models import BaseViewRestriction, Collection, CollectionViewRestriction

from dorfbrunnen.core.roles import MEMBERS, OFFICE, role_group
from dorfbrunnen.core.setup import SetupContext, setup_step

from .models import LibraryPage

PUBLIC_COLLECTION = "Infopaket"
MEMBERS_COLLECTION = "Infopaket – nur für Mitglieder"


def _collection(context: SetupContext, key: str, name: str) -> Collection | None:
    root = Collection.get_first_root_node()
    return context.once(
        f"collection:{key}",
        lambda: root.get_children().filter(name=name).first(),
        lambda: root.add_child(name=name),
    )


def members_only_groups():
    """Who may open what is „nur für Mitglieder“: the members, and the office."""
    return [group for group in (role_group(MEMBERS), role_group(OFFICE)) if group]


@setup_step(order=50)
def library_setup(context: SetupContext) -> None:
    context.child_page(
        "library",
        context.pages.get("home"),
        LibraryPage(
            title="Infopaket",
            slug="infopaket",
            intro="Unser digitaler Ordner für alle, die ein Zentrum gründen oder führen: "
            "Wissen aus vielen Jahren Praxis, nach Kapiteln geordnet.",
        ),
        main=40,
    )
    _collection(context, "library-public", PUBLIC_COLLECTION)
    members = _collection(context, "library-members", MEMBERS_COLLECTION)
    if (
        members is not None
        and context.mark("collection-restriction:library-members")
        and not CollectionViewRestriction.objects.filter(collection=members).exists()
    ):
        restriction = CollectionViewRestriction.objects.create(
            collection=members, restriction_type=BaseViewRestriction.GROUPS
        )
        restriction.groups.set(members_only_groups())


def library_collections() -> tuple[Collection | None, Collection | None]:
    """The binder's public and members-only collections, as setup made them."""
    from dorfbrunnen.core.models import SetupRecord

    found = {
        record.key: record.target
        for record in SetupRecord.objects.filter(
            key__in=["collection:library-public", "collection:library-members"]
        )
    }
    return found.get("collection:library-public"), found.get("collection:library-members")
