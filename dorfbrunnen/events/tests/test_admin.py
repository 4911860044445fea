import csv
import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from pypdf import PdfReader

from dorfbrunnen.centres.models import CentrePage
from dorfbrunnen.events import services
from dorfbrunnen.events.certificates import certificate_pdf
from dorfbrunnen.events.models import EventPage, Registration

from .factories import event, registration_event

Status = Registration.Status


@pytest.fixture
def office(client, demo):
    client.force_login(get_user_model().objects.get(username=demo.username))
    return client


def test_office_exports_registrations_as_csv_and_excel(office, commit):
    page = registration_event(capacity=5)
    with commit():
        services.registration_create(
            event=page,
            name="Özlem Ünal",
            email="o@example.org",
            answers={"Frage": "Antwort"},
            by_office=True,
        )
    csv_response = office.get("/admin/registrations/", {"event": page.pk, "export": "csv"})
    assert csv_response.status_code == 200
    rows = list(
        csv.reader(io.StringIO(b"".join(csv_response.streaming_content).decode("utf-8-sig")))
    )
    assert any("Özlem Ünal" in row for row in rows)
    xlsx = office.get("/admin/registrations/", {"event": page.pk, "export": "xlsx"})
    content = b"".join(xlsx.streaming_content) if xlsx.streaming else xlsx.content
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "Özlem Ünal" in values


def test_registrations_entered_by_hand_obey_the_capacity(office, commit):
    page = registration_event(capacity=1)
    with commit():
        for name in ("Tel Eins", "Tel Zwei"):
            response = office.post(
                "/admin/registrations/new/",
                {
                    "event": page.pk,
                    "name": name,
                    "email": f"{name[-4:].lower()}@example.org",
                    "organisation": "",
                    "adults": 1,
                    "children": 0,
                },
            )
            assert response.status_code == 302
    statuses = dict(Registration.objects.filter(event=page).values_list("name", "status"))
    assert statuses == {"Tel Eins": Status.CONFIRMED, "Tel Zwei": Status.WAITING}
    bad = office.post("/admin/registrations/new/", {"event": page.pk, "name": "", "email": "x"})
    assert bad.status_code == 200 and Registration.objects.filter(event=page).count() == 2


def test_attendance_and_certificate_pdf(office, commit):
    page = registration_event(capacity=3)
    with commit():
        registration = services.registration_create(
            event=page, name="Rosa Weber", email="rosa@example.org", by_office=True
        )
    response = office.post(
        f"/admin/registrations/edit/{registration.pk}/",
        {
            "status": "attended",
            "name": "Rosa Weber",
            "email": "rosa@example.org",
            "organisation": "",
            "adults": 1,
            "children": 0,
        },
    )
    assert response.status_code == 302
    pdf = office.get(f"/admin/anmeldungen/{registration.pk}/bescheinigung.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "Teilnahmebescheinigung" in text and "Rosa Weber" in text and page.title in text
    mail.outbox.clear()
    with commit():
        office.post(f"/admin/veranstaltungen/{page.pk}/teilnehmende/", {"action": "certificates"})
    [sent] = mail.outbox
    assert sent.to == ["rosa@example.org"]
    assert sent.attachments[0].filename == "teilnahmebescheinigung.pdf"


def test_office_mails_all_confirmed_participants(office, commit):
    page = registration_event(capacity=3)
    with commit():
        services.registration_create(event=page, name="A", email="a@example.org", by_office=True)
        services.registration_create(event=page, name="B", email="b@example.org")  # pending
    mail.outbox.clear()
    with commit():
        office.post(
            f"/admin/veranstaltungen/{page.pk}/teilnehmende/", {"text": "Bitte Stifte mitbringen."}
        )
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
    assert "Bitte Stifte mitbringen." in mail.outbox[0].body


def test_a_centre_sees_only_registrations_for_its_own_events(client, demo, commit):
    dortmund = CentrePage.objects.get(slug__startswith="muetterzentrum-dortmund")
    beckum = CentrePage.objects.get(slug__startswith="muetterzentrum-beckum")
    own = event("eigenes-fest", parent=dortmund, registration_enabled=True, capacity=10)
    foreign = EventPage.objects.get(slug="workshop-ehrenamt-online")
    with commit():
        services.registration_create(
            event=own, name="Eigene", email="e@example.org", by_office=True
        )
        services.registration_create(
            event=foreign, name="Fremde", email="f@example.org", by_office=True
        )
    volunteer = get_user_model().objects.create_user("vol", "vol@example.org", "x" * 12)
    volunteer.groups.add(dortmund.editor_group)
    client.force_login(volunteer)
    listing = client.get("/admin/registrations/")
    assert listing.status_code == 200
    assert "e@example.org" in listing.text and "f@example.org" not in listing.text
    foreign_registration = Registration.objects.get(name="Fremde")
    assert client.get(f"/admin/registrations/edit/{foreign_registration.pk}/").status_code in (
        302,
        403,
    )
    assert client.get(f"/admin/veranstaltungen/{foreign.pk}/teilnehmende/").status_code in (
        302,
        403,
    )
    other = get_user_model().objects.create_user("vol2", "vol2@example.org", "x" * 12)
    other.groups.add(beckum.editor_group)
    client.force_login(other)
    assert "e@example.org" not in client.get("/admin/registrations/").text


def test_certificate_renders_without_request(demo):
    page = registration_event(capacity=1)
    registration = Registration.objects.create(
        event=page, name="Paul", email="p@example.org", status=Status.ATTENDED
    )
    assert certificate_pdf(registration).startswith(b"%PDF")
