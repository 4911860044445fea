from datetime import timedelta

from django.utils import timezone

from dorfbrunnen.events import services
from dorfbrunnen.events.models import EventIndexPage, EventPage, TargetGroup

# The questions of an online workshop's registration form: free text, then a required
# choice (posted as frage_0 and frage_1).
WORKSHOP_QUESTIONS = [
    ("text", {"label": "Was möchten Sie im Workshop besprechen?", "required": False}),
    (
        "choice",
        {
            "label": "Wie viele Ehrenamtliche hat Ihr Zentrum?",
            "options": ["unter 10", "10 bis 30", "mehr als 30"],
            "required": True,
        },
    ),
]


def target_group(slug, name=None):
    return TargetGroup.objects.get_or_create(
        slug=slug, defaults={"name": name or slug.replace("-", " ").title()}
    )[0]


def event(slug="workshop", *, days=10, hours=2, parent=None, target_groups=(), **fields):
    """A published event `days` from now (or at `start=`), online by default; in person
    when given a `location` or a `centre`."""
    start = fields.pop("start", None) or (timezone.now() + timedelta(days=days)).replace(
        minute=0, second=0, microsecond=0
    )
    defaults = {
        "title": slug.replace("-", " ").title(),
        "event_format": EventPage.Format.ONLINE,
        "online_platform": "Zoom",
        "meeting_url": "https://meet.example.org/geheim-4711",
    }
    if fields.get("location") or fields.get("centre"):
        defaults.update(event_format=EventPage.Format.IN_PERSON, online_platform="", meeting_url="")
    defaults.update(fields)
    page = EventPage(slug=slug, start=start, end=start + timedelta(hours=hours), **defaults)
    page.target_groups = [
        target_group(group) if isinstance(group, str) else group for group in target_groups
    ]
    (parent or EventIndexPage.objects.get()).add_child(instance=page)
    page.save_revision().publish()
    return page


def registration_event(slug="anmeldung-test", capacity=3, **fields):
    return event(slug, registration_enabled=True, capacity=capacity, **fields)


def workshop(slug="workshop-online", **fields):
    """An online workshop with a registration form that asks WORKSHOP_QUESTIONS."""
    fields.setdefault("title", "Online-Workshop: Ehrenamt stärken")
    fields.setdefault("questions", WORKSHOP_QUESTIONS)
    fields.setdefault("capacity", 20)
    return registration_event(slug, **fields)


def register(event, name="Ada", email=None, places=1, **kwargs):
    """A registration as the public form makes it (pending until confirmed)."""
    return services.registration_create(
        event=event,
        name=name,
        email=email or f"{name.lower().replace(' ', '.')}@example.org",
        adults=places,
        **kwargs,
    )


def course(slug="babymassage-kurs", *, weeks=4, capacity=6, **fields):
    """A weekly course of `weeks` dates in person, booked as a whole."""
    start = fields.pop("start", None) or (timezone.now() + timedelta(days=7)).replace(
        minute=0, second=0, microsecond=0
    )
    fields.setdefault("location", "Hospitalstraße 6, 44149 Dortmund")
    return registration_event(
        slug,
        capacity=capacity,
        start=start,
        recurrence=EventPage.Recurrence.WEEKLY,
        recurrence_until=timezone.localdate(start) + timedelta(weeks=weeks - 1),
        is_course=True,
        **fields,
    )


def desk_register(event, name="Familie Yilmaz", *, phone="0231 123456", places=1, **kwargs):
    """A family registered at the desk, without e-mail."""
    kwargs.setdefault("source", "desk")
    return services.registration_create(
        event=event, name=name, email="", phone=phone, adults=places, **kwargs
    )
