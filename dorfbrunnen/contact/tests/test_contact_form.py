import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from wagtail.contrib.forms.models import FormSubmission

from dorfbrunnen.core.models import OutboundMail, SiteSettings

GOOD = {
    "ihr_name": "Fatma Yılmaz",
    "ihre_e_mail_adresse": "fatma@example.org",
    "betreff": "Mitgliedschaft",
    "ihre_nachricht": "Wir möchten mit unserem Familientreff Mitglied werden.",
}
OFFICE_ADDRESS = "buero@example.org"


@pytest.fixture(autouse=True)
def office_address(db):
    """The association's address, where the contact form's mail goes (setup leaves it
    for the office to fill in)."""
    site_settings = SiteSettings.objects.get()
    site_settings.email = OFFICE_ADDRESS
    site_settings.save()


@pytest.fixture
def post(client, commit):
    """Submit the contact form and run what happens after the commit (queued mail)."""

    def submit(data):
        with commit():
            return client.post("/kontakt/", data)

    return submit


def test_valid_message_is_stored_and_mailed_to_the_office(post, client):
    response = post(GOOD)
    assert response.status_code == 303
    thanks = client.get(response["Location"])
    assert "Ihre Nachricht ist bei uns angekommen" in thanks.text
    submission = FormSubmission.objects.get()
    assert submission.get_data()["ihre_nachricht"] == GOOD["ihre_nachricht"]
    assert "homepage" not in submission.form_data
    queued = OutboundMail.objects.get()
    assert queued.status == OutboundMail.Status.SENT
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [OFFICE_ADDRESS]
    assert mail.outbox[0].reply_to == ["fatma@example.org"]
    assert mail.outbox[0].subject == "Mitgliedschaft – Nachricht über das Kontaktformular"
    assert "Mitglied werden" in mail.outbox[0].body
    assert "Fatma Yılmaz" in mail.outbox[0].body


def test_without_a_subject_of_its_own_the_mail_has_the_pages_subject(post):
    post({**GOOD, "betreff": ""})
    assert mail.outbox[0].subject == "Nachricht über das Kontaktformular"


def test_an_address_on_the_page_takes_the_mail_instead(post, section):
    contact = section("contact")
    contact.to_address = "vorstand@example.org"
    contact.save_revision().publish()
    post(GOOD)
    assert mail.outbox[0].to == ["vorstand@example.org"]


def test_invalid_input_keeps_what_was_typed_and_explains_each_error_in_german(post):
    data = {**GOOD, "ihre_e_mail_adresse": "fatma-at-example", "ihr_name": ""}
    response = post(data)
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("#error-summary")["role"] == "alert"
    assert soup.find("input", attrs={"name": "ihre_e_mail_adresse"})["value"] == "fatma-at-example"
    assert (
        soup.find("textarea", attrs={"name": "ihre_nachricht"}).get_text().strip()
        == GOOD["ihre_nachricht"]
    )
    errors = [p.get_text() for p in soup.select(".field__error")]
    assert "Dieses Feld muss ausgefüllt werden." in errors
    assert "Bitte gültige E-Mail-Adresse eingeben." in errors
    assert soup.find("input", attrs={"name": "ihr_name"})["aria-invalid"] == "true"
    assert FormSubmission.objects.count() == 0
    assert not mail.outbox


def test_filled_honeypot_looks_like_success_but_keeps_nothing(post):
    response = post({**GOOD, "homepage": "http://spam.example"})
    assert (response.status_code, response["Location"]) == (303, "/kontakt/?gesendet")
    assert FormSubmission.objects.count() == 0
    assert not OutboundMail.objects.exists()
    assert not mail.outbox


def test_too_many_messages_from_one_address_are_refused_with_a_german_429(post, settings):
    settings.FORM_RATE_LIMIT = (2, 600)
    assert post(GOOD).status_code == 303
    assert post(GOOD).status_code == 303
    response = post(GOOD)
    assert response.status_code == 429
    assert "Von Ihrer Adresse kamen gerade sehr viele Anfragen" in response.text
    name = BeautifulSoup(response.content, "html.parser").find("input", attrs={"name": "ihr_name"})
    assert name["value"] == GOOD["ihr_name"]  # nothing typed is lost
    assert FormSubmission.objects.count() == 2
    assert OutboundMail.objects.count() == 2
    assert len(mail.outbox) == 2


