from .pages import (
    EventIndexPage,
    EventNotice,
    EventPage,
    EventQuerySet,
    RecurrenceException,
    Speaker,
    TargetGroup,
)
from .registrations import CourseAttendance, Registration

__all__ = [
    "CourseAttendance",
    "EventIndexPage",
    "EventNotice",
    "EventPage",
    "EventQuerySet",
    "RecurrenceException",
    "Registration",
    "Speaker",
    "TargetGroup",
]
