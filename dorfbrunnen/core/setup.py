"""What a new installation needs before anyone logs in, created by `manage.py setup_site`.

Each app registers its steps here (in `AppConfig.ready()`); `site_setup()` runs them in
order: roles and permissions, the page tree, collections, workflows, menus and settings.
Core knows no domain: it only runs the steps and keeps the record.

The rule every step follows: create what is missing, never edit or remove what exists.
Each thing created is recorded (`SetupRecord`) under a key, so that what the office later
renames, moves or deletes on purpose is not made again on the next deploy. Things that
already exist without a record (an installation older than this command) are adopted.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from .models import SetupRecord

# Where only the association can fill in (address, register, data-protection officer …).
# The go-live checklist finds every place this marker is left.
TO_FILL = "[bitte ergänzen]"
DEFAULT_ASSOCIATION = (
    "Landesverband der Mütterzentren und offenen Häuser für Jung & Alt in NRW e.V."
)


@dataclass
class MenuEntry:
    page: Page
    menu: str  # "main_menu" or "footer_menu"
    order: int


@dataclass
class SetupContext:
    """What the steps share: the inputs, the pages made so far, and a report."""

    association: str = DEFAULT_ASSOCIATION
    home_text: Path | None = None  # None: the pages app's own seed
    pages: dict[str, Page] = field(default_factory=dict)
    menu: list[MenuEntry] = field(default_factory=list)
    created: list[str] = field(default_factory=list)

    def once(self, key: str, find: Callable, create: Callable):
        """The object recorded under `key`; else an existing one `find()` returns (adopted);
        else `create()`'s, recorded. None when the office removed what was made before."""
        record = SetupRecord.objects.filter(key=key).first()
        if record is not None:
            return record.target
        instance = find()
        if instance is None:
            instance = create()
            self.created.append(key)
        SetupRecord.objects.create(key=key, target=instance)
        return instance

    def child_page(
        self,
        key: str,
        parent: Page,
        page: Page,
        *,
        main: int | None = None,
        footer: int | None = None,
    ) -> Page | None:
        """The section page `key` below `parent` (created and published from `page` when
        missing), listed in the main menu and the footer menu at the positions given."""
        if parent is None:
            return None

        def find():
            existing = parent.get_children().filter(slug=page.slug).first()
            return existing.specific if existing else None

        def create():
            parent.add_child(instance=page)
            page.save_revision().publish()
            return page

        found = self.once(f"page:{key}", find, create)
        if isinstance(found, Page):
            found = found.specific
            self.pages[key] = found
            for menu, order in (("main_menu", main), ("footer_menu", footer)):
                if order is not None:
                    self.menu.append(MenuEntry(found, menu, order))
        return found

    def mark(self, key: str) -> bool:
        """True the first time `key` is seen (for things that are not single objects, such
        as one permission of a role)."""
        _record, created = SetupRecord.objects.get_or_create(key=key)
        if created:
            self.created.append(key)
        return created


_steps: list[tuple[int, str, Callable[[SetupContext], None]]] = []


def setup_step(order: int):
    """Register `fn(context)` as a setup step; lower orders run first."""

    def register(fn):
        name = f"{fn.__module__}.{fn.__qualname__}"
        if all(existing != name for _order, existing, _fn in _steps):
            _steps.append((order, name, fn))
            _steps.sort(key=lambda step: (step[0], step[1]))
        return fn

    return register


@transaction.atomic
def site_setup(*, association: str = "", home_text: Path | None = None) -> SetupContext:
    context = SetupContext(association=association or DEFAULT_ASSOCIATION, home_text=home_text)
    for _order, _name, step in _steps:
        step(context)
    return context


# Core's own steps: Wagtail's rows from its migrations, the association's settings, menus.

WAGTAIL_ROOT_TITLE = "Root"
WAGTAIL_DEFAULT_GROUPS = {"Moderators": "Moderation", "Editors": "Redaktion"}
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"


@setup_step(order=5)
def wagtail_defaults_replace(context: SetupContext) -> None:
    """Wagtail's migrations leave English rows that the office would see: the tree's
    „Root“, the groups „Moderators“/„Editors“ and the workflow „Moderators approval“ on
    the whole tree. Unused ones go; used ones get German names."""
    from django.contrib.auth.models import Group
    from wagtail.models import Collection, Task, Workflow, WorkflowState

    if context.mark("wagtail-defaults"):
        Page.objects.filter(depth=1, title=WAGTAIL_ROOT_TITLE).update(
            title=str(_("Alle Seiten")), draft_title=str(_("Alle Seiten"))
        )
        Collection.objects.filter(depth=1, name=WAGTAIL_ROOT_TITLE).update(
            name=str(_("Alle Sammlungen"))
        )
        for workflow in Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW):
            if WorkflowState.objects.filter(workflow=workflow).exists():
                workflow.name = str(_("Freigabe (frühere Voreinstellung)"))
                workflow.active = False
                workflow.save()
                workflow.workflow_pages.all().delete()
            else:
                tasks = [entry.task_id for entry in workflow.workflow_tasks.all()]
                workflow.delete()
                Task.objects.filter(pk__in=tasks, name=WAGTAIL_DEFAULT_WORKFLOW).delete()
        for english, german in WAGTAIL_DEFAULT_GROUPS.items():
            for group in Group.objects.filter(name=english):
                if group.user_set.exists():
                    group.name = german
                    group.save(update_fields=["name"])
                else:
                    group.delete()


@setup_step(order=90)
def association_settings(context: SetupContext) -> None:
    """The association's name, the facts only it can fill in, the site's address, menus."""
    from django.conf import settings
    from wagtail.models import Site

    from .models import NavigationSettings, SiteSettings

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return
    base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    if site.hostname == "localhost" and site.port == 80 and base.hostname:
        # Wagtail's placeholder address: canonical links must name the real one.
        site.hostname = base.hostname
        site.port = base.port or (443 if base.scheme == "https" else 80)
    if not site.site_name:
        site.site_name = context.association
    site.save()

    site_settings = SiteSettings.for_site(site)
    if not site_settings.association_name and context.mark("settings:association"):
        site_settings.association_name = context.association
        for name in (
            "street",
            "representatives",
            "register_court",
            "register_number",
            "content_responsible",
            "privacy_contact",
        ):
            setattr(site_settings, name, TO_FILL)
        site_settings.save()

    navigation = NavigationSettings.for_site(site)
    if not navigation.main_menu and not navigation.footer_menu and context.mark("menus"):
        entries = sorted(context.menu, key=lambda entry: entry.order)
        for menu in ("main_menu", "footer_menu"):
            links = [
                ("link", {"page": entry.page, "external_url": "", "title": ""})
                for entry in entries
                if entry.menu == menu
            ]
            setattr(navigation, menu, links)
        navigation.save()
