"""Registration at the desk and by phone: no e-mail, same capacity and waiting list, a
printed confirmation with a cancellation code, the centre told to call on a move-up."""

import io

import pytest
from django.core import mail
from pypdf import PdfReader

from dorfbrunnen.centres.tests.factories import centre, volunteer
from dorfbrunnen.events import services
from dorfbrunnen.events.desk import CODE_ALPHABET
from dorfbrunnen.events.models import Registration
from dorfbrunnen.events.privacy import registrations_anonymise

from .factories import desk_register, register, registration_event

Status = Registration.Status


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages), len(
        reader.pages
    )


@pytest.fixture
def centre_event(db):
    place = centre("Mütterzentrum Dortmund", "44149", town="Dortmund", email="mz@example.org")
    place.phone = "0231 9876"
    place.save_revision().publish()
    return registration_event(
        "eltern-cafe",
        capacity=2,
        centre=place,
        bring_along="Hausschuhe und eine Trinkflasche",
        max_places_per_registration=3,
    )


def test_desk_registration_is_confirmed_at_once_without_mail(centre_event, commit):
    with commit():
        registration = desk_register(centre_event)
    assert registration.status == Status.CONFIRMED
    assert (registration.email, registration.phone, registration.source) == (
        "",
        "0231 123456",
        "desk",
    )
    assert registration.consent_at is None
    assert len(registration.cancel_code) == 6
    assert set(registration.cancel_code) <= set(CODE_ALPHABET)
    assert mail.outbox == []
    assert services.free_places(centre_event) == 1


def test_desk_registration_obeys_capacity_and_the_centre_calls_on_move_up(centre_event, commit):
    with commit():
        first = register(centre_event, "Ada", places=2)
        services.registration_confirm(token=first.token)
        waiting = desk_register(centre_event, "Familie Haddad", source="phone")
    assert waiting.status == Status.WAITING
    mail.outbox.clear()
    with commit():
        services.registration_cancel(registration=first)
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED
    calls = [m for m in mail.outbox if m.to == ["mz@example.org"]]
    assert len(calls) == 1
    assert "Bitte anrufen" in calls[0].subject
    assert "Familie Haddad" in calls[0].body and "0231 123456" in calls[0].body
    assert waiting.cancel_code in calls[0].body
    assert all(m.to != [""] for m in mail.outbox)


def test_the_centre_is_asked_to_call_in_german_when_a_turkish_family_cancelled(
    centre_event, client, commit
):
    with commit():
        turkish = register(centre_event, "Dilek", places=2, language="tr")
        services.registration_confirm(token=turkish.token)
        desk_register(centre_event, "Familie Haddad", source="phone")
    mail.outbox.clear()
    with commit():
        client.post(f"/tr/anmeldung/{turkish.token}/abmelden/")
    [call] = [m for m in mail.outbox if m.to == ["mz@example.org"]]
    assert "Bitte anrufen" in call.subject
    assert "Ne zaman" not in call.body and "Yer sayısı" not in call.body


@pytest.mark.parametrize("size,height_mm", [("a4", 297), ("a6", 148)])
def test_confirmation_pdf_has_one_page_with_date_place_bring_along_code_privacy(
    centre_event, size, height_mm
):
    from dorfbrunnen.events.desk import confirmation_pdf

    registration = desk_register(centre_event)
    content = confirmation_pdf(registration, size)
    text, pages = pdf_text(content)
    assert pages == 1
    height = float(PdfReader(io.BytesIO(content)).pages[0].mediabox.height) * 25.4 / 72
    assert height == pytest.approx(height_mm, abs=1)
    assert "Sie sind angemeldet" in text
    assert "Eltern Cafe" in text
    assert "Mütterzentrum Dortmund" in text
    assert "Hausschuhe und eine Trinkflasche" in text
    assert registration.cancel_code in text
    assert "0231 9876" in text
    assert "Datenschutz" in text


def test_office_registers_at_the_desk_in_the_admin_and_prints(office_client, centre_event):
    url = f"/admin/veranstaltungen/{centre_event.pk}/vor-ort/"
    page = office_client.get(url)
    assert page.status_code == 200
    response = office_client.post(
        url,
        {"source": "phone", "name": "Familie Kovalenko", "phone": "", "adults": 1, "children": 1},
    )
    registration = Registration.objects.get(name="Familie Kovalenko")
    assert response.status_code == 302
    assert registration.source == "phone" and registration.places == 2
    done = office_client.get(response["Location"]).content.decode()
    assert registration.cancel_code in done
    pdf = office_client.get(f"/admin/anmeldungen/{registration.pk}/bestaetigung.pdf?format=a6")
    assert pdf["Content-Type"] == "application/pdf"
    # Found in the admin by the code on the paper.
    listing = office_client.get("/admin/registrations/", {"q": registration.cancel_code})
    assert "Familie Kovalenko" in listing.content.decode()


def test_desk_form_asks_the_events_questions_and_keeps_bad_input(office_client, db):
    event = registration_event(
        "frage-event",
        location="Hospitalstraße 6, 44149 Dortmund",
        questions=[("text", {"label": "Allergien?", "required": False})],
    )
    url = f"/admin/veranstaltungen/{event.pk}/vor-ort/"
    assert "Allergien?" in office_client.get(url).content.decode()
    response = office_client.post(url, {"source": "desk", "name": "X", "adults": 0, "children": 0})
    assert response.status_code == 400
    assert "mindestens einen Platz" in response.content.decode()
    office_client.post(
        url,
        {
            "source": "desk",
            "name": "Familie Ahmadi",
            "adults": 1,
            "children": 0,
            "frage_0": "Nüsse",
        },
    )
    assert Registration.objects.get(name="Familie Ahmadi").answers == {"Allergien?": "Nüsse"}


def test_a_volunteer_of_another_centre_cannot_register_at_the_desk(client, centre_event):
    other = centre("Anderes Zentrum", "45127")
    client.force_login(volunteer(other, "fremd@example.org"))
    assert client.get(f"/admin/veranstaltungen/{centre_event.pk}/vor-ort/").status_code in (
        302,
        403,
    )


def test_anonymising_erases_phone_and_code(centre_event):
    registration = desk_register(centre_event)
    registrations_anonymise(Registration.objects.filter(pk=registration.pk))
    registration.refresh_from_db()
    assert (registration.name, registration.phone, registration.cancel_code) == ("", "", None)