def test_the_limit_counts_the_form_in_all_its_languages(client, section, commit, settings):
    from dorfbrunnen.tests.languages import translate

    settings.FORM_RATE_LIMIT = (2, 600)
    contact = section("contact")
    translate(section("home"), "tr")
    turkish = translate(contact, "tr")
    answers = []
    for page in (contact, contact, turkish):
        with commit():
            answers.append(client.post(page.url, GOOD).status_code)
    assert answers == [303, 303, 429]
    assert FormSubmission.objects.count() == 2


def test_submissions_survive_a_broken_mail_server(post, settings):
    settings.MAILERS = {"default": {"BACKEND": "dorfbrunnen.core.tests.broken_mail.BrokenBackend"}}
    response = post(GOOD)
    assert response.status_code == 303
    assert FormSubmission.objects.count() == 1
    queued = OutboundMail.objects.get()
    assert queued.status == OutboundMail.Status.RETRY
    assert "Connection refused" in queued.last_error


def test_the_offices_csv_export_is_german_and_cannot_run_formulas(post, office_client, section):
    post({**GOOD, "ihr_name": '=HYPERLINK("http://evil.example","Klick")', "betreff": "+49 123"})
    submission = FormSubmission.objects.get()
    response = office_client.get(
        f"/admin/forms/submissions/{section('contact').pk}/", {"export": "csv"}
    )
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")  # German Excel reads UTF-8 only with the BOM
    rows = list(csv.reader(io.StringIO(content.removeprefix("\ufeff")), delimiter=";"))
    header, row = rows
    cells = dict(zip(header, row, strict=True))
    assert cells["Ihr Name"] == '\'=HYPERLINK("http://evil.example","Klick")'
    assert cells["Betreff"] == "'+49 123"
    assert cells["Ihre Nachricht"] == GOOD["ihre_nachricht"]
    berlin = submission.submit_time.astimezone(ZoneInfo("Europe/Berlin"))
    submitted = datetime.strptime(cells["Einreichungsdatum"], "%d.%m.%Y %H:%M")
    assert submitted == berlin.replace(tzinfo=None, second=0, microsecond=0)


def test_every_language_of_the_form_writes_to_the_address_the_office_set_last(
    client, section, commit
):
    from wagtail_localize.fields import get_translatable_fields

    from dorfbrunnen.contact.models import ContactPage
    from dorfbrunnen.tests.languages import translate

    contact = section("contact")
    contact.to_address = "alt@example.org"
    contact.save_revision().publish()
    translate(section("home"), "tr")
    turkish = translate(contact, "tr")
    # The office moves the form's mail to a new address.
    contact.refresh_from_db()
    contact.to_address = "neu@example.org"
    contact.save_revision().publish()
    for page in (contact, turkish):
        with commit():
            client.post(page.url, GOOD)
    assert [message.to for message in mail.outbox] == [["neu@example.org"]] * 2
    # No translator is offered the address (or the mail's subject) as words to change.
    kinds = {field.field_name: field for field in get_translatable_fields(ContactPage)}
    for name in ("to_address", "subject"):
        assert not kinds[name].is_overridable(turkish), name
        assert type(kinds[name]).__name__ == "SynchronizedField", name


def test_reloading_the_thanks_sends_nothing_twice(post, client):
    """A message sent leads on to the thanks at an address of its own: the browser's
    reload asks for that page again instead of sending the form once more."""
    thanks_address = post(GOOD)["Location"]
    assert thanks_address == "/kontakt/?gesendet"
    for _reload in range(2):
        thanks = client.get(thanks_address)
        assert thanks.status_code == 200
        assert "Vielen Dank für Ihre Nachricht" in thanks.text
        assert 'name="robots" content="noindex"' in thanks.text
    assert FormSubmission.objects.count() == 1
    assert len(mail.outbox) == 1
    # The form itself is unchanged at the page's address.
    assert "Nachricht senden" in client.get("/kontakt/").text


def test_the_thanks_lead_home_in_the_visitors_language(client, section, commit):
    from dorfbrunnen.tests.languages import translate

    translate(section("home"), "tr")
    turkish = translate(section("contact"), "tr")
    with commit():
        sent = client.post(turkish.url, GOOD)
    assert sent["Location"] == f"{turkish.url}?gesendet"
    thanks = BeautifulSoup(client.get(sent["Location"]).content, "html.parser")
    assert thanks.select_one('main a[href="/tr/"]') is not None
    assert thanks.select_one('main a[href="/"]') is None
