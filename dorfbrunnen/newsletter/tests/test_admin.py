"""The office's newsletter screens: writing an issue (preview as mail, test to oneself),
planning the send with its progress, subscriptions with their proof, the import, and the
consent texts."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from dorfbrunnen.newsletter.models import (
    Consent,
    ConsentText,
    NewsletterSend,
    Subscriber,
)

from .factories import issue, newsletter_list, subscriber
from .test_sending import send_all

pytestmark = pytest.mark.django_db


def sending_page(page) -> str:
    return f"/admin/newsletter/ausgabe/{page.pk}/"


def test_an_issue_is_written_as_a_page_previewed_as_mail_and_tested_on_oneself(
    office_client, office_user, commit
):
    march = issue("Newsletter März")
    edit = office_client.get(f"/admin/pages/{march.pk}/edit/").content.decode()
    assert "Newsletter versenden" in edit and "Als E-Mail" in edit
    # A draft, not yet published: the test shows it as it would go out.
    march.title = "Newsletter März – Entwurf"
    march.save_revision()
    preview = office_client.get(sending_page(march) + "vorschau/").content.decode()
    assert "Newsletter März – Entwurf" in preview and 'style="' in preview

    with commit():
        response = office_client.post(sending_page(march), {"action": "test"})
    assert response.status_code == 302
    send_all()
    (message,) = mail.outbox
    assert message.to == [office_user.email]
    assert message.subject == "Newsletter März – Entwurf"
    test_send = NewsletterSend.objects.get()
    assert test_send.is_test and test_send.status == NewsletterSend.Status.DONE


def test_the_office_plans_a_send_and_follows_its_progress(office_client, commit):
    for number in range(3):
        subscriber(f"leserin{number}@example.org", ("veranstaltungen",))
    march = issue("Newsletter März")
    page = office_client.get(sending_page(march)).content.decode()
    assert "Fachtag &amp; Veranstaltungen (3 Empfänger)" in page

    later = timezone.localtime() + timedelta(days=2)
    response = office_client.post(
        sending_page(march),
        {
            "action": "schedule",
            "lists": [newsletter_list("veranstaltungen").pk],
            "send_at_0": later.strftime("%Y-%m-%d %H:%M"),
            "send_at": later.strftime("%Y-%m-%d %H:%M"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    send = NewsletterSend.objects.get()
    assert send.status == NewsletterSend.Status.SCHEDULED and not mail.outbox
    send_all()
    assert not mail.outbox  # not yet due

    NewsletterSend.objects.update(send_at=timezone.now())
    send_all()
    assert len(mail.outbox) == 3
    text = office_client.get(sending_page(march)).content.decode()
    assert "abgeschlossen" in text and "gesendet: <strong>3</strong>" in text
    overview = office_client.get("/admin/newsletter/versand/").content.decode()
    assert "Newsletter März" in overview and "gesendet: <strong>3</strong>" in overview


def test_an_unpublished_issue_cannot_be_sent_and_a_planned_send_can_be_cancelled(
    office_client, commit
):
    draft = issue("Newsletter April", live=False)
    response = office_client.post(
        sending_page(draft), {"action": "schedule", "lists": [newsletter_list().pk]}
    )
    assert response.status_code == 400
    assert "Bitte veröffentlichen Sie die Ausgabe zuerst" in response.content.decode()
    assert not NewsletterSend.objects.exists()

    subscriber("anna@example.org")
    march = issue("Newsletter März")
    later = timezone.now() + timedelta(days=1)
    send = NewsletterSend.objects.create(issue=march, send_at=later)
    send.lists.set([newsletter_list()])
    office_client.post(sending_page(march), {"action": "cancel", "send": send.pk})
    send.refresh_from_db()
    assert send.status == NewsletterSend.Status.CANCELLED
    NewsletterSend.objects.update(send_at=timezone.now())
    send_all()
    assert not mail.outbox
    # A send number that is none: a 404 with nothing changed, not an error.
    for number in ("abc", "", "²", "99999999999999999999999"):
        for action in ("cancel", "resend"):
            answer = office_client.post(sending_page(march), {"action": action, "send": number})
            assert answer.status_code == 404


def test_people_without_the_right_see_no_sending_page(client, django_user_model):
    march = issue("Newsletter März")
    editor = django_user_model.objects.create_user("leser", "l@example.org", "x" * 12)
    editor.is_staff = True
    editor.save()
    client.force_login(editor)
    assert client.get(sending_page(march)).status_code in (302, 403)
    assert client.post(sending_page(march), {"action": "test"}).status_code in (302, 403)
    assert not NewsletterSend.objects.exists()


def test_subscriptions_show_their_proof_and_change_only_as_the_rules_allow(office_client):
    anna = subscriber("anna@example.org", ("aktuelles", "veranstaltungen"))
    listing = office_client.get("/admin/newsletter_subscribers/").content.decode()
    assert "anna@example.org" in listing
    inspect = office_client.get(f"/admin/newsletter_subscribers/inspect/{anna.pk}/")
    text = inspect.content.decode()
    assert "192.0.2.0/24" in text and f"Fassung {ConsentText.current().version}" in text
    export = office_client.get("/admin/newsletter_subscribers/?export=csv")
    csv = b"".join(export.streaming_content).decode()
    assert "anna@example.org" in csv and "Aktuelles vom Landesverband" in csv

    edit = f"/admin/newsletter_subscribers/edit/{anna.pk}/"
    pending = subscriber("paul@example.org", status=Subscriber.Status.PENDING)
    response = office_client.post(
        f"/admin/newsletter_subscribers/edit/{pending.pk}/", {"name": "", "status": "confirmed"}
    )
    assert response.status_code == 200 and "nur die Person selbst" in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == Subscriber.Status.PENDING

    office_client.post(edit, {"name": "Anna A.", "status": "unsubscribed"})  # asked by phone
    anna.refresh_from_db()
    assert (anna.name, anna.status) == ("Anna A.", Subscriber.Status.UNSUBSCRIBED)
    assert not anna.lists.exists() and anna.consents.get().withdrawn_at

    paused = subscriber("pia@example.org", status=Subscriber.Status.PAUSED, rejections=3)
    office_client.post(
        f"/admin/newsletter_subscribers/edit/{paused.pk}/", {"name": "", "status": "confirmed"}
    )
    paused.refresh_from_db()
    assert (paused.status, paused.rejections) == (Subscriber.Status.CONFIRMED, 0)


def csv_file(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("liste.csv", text.encode("utf-8"), content_type="text/csv")


def test_an_existing_list_is_imported_with_its_original_consent(office_client):
    subscriber("schon@example.org")
    subscriber("weg@example.org", status=Subscriber.Status.UNSUBSCRIBED)
    data = (
        "email;name;einwilligung_am;quelle\n"
        "neu@example.org;Nora Neu;15.05.2023;Teilnehmerliste Fachtag 2023\n"
        "Schon@example.org;;2023-05-15;Teilnehmerliste Fachtag 2023\n"
        "weg@example.org;;2023-05-15;\n"
    )
    response = office_client.post(
        "/admin/newsletter/import/",
        {
            "file": csv_file(data),
            "default_source": "Papierliste Geschäftsstelle",
            "lists": [newsletter_list("veranstaltungen").pk],
        },
    )
    assert response.status_code == 302
    nora = Subscriber.objects.get(email="neu@example.org")
    assert nora.status == Subscriber.Status.CONFIRMED and nora.imported
    assert [item.slug for item in nora.lists.all()] == ["veranstaltungen"]
    consent = nora.consents.get()
    assert consent.source == Consent.Source.IMPORT
    assert consent.original_consent_on == date(2023, 5, 15)
    assert consent.original_source == "Teilnehmerliste Fachtag 2023"
    assert Subscriber.objects.get(email="weg@example.org").status == "unsubscribed"
    assert not Subscriber.objects.get(email="schon@example.org").imported
    assert not mail.outbox  # imported addresses get no confirmation mail


def test_an_import_with_errors_keeps_nothing_and_says_where(office_client):
    data = (
        "email;einwilligung_am;quelle\n"
        "gut@example.org;2023-05-15;Liste\n"
        "kaputt;2023-05-15;Liste\n"
        "ohne-datum@example.org;;Liste\n"
    )
    response = office_client.post(
        "/admin/newsletter/import/",
        {"file": csv_file(data), "lists": [newsletter_list().pk]},
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert "Zeile 3" in text and "Zeile 4" in text
    assert not Subscriber.objects.exists()
    response = office_client.post(
        "/admin/newsletter/import/",
        {"file": csv_file("name;datum\nx;y\n"), "lists": [newsletter_list().pk]},
    )
    assert response.status_code == 400 and "fehlen die Spalten" in response.content.decode()
    # A cell beyond what the csv module reads (the file may hold 5 MB).
    huge = "email;einwilligung_am;name\na@example.org;01.01.2024;" + "x" * 200_000 + "\n"
    response = office_client.post(
        "/admin/newsletter/import/",
        {"file": csv_file(huge), "lists": [newsletter_list().pk], "default_source": "Fachtag"},
    )
    assert response.status_code == 400
    assert "lässt sich nicht als CSV-Datei lesen" in response.content.decode()
    assert not Subscriber.objects.exists()


def test_nobody_adds_a_subscription_by_hand_without_its_consent(office_client):
    listing = office_client.get("/admin/newsletter_subscribers/").content.decode()
    assert "/admin/newsletter_subscribers/new/" not in listing
    form = office_client.get("/admin/newsletter_subscribers/new/")
    assert form.status_code in (302, 403)
    office_client.post(
        "/admin/newsletter_subscribers/new/", {"name": "Ohne", "status": "confirmed"}
    )
    assert not Subscriber.objects.exists()


def test_a_consent_text_once_agreed_to_stays_as_it_was(office_client, client):
    first = ConsentText.current()
    subscriber("anna@example.org")  # agreed to it
    response = office_client.post(
        f"/admin/newsletter_consent_texts/edit/{first.pk}/", {"text": "Etwas anderes."}
    )
    assert response.status_code == 200 and "neue Fassung" in response.content.decode()
    first.refresh_from_db()
    assert first.text != "Etwas anderes."

    office_client.post(
        "/admin/newsletter_consent_texts/new/", {"text": "Neuer Wortlaut, Fassung 2."}
    )
    assert ConsentText.current().version == first.version + 1
    assert "Neuer Wortlaut, Fassung 2." in client.get("/newsletter/").content.decode()
