"""Member centres (Zentren): profiles with address, offers, opening hours; the finder page.

Each centre is a Wagtail page below the centres index, so page permissions and workflows
give every centre's volunteers their own subtree and the office an approval step.
"""

import json
from datetime import timedelta
from urllib.parse import quote

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from dorfbrunnen.core.blocks import BodyBlock
from dorfbrunnen.core.models import BasePage, image_alt_check
from dorfbrunnen.core.panels import InstancePanel

from . import geo, hours

WEEKDAYS = [
    (0, _("Montag")),
    (1, _("Dienstag")),
    (2, _("Mittwoch")),
    (3, _("Donnerstag")),
    (4, _("Freitag")),
    (5, _("Samstag")),
    (6, _("Sonntag")),
]
# How far ahead a page carries its opening intervals for the browser.
HOURS_HORIZON_DAYS = 21


@register_snippet
class Offer(models.Model):
    """What centres offer (Offener Treff, Kinderbetreuung, …): a list the office keeps."""

    name = models.CharField(_("Name"), max_length=80, unique=True)
    slug = models.SlugField(
        _("Kürzel"), unique=True, help_text=_("Für Adressen und Filter, z. B. „kinderbetreuung“.")
    )
    description = models.CharField(_("Beschreibung"), max_length=255, blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        verbose_name = _("Angebot")
        verbose_name_plural = _("Angebote")
        ordering = ["name"]

    def __str__(self):
        return self.name


class CentreIndexPage(RoutablePageMixin, BasePage):
    body = StreamField(BodyBlock(), verbose_name=_("Inhalt"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    subpage_types = ["centres.CentrePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Zentrenübersicht")

    @path("")
    def finder(self, request):
        from .views import centre_finder

        return centre_finder(request, self)

    @path("einbetten/")
    def widget(self, request):
        from .views import centre_widget

        return centre_widget(request, self)


class CentrePage(BasePage):
    operator = models.CharField(
        _("Träger"), max_length=200, blank=True, help_text=_("Der Verein oder die Organisation.")
    )
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postcode = models.CharField(_("PLZ"), max_length=5)
    town = models.CharField(_("Ort"), max_length=100)
    district = models.CharField(_("Stadtteil"), max_length=100, blank=True)
    latitude = models.FloatField(
        _("Breitengrad"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_(
            "Leer lassen: wird beim Speichern aus der PLZ übernommen. Oder „Position aus der "
            "Adresse“ klicken bzw. den Punkt auf der Karte verschieben."
        ),
    )
    longitude = models.FloatField(
        _("Längengrad"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text=_("Leer lassen: wird beim Speichern aus der PLZ übernommen."),
    )
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    website = models.URLField(_("Webseite"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Foto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("Bildbeschreibung"),
        max_length=255,
        blank=True,
        help_text=_("Was ist auf dem Foto zu sehen? Für Menschen, die es nicht sehen können."),
    )
    image_decorative = models.BooleanField(
        _("dekorativ"),
        default=False,
        help_text=_(
            "Ankreuzen, wenn das Foto nur schmückt. Sonst braucht es eine Bildbeschreibung."
        ),
    )
    body = StreamField(BodyBlock(), verbose_name=_("Beschreibung"), blank=True)
    offers = ParentalManyToManyField(Offer, verbose_name=_("Angebote"), blank=True)
    step_free_access = models.BooleanField(_("Stufenloser Zugang"), default=False)
    accessible_toilet = models.BooleanField(_("Barrierefreies WC"), default=False)
    accessibility_note = models.CharField(
        _("Hinweise zur Barrierefreiheit"), max_length=255, blank=True
    )
    closed_on_public_holidays = models.BooleanField(
        _("An Feiertagen geschlossen"),
        default=True,
        help_text=_("Gesetzliche Feiertage in NRW werden automatisch berücksichtigt."),
    )
    editor_group = models.OneToOneField(
        "auth.Group",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="centre",
    )
    collection = models.ForeignKey(
        "wagtailcore.Collection",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # A copy (a translation included) gets no volunteers' group and no collection: those
    # belong to the German centre page alone. Translations are the office's and the
    # translators' (docs/languages.md).
    exclude_fields_in_copy = ["editor_group", "collection"]

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("operator"),
                FieldPanel("street"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("town")]),
                FieldPanel("district"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Adresse"),
        ),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email"), FieldPanel("website")],
            heading=_("Kontakt"),
        ),
        FieldPanel("offers", widget=forms.CheckboxSelectMultiple),
        InlinePanel("opening_hours", label=_("Öffnungszeiten"), heading=_("Öffnungszeiten")),
        FieldPanel("closed_on_public_holidays"),
        InlinePanel(
            "opening_exceptions",
            label=_("Abweichung"),
            heading=_("Abweichende Öffnungszeiten (Ferien, Schließtage)"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("step_free_access"),
                FieldPanel("accessible_toilet"),
                FieldPanel("accessibility_note"),
            ],
            heading=_("Barrierefreiheit"),
        ),
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_alt"), FieldPanel("image_decorative")],
            heading=_("Foto"),
        ),
        FieldPanel("body"),
        # Who looks after this entry: for the office, which may invite and remove them.
        InstancePanel(
            "centres/admin/volunteers_panel.html",
            heading=_("Ehrenamtliche"),
            shown=lambda centre, request: centre.permissions_for_user(request.user).can_publish(),
        ),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("town"),
        index.SearchField("district"),
        index.SearchField("operator"),
        index.SearchField("body"),
        index.FilterField("postcode"),
    ]
    parent_page_types = ["centres.CentreIndexPage"]
    # A centre's events live below it, so its editor group's permissions cover them.
    subpage_types = ["events.EventPage"]

    class Meta:
        verbose_name = _("Zentrum")
        verbose_name_plural = _("Zentren")
        indexes = [models.Index(fields=["latitude", "longitude"])]

    def clean(self):
        super().clean()
        image_alt_check(self.image, self.image_alt, self.image_decorative)
        if self.postcode and not (self.postcode.isdigit() and len(self.postcode) == 5):
            raise ValidationError({"postcode": _("Eine Postleitzahl hat fünf Ziffern.")})
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(
                {"longitude": _("Bitte beide Koordinaten angeben oder beide leer lassen.")}
            )
        if self.latitude is None and self.postcode and geo.postcode_point(self.postcode) is None:
            raise ValidationError(
                {"postcode": _("Diese Postleitzahl kennen wir nicht. Bitte Koordinaten eintragen.")}
            )

    def save(self, *args, **kwargs):
        if self.latitude is None and self.longitude is None and self.postcode:
            point = geo.postcode_point(self.postcode)
            if point:
                self.latitude, self.longitude = point
        super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["index_url"] = self.get_parent().get_url(request)
        context["map_tile_url"] = settings.MAP_TILE_URL
        context["map_attribution"] = settings.MAP_TILE_ATTRIBUTION
        return context

    # Opening hours

    # One query each per page view (or none, when prefetched by the finder).
    @cached_property
    def hours_list(self) -> list["OpeningHours"]:
        return sorted(self.opening_hours.all(), key=lambda h: (h.weekday, h.opens))

    @cached_property
    def exceptions_list(self) -> list["OpeningException"]:
        return sorted(self.opening_exceptions.all(), key=lambda e: e.start_date)

    @cached_property
    def offers_list(self) -> list[Offer]:
        return sorted(self.offers.all(), key=lambda offer: offer.name)

    def weekly_hours(self) -> list[hours.Weekly]:
        return [
            hours.Weekly(h.weekday, h.opens, h.closes)
            for h in self.hours_list
            if h.opens and h.closes
        ]

    def hour_exceptions(self) -> list[hours.Exception_]:
        return [
            hours.Exception_(e.start_date, e.end_date or e.start_date, e.closed, e.opens, e.closes)
            for e in self.exceptions_list
        ]

    def open_intervals(self, now=None):
        today = timezone.localdate(now or timezone.now())
        return hours.open_intervals(
            today - timedelta(days=1),
            HOURS_HORIZON_DAYS + 1,
            self.weekly_hours(),
            self.hour_exceptions(),
            self.closed_on_public_holidays,
        )

    @cached_property
    def upcoming_intervals(self):
        """Computed once per page view: the status and the browser's data both use them."""
        return self.open_intervals()

    @cached_property
    def current_status(self) -> hours.Status:
        return hours.status_at(timezone.now(), self.upcoming_intervals)

    def hours_json(self) -> str:
        """The coming open intervals as epoch milliseconds, for the browser."""
        return json.dumps(
            [
                [int(b.timestamp() * 1000), int(e.timestamp() * 1000)]
                for b, e in self.upcoming_intervals
            ]
        )

    def hours_table(self):
        by_day = {day: [] for day, _ in WEEKDAYS}
        for h in self.hours_list:
            by_day[h.weekday].append(h)
        return [(label, by_day[day]) for day, label in WEEKDAYS]

    def upcoming_exceptions(self):
        today = timezone.localdate()
        return [e for e in self.opening_exceptions.all() if (e.end_date or e.start_date) >= today]

    # Presentation helpers

    @property
    def address_line(self) -> str:
        return ", ".join(p for p in [self.street, f"{self.postcode} {self.town}".strip()] if p)

    @property
    def route_url(self) -> str:
        return settings.ROUTE_URL_TEMPLATE.format(
            lat=self.latitude, lon=self.longitude, address=quote(self.address_line)
        )

    @property
    def tel_href(self) -> str:
        return "".join(char for char in self.phone if char.isdigit() or char == "+")

    def get_meta_description(self) -> str:
        return self.search_description or self.intro or self.address_line


class OpeningHours(Orderable):
    page = ParentalKey(CentrePage, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("Wochentag"), choices=WEEKDAYS)
    opens = models.TimeField(_("von"))
    closes = models.TimeField(
        _("bis"), help_text=_("Eine Zeit vor „von“ bedeutet: bis nach Mitternacht.")
    )

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")])]

    class Meta(Orderable.Meta):
        verbose_name = _("Öffnungszeit")
        verbose_name_plural = _("Öffnungszeiten")

    def clean(self):
        if self.opens and self.closes and self.opens == self.closes:
            raise ValidationError({"closes": _("Beginn und Ende dürfen nicht gleich sein.")})


class OpeningException(Orderable):
    page = ParentalKey(CentrePage, on_delete=models.CASCADE, related_name="opening_exceptions")
    start_date = models.DateField(_("vom"))
    end_date = models.DateField(_("bis"), null=True, blank=True, help_text=_("Leer: ein Tag."))
    closed = models.BooleanField(_("geschlossen"), default=True)
    opens = models.TimeField(_("geöffnet von"), null=True, blank=True)
    closes = models.TimeField(_("geöffnet bis"), null=True, blank=True)
    note = models.CharField(
        _("Hinweis"), max_length=200, blank=True, help_text=_("z. B. „Sommerferien“")
    )

    panels = [
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldRowPanel([FieldPanel("closed"), FieldPanel("opens"), FieldPanel("closes")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("Abweichende Öffnungszeit")
        verbose_name_plural = _("Abweichende Öffnungszeiten")

    def clean(self):
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Das Ende liegt vor dem Beginn.")})
        if not self.closed and not (self.opens and self.closes):
            raise ValidationError(
                {"opens": _("Bitte Öffnungszeiten angeben oder „geschlossen“ ankreuzen.")}
            )
