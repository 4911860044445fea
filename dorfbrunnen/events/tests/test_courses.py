"""Whole courses: one registration books every date, one capacity, the waiting list moves
up until the first date, the .ics carries the series, attendance per date, certificates
with the dates attended, anonymisation from the last date."""

import io
import threading
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone
from pypdf import PdfReader

from dorfbrunnen.events import courses, services
from dorfbrunnen.events.certificates import certificate_pdf
from dorfbrunnen.events.ical import calendar_bytes
from dorfbrunnen.events.models import EventPage, Registration
from dorfbrunnen.events.privacy import expired_registrations

from .factories import course, desk_register, event, register

Status = Registration.Status


@pytest.fixture
def at(monkeypatch):
    """`at(moment)`: the clock shows `moment` from now on."""
    return lambda moment: monkeypatch.setattr(timezone, "now", lambda: moment)


def confirmed(event_, name):
    registration = register(event_, name)
    return services.registration_confirm(token=registration.token)


def test_a_course_takes_registrations_an_open_repeating_event_does_not(db):
    kurs = course(capacity=2)
    assert kurs.registration_open()
    assert len(kurs.course_dates()) == 4
    group = EventPage(
        title="Krabbelgruppe",
        slug="krabbel",
        start=kurs.start,
        end=kurs.end,
        recurrence=EventPage.Recurrence.WEEKLY,
        recurrence_until=kurs.recurrence_until,
        location="Dortmund",
        registration_enabled=True,
    )
    with pytest.raises(ValidationError) as error:
        group.clean()
    assert "registration_enabled" in error.value.message_dict
    group.is_course = True
    group.clean()  # a course may


def test_every_page_and_mail_of_a_course_registration_names_all_its_dates(client, db, commit):
    """A course is booked as a whole: the form, the family's own page and the mails said
    only its first date, as if it were a single one."""
    from django.core import mail
    from django.utils.formats import date_format

    from dorfbrunnen.core.mail import mail_send_due

    kurs = course(weeks=4)
    dates = [date_format(timezone.localtime(d.start), "D j.n.") for d in kurs.course_dates()]
    listed = "Die Anmeldung gilt für den ganzen Kurs mit 4 Terminen: " + ", ".join(dates)
    assert listed in client.get(kurs.url + "anmelden/").text
    with commit():
        registration = register(kurs, "Ada")
    assert listed in client.get(f"/anmeldung/{registration.token}/").text
    mail_send_due()
    assert listed in mail.outbox[-1].body


def test_one_registration_books_every_date_and_capacity_is_per_course(db):
    kurs = course(capacity=2)
    confirmed(kurs, "Ada")
    confirmed(kurs, "Bea")
    third = confirmed(kurs, "Cem")
    assert third.status == Status.WAITING
    assert services.free_places(kurs) == 0
    assert kurs.registrations.count() == 3  # not one per date


def test_the_waiting_list_moves_up_until_the_first_date_only(db, at):
    kurs = course(capacity=1)
    first = confirmed(kurs, "Ada")
    second = confirmed(kurs, "Bea")
    kurs2 = course("zweiter-kurs", capacity=1)
    a, b = confirmed(kurs2, "Ada"), confirmed(kurs2, "Bea")
    at(kurs.start + timedelta(hours=1))  # the first course has begun
    services.registration_cancel(registration=first)
    second.refresh_from_db()
    assert second.status == Status.WAITING
    at(kurs2.start - timedelta(hours=1))
    services.registration_cancel(registration=a)  # before its first date
    b.refresh_from_db()
    assert b.status == Status.CONFIRMED


def test_a_cancellation_during_the_course_frees_the_remaining_dates(db, at):
    kurs = course(capacity=1)
    ada = confirmed(kurs, "Ada")
    at(kurs.course_dates()[1].start + timedelta(hours=3))
    assert ada.can_be_cancelled
    services.registration_cancel(registration=ada)
    assert services.free_places(EventPage.objects.get(pk=kurs.pk)) == 1


def test_the_calendar_file_carries_the_series(db):
    kurs = course(weeks=4)
    text = calendar_bytes([kurs]).decode()
    assert "RRULE:FREQ=WEEKLY" in text
    assert "UNTIL=" in text


