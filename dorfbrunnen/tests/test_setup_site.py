"""`manage.py setup_site`: what a production install gets without the demo – and that a second
run, on the next deploy, changes nothing the office has changed."""

import json
import os
import subprocess
import sys

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    Revision,
    Site,
    Workflow,
    WorkflowPage,
)

from dorfbrunnen.centres.models import CentrePage
from dorfbrunnen.core.models import NavigationSettings, SetupRecord, SiteSettings
from dorfbrunnen.core.roles import MEMBERS, OFFICE, declared_roles, role_grant, role_group
from dorfbrunnen.core.setup import TO_FILL, site_setup
from dorfbrunnen.events.models import EventPage
from dorfbrunnen.library.models import LibraryDocument
from dorfbrunnen.library.setup import library_collections
from dorfbrunnen.news.models import NewsPage
from dorfbrunnen.testing import BASE_DIR, fresh_database_url

pytestmark = pytest.mark.django_db


def labels(group) -> set[str]:
    return {
        f"{app}.{codename}"
        for app, codename in group.permissions.values_list("content_type__app_label", "codename")
    }


def test_the_office_gets_exactly_the_rights_it_needs_and_is_no_superuser_group():
    office = role_group(OFFICE)
    assert office.name == "Geschäftsstelle"
    assert labels(office) == declared_roles()[OFFICE].permissions
    for needed in (
        "wagtailadmin.access_admin",
        "core.change_sitesettings",
        "core.manage_personal_data",
        "core.view_outboundmail",
        "events.change_registration",
        "centres.change_offer",
        "auth.change_user",
        "wagtailredirects.add_redirect",
    ):
        assert needed in labels(office)
    assert "auth.change_group" not in labels(office)  # cannot give itself more rights
    assert "auth.change_permission" not in labels(office)
    pages = {p.permission.codename for p in office.page_permissions.all()}
    assert {"add_page", "change_page", "publish_page"} <= pages
    assert role_group(MEMBERS).name == "Mitglieder"


def test_wagtails_english_rows_are_gone_and_the_tree_starts_at_the_home_page(section):
    assert not Group.objects.filter(name__in=["Moderators", "Editors"]).exists()
    assert not Workflow.objects.filter(name="Moderators approval").exists()
    assert Page.get_first_root_node().title == "Alle Seiten"
    assert Collection.get_first_root_node().name == "Alle Sammlungen"
    assert not Page.objects.filter(title="Welcome to your new Wagtail site!").exists()
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific == section("home")
    assert site.hostname != "localhost" or site.port != 80  # the configured address


def test_the_centres_changes_wait_for_the_office(section):
    workflow = WorkflowPage.objects.get(page=section("centres")).workflow
    assert workflow.name == "Freigabe durch die Geschäftsstelle"
    (task,) = workflow.tasks
    assert list(task.specific.groups.all()) == [role_group(OFFICE)]


def test_members_only_documents_have_their_collection():
    public, members = library_collections()
    assert public.name == "Infopaket" and not public.get_view_restrictions().exists()
    restriction = CollectionViewRestriction.objects.get(collection=members)
    assert set(restriction.groups.all()) == {role_group(MEMBERS), role_group(OFFICE)}


def test_menus_legal_pages_and_placeholders_for_what_only_the_association_knows(section):
    navigation = NavigationSettings.objects.get()
    main = [block.value["page"].specific for block in navigation.main_menu]
    footer = [block.value["page"].specific for block in navigation.footer_menu]
    assert main == [
        section(k)
        for k in ("about", "centres", "programme", "events", "library", "news", "contact")
    ]
    assert footer == [
        section(k) for k in ("contact", "newsletter", "imprint", "privacy", "accessibility")
    ]
    site_settings = SiteSettings.objects.get()
    assert site_settings.association_name.startswith("Landesverband der Mütterzentren")
    assert site_settings.street == TO_FILL and site_settings.privacy_contact == TO_FILL
    assert section("imprint").get_meta_description()  # the Impressum is described


def test_no_demo_content_and_no_account():
    from django.contrib.auth import get_user_model

    assert not CentrePage.objects.exists()
    assert not EventPage.objects.exists()
    assert not NewsPage.objects.exists()
    assert not LibraryDocument.objects.exists()
    assert not get_user_model().objects.exists()


def test_a_second_run_changes_nothing():
    counts = (Page.objects.count(), Revision.objects.count(), Group.objects.count())
    records = SetupRecord.objects.count()
    assert site_setup().created == []
    assert (Page.objects.count(), Revision.objects.count(), Group.objects.count()) == counts
    assert SetupRecord.objects.count() == records


def test_what_the_office_changed_or_removed_stays_so(section):
    about = section("about")
    about.title = "Wer wir sind"
    about.save_revision().publish()
    office = role_group(OFFICE)
    office.name = "Büro"
    office.save()
    removed = Permission.objects.get(codename="delete_offer")
    office.permissions.remove(removed)
    section("news").delete()

    site_setup()

    assert section("about").title == "Wer wir sind"
    assert role_group(OFFICE).name == "Büro"
    assert not Group.objects.filter(name="Geschäftsstelle").exists()
    assert removed not in role_group(OFFICE).permissions.all()
    assert not Page.objects.filter(slug="aktuelles").exists()


@pytest.fixture
def declared_for_a_new_feature():
    label = "core.delete_outboundmail"
    role_grant(OFFICE, label)
    yield label
    declared_roles()[OFFICE].permissions.discard(label)


def test_a_permission_a_new_feature_declares_arrives_with_the_next_deploy(
    declared_for_a_new_feature,
):
    assert declared_for_a_new_feature not in labels(role_group(OFFICE))
    call_command("setup_site", verbosity=0)
    assert declared_for_a_new_feature in labels(role_group(OFFICE))


@pytest.mark.servers
def test_another_association_brings_its_name_and_home_text(tmp_path):
    """On a database without content, as the first deploy of another association (migrated
    already: a copy of the run's migrated template; its `migrate` below has nothing to do)."""
    home_text = tmp_path / "startseite.txt"
    home_text.write_text(
        "Willkommen beim Familiennetz Süd\nWir verbinden Familienzentren im Süden.\n\n"
        "Mitmachen\nJedes Zentrum kann Mitglied werden.\n",
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "dorfbrunnen.settings.test",
        "DATABASE_URL": fresh_database_url(
            tmp_path, "dorfbrunnen_other_association", migrated=True
        ),
        "DORFBRUNNEN_VAR_DIR": str(tmp_path),
    }

    def manage(*args):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout

    manage("migrate", "--no-input", "-v0")
    manage("setup_site", "--association", "Familiennetz Süd e.V.", "--home-text", str(home_text))
    state = manage(
        "shell",
        "-c",
        "import json; from dorfbrunnen.pages.models import HomePage; "
        "from dorfbrunnen.core.models import SiteSettings; h = HomePage.objects.get(); "
        "print(json.dumps([SiteSettings.objects.get().association_name, h.welcome_title, "
        "h.welcome_text, [b.value['title'] for b in h.body], h.seo_title]))",
    )
    name, title, text, sections, seo_title = json.loads(state.strip().splitlines()[-1])
    assert name == seo_title == "Familiennetz Süd e.V."
    assert title == "Willkommen beim Familiennetz Süd"
    assert "Wir verbinden Familienzentren im Süden." in text
    assert sections == ["Mitmachen"]
    missing = tmp_path / "fehlt.txt"
    result = subprocess.run(
        [sys.executable, "manage.py", "setup_site", "--home-text", str(missing)],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0 and "gibt es nicht" in result.stderr
