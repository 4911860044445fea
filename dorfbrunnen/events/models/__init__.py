from .pages import (
    EventIndexPage,
    EventNotice,
    EventPage,
    EventQuerySet,
    RecurrenceException,
    Speaker,
    TargetGroup,
)
from .registrations import Registration

__all__ = [
    "EventIndexPage",
    "EventNotice",
    "EventPage",
    "EventQuerySet",
    "RecurrenceException",
    "Registration",
    "Speaker",
    "TargetGroup",
]
