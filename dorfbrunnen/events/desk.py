"""Registration at the desk and by phone, for families without an e-mail address.

The office or the centre's volunteers enter the family in the admin; the registration goes
through the same service as every other (`services.registration_create` with
`source="desk"` or `"phone"`): the same lock, capacity and waiting list, confirmed at once
(no opt-in: there is no address to confirm). The family gets a printed confirmation
(`confirmation_pdf`, A4 or A6) with date, place, „Bitte mitbringen“, a short cancellation
code and a privacy notice. As nobody can mail them, a move up from the waiting list is
mailed to the centre (`centre_call_queue`), which calls the family.
"""

import secrets

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Site

from dorfbrunnen.core.mail import mail_queue, render_text

# No 0/O, 1/I/L: read aloud on the phone and typed from paper without mistakes.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
DESK_SOURCES = ("desk", "phone")
PAPER_SIZES = {"a4": "A4", "a6": "A6"}


def new_cancel_code() -> str:
    from .models import Registration

    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not Registration.objects.filter(cancel_code=code).exists():
            return code


def _association():
    from dorfbrunnen.core.models import SiteSettings

    site = Site.objects.filter(is_default_site=True).first()
    return SiteSettings.for_site(site) if site else None


def contact_for(event):
    """Who answers for an event on the phone and by mail: its centre, the organising
    centre, else the association. (name, phone, e-mail)."""
    for centre in (event.centre, event.organiser_centre):
        if centre is not None and (centre.phone or centre.email):
            return centre.title, centre.phone, centre.email
    association = _association()
    if association is None:
        return "", "", ""
    return association.association_name, association.phone, association.email


def confirmation_pdf(registration, size: str = "a4") -> bytes:
    """The one-page printed confirmation of a desk or phone registration."""
    from weasyprint import HTML

    event = registration.event
    name, phone, email = contact_for(event)
    html = render_to_string(
        "events/desk_confirmation.html",
        {
            "registration": registration,
            "event": event,
            "dates": event.course_dates() if event.is_course else [],
            "paper": PAPER_SIZES.get(size, "A4"),
            "small": size == "a6",
            "contact_name": name,
            "contact_phone": phone,
            "contact_email": email,
            "today": timezone.localdate(),
        },
    )
    return HTML(string=html).write_pdf()


def centre_call_queue(registration, kind: str) -> None:
    """A family without e-mail moved up from the waiting list: the centre gets the mail to
    call them. Other mails have nobody to go to. Written and queued after the commit, so
    the event's lock is not held while it renders."""
    if kind != "promoted":
        return

    def queue():
        event = registration.event
        _name, _phone, email = contact_for(event)
        if not email:
            return
        subject, _blank, body = render_text(
            "events/mail/desk_promoted.txt",
            {"registration": registration, "event": event},
            language=settings.LANGUAGE_CODE,  # the centre's, whoever's cancel freed the place
        ).partition("\n")
        mail_queue(to=[email], subject=subject.strip(), body=body.strip() + "\n")

    transaction.on_commit(queue)


def source_label(registration) -> str:
    return {"desk": _("vor Ort"), "phone": _("Telefon")}.get(registration.source, "")
