"""Personal data across the apps (core.privacy): the office's Datenauskunft screen finds,
exports and erases a person's data; retention erases what is past its time – both through
the same code."""

import json
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.contrib.forms.models import FormSubmission

from dorfbrunnen.accessibility.models import BarrierReport
from dorfbrunnen.accessibility.tests.factories import barrier_report
from dorfbrunnen.core.mail import mail_queue
from dorfbrunnen.core.models import OutboundMail
from dorfbrunnen.core.privacy import retention_run
from dorfbrunnen.events.models import Registration
from dorfbrunnen.events.services import registration_create
from dorfbrunnen.events.tests.factories import registration_event
from dorfbrunnen.library.models import ChapterSuggestion
from dorfbrunnen.tests.sample import chapter

EMAIL = "pia@example.org"
SCREEN = "/admin/datenauskunft/"


def days_ago(days: int):
    return timezone.now() - timedelta(days=days)


def store_a_persons_data(section, django_user_model) -> dict:
    """Pia's data in every place that keeps personal data, and one other person's."""
    event = registration_event("elternabend", title="Elternabend: Medien in der Familie")
    registration = registration_create(
        event=event,
        name="Pia Person",
        email=EMAIL,
        adults=2,
        answers={"frage_0": "Wie viel Bildschirmzeit?"},
    )
    contact = section("contact")
    FormSubmission.objects.create(
        page=contact, form_data={"ihre_e_mail_adresse": "Pia@Example.org", "ihr_name": "Pia"}
    )
    FormSubmission.objects.create(
        page=contact, form_data={"ihre_e_mail_adresse": "olaf@example.org", "ihr_name": "Olaf"}
    )
    founding = chapter("Einen Verein gründen", "verein-gruenden")
    ChapterSuggestion.objects.create(chapter=founding, message="Link fehlt", email=EMAIL)
    mail_queue(to=[EMAIL], subject="Hallo Pia", body="…")
    django_user_model.objects.create_user("pia", EMAIL, "x" * 12)
    return {"event": event, "registration": registration, "chapter": founding}


def test_the_office_finds_exports_and_erases_a_persons_data(
    office_client, section, django_user_model
):
    stored = store_a_persons_data(section, django_user_model)
    page = office_client.get(SCREEN, {"email": EMAIL})
    assert page.status_code == 200
    for shown in (stored["event"].title, stored["chapter"].title, "pia", "Hallo Pia"):
        assert shown in page.text

    export = json.loads(office_client.get(SCREEN, {"email": EMAIL, "format": "json"}).content)
    assert export["anmeldungen"][0]["name"] == "Pia Person"
    assert export["anmeldungen"][0]["antworten"] == {"frage_0": "Wie viel Bildschirmzeit?"}
    assert [entry["daten"]["ihr_name"] for entry in export["formulareingaben"]] == ["Pia"]
    assert export["benutzerkonten"][0]["benutzername"] == "pia"
    assert export["hinweise_infopaket"][0]["kapitel"] == stored["chapter"].title
    assert "Hallo Pia" in [mail["betreff"] for mail in export["e_mails"]]

    refused = office_client.post(SCREEN, {"email": EMAIL})  # not confirmed
    assert refused.status_code == 400 and Registration.objects.filter(email=EMAIL).exists()
    office_client.post(SCREEN, {"email": EMAIL, "confirm": "on"})
    assert not Registration.objects.filter(email=EMAIL).exists()
    assert Registration.objects.get().anonymised  # the event keeps its counts
    assert list(FormSubmission.objects.values_list("form_data__ihr_name", flat=True)) == [
        "Olaf"  # the other person's message stays
    ]
    assert not django_user_model.objects.filter(email=EMAIL).exists()
    assert not ChapterSuggestion.objects.exists()
    assert not OutboundMail.objects.filter(subject="Hallo Pia").exists()
    after = office_client.get(SCREEN, {"email": EMAIL})
    assert "Zu dieser Adresse ist nichts gespeichert." in after.text


def test_the_office_finds_the_mails_that_answer_to_a_person_and_no_superuser(
    office_client, django_user_model
):
    # A contact form's mail to a centre answers to the visitor: it is her data too.
    mail_queue(
        to=["zentrum@example.org"],
        reply_to=[EMAIL],
        subject="Nachricht über das Kontaktformular",
        body="Ich brauche Hilfe.",
    )
    chefin = django_user_model.objects.create_superuser("chefin", EMAIL, "x-Geheim-12345")
    page = office_client.get(SCREEN, {"email": EMAIL}).text
    assert "Nachricht über das Kontaktformular" in page
    assert "chefin" not in page  # superusers are the superusers' business
    office_client.post(SCREEN, {"email": EMAIL, "confirm": "on"})
    assert not OutboundMail.objects.filter(reply_to=[EMAIL]).exists()
    assert django_user_model.objects.filter(pk=chefin.pk, is_active=True).exists()


def test_without_the_permission_the_screen_is_refused_and_not_in_the_menu(
    client, office_client, django_user_model
):
    pia = django_user_model.objects.create_user("pia", EMAIL, "x" * 12)
    # An editor who may use the admin, but not the Datenauskunft.
    editors = Group.objects.create(name="Redaktion eines Zentrums")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    editor = django_user_model.objects.create_user("erik", "erik@example.org", "x" * 12)
    editor.groups.add(editors)
    visitor = Client()
    visitor.force_login(editor)

    # Wagtail answers a refusal in its admin with its start page and a message.
    for refused in (
        visitor.get(SCREEN, {"email": EMAIL}, follow=True),
        visitor.post(SCREEN, {"email": EMAIL, "confirm": "on"}, follow=True),
    ):
        assert refused.redirect_chain == [("/admin/", 302)]
        assert "keinen Zugang zu diesem Bereich" in refused.text
        assert EMAIL not in refused.text
    assert django_user_model.objects.filter(pk=pia.pk).exists()
    assert SCREEN not in visitor.get("/admin/").text

    assert SCREEN in office_client.get("/admin/").text  # the office has the menu item


