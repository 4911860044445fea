"""Registrations for events: who, how many places, in which state.

States: pending (e-mail not yet confirmed; holds its places until `expires_at`), confirmed,
waiting (on the waiting list; `email_confirmed` tells whether the address was confirmed),
cancelled, expired, attended. The rules that move between them live in events/services.py.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from dorfbrunnen.core.models import NotAUsage


def new_token() -> str:
    return secrets.token_urlsafe(32)


class RegistrationQuerySet(models.QuerySet):
    def holding_places(self, now):
        """Registrations that count against the capacity."""
        return self.filter(
            models.Q(status=Registration.Status.CONFIRMED)
            | models.Q(status=Registration.Status.ATTENDED)
            | models.Q(status=Registration.Status.PENDING, expires_at__gt=now)
        )

    def active(self, now):
        """Registrations that hold places or wait for them."""
        return self.holding_places(now) | self.filter(status=Registration.Status.WAITING)

    def waiting_in_order(self):
        return self.filter(status=Registration.Status.WAITING).order_by("created_at", "pk")


class Registration(NotAUsage, models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("unbestätigt")
        CONFIRMED = "confirmed", _("bestätigt")
        WAITING = "waiting", _("Warteliste")
        CANCELLED = "cancelled", _("storniert")
        EXPIRED = "expired", _("verfallen")
        ATTENDED = "attended", _("teilgenommen")

    event = models.ForeignKey(
        "events.EventPage",
        verbose_name=_("Veranstaltung"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    email_confirmed = models.BooleanField(_("E-Mail bestätigt"), default=False)
    name = models.CharField(_("Name"), max_length=150)
    # Empty for a family registered at the desk or by phone without an e-mail address.
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    organisation = models.CharField(_("Organisation"), max_length=200, blank=True)
    adults = models.PositiveSmallIntegerField(_("Erwachsene"), default=1)
    children = models.PositiveSmallIntegerField(_("Kinder"), default=0)
    answers = models.JSONField(_("Antworten"), default=dict, blank=True)
    consent_at = models.DateTimeField(_("Einwilligung am"), null=True, blank=True)
    source = models.CharField(
        _("Herkunft"),
        max_length=10,
        choices=[
            ("web", _("Webseite")),
            ("office", _("Geschäftsstelle")),
            ("desk", _("vor Ort")),
            ("phone", _("Telefon")),
        ],
        default="web",
    )
    created_at = models.DateTimeField(_("Angemeldet am"), auto_now_add=True, db_index=True)
    expires_at = models.DateTimeField(_("Bestätigen bis"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("Bestätigt am"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("Storniert am"), null=True, blank=True)
    reminders_sent = models.JSONField(default=list, blank=True, editable=False)
    anonymised = models.BooleanField(_("Anonymisiert"), default=False)
    # For registrations at the desk or by phone: the short code on the printed confirmation,
    # by which the office finds the registration when the family calls to cancel.
    cancel_code = models.CharField(
        _("Stornocode"), max_length=8, null=True, blank=True, unique=True, editable=False
    )
    # The language of the address the registration was made on (/tr/…): every system mail
    # goes out in it, and the office sees it in „Teilnehmende“.
    language = models.CharField(
        _("Sprache"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("Anmeldung")
        verbose_name_plural = _("Anmeldungen")
        ordering = ["event", "created_at", "pk"]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self):
        return f"{self.name} – {self.event.title}"

    @property
    def places(self) -> int:
        return self.adults + self.children

    @property
    def takes_part(self) -> bool:
        """Confirmed (or attended): the person has a place."""
        return self.status in (self.Status.CONFIRMED, self.Status.ATTENDED)

    @property
    def meeting_url_visible(self) -> bool:
        """Whether this person may see the event's meeting link – the one rule for every
        channel: the personal page, its calendar file, every mail and attachment. Only
        while they have a place in an online event that takes place."""
        event = self.event
        return (
            self.takes_part
            and not self.anonymised
            and event.is_online
            and not event.cancelled
            and bool(event.meeting_url)
        )

    @property
    def meeting_url(self) -> str:
        return self.event.meeting_url if self.meeting_url_visible else ""

    @property
    def offers_calendar_entry(self) -> bool:
        """A cancelled or expired registration offers no calendar entry."""
        return (
            self.status not in (self.Status.CANCELLED, self.Status.EXPIRED) and not self.anonymised
        )

    @property
    def can_be_cancelled(self) -> bool:
        """The participant may still withdraw: not yet attended, and the event not over."""
        return (
            self.status in (self.Status.PENDING, self.Status.CONFIRMED, self.Status.WAITING)
            and not self.event.is_past
        )

    @property
    def by_desk(self) -> bool:
        """Registered at the desk or by phone: the family has no personal link by mail."""
        return self.source in ("desk", "phone")


class CourseAttendance(NotAUsage, models.Model):
    """Who was there on one date of a course („Anwesenheitsliste“)."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="attendances"
    )
    date = models.DateField(_("Termin"))

    class Meta:
        verbose_name = _("Anwesenheit")
        verbose_name_plural = _("Anwesenheiten")
        constraints = [
            models.UniqueConstraint(fields=["registration", "date"], name="attendance_once")
        ]
        ordering = ["date"]

    def __str__(self):
        return f"{self.registration_id}: {self.date}"
