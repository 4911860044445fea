from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published

from dorfbrunnen.core.i18n import translations_follow

from .models import EventPage, Registration
from .services import event_changed_notify, places_changed


def notify_participants(sender, instance, **kwargs):
    event_changed_notify(event=instance)


def registration_changed(sender, instance, **kwargs):
    places_changed(instance.event_id)


def register():
    page_published.connect(notify_participants, sender=EventPage, dispatch_uid="event-changed")
    # Date, place, capacity, status and link are the German event's.
    translations_follow(EventPage)
    for signal in (post_save, post_delete):
        signal.connect(registration_changed, sender=Registration, dispatch_uid="places-changed")
