from .pages import (
    EventIndexPage,
    EventPage,
    EventQuerySet,
    RecurrenceException,
    Speaker,
    TargetGroup,
)
from .registrations import Registration

__all__ = [
    "EventIndexPage",
    "EventPage",
    "EventQuerySet",
    "RecurrenceException",
    "Registration",
    "Speaker",
    "TargetGroup",
]
