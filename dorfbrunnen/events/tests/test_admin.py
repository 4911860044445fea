import csv
import io
from datetime import UTC, datetime

import openpyxl
from django.contrib.auth import get_user_model
from django.core import mail
from pypdf import PdfReader

from dorfbrunnen.centres.services import centre_setup_access
from dorfbrunnen.centres.tests.factories import centre
from dorfbrunnen.events import services
from dorfbrunnen.events.certificates import certificate_pdf
from dorfbrunnen.events.models import Registration

from .factories import event, registration_event

Status = Registration.Status

HEADINGS = [
    "Veranstaltung",
    "Name",
    "E-Mail",
    "Organisation",
    "Erwachsene",
    "Kinder",
    "Status",
    "Angemeldet am",
    "Bestätigt am",
    "Antworten",
    "Telefon",
    "Sprache",  # the language of the mails (issue 15)
]


def download(response) -> bytes:
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_office_exports_registrations_as_csv_and_excel(office_client, commit):
    page = registration_event(capacity=5, title="Erste Hilfe am Kind")
    with commit():
        person = services.registration_create(
            event=page,
            name="Özlem Ünal",
            email="o@example.org",
            answers={"Frage": "Antwort"},
            by_office=True,
        )
        services.registration_create(
            event=page,
            name='=HYPERLINK("https://evil.example")',
            email="x@example.org",
            organisation="@Treff",
            by_office=True,
        )
    # A summer time in UTC: the office reads it as Berlin time (UTC+2).
    Registration.objects.filter(pk=person.pk).update(
        created_at=datetime(2026, 7, 1, 10, 30, tzinfo=UTC),
        confirmed_at=datetime(2026, 7, 1, 10, 45, tzinfo=UTC),
    )
    other = registration_event("anderes", capacity=5)
    with commit():
        services.registration_create(
            event=other, name="Andere Person", email="a@example.org", by_office=True
        )

    raw = download(office_client.get("/admin/registrations/", {"event": page.pk, "export": "csv"}))
    assert raw.startswith("\ufeff".encode())  # German Excel reads it as UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == HEADINGS
    by_email = {row[2]: dict(zip(HEADINGS, row, strict=True)) for row in rows[1:]}
    assert set(by_email) == {"o@example.org", "x@example.org"}  # only the chosen event
    row = by_email["o@example.org"]
    assert row["Veranstaltung"] == "Erste Hilfe am Kind"
    assert row["Name"] == "Özlem Ünal"
    assert row["Status"] == "bestätigt"
    assert row["Angemeldet am"] == "01.07.2026 12:30"
    assert row["Bestätigt am"] == "01.07.2026 12:45"
    assert row["Antworten"] == "Frage: Antwort"
    # Cells a spreadsheet would run as a formula are written as text.
    assert by_email["x@example.org"]["Name"] == '\'=HYPERLINK("https://evil.example")'
    assert by_email["x@example.org"]["Organisation"] == "'@Treff"

    content = download(
        office_client.get("/admin/registrations/", {"event": page.pk, "export": "xlsx"})
    )
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == HEADINGS
    by_email = {row[2]: dict(zip(HEADINGS, row, strict=True)) for row in rows[1:]}
    row = by_email["o@example.org"]
    assert row["Name"] == "Özlem Ünal"
    assert row["Status"] == "bestätigt"
    assert row["Angemeldet am"] == datetime(2026, 7, 1, 12, 30)
    assert by_email["x@example.org"]["Name"] == '\'=HYPERLINK("https://evil.example")'


def test_a_control_character_typed_into_a_form_does_not_break_the_excel_download(
    office_client, commit
):
    page = registration_event(capacity=5)
    with commit():
        services.registration_create(
            event=page,
            name="Ada\x01Lovelace",
            email="ada@example.org",
            answers={"Frage": "eins\x0bzwei"},
            by_office=True,
        )
    csv_rows = download(
        office_client.get("/admin/registrations/", {"event": page.pk, "export": "csv"})
    )
    assert b"AdaLovelace" in csv_rows
    workbook = download(
        office_client.get("/admin/registrations/", {"event": page.pk, "export": "xlsx"})
    )
    sheet = openpyxl.load_workbook(io.BytesIO(workbook)).active
    row = dict(zip(HEADINGS, [cell.value for cell in sheet[2]], strict=True))
    assert row["Name"] == "AdaLovelace"
    assert row["Antworten"] == "Frage: einszwei"


