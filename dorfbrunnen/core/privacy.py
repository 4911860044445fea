"""Data-protection requests and retention.

`personal_data_find` gathers everything stored for an e-mail address: event registrations,
contact form submissions, suggestions for the Infopaket, the user account, and mails in the
outgoing queue.
`personal_data_erase` removes it (registrations are anonymised so the event keeps its
counts). `old_data_purge` is the periodic retention for form submissions, sent mails and
finished background tasks.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from dorfbrunnen.events.models import Registration
from dorfbrunnen.library.models import ChapterSuggestion

from .models import OutboundMail


@dataclass
class PersonalData:
    email: str
    registrations: list = field(default_factory=list)
    submissions: list = field(default_factory=list)
    users: list = field(default_factory=list)
    mails: list = field(default_factory=list)
    suggestions: list = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (
            self.registrations or self.submissions or self.users or self.mails or self.suggestions
        )

    def as_dict(self) -> dict:
        return {
            "e_mail": self.email,
            "anmeldungen": [
                {
                    "veranstaltung": r.event.title,
                    "name": r.name,
                    "organisation": r.organisation,
                    "plaetze": r.places,
                    "antworten": r.answers,
                    "status": r.get_status_display(),
                    "angemeldet_am": r.created_at.isoformat(),
                }
                for r in self.registrations
            ],
            "formulareingaben": [
                {"seite": s.page.title, "am": s.submit_time.isoformat(), "daten": s.form_data}
                for s in self.submissions
            ],
            "benutzerkonten": [
                {
                    "benutzername": u.username,
                    "name": u.get_full_name(),
                    "seit": u.date_joined.isoformat(),
                }
                for u in self.users
            ],
            "hinweise_infopaket": [
                {"kapitel": h.chapter.title, "hinweis": h.message, "am": h.created_at.isoformat()}
                for h in self.suggestions
            ],
            "e_mails": [
                {
                    "betreff": m.subject,
                    "status": m.get_status_display(),
                    "am": m.created_at.isoformat(),
                }
                for m in self.mails
            ],
        }


def _mentions(value, email: str) -> bool:
    if isinstance(value, str):
        return value.strip().lower() == email
    if isinstance(value, list | tuple):
        return any(_mentions(item, email) for item in value)
    if isinstance(value, dict):
        return any(_mentions(item, email) for item in value.values())
    return False


def personal_data_find(*, email: str) -> PersonalData:
    email = email.strip().lower()
    return PersonalData(
        email=email,
        registrations=list(
            Registration.objects.filter(email__iexact=email).select_related("event")
        ),
        # JSON columns cannot be searched alike on every database; these tables stay small
        # thanks to the retention below.
        submissions=[
            s
            for s in FormSubmission.objects.select_related("page").iterator()
            if _mentions(s.form_data, email)
        ],
        users=list(get_user_model().objects.filter(email__iexact=email)),
        suggestions=list(
            ChapterSuggestion.objects.filter(email__iexact=email).select_related("chapter")
        ),
        mails=[
            m
            for m in OutboundMail.objects.only("pk", "to", "subject", "status", "created_at")
            if _mentions(m.to, email)
        ],
    )


@transaction.atomic
def personal_data_erase(*, email: str) -> PersonalData:
    """Erase what `personal_data_find` finds; returns what was there."""
    found = personal_data_find(email=email)
    Registration.objects.filter(pk__in=[r.pk for r in found.registrations]).update(
        name="", email="", organisation="", answers={}, anonymised=True
    )
    FormSubmission.objects.filter(pk__in=[s.pk for s in found.submissions]).delete()
    OutboundMail.objects.filter(pk__in=[m.pk for m in found.mails]).delete()
    ChapterSuggestion.objects.filter(pk__in=[h.pk for h in found.suggestions]).delete()
    get_user_model().objects.filter(pk__in=[u.pk for u in found.users]).delete()
    return found


def old_data_purge(now=None) -> dict:
    """Retention: contact submissions and Infopaket suggestions after
    FORM_SUBMISSION_RETENTION_DAYS, sent or failed
    mails after MAIL_RETENTION_DAYS, finished background tasks after TASK_RETENTION_DAYS."""
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    days = timedelta(days=1)
    return {
        "submissions": FormSubmission.objects.filter(
            submit_time__lt=now - settings.FORM_SUBMISSION_RETENTION_DAYS * days
        ).delete()[0],
        "suggestions": ChapterSuggestion.objects.filter(
            created_at__lt=now - settings.FORM_SUBMISSION_RETENTION_DAYS * days
        ).delete()[0],
        "mails": OutboundMail.objects.filter(
            status__in=[OutboundMail.Status.SENT, OutboundMail.Status.FAILED],
            created_at__lt=now - settings.MAIL_RETENTION_DAYS * days,
        ).delete()[0],
        "tasks": DBTaskResult.objects.filter(
            finished_at__isnull=False,
            finished_at__lt=now - settings.TASK_RETENTION_DAYS * days,
        ).delete()[0],
    }
