"""Who gets the newsletter, on which lists, and the proof that they asked for it.

A `Subscriber` is one e-mail address with its current state and lists. Each time someone
asks for the newsletter (the form, a change of lists on the personal page, an import) a
`Consent` records what they were shown and agreed to: when, from which network (the client
address shortened to /24 or /48), the exact version of the consent text, the lists, the
language, and when and from where the address was confirmed. Consents are never edited
afterwards except to note the confirmation and the withdrawal (unsubscribing): they are the
proof a court asks for (double opt-in, OLG München 29 U 1682/07).

States of a subscriber: pending (asked, never confirmed), confirmed, paused (three mail
servers refused the address; the office may resume it), unsubscribed. The rules live in
newsletter/services.py, retention in newsletter/privacy.py.
"""

import secrets

from django.db import models
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from dorfbrunnen.core.models import NotAUsage


def new_token() -> str:
    return secrets.token_urlsafe(24)


class NewsletterList(models.Model):
    """One audience („Verteiler“) the office writes to."""

    name = models.CharField(_("Name"), max_length=120, unique=True)
    slug = models.SlugField(_("Kürzel"), unique=True)
    description = models.CharField(
        _("Beschreibung"),
        max_length=300,
        blank=True,
        help_text=_("Erscheint im Anmeldeformular unter dem Namen des Verteilers."),
    )
    members_only = models.BooleanField(
        _("Nur für Mitglieder"),
        default=False,
        help_text=_(
            "Wird nur angemeldeten Mitgliedern angeboten. Ausgaben, die an diesen Verteiler "
            "gehen, erscheinen nicht im öffentlichen Archiv."
        ),
    )
    sort_order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Newsletter-Verteiler")
        verbose_name_plural = _("Newsletter-Verteiler")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class ConsentText(models.Model):
    """The words a subscriber agrees to. A version once agreed to is never changed: a new
    wording is a new version, and each consent names the one it was shown."""

    version = models.PositiveIntegerField(_("Fassung"), unique=True, editable=False)
    text = models.TextField(
        _("Text der Einwilligung"),
        help_text=_(
            "Steht neben dem Kästchen, das zur Anmeldung angekreuzt wird. Eine schon "
            "verwendete Fassung lässt sich nicht mehr ändern – legen Sie dann eine neue an."
        ),
    )
    created_at = models.DateTimeField(_("Angelegt am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Einwilligungstext")
        verbose_name_plural = _("Einwilligungstexte")
        ordering = ["-version"]

    def __str__(self):
        return _("Fassung %(version)s") % {"version": self.version}

    def save(self, *args, **kwargs):
        if self.version is None:
            latest = ConsentText.objects.aggregate(latest=Max("version"))["latest"]
            self.version = (latest or 0) + 1
        super().save(*args, **kwargs)

    @classmethod
    def current(cls) -> "ConsentText | None":
        return cls.objects.order_by("-version").first()

    @property
    def in_use(self) -> bool:
        return self.pk is not None and self.consents.exists()

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.pk and self.in_use:
            previous = ConsentText.objects.get(pk=self.pk)
            if previous.text != self.text:
                raise ValidationError(
                    {
                        "text": _(
                            "Dieser Fassung haben schon Menschen zugestimmt; sie bleibt, wie sie "
                            "ist. Legen Sie für einen neuen Wortlaut eine neue Fassung an."
                        )
                    }
                )


class SubscriberQuerySet(models.QuerySet):
    def receiving(self):
        return self.filter(status=Subscriber.Status.CONFIRMED)


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("unbestätigt")
        CONFIRMED = "confirmed", _("angemeldet")
        PAUSED = "paused", _("pausiert")
        UNSUBSCRIBED = "unsubscribed", _("abgemeldet")

    email = models.EmailField(_("E-Mail"), unique=True)  # stored lower-case
    name = models.CharField(_("Name"), max_length=150, blank=True)
    language = models.CharField(_("Sprache"), max_length=10, default="de")
    lists = models.ManyToManyField(
        NewsletterList, verbose_name=_("Verteiler"), blank=True, related_name="subscribers"
    )
    status = models.CharField(
        _("Status"), max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    # The personal page (change lists, unsubscribe); never shown to anyone else.
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    imported = models.BooleanField(
        _("Importiert"),
        default=False,
        help_text=_(
            "Aus einer bestehenden Liste übernommen, nicht über diese Webseite angemeldet."
        ),
    )
    rejections = models.PositiveSmallIntegerField(
        _("Abweisungen"),
        default=0,
        help_text=_("Wie oft ein Mail-Server die Adresse zuletzt abgewiesen hat (ab 3: pausiert)."),
    )
    last_rejection = models.CharField(_("Letzte Abweisung"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("Eingetragen am"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("Bestätigt am"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("Abgemeldet am"), null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("Newsletter-Abonnement")
        verbose_name_plural = _("Newsletter-Abonnements")
        ordering = ["email"]

    def __str__(self):
        return self.email

    @property
    def list_names(self) -> str:
        return ", ".join(item.name for item in self.lists.all())


class Consent(NotAUsage, models.Model):
    """One request for the newsletter and its confirmation: the proof of consent."""

    class Source(models.TextChoices):
        WEB = "web", _("Anmeldeformular")
        MANAGE = "manage", _("Persönliche Seite")
        IMPORT = "import", _("Import")

    subscriber = models.ForeignKey(
        Subscriber, verbose_name=_("Abonnement"), on_delete=models.CASCADE, related_name="consents"
    )
    # The confirmation link of this request (valid NEWSLETTER_OPT_IN_DAYS).
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    source = models.CharField(
        _("Herkunft"), max_length=10, choices=Source.choices, default=Source.WEB
    )
    consent_text = models.ForeignKey(
        ConsentText,
        verbose_name=_("Einwilligungstext"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consents",
    )
    lists = models.JSONField(
        _("Verteiler"), default=list, help_text=_("Kürzel und Namen, wie sie gewählt wurden")
    )
    name = models.CharField(_("Name"), max_length=150, blank=True)
    language = models.CharField(_("Sprache"), max_length=10, default="de")
    requested_at = models.DateTimeField(_("Angefragt am"))
    request_network = models.CharField(_("Netz der Anfrage"), max_length=50, blank=True)
    confirmed_at = models.DateTimeField(_("Bestätigt am"), null=True, blank=True)
    confirm_network = models.CharField(_("Netz der Bestätigung"), max_length=50, blank=True)
    withdrawn_at = models.DateTimeField(_("Widerrufen am"), null=True, blank=True)
    # Imports: when and where the person originally agreed (e.g. a paper list at a Fachtag).
    original_consent_on = models.DateField(_("Ursprünglich eingewilligt am"), null=True, blank=True)
    original_source = models.CharField(_("Ursprüngliche Quelle"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("Einwilligung")
        verbose_name_plural = _("Einwilligungen")
        ordering = ["-requested_at", "-pk"]

    def __str__(self):
        return f"{self.subscriber.email} – {self.requested_at:%d.%m.%Y}"

    @property
    def list_names(self) -> str:
        return ", ".join(item["name"] for item in self.lists)
