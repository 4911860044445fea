"""Sending an issue: a planned send to chosen lists, the issue rendered once per language,
and one small delivery row per recipient (its own unsubscribe token and its state – never
a copy of the mail). The rules are in newsletter/sending.py.

Delivery states: queued („wartet“), retry („neuer Versuch geplant“), sending („wird
gesendet“: marked and committed before the hand-off to the mail server), sent („gesendet“:
after the server accepted it), failed („fehlgeschlagen“: the server refused the address, or
every attempt failed), skipped („entfällt“: unsubscribed or paused before its turn).
A row left „wird gesendet“ by a crash is never sent again by itself: the office sees it and
decides („erneut senden“).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dorfbrunnen.core.models import NotAUsage

from .subscriptions import NewsletterList, Subscriber, new_token


class NewsletterSend(NotAUsage, models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("geplant")
        RUNNING = "running", _("wird versandt")
        DONE = "done", _("abgeschlossen")
        CANCELLED = "cancelled", _("abgebrochen")

    issue = models.ForeignKey(
        "newsletter.NewsletterIssuePage",
        verbose_name=_("Ausgabe"),
        on_delete=models.CASCADE,
        related_name="sends",
    )
    lists = models.ManyToManyField(NewsletterList, verbose_name=_("Verteiler"), blank=True)
    # A test send goes to this one address (the editor's) instead of the lists.
    test_address = models.EmailField(_("Test an"), blank=True)
    send_at = models.DateTimeField(_("Versand ab"), default=timezone.now)
    status = models.CharField(
        _("Status"),
        max_length=10,
        choices=Status.choices,
        default=Status.SCHEDULED,
        db_index=True,
    )
    recipients = models.PositiveIntegerField(_("Empfänger"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Geplant von"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("Geplant am"), auto_now_add=True)
    started_at = models.DateTimeField(_("Begonnen"), null=True, blank=True)
    finished_at = models.DateTimeField(_("Abgeschlossen"), null=True, blank=True)

    class Meta:
        verbose_name = _("Newsletter-Versand")
        verbose_name_plural = _("Newsletter-Versand")
        ordering = ["-send_at", "-pk"]

    def __str__(self):
        if self.test_address:
            return _("Test: %(issue)s") % {"issue": self.issue.title}
        return f"{self.issue.title} ({self.send_at:%d.%m.%Y %H:%M})"

    @property
    def is_test(self) -> bool:
        return bool(self.test_address)

    @property
    def list_names(self) -> str:
        return ", ".join(item.name for item in self.lists.all())


class RenderedIssue(NotAUsage, models.Model):
    """The mail of one send in one language, stored once; the deliveries point to it. The
    personal unsubscribe link is put in at the hand-off."""

    send = models.ForeignKey(NewsletterSend, on_delete=models.CASCADE, related_name="rendered")
    language = models.CharField(max_length=10)
    page = models.ForeignKey(
        "newsletter.NewsletterIssuePage", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    subject = models.CharField(max_length=300)
    html = models.TextField()
    text = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["send", "language"], name="rendered_once_per_language")
        ]

    def __str__(self):
        return f"{self.subject} [{self.language}]"


class DeliveryQuerySet(models.QuerySet):
    def due(self, now=None):
        return self.filter(
            status__in=[Delivery.Status.QUEUED, Delivery.Status.RETRY],
            next_attempt_at__lte=now or timezone.now(),
        )


class Delivery(NotAUsage, models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("wartet")
        RETRY = "retry", _("neuer Versuch geplant")
        SENDING = "sending", _("wird gesendet")
        SENT = "sent", _("gesendet")
        FAILED = "failed", _("fehlgeschlagen")
        SKIPPED = "skipped", _("entfällt")

    send = models.ForeignKey(NewsletterSend, on_delete=models.CASCADE, related_name="deliveries")
    # Gone when the person's data is erased; the row stays for the send's counts.
    subscriber = models.ForeignKey(
        Subscriber, null=True, blank=True, on_delete=models.SET_NULL, related_name="deliveries"
    )
    rendered = models.ForeignKey(
        RenderedIssue, null=True, on_delete=models.CASCADE, related_name="deliveries"
    )
    # The one-click unsubscribe address of this mail (List-Unsubscribe).
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    handed_over_at = models.DateTimeField(null=True, blank=True)  # marked „wird gesendet“
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("Newsletter-Zustellung")
        verbose_name_plural = _("Newsletter-Zustellungen")
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(fields=["send", "status"]),
        ]

    def __str__(self):
        return f"{self.send_id}/{self.pk}: {self.get_status_display()}"


class SendingPace(models.Model):
    """When the next batch may start: one row shared by every worker and the periodic
    job, so the configured rate holds however many of them run."""

    key = models.CharField(max_length=40, unique=True)
    next_batch_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.key}: {self.next_batch_at:%H:%M:%S}"
