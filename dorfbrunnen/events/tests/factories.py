from datetime import timedelta

from django.utils import timezone

from dorfbrunnen.events.models import EventIndexPage, EventPage


def event(slug="workshop", *, days=10, hours=2, parent=None, **fields):
    start = fields.pop("start", None) or (timezone.now() + timedelta(days=days)).replace(
        minute=0, second=0, microsecond=0
    )
    defaults = {
        "title": slug.replace("-", " ").title(),
        "event_format": EventPage.Format.ONLINE,
        "online_platform": "Zoom",
        "meeting_url": "https://meet.example.org/geheim-4711",
    }
    defaults.update(fields)
    page = EventPage(slug=slug, start=start, end=start + timedelta(hours=hours), **defaults)
    (parent or EventIndexPage.objects.get()).add_child(instance=page)
    page.save_revision().publish()
    return page


def registration_event(slug="anmeldung-test", capacity=3, **fields):
    return event(slug, registration_enabled=True, capacity=capacity, **fields)