def test_attendance_per_date_and_the_certificate_lists_the_dates_attended(db, office_client):
    kurs = course(capacity=5, title="Babymassage")
    ada = confirmed(kurs, "Ada Lovelace")
    family = desk_register(kurs, "Familie Yilmaz")
    dates = courses.course_date_list(kurs)
    courses.attendance_record(event=kurs, day=dates[0], present_ids=[ada.pk, family.pk])
    courses.attendance_record(event=kurs, day=dates[2], present_ids=[str(ada.pk)])
    assert courses.attended_dates(ada) == [dates[0], dates[2]]
    ada.refresh_from_db()
    assert ada.status == Status.ATTENDED
    with pytest.raises(courses.NotACourseDate):
        courses.attendance_record(event=kurs, day=dates[0] + timedelta(days=1), present_ids=[])
    text = " ".join(PdfReader(io.BytesIO(certificate_pdf(ada))).pages[0].extract_text().split())
    assert f"{dates[0]:%-d.%-m.%Y}" in text and f"{dates[2]:%-d.%-m.%Y}" in text
    assert f"{dates[1]:%-d.%-m.%Y}" not in text
    # The admin's list per date, and its printable PDF.
    url = f"/admin/veranstaltungen/{kurs.pk}/anwesenheit/"
    page = office_client.get(url, {"datum": dates[1].isoformat()})
    assert "Familie Yilmaz" in page.content.decode()
    # A tampered box (no registration's id) names nobody, and nothing fails.
    saved = office_client.post(
        f"{url}?datum={dates[1].isoformat()}", {"anwesend": [family.pk, "abc", "²"]}
    )
    assert saved.status_code == 302
    assert courses.attended_dates(family) == [dates[0], dates[1]]
    printed = office_client.get(url, {"datum": dates[1].isoformat(), "pdf": "1"})
    assert printed["Content-Type"] == "application/pdf"
    assert "Familie Yilmaz" in PdfReader(io.BytesIO(printed.content)).pages[0].extract_text()
    assert office_client.get(url, {"datum": "2001-01-01"}).status_code == 404


def test_anonymisation_counts_from_the_last_date_not_the_first(db):
    kurs = course(weeks=8)
    ada = confirmed(kurs, "Ada")
    retention = timedelta(days=settings.REGISTRATION_RETENTION_DAYS)
    after_first = kurs.end + retention + timedelta(days=1)
    assert ada not in expired_registrations(after_first)
    after_last = kurs.last_end + retention + timedelta(days=1)
    assert ada in expired_registrations(after_last)
    single = event("einmalig", location="Dortmund", registration_enabled=True, capacity=5)
    one = confirmed(single, "Bea")
    assert one in expired_registrations(single.end + retention + timedelta(days=1))


@pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="needs PostgreSQL: SQLite cannot run writers in parallel",
)
def test_simultaneous_course_registrations_never_overbook(committed_db):
    threads_count, capacity = 30, 8
    kurs = course("ansturm-kurs", capacity=capacity)
    barrier = threading.Barrier(threads_count)
    errors = []

    def book(number):
        try:
            barrier.wait()
            if number % 3:
                services.registration_create(
                    event=kurs, name=f"P{number}", email=f"p{number}@example.org"
                )
            else:
                services.registration_create(
                    event=kurs, name=f"F{number}", email="", phone="1", source="desk"
                )
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=(n,)) for n in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    holding = Registration.objects.filter(event=kurs).holding_places(timezone.now()).count()
    assert holding == capacity
    assert Registration.objects.filter(event=kurs, status=Status.WAITING).count() == (
        threads_count - capacity
    )


def test_the_course_page_names_every_date_and_takes_one_registration(client, db):
    kurs = course(capacity=3, bring_along="Handtuch")
    page = client.get(kurs.url).content.decode()
    assert "für den ganzen Kurs mit 4 Terminen" in page
    assert "Handtuch" in page and "Jetzt anmelden" in page
    response = client.post(
        f"{kurs.url}anmelden/",
        {"name": "Ada", "email": "ada@example.org", "adults": 1, "consent": "on"},
    )
    assert response.status_code == 303
    assert kurs.registrations.count() == 1
