import json
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from dorfbrunnen.contact.models import ContactPage
from dorfbrunnen.core.mail import mail_queue
from dorfbrunnen.core.models import OutboundMail
from dorfbrunnen.core.privacy import old_data_purge
from dorfbrunnen.events.models import EventPage, Registration
from dorfbrunnen.events.services import registration_create

EMAIL = "person@example.org"


def store_some_data():
    registration_create(
        event=EventPage.objects.get(slug="workshop-ehrenamt-online"), name="Pia Person", email=EMAIL
    )
    FormSubmission.objects.create(
        page=ContactPage.objects.get(),
        form_data={"ihre_e_mail_adresse": "Person@Example.org", "ihr_name": "Pia"},
    )
    FormSubmission.objects.create(page=ContactPage.objects.get(), form_data={"ihr_name": "Andere"})
    mail_queue(to=[EMAIL], subject="Hallo Pia", body="…")
    get_user_model().objects.create_user("pia", EMAIL, "x" * 12)


def test_office_finds_exports_and_erases_a_persons_data(
    client, demo, django_capture_on_commit_callbacks
):
    store_some_data()
    client.login(username=demo.username, password=demo.password)
    page = client.get("/admin/datenauskunft/", {"email": EMAIL})
    assert page.status_code == 200
    assert "Online-Workshop" in page.text and "pia" in page.text
    export = json.loads(
        client.get("/admin/datenauskunft/", {"email": EMAIL, "format": "json"}).content
    )
    assert export["anmeldungen"][0]["name"] == "Pia Person"
    assert len(export["formulareingaben"]) == 1
    assert export["benutzerkonten"][0]["benutzername"] == "pia"
    assert export["e_mails"][0]["betreff"] == "Hallo Pia"

    refused = client.post("/admin/datenauskunft/", {"email": EMAIL})
    assert refused.status_code == 400 and Registration.objects.filter(email=EMAIL).exists()
    client.post("/admin/datenauskunft/", {"email": EMAIL, "confirm": "on"})
    assert not Registration.objects.filter(email=EMAIL).exists()
    assert Registration.objects.filter(anonymised=True).count() == 1  # the counts stay
    assert FormSubmission.objects.count() == 1  # the other person's message stays
    assert not get_user_model().objects.filter(email=EMAIL).exists()
    assert not OutboundMail.objects.filter(subject="Hallo Pia").exists()
    assert (
        "Zu dieser Adresse ist nichts gespeichert."
        in client.get("/admin/datenauskunft/", {"email": EMAIL}).text
    )


def test_only_the_office_may_use_it(client, demo):
    client.force_login(get_user_model().objects.create_user("x", "x@example.org", "x" * 12))
    assert client.get("/admin/datenauskunft/").status_code in (302, 403)


def test_retention_removes_old_submissions_mails_and_tasks(demo):
    page = ContactPage.objects.get()
    old = FormSubmission.objects.create(page=page, form_data={"ihr_name": "Alt"})
    FormSubmission.objects.filter(pk=old.pk).update(
        submit_time=timezone.now() - timedelta(days=400)
    )
    FormSubmission.objects.create(page=page, form_data={"ihr_name": "Neu"})
    sent = OutboundMail.objects.create(
        to=["a@example.org"], subject="alt", body="", status=OutboundMail.Status.SENT
    )
    OutboundMail.objects.filter(pk=sent.pk).update(created_at=timezone.now() - timedelta(days=100))
    OutboundMail.objects.create(to=["b@example.org"], subject="wartet", body="")
    removed = old_data_purge()
    assert removed["submissions"] == 1 and removed["mails"] == 1
    assert list(FormSubmission.objects.values_list("form_data__ihr_name", flat=True)) == ["Neu"]
    assert OutboundMail.objects.filter(subject="wartet").exists()