def test_retention_erases_what_is_past_its_time_and_keeps_the_rest(section, db):
    contact, founding = section("contact"), chapter("Einen Verein gründen", "verein-gruenden")
    kept_days = settings.FORM_SUBMISSION_RETENTION_DAYS - 1
    gone_days = settings.FORM_SUBMISSION_RETENTION_DAYS + 1
    for name, age in (("Alt", gone_days), ("Neu", kept_days)):
        submission = FormSubmission.objects.create(page=contact, form_data={"ihr_name": name})
        FormSubmission.objects.filter(pk=submission.pk).update(submit_time=days_ago(age))
        suggestion = ChapterSuggestion.objects.create(chapter=founding, message=name)
        ChapterSuggestion.objects.filter(pk=suggestion.pk).update(created_at=days_ago(age))
    for subject, status, age in (
        ("alt", OutboundMail.Status.SENT, settings.MAIL_RETENTION_DAYS + 1),
        ("neu", OutboundMail.Status.SENT, settings.MAIL_RETENTION_DAYS - 1),
        ("wartet", OutboundMail.Status.QUEUED, settings.MAIL_RETENTION_DAYS + 1),
    ):
        mail = OutboundMail.objects.create(to=["a@example.org"], subject=subject, status=status)
        OutboundMail.objects.filter(pk=mail.pk).update(created_at=days_ago(age))
    for path, age in (("alt", settings.TASK_RETENTION_DAYS + 1), ("neu", 0)):
        DBTaskResult.objects.create(
            task_path=f"dorfbrunnen.tasks.{path}",
            args_kwargs={"args": [], "kwargs": {}},
            backend_name="default",
            run_after=days_ago(age),
            finished_at=days_ago(age),
            exception_class_path="",
            traceback="",
        )
    registrations = {}
    for slug, ended in (
        ("lange-her", settings.REGISTRATION_RETENTION_DAYS + 1),
        ("kuerzlich", settings.REGISTRATION_RETENTION_DAYS - 1),
    ):
        past = registration_event(slug, days=-ended, hours=1)
        registrations[slug] = registration_create(
            event=past, name="Pia", email=EMAIL, by_office=True
        )

    for problem, age in (
        ("alt", settings.BARRIER_REPORT_RETENTION_DAYS + 1),
        ("neu", settings.BARRIER_REPORT_RETENTION_DAYS - 1),
    ):
        barrier_report(days_ago=age + 10, problem=problem, answer="Danke!")
        BarrierReport.objects.filter(problem=problem).update(answered_at=days_ago(age))

    removed = retention_run()

    assert removed == {
        "e_mails": 1,
        "benutzerkonten": 0,
        "hintergrundaufgaben": 1,
        "anmeldungen": 1,
        "formulareingaben": 1,
        "hinweise_infopaket": 1,
        "barriere_meldungen": 1,
        # the newsletter's own retention is tested in newsletter/tests
        "newsletter": 0,
        "newsletter_anfragen": 0,
        "newsletter_tests": 0,
    }
    assert list(BarrierReport.objects.values_list("problem", flat=True)) == ["neu"]
    assert list(FormSubmission.objects.values_list("form_data__ihr_name", flat=True)) == ["Neu"]
    assert list(ChapterSuggestion.objects.values_list("message", flat=True)) == ["Neu"]
    assert set(
        OutboundMail.objects.filter(to=["a@example.org"]).values_list("subject", flat=True)
    ) == {
        "neu",
        "wartet",
    }
    assert list(DBTaskResult.objects.values_list("task_path", flat=True)) == [
        "dorfbrunnen.tasks.neu"
    ]
    assert {
        slug: Registration.objects.get(pk=r.pk).anonymised for slug, r in registrations.items()
    } == {
        "lange-her": True,
        "kuerzlich": False,
    }


def erase_on_the_screen(client, registration):
    client.post(SCREEN, {"email": registration.email, "confirm": "on"})


def erase_by_retention(client, registration):
    retention_run(
        now=registration.event.end + timedelta(days=settings.REGISTRATION_RETENTION_DAYS + 1)
    )


@pytest.mark.parametrize("erase", [erase_on_the_screen, erase_by_retention])
def test_erasure_on_request_and_by_retention_leave_the_same_traces(office_client, erase):
    event = registration_event("elternabend", capacity=10)
    registration = registration_create(
        event=event,
        name="Pia Person",
        email=EMAIL,
        organisation="Familienzentrum Sonnenblume",
        adults=2,
        children=1,
        answers={"frage_0": "Wie viel Bildschirmzeit?"},
    )
    personal_page = f"/anmeldung/{registration.token}/"  # the link in Pia's mails
    assert Client().get(personal_page).status_code == 200

    erase(office_client, registration)

    assert Client().get(personal_page).status_code == 404
    erased = Registration.objects.get(pk=registration.pk)
    assert (erased.name, erased.email, erased.organisation, erased.answers) == ("", "", "", {})
    assert erased.anonymised and erased.token != registration.token
    assert (erased.adults, erased.children, erased.places) == (2, 1, 3)
