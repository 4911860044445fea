from wagtail.signals import page_published

from .models import EventPage
from .services import event_changed_notify


def notify_participants(sender, instance, **kwargs):
    event_changed_notify(event=instance)


def register():
    page_published.connect(notify_participants, sender=EventPage, dispatch_uid="event-changed")
