"""Site-wide settings, editable menus, the outgoing mail queue, sign-language videos, the
records that operations keep (what setup created, backups, the task worker's heartbeat), and
`BasePage`, the common ground of every page type."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from .blocks import ALT_TEXT_MISSING, LinkBlock
from .video import VIDEO_EXTENSIONS, VIDEO_MIME_TYPES

# Licences the office can publish its open data under: key → (name, URL).
DATA_LICENCES = {
    "cc-by-4.0": ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/"),
    "cc-by-sa-4.0": ("CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
    "cc0-1.0": ("CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
    "dl-de-by-2.0": (
        "Datenlizenz Deutschland – Namensnennung – 2.0",
        "https://www.govdata.de/dl-de/by-2-0",
    ),
}


class NotAUsage:
    """For models whose rows are no „usage“ of a page they point to (registrations,
    consents, deliveries, visitors' suggestions, federated copies): left out of Wagtail's
    reference index. There are thousands of them, some with personal data (a registration's
    name would be listed under its event's „Verwendung“), and each save would write the
    index – for a registration inside the event's lock."""

    wagtail_reference_index_ignore = True


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Facts about the association, shown in the footer, the Impressum and the metadata."""

    association_name = models.CharField(_("Name des Vereins"), max_length=200)
    short_name = models.CharField(
        _("Kurzname"), max_length=80, blank=True, help_text=_("Erscheint neben dem Logo.")
    )
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postcode = models.CharField(_("PLZ"), max_length=10, blank=True)
    town = models.CharField(_("Ort"), max_length=100, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Ohne eigenes Logo wird das Brunnen-Zeichen von dorfbrunnen gezeigt."),
    )
    representatives = models.CharField(
        _("Vertretungsberechtigter Vorstand"),
        max_length=300,
        blank=True,
        help_text=_("Für das Impressum (§ 5 DDG), z. B. „Anna Beispiel (Vorsitzende)“."),
    )
    register_court = models.CharField(_("Registergericht"), max_length=120, blank=True)
    register_number = models.CharField(_("Vereinsregisternummer"), max_length=60, blank=True)
    vat_id = models.CharField(_("Umsatzsteuer-ID"), max_length=30, blank=True)
    content_responsible = models.CharField(
        _("Verantwortlich für den Inhalt"),
        max_length=300,
        blank=True,
        help_text=_("Nach § 18 Abs. 2 MStV: Name und Anschrift."),
    )
    privacy_contact = models.TextField(
        _("Ansprechperson für den Datenschutz"),
        blank=True,
        help_text=_(
            "Name und Kontakt der oder des Datenschutzbeauftragten bzw. der Person, an die "
            "sich Besucherinnen und Besucher in Datenschutzfragen wenden. Erscheint auf der "
            "Seite Datenschutz."
        ),
    )
    data_region = models.CharField(
        _("Region"),
        max_length=100,
        blank=True,
        help_text=_(
            "Wo der Verein tätig ist, z. B. „Nordrhein-Westfalen“. Steht in den offenen "
            "Daten (/api/v1/), damit eine bundesweite Karte den Verein zuordnen kann."
        ),
    )
    data_licence = models.CharField(
        _("Lizenz der offenen Daten"),
        max_length=20,
        choices=[(key, name) for key, (name, _url) in DATA_LICENCES.items()],
        default="cc-by-4.0",
        help_text=_(
            "Unter dieser Lizenz dürfen andere die Daten der Zentren, Veranstaltungen und "
            "Angebote weiterverwenden. Üblich: CC BY 4.0 (mit Namensnennung)."
        ),
    )
    data_attribution = models.CharField(
        _("Namensnennung"),
        max_length=200,
        blank=True,
        help_text=_("Wie andere den Verein nennen sollen. Leer: der Name des Vereins."),
    )
    facebook_url = models.URLField(_("Facebook"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    mastodon_url = models.URLField(_("Mastodon"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("association_name"), FieldPanel("short_name"), FieldPanel("logo")],
            heading=_("Verein"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("street"),
                FieldPanel("postcode"),
                FieldPanel("town"),
                FieldPanel("email"),
                FieldPanel("phone"),
            ],
            heading=_("Kontakt"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("representatives"),
                FieldPanel("register_court"),
                FieldPanel("register_number"),
                FieldPanel("vat_id"),
                FieldPanel("content_responsible"),
            ],
            heading=_("Impressum"),
        ),
        FieldPanel("privacy_contact"),
        MultiFieldPanel(
            [FieldPanel("data_region"), FieldPanel("data_licence"), FieldPanel("data_attribution")],
            heading=_("Offene Daten"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("instagram_url"),
                FieldPanel("mastodon_url"),
                FieldPanel("youtube_url"),
            ],
            heading=_("Soziale Netzwerke"),
        ),
    ]

    class Meta:
        verbose_name = _("Angaben zum Verein")

    def __str__(self):
        return self.association_name

    @property
    def display_name(self) -> str:
        """The name the site shows of itself (header, titles): the short one if set."""
        return self.short_name or self.association_name

    @property
    def data_licence_info(self) -> dict:
        name, url = DATA_LICENCES.get(self.data_licence, DATA_LICENCES["cc-by-4.0"])
        return {
            "name": name,
            "url": url,
            "attribution": self.data_attribution or self.association_name,
        }

    @property
    def social_links(self):
        links = [
            ("Facebook", self.facebook_url),
            ("Instagram", self.instagram_url),
            ("Mastodon", self.mastodon_url),
            ("YouTube", self.youtube_url),
        ]
        return [(name, url) for name, url in links if url]


@register_setting(icon="list-ul")
class NavigationSettings(BaseSiteSetting):
    main_menu = StreamField(
        [("link", LinkBlock())],
        verbose_name=_("Hauptmenü"),
        blank=True,
        help_text=_("Die Einträge oben auf jeder Seite, in dieser Reihenfolge."),
    )
    footer_menu = StreamField(
        [("link", LinkBlock())],
        verbose_name=_("Fußzeilenmenü"),
        blank=True,
        help_text=_("Z. B. Kontakt, Impressum, Datenschutz, Barrierefreiheit."),
    )

    panels = [FieldPanel("main_menu"), FieldPanel("footer_menu")]

    class Meta:
        verbose_name = _("Menüs")


class OutboundMailQuerySet(models.QuerySet):
    def due(self):
        """Mails that should be (re)tried now: queued or waiting for a retry, and not failed."""
        return self.filter(
            status__in=[OutboundMail.Status.QUEUED, OutboundMail.Status.RETRY],
            next_attempt_at__lte=timezone.now(),
        )


class OutboundMail(models.Model):
    """One e-mail on its way out. Kept after sending so the office can see what went where."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("wartet")
        RETRY = "retry", _("neuer Versuch geplant")
        SENT = "sent", _("versendet")
        FAILED = "failed", _("fehlgeschlagen")
        DROPPED = "dropped", _("entfallen")

    to = models.JSONField(_("Empfänger"), default=list)
    reply_to = models.JSONField(_("Antwort an"), default=list, blank=True)
    subject = models.CharField(_("Betreff"), max_length=300)
    body = models.TextField(_("Text"))
    attachments = models.JSONField(
        _("Anhänge"), default=list, blank=True, help_text=_("Dateiname, Typ und Inhalt (base64)")
    )
    status = models.CharField(
        _("Status"), max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("Versuche"), default=0)
    last_error = models.TextField(_("Letzter Fehler"), blank=True)
    created_at = models.DateTimeField(_("Erstellt"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(_("Nächster Versuch"), default=timezone.now)
    sent_at = models.DateTimeField(_("Versendet am"), null=True, blank=True)
    # A mail the worker writes before sending it (core.mail.mail_queue_unwritten): the
    # registered writer's name and what it needs. Empty once written.
    writer = models.CharField(max_length=60, blank=True, editable=False)
    writer_arguments = models.JSONField(default=dict, blank=True, editable=False)

    objects = OutboundMailQuerySet.as_manager()

    class Meta:
        verbose_name = _("Ausgehende E-Mail")
        verbose_name_plural = _("Ausgehende E-Mails")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.subject_shown()} → {', '.join(self.to)}"

    def subject_shown(self) -> str:
        """A mail the worker writes has its subject once written (core.mail)."""
        if self.subject:
            return self.subject
        if self.status == self.Status.DROPPED:
            return str(_("(nicht mehr nötig, nicht geschrieben)"))
        if self.status == self.Status.FAILED:
            return str(_("(konnte nicht geschrieben werden)"))
        return str(_("(wird geschrieben)"))

    subject_shown.short_description = _("Betreff")


class SignLanguageVideo(models.Model):
    """A video in German Sign Language (DGS) with its captions, for the pages that point to
    it. Played by the visitor's browser from our own server, never embedded from a video
    platform. The files lie in the same storage as documents and images, outside the
    Infopaket; uploads are checked by content (core/video.py, in the admin's form)."""

    title = models.CharField(
        _("Titel"),
        max_length=200,
        help_text=_("Wofür das Video steht, z. B. „Startseite in Gebärdensprache“."),
    )
    video = models.FileField(
        _("Video (MP4 oder WebM)"),
        upload_to="gebaerdensprache/",
        max_length=255,
        help_text=_("Das Video in Deutscher Gebärdensprache als MP4- oder WebM-Datei."),
    )
    captions = models.FileField(
        _("Untertitel (WebVTT)"),
        upload_to="gebaerdensprache/",
        max_length=255,
        help_text=_(
            "Die Untertitel zum Video als .vtt-Datei. Viele Schnittprogramme und "
            "Untertitel-Werkzeuge speichern dieses Format."
        ),
    )
    transcript = models.TextField(
        _("Text zum Video"),
        blank=True,
        help_text=_("Freiwillig: was im Video gesagt wird, als Text unter dem Video."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Video in Gebärdensprache")
        verbose_name_plural = _("Videos in Gebärdensprache")
        ordering = ["title"]

    def __str__(self):
        return self.title

    @property
    def mime_type(self) -> str:
        extension = self.video.name.rsplit(".", 1)[-1].lower()
        return VIDEO_MIME_TYPES.get(VIDEO_EXTENSIONS.get(extension, ""), "video/mp4")


class BasePage(Page):
    """Common ground of our page types: an intro that doubles as meta description, and the
    page's versions for people who read with difficulty or sign: its Leichte-Sprache
    version and a sign-language video (both shown at the top of the page)."""

    intro = models.TextField(
        _("Einleitung"),
        blank=True,
        help_text=_(
            "Ein bis drei Sätze oben auf der Seite. Erscheint auch in Suchergebnissen "
            "und beim Teilen, wenn unter „Beschreibung für Suchmaschinen“ nichts steht."
        ),
    )

    easy_read_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Leichte-Sprache-Fassung"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Die Seite im Bereich „Leichte Sprache“, die den Inhalt dieser Seite in Leichter "
            "Sprache erklärt. Oben auf der Seite erscheint dann ein Link dorthin."
        ),
    )
    sign_language_video = models.ForeignKey(
        SignLanguageVideo,
        verbose_name=_("Video in Gebärdensprache"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Erscheint oben auf der Seite, mit dem Videospieler des Browsers."),
    )

    # Shown at the top of every page: loaded with the page when it is served (core.routing).
    serve_select_related = ("easy_read_page", "sign_language_video")

    search_fields = [*Page.search_fields, index.SearchField("intro")]
    promote_panels = [
        *Page.promote_panels,
        MultiFieldPanel(
            [PageChooserPanel("easy_read_page"), FieldPanel("sign_language_video")],
            heading=_("Leichte Sprache und Gebärdensprache"),
        ),
    ]

    class Meta:
        abstract = True

    def _set_core_field_defaults(self):
        # A page saved without a slug gets one from its title, umlauts as ae, oe, ue
        # (core.slugs); Wagtail's own default would write „Mütter“ as „mutter“.
        parent_is_known = bool(self.path or getattr(self, "_cached_parent_obj", None))
        if not self.slug and self.title and parent_is_known:
            from .slugs import german_slug

            if base := german_slug(self.title):
                self.slug = self._get_autogenerated_slug(base)
        super()._set_core_field_defaults()

    @property
    def easy_read_version(self):
        """The Leichte-Sprache version to link to, if it is published (and not this page)."""
        target = self.easy_read_page
        if target is None or not target.live or target.pk == self.pk:
            return None
        return target

    def get_view_restrictions(self):
        """Wagtail's privacy check for this page, answered from the cached rules
        (core.restrictions) – no query at all for the common, public page."""
        from .restrictions import page_restriction_ids

        return PageViewRestriction.objects.filter(pk__in=page_restriction_ids(self))

    def get_meta_description(self) -> str:
        return self.search_description or Truncator(self.intro).chars(160)


def image_alt_check(image, alt: str, decorative: bool, field: str = "image_alt") -> None:
    """A picture that carries meaning needs its description; only a decorative one may go
    without (it is then shown with an empty alt text, and screen readers skip it)."""
    if image is not None and not (alt or "").strip() and not decorative:
        raise ValidationError({field: ALT_TEXT_MISSING})


class OfficeTools(models.Model):
    """No table: holds the permissions of the office's own screens."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("manage_personal_data", _("Datenauskunft: Daten einer Person finden und löschen")),
        ]

    def __str__(self):
        return str(self._meta.verbose_name)


class SetupRecord(models.Model):
    """One thing `setup_site` made (or adopted): never made again, even once removed."""

    key = models.CharField(max_length=200, unique=True)
    content_type = models.ForeignKey(ContentType, null=True, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField(null=True)
    target = GenericForeignKey()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.key


class BackupRun(models.Model):
    """One run of `manage.py backup`, for the go-live checklist."""

    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    succeeded = models.BooleanField(default=False)
    size_bytes = models.PositiveBigIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at"]
        get_latest_by = "started_at"

    def __str__(self):
        return f"{self.started_at:%Y-%m-%d %H:%M} {'ok' if self.succeeded else 'failed'}"


class Heartbeat(models.Model):
    """When a background process last showed it is alive (the task worker's heartbeat
    task, the periodic jobs)."""

    name = models.CharField(max_length=50, unique=True)
    seen_at = models.DateTimeField()

    def __str__(self):
        return f"{self.name}: {self.seen_at:%Y-%m-%d %H:%M:%S}"
