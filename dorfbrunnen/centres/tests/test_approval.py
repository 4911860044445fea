"""A volunteer's change and the office's decision, in the same words on every screen and in
every mail: „Zur Freigabe an die Geschäftsstelle senden“, „Freigeben“, „Zurückgeben“. The
mails about it go through the mail queue (core.notifications), once each."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from dorfbrunnen.core.models import OutboundMail

from .factories import centre, volunteer

pytestmark = pytest.mark.django_db


def edit_data(page, **changes):
    """The centre's edit form as the admin sends it, with `changes`."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "intro": page.intro,
        "postcode": page.postcode,
        "town": page.town,
        "body": streamfield([]),
        "opening_hours": inline_formset([]),
        "opening_exceptions": inline_formset([]),
        "programme_items": inline_formset([]),
        "closed_on_public_holidays": "on",
    }
    data.update(changes)
    return nested_form_data(data)


@pytest.fixture
def submitted(client, office_user, commit):
    """A centre whose volunteer changed the intro and sent it to the office."""
    page = centre("Zentrum am Markt", "44149", intro="Offener Treff jeden Tag.")
    helper = volunteer(page)
    client.force_login(helper)
    edit = client.get(f"/admin/pages/{page.pk}/edit/").text
    assert "Zur Freigabe an die Geschäftsstelle senden" in edit
    assert "Moderation" not in edit
    with commit():
        response = client.post(
            f"/admin/pages/{page.pk}/edit/",
            edit_data(page, intro="Neu: freitags Familienfrühstück.", **{"action-submit": "1"}),
            follow=True,
        )
    assert "ist zur Freigabe an die Geschäftsstelle gesendet" in response.text
    client.logout()
    return page, helper


def action_url(page, action, task_state):
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])


def mails_to(address):
    return list(OutboundMail.objects.filter(to=[address]).order_by("pk"))


def test_the_office_is_told_once_through_the_queue(submitted, office_user):
    (mail,) = mails_to(office_user.email)
    assert mail.subject == "Zur Freigabe: Zentrum am Markt"
    assert "zur Freigabe an die Geschäftsstelle gesendet" in mail.body
    assert "„Freigeben“" in mail.body and "„Zurückgeben“" in mail.body
    assert mail.status == OutboundMail.Status.SENT  # delivered by the queue


def test_the_office_approves_from_the_dashboard(submitted, client, office_user, commit):
    page, helper = submitted
    client.force_login(office_user)
    dashboard = client.get("/admin/").text
    assert "Wartet auf Ihre Freigabe" in dashboard
    assert ">Freigeben<" in dashboard.replace("<span", "<").split("Zentrum am Markt", 1)[1]
    state = page.current_workflow_task_state
    approve = action_url(page, "approve", state)
    assert approve in dashboard
    with commit():
        client.post(approve, {"next": "/admin/"})
    page.refresh_from_db()
    assert page.intro == "Neu: freitags Familienfrühstück."
    (mail,) = mails_to(helper.email)
    assert mail.subject == "Freigegeben: Zentrum am Markt"
    assert "freigegeben" in mail.body and "Moderation" not in mail.body
    assert "Zur Freigabe: Zentrum am Markt" not in client.get("/admin/").text


def test_the_office_sends_it_back_with_a_comment(submitted, client, office_user, commit):
    page, helper = submitted
    client.force_login(office_user)
    state = page.current_workflow_task_state
    reject = action_url(page, "reject", state)
    assert reject in client.get("/admin/").text
    with commit():
        client.post(reject, {"comment": "Bitte die Uhrzeit ergänzen."})
    page.refresh_from_db()
    assert page.intro == "Offener Treff jeden Tag."  # not online
    (mail,) = mails_to(helper.email)
    assert mail.subject == "Zurückgegeben: Zentrum am Markt"
    assert "Bitte die Uhrzeit ergänzen." in mail.body
    assert "Zur Freigabe an die Geschäftsstelle senden" in mail.body
    client.force_login(helper)
    edit = client.get(f"/admin/pages/{page.pk}/edit/").text
    assert "Erneut zur Freigabe an die Geschäftsstelle senden" in edit
    assert "Moderation" not in edit and "Workflow" not in edit
