import re

from django.contrib.auth import get_user_model
from django.core import mail
from wagtail.models import Page, Workflow

from dorfbrunnen.centres.models import CentrePage
from dorfbrunnen.centres.services import volunteer_invite


def volunteer_for(centre, email):
    user = get_user_model().objects.create_user(username=email, email=email, password="x" * 12)
    user.groups.add(centre.editor_group)
    return user


def test_every_centre_has_its_own_group_and_collection(demo):
    centres = list(CentrePage.objects.all())
    assert all(c.editor_group_id and c.collection_id for c in centres)
    assert len({c.editor_group_id for c in centres}) == len(centres)


def test_centre_editor_can_edit_only_their_own_centre(client, demo):
    own = CentrePage.objects.get(title__startswith="Mütterzentrum Dortmund")
    other = CentrePage.objects.get(title__startswith="Mütterzentrum Beckum")
    user = volunteer_for(own, "ehrenamt@example.org")
    assert own.permissions_for_user(user).can_edit()
    assert not own.permissions_for_user(user).can_publish()
    assert not other.permissions_for_user(user).can_edit()
    client.force_login(user)
    assert client.get(f"/admin/pages/{own.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{other.pk}/edit/").status_code in (302, 403)
    home = Page.objects.get(depth=2)
    assert client.get(f"/admin/pages/{home.pk}/edit/").status_code in (302, 403)


def test_changes_need_the_office_approval_and_the_volunteer_hears_about_it(
    demo, django_capture_on_commit_callbacks
):
    office = get_user_model().objects.get(username=demo.username)
    centre = CentrePage.objects.get(title__startswith="Mütterzentrum Dortmund")
    volunteer = volunteer_for(centre, "ehrenamt@example.org")
    centre.intro = "Neu: jeden Freitag Familienfrühstück."
    revision = centre.save_revision(user=volunteer)
    workflow = centre.get_workflow()
    assert workflow == Workflow.objects.get(name="Freigabe durch die Geschäftsstelle")
    with django_capture_on_commit_callbacks(execute=True):
        state = workflow.start(centre, volunteer)
    centre.refresh_from_db()
    assert centre.live_revision_id != revision.pk  # not live before approval
    task_state = state.current_task_state
    assert task_state.task.specific.user_can_access_editor(centre, office)
    with django_capture_on_commit_callbacks(execute=True):
        task_state.approve(user=office)
    centre.refresh_from_db()
    assert centre.intro == "Neu: jeden Freitag Familienfrühstück."
    assert centre.live_revision_id == revision.pk
    assert any("ehrenamt@example.org" in m.to for m in mail.outbox)


def test_office_invites_a_volunteer_who_sets_their_own_password(
    client, demo, django_capture_on_commit_callbacks
):
    office = get_user_model().objects.get(username=demo.username)
    centre = CentrePage.objects.get(title__startswith="Mütterzentrum Dortmund")
    client.force_login(office)
    page = client.get(f"/admin/zentren/{centre.pk}/einladen/")
    assert page.status_code == 200
    bad = client.post(f"/admin/zentren/{centre.pk}/einladen/", {"email": "kaputt"})
    assert bad.status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/zentren/{centre.pk}/einladen/",
            {"name": "Lea Sommer", "email": "lea@example.org"},
        )
    assert response.status_code == 302
    message = mail.outbox[-1]
    assert message.to == ["lea@example.org"]
    link = re.search(r"http://testserver(/admin/password_reset/\S+)", message.body).group(1)
    client.logout()
    form = client.get(link, follow=True)
    assert form.status_code == 200
    assert "new_password1" in form.text
    volunteer = get_user_model().objects.get(email="lea@example.org")
    assert not volunteer.has_usable_password()
    assert centre.editor_group in volunteer.groups.all()


def test_volunteer_cannot_invite(client, demo):
    centre = CentrePage.objects.get(title__startswith="Mütterzentrum Dortmund")
    client.force_login(volunteer_for(centre, "ehrenamt@example.org"))
    # Wagtail's admin answers a denied permission with a redirect and a message.
    assert client.get(f"/admin/zentren/{centre.pk}/einladen/").status_code in (302, 403)
    response = client.post(f"/admin/zentren/{centre.pk}/einladen/", {"email": "x@example.org"})
    assert response.status_code in (302, 403)
    assert not get_user_model().objects.filter(email="x@example.org").exists()


def test_my_centre_panel_on_the_volunteers_dashboard(client, demo):
    centre = CentrePage.objects.get(title__startswith="Mütterzentrum Dortmund")
    client.force_login(volunteer_for(centre, "ehrenamt@example.org"))
    response = client.get("/admin/")
    assert "Mein Zentrum" in response.text
    assert centre.title in response.text
    assert f"/admin/pages/{centre.pk}/edit/" in response.text


def test_invite_reuses_an_existing_account(demo, django_capture_on_commit_callbacks):
    centre = CentrePage.objects.get(title__startswith="Mütterzentrum Dortmund")
    first = volunteer_invite(centre=centre, email="Lea@Example.org", name="Lea")
    again = volunteer_invite(centre=centre, email="lea@example.org")
    assert first.pk == again.pk
