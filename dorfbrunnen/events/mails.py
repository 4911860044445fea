"""The texts of the registration mails (templates/events/mail/*.txt) and their attachments.

Every mail is written in the registration's language (`Registration.language`, the
language of the address it was made on), with the event's title in that language where the
event is translated; the office's own text (`extra_text`) goes out as written."""

from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from dorfbrunnen.core.mail import render_text

from . import ical

SUBJECTS = {
    "opt_in": _("Bitte bestätigen Sie Ihre Anmeldung: %(event)s"),
    "confirmed": _("Anmeldung bestätigt: %(event)s"),
    "waiting": _("Sie stehen auf der Warteliste: %(event)s"),
    "promoted": _("Ein Platz ist frei geworden – Sie sind dabei: %(event)s"),
    "cancelled": _("Anmeldung storniert: %(event)s"),
    "reminder": _("Erinnerung: %(event)s"),
    "event_changed": _("Geänderte Angaben: %(event)s"),
    "event_cancelled": _("Abgesagt: %(event)s"),
    "certificate": _("Ihre Teilnahmebescheinigung: %(event)s"),
    "message": _("Nachricht zu %(event)s"),
}
# Mails that bring participants the calendar entry, and the meeting link where
# `Registration.meeting_url_visible` allows it.
FOR_PARTICIPANTS = {"confirmed", "promoted", "reminder", "event_changed"}


@dataclass
class Message:
    subject: str
    body: str
    attachments: list[tuple[str, bytes, str]] = field(default_factory=list)


def personal_url(registration) -> str:
    return settings.WAGTAILADMIN_BASE_URL + reverse(
        "registration_detail", kwargs={"token": registration.token}
    )


def confirm_url(registration) -> str:
    return settings.WAGTAILADMIN_BASE_URL + reverse(
        "registration_confirm", kwargs={"token": registration.token}
    )


def event_in_language(event, language: str):
    """The live translation of `event` into `language`, else the event itself."""
    if event.locale.language_code == language:
        return event
    translated = (
        type(event)
        .objects.live()
        .filter(translation_key=event.translation_key, locale__language_code=language)
        .first()
    )
    if translated is None:
        return event
    translated.source_event = event  # the calendar entry's UID and SEQUENCE (events.ical)
    return translated


def build(
    registration, kind: str, *, extra_text: str = "", attachments=(), waiting_list=False
) -> Message:
    """The mail of this kind for this registration, in its language. `waiting_list`: the
    cancel mail says that the places go to the waiting list (only when someone is on it)."""
    with translation.override(registration.language or settings.LANGUAGE_CODE):
        return _build(
            registration,
            kind,
            extra_text=extra_text,
            attachments=attachments,
            waiting_list=waiting_list,
        )


def _build(registration, kind, *, extra_text, attachments, waiting_list) -> Message:
    event = event_in_language(registration.event, registration.language)
    participant = kind in FOR_PARTICIPANTS and registration.takes_part
    meeting_url = registration.meeting_url if participant else ""
    context = {
        "registration": registration,
        "event": event,
        "personal_url": personal_url(registration),
        "confirm_url": confirm_url(registration),
        "meeting_url": meeting_url,
        "extra_text": extra_text,
        "waiting_list": waiting_list,
    }
    body = render_text(f"events/mail/{kind}.txt", context).strip() + "\n"
    files = list(attachments)
    if participant or kind == "event_cancelled":
        method = "CANCEL" if kind == "event_cancelled" else "PUBLISH"
        files.append(
            (
                "termin.ics",
                ical.calendar_bytes([event], meeting_url=meeting_url, method=method),
                "text/calendar",
            )
        )
    return Message(str(SUBJECTS[kind] % {"event": event.title}), body, files)


def written(*, registration: int, kind: str, email: str):
    """The mail as the worker writes it (`core.mail.mail_queue_unwritten`): (subject, body,
    attachments), or None when it no longer fits – the registration deleted or anonymised,
    its address corrected since (the old one must not get the working links), or its state
    moved on (a waiting-list mail for someone already moved up, a confirmation for someone
    who cancelled: the later mail says what is true)."""
    from .models import Registration

    found = (
        Registration.objects.select_related("event")
        .filter(pk=registration, anonymised=False, email=email)
        .first()
    )
    if found is None or not STILL_TRUE[kind](found):
        return None
    message = build(found, kind)
    return message.subject, message.body, message.attachments


def _opt_in_open(registration) -> bool:
    Status = type(registration).Status
    return not registration.email_confirmed and registration.status in (
        Status.PENDING,
        Status.WAITING,
    )


# What a registration must still be when the worker writes its mail (events.services).
STILL_TRUE = {
    "opt_in": _opt_in_open,
    "confirmed": lambda registration: registration.status == registration.Status.CONFIRMED,
    "promoted": lambda registration: registration.status == registration.Status.CONFIRMED,
    "waiting": lambda registration: registration.status == registration.Status.WAITING,
}
