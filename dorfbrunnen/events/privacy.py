"""The personal data of registrations: what it is, how it is erased, when it expires.

A registration is anonymised, not deleted, so the event keeps its counts (places, states).
The same `registrations_anonymise` serves the Datenauskunft screen and the retention job
(REGISTRATION_RETENTION_DAYS after the event's end); it empties every personal field and
replaces the token, so the personal page and its links stop working.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dorfbrunnen.core.privacy import PersonalDataSource

from .models import Registration

# Every field that says something about the person; the rest (event, places, states,
# dates) stays for the office's counts.
PERSONAL_FIELDS = {
    "name": "",
    "email": "",
    "phone": "",
    "organisation": "",
    "answers": {},
    "cancel_code": None,
}


def registrations_anonymise(queryset) -> int:
    return queryset.filter(anonymised=False).update(
        **PERSONAL_FIELDS,
        token=Concat(Value("anonym-"), Cast("pk", output_field=CharField())),
        anonymised=True,
    )


def expired_registrations(now):
    """Registrations whose event ended REGISTRATION_RETENTION_DAYS ago – for a course (a
    repeating event), counted from its last date, not its first."""
    cutoff = now - timedelta(days=settings.REGISTRATION_RETENTION_DAYS)
    single = Q(event__recurrence="", event__end__lt=cutoff)
    # The last date of a series lies on `recurrence_until` at the latest.
    series = ~Q(event__recurrence="") & Q(event__recurrence_until__lt=timezone.localdate(cutoff))
    return Registration.objects.filter(single | series, anonymised=False)


class Registrations(PersonalDataSource):
    key = "anmeldungen"
    label = _("Anmeldungen")

    def find(self, email):
        return list(Registration.objects.filter(email__iexact=email).select_related("event"))

    def describe(self, registration):
        return registration.event.title

    def export(self, registration):
        return {
            "veranstaltung": registration.event.title,
            "name": registration.name,
            "telefon": registration.phone,
            "organisation": registration.organisation,
            "plaetze": registration.places,
            "antworten": registration.answers,
            "status": registration.get_status_display(),
            "angemeldet_am": registration.created_at.isoformat(),
        }

    def erase(self, registrations):
        registrations_anonymise(Registration.objects.filter(pk__in=[r.pk for r in registrations]))

    def expired(self, now):
        return list(expired_registrations(now).only("pk"))
