from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published

from dorfbrunnen.core.i18n import is_source, synchronised_fields, translations_follow

from .models import EventPage, Registration
from .services import event_changed_notify, places_changed, waitlist_move_up


def notify_participants(sender, instance, **kwargs):
    event_changed_notify(event=instance)


def registration_changed(sender, instance, **kwargs):
    places_changed(instance.event_id)


def places_published(sender, instance, **kwargs):
    """A publish may have added places (a larger capacity): the waiting list moves up."""
    if is_source(instance):  # places are the German event's
        event_id = instance.pk
        transaction.on_commit(lambda: waitlist_move_up(event_id))


def registration_deleted(sender, instance, **kwargs):
    event_id = instance.event_id
    transaction.on_commit(lambda: waitlist_move_up(event_id))


def register():
    page_published.connect(notify_participants, sender=EventPage, dispatch_uid="event-changed")
    # Date, place (its postcode too), capacity, status and link are the German event's.
    synchronised_fields(EventPage, "postcode")
    translations_follow(EventPage)
    page_published.connect(places_published, sender=EventPage, dispatch_uid="places-published")
    for signal in (post_save, post_delete):
        signal.connect(registration_changed, sender=Registration, dispatch_uid="places-changed")
    post_delete.connect(registration_deleted, sender=Registration, dispatch_uid="places-freed")
