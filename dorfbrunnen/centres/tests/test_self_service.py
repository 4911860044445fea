import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import mail
from wagtail.models import Workflow
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from dorfbrunnen.centres.models import CentrePage
from dorfbrunnen.centres.services import CENTRE_EDITORS, centre_setup_access, volunteer_invite
from dorfbrunnen.core.models import OutboundMail
from dorfbrunnen.core.roles import OFFICE, declared_roles, role_grant, role_group
from dorfbrunnen.core.setup import site_setup

from .factories import centre, volunteer

# What the apps declare for a centre's volunteers today (centres: the admin; events: the
# registrations of their own events).
DECLARED_FOR_VOLUNTEERS = {
    "wagtailadmin.access_admin",
    "events.add_registration",
    "events.change_registration",
    "events.view_registration",
}


def labels(group):
    return {
        f"{app_label}.{codename}"
        for app_label, codename in group.permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


def may(user, label):
    """Asked afresh: Django caches a user's permissions on the object."""
    return get_user_model().objects.get(pk=user.pk).has_perm(label)


def permission(label):
    app_label, codename = label.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def centre_added_in_the_admin(client, section, title):
    """The office adds a centre below the centres page, as in the admin's form."""
    index = section("centres")
    data = nested_form_data(
        {
            "title": title,
            "slug": re.sub(r"\W+", "-", title.lower()),
            "intro": "",
            "postcode": "44149",
            "town": "Dortmund",
            "body": streamfield([]),
            "opening_hours": inline_formset([]),
            "opening_exceptions": inline_formset([]),
            "programme_items": inline_formset([]),
            "closed_on_public_holidays": "on",
            "action-publish": "publish",
        }
    )
    response = client.post(f"/admin/pages/add/centres/centrepage/{index.pk}/", data)
    assert response.status_code == 302, response.context["form"].errors
    return CentrePage.objects.get(title=title)


@pytest.fixture
def declare_for_volunteers():
    """Declares a permission for the centres' volunteers as a new feature would in its
    `AppConfig.ready()`; the declaration is undone afterwards."""
    role = declared_roles()[CENTRE_EDITORS]
    added = []

    def declare(label):
        if label not in role.permissions:
            added.append(label)
        role_grant(CENTRE_EDITORS, label)

    yield declare
    role.permissions.difference_update(added)


def test_every_centre_has_its_own_group_and_collection(office_client, section):
    made_in_the_admin = [
        centre_added_in_the_admin(office_client, section, title)
        for title in ("Zentrum Eins", "Zentrum Zwei")
    ]
    made_otherwise = centre("Zentrum Drei", "45134")
    centres = [*made_in_the_admin, made_otherwise]
    assert all(c.editor_group_id and c.collection_id for c in centres)
    assert len({c.editor_group_id for c in centres}) == 3
    assert len({c.collection_id for c in centres}) == 3


def test_a_new_centres_group_gets_what_is_declared_for_volunteers(office_client, section, client):
    new = centre_added_in_the_admin(office_client, section, "Neues Zentrum")
    assert labels(new.editor_group) == DECLARED_FOR_VOLUNTEERS
    user = volunteer(new)
    client.force_login(user)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/registrations/").status_code == 200
    assert not may(user, "events.delete_registration")


def test_setup_site_brings_a_newly_declared_permission_to_existing_centres_once(
    db, declare_for_volunteers
):
    existing = centre("Bestehendes Zentrum", "44149")
    user = volunteer(existing)
    assert not may(user, "events.delete_registration")

    declare_for_volunteers("events.delete_registration")  # a new feature, then a deploy
    site_setup()
    assert may(user, "events.delete_registration")
    assert labels(existing.editor_group) == DECLARED_FOR_VOLUNTEERS | {"events.delete_registration"}

    # The office takes it away from this centre on purpose: the next deploy respects that.
    existing.editor_group.permissions.remove(permission("events.delete_registration"))
    site_setup()
    assert not may(user, "events.delete_registration")
    assert labels(existing.editor_group) == DECLARED_FOR_VOLUNTEERS


def test_setup_site_does_not_restore_a_permission_the_office_took_from_a_new_centre(
    db, declare_for_volunteers
):
    declare_for_volunteers("events.delete_registration")
    new = centre("Neues Zentrum", "44149")  # made after the declaration: has it from the start
    assert "events.delete_registration" in labels(new.editor_group)
    new.editor_group.permissions.remove(permission("events.delete_registration"))
    site_setup()
    assert "events.delete_registration" not in labels(new.editor_group)


def test_centre_editor_can_edit_only_their_own_centre(client, section):
    own = centre("Eigenes Zentrum", "44149")
    other = centre("Anderes Zentrum", "44137")
    user = volunteer(own)
    assert own.permissions_for_user(user).can_edit()
    assert not own.permissions_for_user(user).can_publish()
    assert not other.permissions_for_user(user).can_edit()
    client.force_login(user)
    assert client.get(f"/admin/pages/{own.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{other.pk}/edit/").status_code in (302, 403)
    for key in ("home", "centres"):
        assert client.get(f"/admin/pages/{section(key).pk}/edit/").status_code in (302, 403)


def test_changes_need_the_office_approval_and_the_volunteer_hears_about_it(office_user, commit):
    page = centre("Zentrum am Markt", "44149", intro="Offener Treff jeden Tag.")
    helper = volunteer(page)
    page.intro = "Neu: jeden Freitag Familienfrühstück."
    revision = page.save_revision(user=helper)
    workflow = page.get_workflow()
    assert workflow == Workflow.objects.get(name="Freigabe durch die Geschäftsstelle")
    with commit():
        state = workflow.start(page, helper)
    page.refresh_from_db()
    assert page.live_revision_id != revision.pk  # not live before approval
    assert page.intro == "Offener Treff jeden Tag."
    task = state.current_task_state.task.specific
    assert list(task.groups.all()) == [role_group(OFFICE)]
    assert task.user_can_access_editor(page, office_user)
    assert not task.user_can_access_editor(page, helper)
    with commit():
        state.current_task_state.approve(user=office_user)
    page.refresh_from_db()
    assert page.intro == "Neu: jeden Freitag Familienfrühstück."
    assert page.live_revision_id == revision.pk
    assert any("ehrenamt@example.org" in message.to for message in mail.outbox)


def test_office_invites_a_volunteer_who_sets_their_own_password(office_client, commit):
    page = centre("Zentrum am Markt", "44149")
    client = office_client
    assert client.get(f"/admin/zentren/{page.pk}/einladen/").status_code == 200
    bad = client.post(f"/admin/zentren/{page.pk}/einladen/", {"email": "kaputt"})
    assert bad.status_code == 400
    with commit():
        response = client.post(
            f"/admin/zentren/{page.pk}/einladen/",
            {"name": "Lea Sommer", "email": "lea@example.org"},
        )
    assert response.status_code == 302
    message = mail.outbox[-1]
    assert message.to == ["lea@example.org"]
    assert "Zentrum am Markt" in message.subject
    assert "Passwort" in message.body
    link = re.search(r"http://testserver(/zugang/passwort-festlegen/\S+)", message.body).group(1)
    client.logout()
    form = client.get(link, follow=True)
    assert form.status_code == 200
    assert "new_password1" in form.text
    invited = get_user_model().objects.get(email="lea@example.org")
    assert (invited.first_name, invited.last_name) == ("Lea", "Sommer")
    assert not invited.has_usable_password()
    assert list(invited.groups.all()) == [page.editor_group]


def test_the_office_neither_invites_nor_sees_a_superuser_as_a_volunteer(office_client, db):
    """An invitation adds the account to a group and mails it a link to set its password:
    to a superuser's address it would have given the office her account."""
    page = centre("Zentrum am Markt", "44149")
    admin = get_user_model().objects.create_superuser("chefin", "chefin@example.org", "x-1234")
    refused = office_client.post(
        f"/admin/zentren/{page.pk}/einladen/", {"email": "Chefin@example.org"}
    )
    assert refused.status_code == 400
    assert "ein Konto, das Sie nicht verwalten" in refused.text
    assert not admin.groups.exists() and not OutboundMail.objects.exists()
    # One a superuser put into the centre's group herself stays out of the office's list.
    admin.groups.add(centre_setup_access(centre=page))
    listed = office_client.get(f"/admin/zentren/{page.pk}/ehrenamtliche/")
    assert "chefin@example.org" not in listed.text
    remove = f"/admin/zentren/{page.pk}/ehrenamtliche/{admin.pk}/entziehen/"
    assert office_client.post(remove).status_code == 404
    assert admin.groups.exists()


def test_volunteer_cannot_invite(client, db):
    page = centre("Zentrum am Markt", "44149")
    client.force_login(volunteer(page))
    # Wagtail's admin answers a denied permission with a redirect and a message.
    assert client.get(f"/admin/zentren/{page.pk}/einladen/").status_code in (302, 403)
    response = client.post(f"/admin/zentren/{page.pk}/einladen/", {"email": "x@example.org"})
    assert response.status_code in (302, 403)
    assert not get_user_model().objects.filter(email="x@example.org").exists()


def test_my_centre_panel_on_the_volunteers_dashboard(client, db):
    page = centre("Zentrum am Markt", "44149")
    centre("Anderes Zentrum", "44137")
    client.force_login(volunteer(page))
    response = client.get("/admin/")
    assert "Mein Zentrum" in response.text
    assert "Zentrum am Markt" in response.text
    assert "Anderes Zentrum" not in response.text
    assert f"/admin/pages/{page.pk}/edit/" in response.text


def test_no_my_centre_panel_for_the_office(office_client, db):
    centre("Zentrum am Markt", "44149")
    assert "Mein Zentrum" not in office_client.get("/admin/").text


def test_invite_reuses_an_existing_account(db, commit):
    page = centre("Zentrum am Markt", "44149")
    second = centre("Zweites Zentrum", "44137")
    with commit():
        first = volunteer_invite(centre=page, email="Lea@Example.org", name="Lea")
        again = volunteer_invite(centre=second, email="lea@example.org")
    assert first.pk == again.pk
    assert get_user_model().objects.filter(email__iexact="lea@example.org").count() == 1
    assert set(again.groups.all()) == {page.editor_group, second.editor_group}
    assert len(mail.outbox) == 2
