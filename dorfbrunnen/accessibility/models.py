"""Barrier reports (BGG § 12b): a visitor says what on the site does not work for them; the
office answers within a month. The deadline is a month from the report's arrival, the
reminder goes out a week before it, and the answer is kept with its date."""

import calendar
from datetime import date, timedelta

from django.db import models
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

# The office is reminded this long before the deadline of a report still open.
REMINDER_BEFORE = timedelta(days=7)


def one_month_after(day: date) -> date:
    """The same day of the next month; the month's last day where that does not exist
    (31 January → 28/29 February)."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class BarrierReportQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=BarrierReport.Status.OPEN)

    def due_for_reminder(self, today: date):
        """Open reports whose deadline is a week away or nearer, not yet reminded of."""
        return self.open().filter(
            reminder_sent_at__isnull=True, deadline__lte=today + REMINDER_BEFORE
        )


class BarrierReport(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("offen")
        ANSWERED = "answered", _("beantwortet")
        DONE = "done", _("erledigt")

    page_url = models.CharField(
        _("Seite"),
        max_length=500,
        help_text=_("Die Adresse oder der Name der Seite, auf der die Barriere ist."),
    )
    problem = models.TextField(_("Was funktioniert nicht?"), max_length=5000)
    name = models.CharField(_("Name"), max_length=120, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    created_at = models.DateTimeField(_("Eingegangen"), default=timezone.now)
    deadline = models.DateField(
        _("Antwort bis"), help_text=_("Ein Monat nach Eingang (§ 12b BGG).")
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    answer = models.TextField(
        _("Antwort"),
        blank=True,
        help_text=_(
            "Ihre Antwort an die meldende Person. Beim Speichern geht sie per E-Mail an sie "
            "(wenn sie eine Adresse angegeben hat); danach lässt sie sich nicht mehr ändern."
        ),
    )
    answered_at = models.DateTimeField(_("Beantwortet am"), null=True, blank=True)
    answer_mailed = models.BooleanField(_("Antwort per E-Mail verschickt"), default=False)
    note = models.TextField(
        _("Interne Notiz"),
        blank=True,
        help_text=_("Nur für die Geschäftsstelle, z. B. was behoben wurde oder wer es prüft."),
    )
    done_at = models.DateTimeField(_("Erledigt am"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("Erinnerung verschickt"), null=True, blank=True)

    objects = BarrierReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("Barriere-Meldung")
        verbose_name_plural = _("Barriere-Meldungen")
        # Open reports first, the nearest deadline on top.
        ordering = [
            models.Case(
                models.When(status="open", then=0),
                models.When(status="answered", then=1),
                default=2,
            ),
            "deadline",
            "-created_at",
        ]
        indexes = [models.Index(fields=["status", "deadline"])]

    def __str__(self):
        return f"{self.page_url}: {Truncator(self.problem).words(8)}"

    def save(self, *args, **kwargs):
        if self.deadline is None:
            self.deadline = one_month_after(timezone.localdate(self.created_at))
        super().save(*args, **kwargs)

    @property
    def contact(self) -> str:
        return ", ".join(part for part in (self.name, self.email, self.phone) if part)

    @property
    def overdue(self) -> bool:
        return self.status == self.Status.OPEN and self.deadline < timezone.localdate()

    def deadline_state(self) -> str:
        """How the deadline stands, for the office's list."""
        if self.status != self.Status.OPEN:
            return "–"
        days = (self.deadline - timezone.localdate()).days
        if days < 0:
            return str(_("überfällig seit %(days)s Tag(en)") % {"days": -days})
        if days == 0:
            return str(_("heute fällig"))
        return ngettext("noch %(days)s Tag", "noch %(days)s Tage", days) % {"days": days}

    deadline_state.short_description = _("Frist")
