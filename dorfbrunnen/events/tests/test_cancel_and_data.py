"""The mother cancels her registration and looks at her data: a question on a page of its
own, one word for the button and the result, no calendar entry once cancelled, the waiting
list named only when someone is on it; a full event invites to the waiting list."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core import mail

from dorfbrunnen.events import services
from dorfbrunnen.events.models import Registration

from .factories import register, registration_event, workshop

Status = Registration.Status


def confirmed(event, name, commit):
    with commit():
        registration = register(event, name)
        services.registration_confirm(token=registration.token)
    registration.refresh_from_db()
    return registration


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_cancelling_asks_first_and_then_says_what_happened(client, db, commit):
    registration = confirmed(registration_event(capacity=5), "Anna", commit)
    detail = f"/anmeldung/{registration.token}/"
    link = soup(client.get(detail)).find("a", string="Anmeldung stornieren")
    assert link["href"] == f"{detail}abmelden/"

    question = client.get(link["href"])  # opening the link (or a mail scanner) cancels nothing
    assert question.status_code == 200
    assert question["Cache-Control"].startswith("max-age=0")
    buttons = soup(question).select("main form button")
    assert [b.get_text() for b in buttons] == ["Anmeldung stornieren"]
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED

    with commit():
        response = client.post(link["href"])
    assert response.status_code == 302
    page = soup(client.get(response["Location"]))
    assert page.select_one('[role="status"]').get_text() == "Ihre Anmeldung ist storniert."
    assert page.select_one(".registration-status").get_text() == "storniert"
    registration.refresh_from_db()
    assert registration.status == Status.CANCELLED
    # Cancelled: no calendar entry any more, and no second cancel button.
    assert "termin.ics" not in str(page)
    assert client.get(f"{detail}termin.ics").status_code == 404
    assert not page.find("a", string="Anmeldung stornieren")
    assert client.get(link["href"])["Location"] == detail


def test_cancel_mail_names_the_waiting_list_only_when_someone_waits(client, db, commit):
    event = registration_event(capacity=1)
    alone = confirmed(event, "Berta", commit)
    mail.outbox.clear()
    with commit():
        client.post(f"/anmeldung/{alone.token}/abmelden/")
    (message,) = mail.outbox
    assert message.subject.startswith("Anmeldung storniert")
    assert "Ihre Anmeldung ist storniert." in message.body
    assert "Warteliste" not in message.body

    first = confirmed(event, "Carla", commit)
    waiting = confirmed(event, "Dora", commit)
    assert waiting.status == Status.WAITING
    mail.outbox.clear()
    with commit():
        client.post(f"/anmeldung/{first.token}/abmelden/")
    to_first = [m for m in mail.outbox if m.to == ["carla@example.org"]]
    assert "nächste Person auf der Warteliste" in to_first[0].body
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED


def test_a_full_event_invites_to_the_waiting_list(client, db, commit):
    event = registration_event(capacity=1)
    assert "Jetzt anmelden" in client.get(event.url).text
    confirmed(event, "Emil", commit)
    page = client.get(event.url).text
    assert "Auf die Warteliste" in page and "Jetzt anmelden" not in page
    form = soup(client.get(event.url + "anmelden/"))
    assert form.select_one("main form button[type=submit]").get_text() == "Auf die Warteliste"


@pytest.fixture
def answered(db, commit):
    with commit():
        return register(
            workshop(),
            "Frida Fröhlich",
            organisation="Mütterzentrum Süd",
            answers={"Wie viele Ehrenamtliche hat Ihr Zentrum?": "unter 10"},
        )


def test_my_data_reads_as_a_page(client, answered):
    response = client.get(f"/anmeldung/{answered.token}/daten/")
    assert response.status_code == 200
    assert response["X-Robots-Tag"].startswith("noindex")
    rows = {row.th.get_text(): row.td.get_text() for row in soup(response).select(".data-table tr")}
    assert rows["Name"] == "Frida Fröhlich"
    assert rows["Organisation"] == "Mütterzentrum Süd"
    assert rows["Wie viele Ehrenamtliche hat Ihr Zentrum?"] == "unter 10"
    assert rows["Angemeldet am"].endswith(" Uhr")
    detail = soup(client.get(f"/anmeldung/{answered.token}/"))
    hrefs = [a["href"] for a in detail.select(".actions a")]
    for suffix in ("daten/", "daten.pdf", "daten.json"):
        assert f"/anmeldung/{answered.token}/{suffix}" in hrefs


def test_the_personal_pages_key_goes_to_no_barrier_report(client, answered):
    """„Barriere melden“ takes the page's address along, which the report mails to the
    office – not the address of a family's own registration page, which is its key."""
    for path in (f"/anmeldung/{answered.token}/", f"/anmeldung/{answered.token}/daten/"):
        report = soup(client.get(path)).select_one(".site-footer__report a")["href"]
        assert report == "/barriere-melden/"
    calendar = soup(client.get("/veranstaltungen/")).select_one(".site-footer__report a")
    assert calendar["href"] == "/barriere-melden/?seite=/veranstaltungen/"


def test_my_data_as_pdf(client, answered):
    from pypdf import PdfReader

    response = client.get(f"/anmeldung/{answered.token}/daten.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Frida Fröhlich" in text
    assert "unter 10" in text
    assert client.get("/anmeldung/falscher-token-0000000/daten.pdf").status_code == 404
