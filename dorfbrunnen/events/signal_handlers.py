from django.conf import settings
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published

from .models import EventPage, Registration
from .services import event_changed_notify, places_changed


def notify_participants(sender, instance, **kwargs):
    event_changed_notify(event=instance)


def translations_follow(sender, instance, **kwargs):
    """Date, place, capacity, status and link are the German event's: its live
    translations take them over at once when it is published (their words stay theirs)."""
    if instance.locale.language_code != settings.LANGUAGE_CODE:
        return
    from wagtail_localize.fields import copy_synchronised_fields

    translations = EventPage.objects.live().filter(translation_key=instance.translation_key)
    for translation in translations.exclude(pk=instance.pk):
        copy_synchronised_fields(instance, translation)
        translation.save_revision().publish()


def registration_changed(sender, instance, **kwargs):
    places_changed(instance.event_id)


def register():
    page_published.connect(notify_participants, sender=EventPage, dispatch_uid="event-changed")
    page_published.connect(
        translations_follow, sender=EventPage, dispatch_uid="event-translations-follow"
    )
    for signal in (post_save, post_delete):
        signal.connect(registration_changed, sender=Registration, dispatch_uid="places-changed")
