"""A volunteer of one centre, logged in to the admin, walks every address of every admin
screen that shows personal data – registrations, outgoing mails, the Infopaket's
suggestions, barrier reports, form submissions, newsletter subscriptions, user accounts – with
the ids of another centre's rows, and is refused everywhere. (The attack that found the hole read
and overwrote any registration through views Wagtail adds by default: copy, history, usage.) The
office, and the other centre's own volunteers, still reach the same addresses: the rule scopes, it
does not lock everybody out."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import URLPattern, reverse
from wagtail.admin.viewsets import viewsets
from wagtail.contrib.forms.models import FormSubmission

from dorfbrunnen.accessibility.models import BarrierReport
from dorfbrunnen.accessibility.tests.factories import barrier_report
from dorfbrunnen.centres.services import centre_setup_access
from dorfbrunnen.centres.tests.factories import centre
from dorfbrunnen.centres.tests.factories import volunteer as centre_volunteer
from dorfbrunnen.core.models import OutboundMail
from dorfbrunnen.events.models import Registration
from dorfbrunnen.events.services import registration_create
from dorfbrunnen.events.tests.factories import registration_event
from dorfbrunnen.library.models import ChapterPage, ChapterSuggestion, LibraryDocument
from dorfbrunnen.library.tests.factories import document
from dorfbrunnen.newsletter.models import Subscriber

PERSONAL = {
    Registration,
    OutboundMail,
    ChapterSuggestion,
    BarrierReport,
    Subscriber,
    get_user_model(),
}


def refused(response) -> bool:
    """403/404, or Wagtail's answer to a missing permission: back to the dashboard (with a
    message), showing nothing of the row."""
    return response.status_code in (403, 404) or (
        response.status_code == 302 and response["Location"] == "/admin/"
    )


def volunteer(centre_page, username):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "x" * 12)
    user.groups.add(centre_setup_access(centre=centre_page))
    return user


@pytest.fixture
def world(db, section, django_user_model):
    """Two centres with a volunteer each; centre B's event has a registration; a mail, a
    suggestion, a contact form submission and a superuser exist."""
    a = centre("Zentrum Anna", "44135", "Dortmund")
    b = centre("Zentrum Berta", "45127", "Essen")
    event_b = registration_event("fest-in-essen", capacity=10, parent=b, title="Fest in Essen")
    registration = registration_create(
        event=event_b, name="Bea Beispiel", email="bea@example.org", by_office=True
    )
    chapter = ChapterPage(title="Gründung", slug="gruendung")
    section("library").add_child(instance=chapter)
    return {
        "a": a,
        "b": b,
        "volunteer_a": volunteer(a, "anna"),
        "volunteer_b": volunteer(b, "berta"),
        Registration: registration,
        OutboundMail: OutboundMail.objects.create(
            to=["bea@example.org"], subject="Anmeldung bestätigt: Fest in Essen", body="…"
        ),
        ChapterSuggestion: ChapterSuggestion.objects.create(
            chapter=chapter, message="Link fehlt", name="Bea", email="bea@example.org"
        ),
        Subscriber: Subscriber.objects.create(email="bea@example.org", name="Bea Beispiel"),
        BarrierReport: barrier_report(name="Bea Beispiel", email="bea@example.org"),
        get_user_model(): django_user_model.objects.create_superuser(
            "chefin", "chefin@example.org", "x" * 12
        ),
        "submission": FormSubmission.objects.create(
            page=section("contact"), form_data={"ihr_name": "Bea", "ihre_e_mail_adresse": "b@x.de"}
        ),
    }


def personal_viewsets():
    found = [
        viewset for viewset in viewsets.viewsets if getattr(viewset, "model", None) in PERSONAL
    ]
    assert {viewset.model for viewset in found} == PERSONAL  # the walk covers them all
    return found


def addresses(viewset, world):
    """Every address of the viewset; those naming a row name the one of `world`."""
    for pattern in viewset.get_urlpatterns():
        if not isinstance(pattern, URLPattern):
            continue
        kwargs = {"pk": world[viewset.model].pk} if "pk" in pattern.pattern.converters else {}
        if set(pattern.pattern.converters) - {"pk"}:
            continue  # e.g. revisions of a row: reached only through the row's own pages
        yield pattern.name, reverse(viewset.get_url_name(pattern.name), kwargs=kwargs)


def test_a_volunteer_of_another_centre_is_refused_at_every_address(client, world):
    client.force_login(world["volunteer_a"])
    walked = []
    for viewset in personal_viewsets():
        for name, url in addresses(viewset, world):
            walked.append(url)
            response = client.get(url)
            if name not in ("index", "index_results", "add"):
                assert refused(response), (url, response.status_code)
            elif response.status_code == 200:
                # Listings and the form for a new registration show nothing of centre B.
                text = response.content.decode()
                assert "Bea Beispiel" not in text and "Fest in Essen" not in text, url
                assert "chefin" not in text, url
    assert any("/copy/" in url for url in walked) is False  # copies are switched off
    assert any("/history/" in url for url in walked) and any("/usage/" in url for url in walked)
    # Form submissions of the contact form (Wagtail's forms screens).
    contact = world["submission"].page_id
    for url in [
        reverse("wagtailforms:list_submissions", args=[contact]),
        reverse("wagtailforms:list_submissions", args=[contact]) + "?export=csv",
    ]:
        assert refused(client.get(url)), url


def test_posting_to_another_centres_registration_changes_nothing(client, world):
    client.force_login(world["volunteer_a"])
    registration = world[Registration]
    url = reverse("registrations:edit", args=[registration.pk])
    response = client.post(
        url,
        {
            "status": "confirmed",
            "name": "Übernommen",
            "email": "angreifer@example.org",
            "organisation": "",
            "adults": 1,
            "children": 0,
        },
    )
    assert refused(response)
    registration.refresh_from_db()
    assert (registration.name, registration.email) == ("Bea Beispiel", "bea@example.org")


def test_the_office_and_the_centres_own_volunteers_still_reach_them(client, world, office_user):
    registration = world[Registration]
    edit = reverse("registrations:edit", args=[registration.pk])
    client.force_login(world["volunteer_b"])
    assert client.get(edit).status_code == 200
    assert "Bea Beispiel" in client.get(reverse("registrations:index")).content.decode()
    client.force_login(office_user)
    for viewset in personal_viewsets():
        if viewset.model is get_user_model():
            continue  # superusers are the superusers' business (next test)
        for name, url in addresses(viewset, world):
            if name in ("index", "edit"):
                assert client.get(url).status_code == 200, url


def test_the_office_manages_accounts_but_cannot_touch_or_make_superusers(
    client, world, office_user
):
    chefin = world[get_user_model()]
    client.force_login(office_user)
    assert "chefin" not in client.get(reverse("wagtailusers_users:index")).content.decode()
    assert refused(client.get(reverse("wagtailusers_users:edit", args=[chefin.pk])))
    volunteer_a = world["volunteer_a"]
    form = client.get(reverse("wagtailusers_users:edit", args=[volunteer_a.pk]))
    # Nothing to tick: the field stays in the form only as a disabled hidden input (Wagtail's
    # template renders it), so the request's value is never taken.
    superuser_field = re.search(r"<input[^>]*name=\"is_superuser\"[^>]*>", form.content.decode())
    assert form.status_code == 200
    assert superuser_field is None or (
        'type="hidden"' in superuser_field.group(0) and "disabled" in superuser_field.group(0)
    )
    client.post(
        reverse("wagtailusers_users:edit", args=[volunteer_a.pk]),
        {
            "username": volunteer_a.username,
            "email": volunteer_a.email,
            "first_name": "Anna",
            "last_name": "A",
            "is_active": "on",
            "is_superuser": "on",
            "groups": [group.pk for group in volunteer_a.groups.all()],
        },
    )
    volunteer_a.refresh_from_db()
    assert volunteer_a.first_name == "Anna" and not volunteer_a.is_superuser


def test_the_office_cannot_deactivate_regroup_or_delete_a_superuser_in_bulk(
    client, world, office_user
):
    from django.contrib.auth.models import Group

    chefin, volunteer_a = world[get_user_model()], world["volunteer_a"]
    group = Group.objects.create(name="Irgendeine Gruppe")
    client.force_login(office_user)
    bulk = "/admin/bulk/auth/user/{}/?id={}&id={}"
    # The confirmation page does not name her.
    asked = client.get(bulk.format("set_active_state", chefin.pk, volunteer_a.pk))
    assert asked.status_code == 200 and "chefin" not in asked.content.decode()
    client.post(
        bulk.format("set_active_state", chefin.pk, volunteer_a.pk), {"mark_as_active": "False"}
    )
    client.post(bulk.format("assign_role", chefin.pk, volunteer_a.pk), {"role": group.pk})
    client.post(bulk.format("delete", chefin.pk, volunteer_a.pk))
    chefin.refresh_from_db()
    assert chefin.is_active and not chefin.groups.exists()
    # The other account of the same request was acted on: the scope narrows, it does not block.
    assert not get_user_model().objects.filter(pk=volunteer_a.pk).exists()


def test_the_searchability_report_shows_a_volunteer_only_her_centres_documents(office_client):
    bach = centre("Familienzentrum Am Bach", "44135", town="Dortmund")
    hang = centre("Mehrgenerationenhaus Am Hang", "59269", town="Beckum")
    document("Protokoll des Vorstands", restricted=True)
    for owner, title in ((hang, "Dienstplan Am Hang"), (bach, "Dienstplan Am Bach")):
        own = LibraryDocument(title=title, collection=owner.collection)
        own.file.save(f"{owner.slug}.txt", io.BytesIO(b"x"), save=False)
        own.save()
    client = Client()
    client.force_login(centre_volunteer(bach))
    shown = client.get("/admin/infopaket-dokumente/", {"alle": "1"}).content.decode()
    assert "Dienstplan Am Bach" in shown
    assert "Dienstplan Am Hang" not in shown
    assert "Protokoll des Vorstands" not in shown
    # The office sees them all.
    everything = office_client.get("/admin/infopaket-dokumente/", {"alle": "1"}).content.decode()
    assert all(
        title in everything
        for title in ("Dienstplan Am Bach", "Dienstplan Am Hang", "Protokoll des Vorstands")
    )


@pytest.mark.parametrize(
    "report",
    ["page_types_usage", "aging_pages", "site_history", "locked_pages", "workflow"],
)
def test_the_site_reports_are_the_offices_not_a_volunteers(office_client, report):
    """They name every centre's pages, drafts too (the page types' report showed another
    centre's latest draft title): hidden from a volunteer's menu, and refused by address."""
    bach = centre("Familienzentrum Am Bach", "44135", town="Dortmund")
    url = reverse(f"wagtailadmin_reports:{report}")
    client = Client()
    client.force_login(centre_volunteer(bach))
    assert client.get(url).status_code == 403
    assert office_client.get(url).status_code == 200
