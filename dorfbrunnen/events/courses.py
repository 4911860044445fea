"""Whole courses: a repeating event marked „Kurs“ is one event row with one capacity, so
one registration books every date and the registration lock of events/services.py holds
for the course as for any event (one rule, one place).

Attendance is recorded per date (`attendance_record`, the „Anwesenheitsliste“); the
certificate lists the dates attended (`attended_dates`).
"""

from datetime import date

from django.db import transaction

from dorfbrunnen.core.text import whole_number

from .models import CourseAttendance, EventPage, Registration


class NotACourseDate(ValueError):
    """The date is not one of the course's dates."""


def course_date_list(event: EventPage) -> list[date]:
    from django.utils import timezone

    return [timezone.localdate(occurrence.start) for occurrence in event.course_dates()]


def attendance_list(event: EventPage, day: date) -> list[tuple[Registration, bool]]:
    """The participants with a place, and whether each was there on `day`."""
    present = set(
        CourseAttendance.objects.filter(registration__event=event, date=day).values_list(
            "registration_id", flat=True
        )
    )
    registrations = event.registrations.filter(
        status__in=[Registration.Status.CONFIRMED, Registration.Status.ATTENDED]
    ).order_by("name", "pk")
    return [(registration, registration.pk in present) for registration in registrations]


def attendance_record(*, event: EventPage, day: date, present_ids) -> int:
    """Store who was there on `day` (replacing what was recorded for that day). Everyone
    present counts as „teilgenommen“. Returns how many were there."""
    if day not in course_date_list(event):
        raise NotACourseDate(day)
    allowed = {registration.pk for registration, _here in attendance_list(event, day)}
    # Ticked boxes carry registration ids; anything else (a tampered form) names nobody.
    present = allowed & {whole_number(pk) for pk in present_ids}
    with transaction.atomic():
        CourseAttendance.objects.filter(registration__event=event, date=day).exclude(
            registration_id__in=present
        ).delete()
        for pk in present:
            CourseAttendance.objects.get_or_create(registration_id=pk, date=day)
        Registration.objects.filter(pk__in=present, status=Registration.Status.CONFIRMED).update(
            status=Registration.Status.ATTENDED
        )
    return len(present)


def attended_dates(registration: Registration) -> list[date]:
    return list(registration.attendances.order_by("date").values_list("date", flat=True))