def test_registrations_entered_by_hand_obey_the_capacity(office_client, commit):
    page = registration_event(capacity=1)
    with commit():
        for name in ("Tel Eins", "Tel Zwei"):
            response = office_client.post(
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
    bad = office_client.post(
        "/admin/registrations/new/", {"event": page.pk, "name": "", "email": "x"}
    )
    assert bad.status_code == 200 and Registration.objects.filter(event=page).count() == 2


def test_registrations_cannot_be_copied(office_client, commit):
    page = registration_event(capacity=3)
    with commit():
        registration = services.registration_create(
            event=page, name="Rosa Weber", email="rosa@example.org", by_office=True
        )
    edit = office_client.get(f"/admin/registrations/edit/{registration.pk}/")
    assert edit.status_code == 200
    assert f"/admin/registrations/copy/{registration.pk}/" not in edit.text
    assert office_client.get(f"/admin/registrations/copy/{registration.pk}/").status_code == 404


def test_attendance_and_certificate_pdf(office_client, commit):
    page = registration_event(capacity=3)
    with commit():
        registration = services.registration_create(
            event=page, name="Rosa Weber", email="rosa@example.org", by_office=True
        )
        services.registration_create(
            event=page, name="Tom Abwesend", email="tom@example.org", by_office=True
        )
    response = office_client.post(
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
    registration.refresh_from_db()
    assert registration.status == Status.ATTENDED
    pdf = office_client.get(f"/admin/anmeldungen/{registration.pk}/bescheinigung.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "Teilnahmebescheinigung" in text and "Rosa Weber" in text and page.title in text
    mail.outbox.clear()
    with commit():
        office_client.post(
            f"/admin/veranstaltungen/{page.pk}/teilnehmende/", {"action": "certificates"}
        )
    [sent] = mail.outbox  # only who attended
    assert sent.to == ["rosa@example.org"]
    assert sent.attachments[0].filename == "teilnahmebescheinigung.pdf"


def test_office_mails_all_confirmed_participants(office_client, commit):
    page = registration_event(capacity=3)
    with commit():
        services.registration_create(event=page, name="A", email="a@example.org", by_office=True)
        services.registration_create(event=page, name="B", email="b@example.org")  # pending
    mail.outbox.clear()
    with commit():
        office_client.post(
            f"/admin/veranstaltungen/{page.pk}/teilnehmende/", {"text": "Bitte Stifte mitbringen."}
        )
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
    assert "Bitte Stifte mitbringen." in mail.outbox[0].body


def volunteer(username, centre_page):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "x" * 12)
    user.groups.add(centre_setup_access(centre=centre_page))
    return user


def test_a_centre_sees_only_registrations_for_its_own_events(client, db, commit):
    bach = centre("Familienzentrum Am Bach", "44135", town="Dortmund")
    hang = centre("Mehrgenerationenhaus Am Hang", "59269", town="Beckum")
    own = event("eigenes-fest", parent=bach, registration_enabled=True, capacity=10)
    foreign = registration_event("workshop-des-verbands", capacity=10)
    with commit():
        services.registration_create(
            event=own, name="Eigene", email="e@example.org", by_office=True
        )
        foreign_registration = services.registration_create(
            event=foreign, name="Fremde", email="f@example.org", by_office=True
        )
    client.force_login(volunteer("vol", bach))
    listing = client.get("/admin/registrations/")
    assert listing.status_code == 200
    assert "e@example.org" in listing.text and "f@example.org" not in listing.text
    assert client.get(f"/admin/registrations/edit/{foreign_registration.pk}/").status_code == 404
    export = download(client.get("/admin/registrations/", {"export": "csv"})).decode("utf-8-sig")
    assert "e@example.org" in export and "f@example.org" not in export
    assert client.get(f"/admin/veranstaltungen/{own.pk}/teilnehmende/").status_code == 200
    refused = client.get(f"/admin/veranstaltungen/{foreign.pk}/teilnehmende/")
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")  # Wagtail's refusal
    client.force_login(volunteer("vol2", hang))
    assert "e@example.org" not in client.get("/admin/registrations/").text


def test_certificate_renders_without_request(db):
    page = registration_event(capacity=1)
    registration = Registration.objects.create(
        event=page, name="Paul", email="p@example.org", status=Status.ATTENDED
    )
    assert certificate_pdf(registration).startswith(b"%PDF")


def test_the_dashboard_lists_each_event_once_in_all_its_languages(office_client, section):
    """A translation's registrations are its German event's: the dashboard showed the
    same event once per language, each with all its places free."""
    from bs4 import BeautifulSoup

    from dorfbrunnen.tests.languages import translate

    translate(section("home"), "tr")
    german = registration_event("elterncafe", title="Elterncafé", capacity=5)
    turkish = translate(german, "tr", title="Ebeveyn kafesi")

    def listed():
        soup = BeautifulSoup(office_client.get("/admin/").text, "html.parser")
        panel = soup.find(id="upcoming-registrations-heading").find_parent("section")
        return panel.get_text(" ", strip=True)

    assert "Elterncafé" in listed() and "Ebeveyn kafesi" not in listed()
    own_screen = f"/admin/veranstaltungen/{turkish.pk}/teilnehmende/"
    # Once the German page is gone, the translation is the event (core.i18n.source_page):
    # on the dashboard, and its „Teilnehmende“ button leads to its own screen.
    german.delete()
    turkish.refresh_from_db()
    assert "Ebeveyn kafesi" in listed()
    assert own_screen in office_client.get(f"/admin/pages/{turkish.pk}/edit/").text
    assert office_client.get(own_screen).status_code == 200
