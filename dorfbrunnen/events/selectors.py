"""Reads of events that other pages show."""

from django.db.models import Q

from dorfbrunnen.core.restrictions import public_pages

from .models import EventPage


def events_of_centre(centre, *, limit=5):
    """A centre's coming events: held there, organised by it, or in its subtree."""
    return (
        public_pages(EventPage.objects.live())
        .filter(Q(centre=centre) | Q(organiser_centre=centre) | Q(path__startswith=centre.path))
        .upcoming()
        # The cards show each event's centre and next date: no query per card.
        .select_related("centre")
        .prefetch_related("recurrence_exceptions")[:limit]
    )
