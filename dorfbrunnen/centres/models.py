"""Member centres (Zentren): profiles with address, offers, opening hours; the finder page.

Each centre is a Wagtail page below the centres index, so page permissions and workflows
give every centre's volunteers their own subtree and the office an approval step.
"""

import json
import re
from datetime import time, timedelta
from urllib.parse import quote

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
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
    in_open_data = models.BooleanField(
        _("In den offenen Daten zeigen"),
        default=True,
        help_text=_(
            "Name, Adresse und Kontakt des Zentrums erscheinen in den offenen Daten "
            "(/api/v1/), aus denen z. B. die bundesweite Karte gespeist wird. Ohne Haken "
            "fehlt das Zentrum dort; Veranstaltungen im Zentrum nennen es aber weiter als "
            "ihren Ort (Name und Adresse)."
        ),
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
            [
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("website"),
                FieldPanel("in_open_data"),
            ],
            heading=_("Kontakt"),
        ),
        FieldPanel("offers", widget=forms.CheckboxSelectMultiple),
        InlinePanel("opening_hours", label=_("Öffnungszeiten"), heading=_("Öffnungszeiten")),
        InlinePanel(
            "programme_items",
            label=_("Angebot"),
            heading=_("Wochenprogramm"),
            help_text=_("Was regelmäßig jede Woche stattfindet: Krabbelgruppe, Sprachcafé …"),
        ),
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
        from .programme import centre_programme, week_timetable

        context["programme_items"] = centre_programme(self)
        context["timetable"] = week_timetable(context["programme_items"])
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

    # What the hours module computes with. A card reads them straight from the rows
    # (selectors._read_cards), without a model object per row; a kept card carries the rows
    # (`weekly_rows`, `exception_rows`: selectors._kept).
    @cached_property
    def weekly_hours(self) -> list[hours.Weekly]:
        if (rows := self.__dict__.get("weekly_rows")) is None:
            rows = ((h.weekday, h.opens, h.closes) for h in self.hours_list)
        return hours.weekly_times(rows)

    @cached_property
    def hour_exceptions(self) -> list[hours.Exception_]:
        if (rows := self.__dict__.get("exception_rows")) is None:
            rows = (
                (e.start_date, e.end_date, e.closed, e.opens, e.closes)
                for e in self.exceptions_list
            )
        return hours.exceptions_from(rows)

    def open_intervals(self, now=None):
        today = timezone.localdate(now or timezone.now())
        return hours.open_intervals(
            today - timedelta(days=1),
            HOURS_HORIZON_DAYS + 1,
            self.weekly_hours,
            self.hour_exceptions,
            self.closed_on_public_holidays,
        )

    @cached_property
    def upcoming_intervals(self):
        """Computed once per page view: the status and the browser's data both use them.
        A kept card carries them as the browser's data (`hours_json`), with the day they
        were computed for (`for_today`)."""
        if "hours_json" in self.__dict__:
            return [(hours.from_ms(b), hours.from_ms(e)) for b, e in json.loads(self.hours_json)]
        self.__dict__["intervals_day"] = timezone.localdate()
        return self.open_intervals()

    def for_today(self) -> "CentrePage":
        """A card kept from an earlier day computes its coming intervals again – from the
        weekly hours and exceptions it carries, without the database."""
        if self.__dict__.get("intervals_day", timezone.localdate()) != timezone.localdate():
            for computed in ("upcoming_intervals", "current_status", "hours_json"):
                self.__dict__.pop(computed, None)
        return self

    @cached_property
    def current_status(self) -> hours.Status:
        return hours.status_at(timezone.now(), self.upcoming_intervals)

    def url_for(self, request) -> str:
        """The page's address for this request – brought along by a card from the cache
        (selectors.cards_by_id keeps it per site)."""
        return self.__dict__.get("card_url") or self.get_url(request)

    def is_open(self, now=None) -> bool:
        """Open at this moment (the API, the finder's „jetzt geöffnet“ filter)."""
        if now is None and {"upcoming_intervals", "hours_json"} & self.__dict__.keys():
            return self.current_status.is_open  # a card's, computed for today
        return hours.is_open_at(
            now or timezone.now(),
            self.weekly_hours,
            self.hour_exceptions,
            self.closed_on_public_holidays,
        )

    @cached_property
    def hours_json(self) -> str:
        """The coming open intervals as epoch milliseconds, for the browser (kept with a
        centre's card for the day, like the intervals)."""
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


# The weekly programme (Angebote): what a centre offers week by week, as data.

# Sign languages CLDR has no name for in most languages.
EXTRA_LANGUAGE_NAMES = {"gsg": _("Deutsche Gebärdensprache"), "sgn": _("Gebärdensprache")}
LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
# „Mo 09:30-11:00, 15:00-17:00; Do 15:00-17:00“; 1 = Monday in the API, 0 here.
SLOT_DAYS = {"mo": 0, "di": 1, "mi": 2, "do": 3, "fr": 4, "sa": 5, "so": 6}
SLOT_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})\s*[-–]\s*(\d{1,2})[:.](\d{2})$")


def parse_slots(text: str) -> list[tuple[int, time, time]]:
    """'Di 09:30-11:00; Do 15:00-17:00, 18:00-19:00' → [(1, 9:30, 11:00), …] (0 = Monday).
    Raises ValidationError with a German message."""
    slots = []
    for part in filter(None, (p.strip() for p in (text or "").split(";"))):
        day, _space, times = part.partition(" ")
        key = day.lower().rstrip(".")[:2]
        if key not in SLOT_DAYS:
            raise ValidationError(
                _("Unbekannter Wochentag „%(day)s“ (Mo, Di, Mi, Do, Fr, Sa, So).") % {"day": day}
            )
        if not times.strip():
            raise ValidationError(_("Bei „%(day)s“ fehlt die Uhrzeit.") % {"day": day})
        for chunk in filter(None, (s.strip() for s in times.split(","))):
            match = SLOT_TIME.match(chunk)
            try:
                h1, m1, h2, m2 = map(int, match.groups()) if match else (None,) * 4
                start, end = time(h1, m1), time(h2, m2)
            except (TypeError, ValueError):
                raise ValidationError(
                    _("Die Zeit „%(slot)s“ verstehen wir nicht (so: 09:30-11:00).")
                    % {"slot": chunk}
                ) from None
            if end <= start:
                raise ValidationError(
                    _("In „%(slot)s“ liegt das Ende vor dem Beginn.") % {"slot": chunk}
                )
            slots.append((SLOT_DAYS[key], start, end))
    return sorted(slots)


def parse_languages(text: str) -> list[str]:
    """'de, TR , ar' → ['de', 'tr', 'ar'] (BCP 47 tags, lower-case language part).
    Raises ValidationError for a malformed tag."""
    tags = []
    for raw in filter(None, (t.strip() for t in re.split(r"[,;\s]+", text or ""))):
        language, _dash, rest = raw.replace("_", "-").partition("-")
        tag = language.lower() + (f"-{rest}" if rest else "")
        if not LANGUAGE_TAG.match(tag):
            raise ValidationError(
                _("„%(tag)s“ ist kein Sprachkürzel (z. B. de, tr, ar, uk, gsg).") % {"tag": raw}
            )
        if tag not in tags:
            tags.append(tag)
    return tags


def language_name(tag: str, locale: str = "de") -> str:
    """The language's name in the reader's language, from CLDR (Babel)."""
    from babel import Locale, UnknownLocaleError

    base = tag.split("-")[0]
    try:
        names = Locale.parse(locale.replace("-", "_")).languages
    except (ValueError, UnknownLocaleError):
        names = Locale("de").languages
    return (
        names.get(tag.replace("-", "_"))
        or names.get(base)
        or str(EXTRA_LANGUAGE_NAMES.get(base, tag))
    )


def shown_on(today=None) -> models.Q:
    """Which items are shown on `today`: valid, and confirmed within the last 12 months.
    One condition for the database and for a draft's items in memory (a preview, a
    revision: modelcluster filters its in-memory items by the same Q)."""
    today = today or timezone.localdate()
    return models.Q(
        models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=today),
        models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=today),
        confirmed_on__gt=today - timedelta(days=CONFIRM_EVERY_DAYS),
    )


class ProgrammeItemQuerySet(models.QuerySet):
    def current(self, today=None):
        """Items shown today (`shown_on`)."""
        return self.filter(shown_on(today))


# An item not confirmed for this long stops being shown; a reminder goes out a month before.
CONFIRM_EVERY_DAYS = 365
REMIND_DAYS_BEFORE = 30


class ProgrammeItem(Orderable):
    """One item of a centre's weekly programme (Krabbelgruppe, Sprachcafé, Beratung). Edited
    inline on the centre's page, so the centre's volunteers keep it under the centre's
    permissions and the office's approval."""

    class Cost(models.TextChoices):
        FREE = "free", _("kostenlos")
        AMOUNT = "amount", _("Betrag")
        ASK = "ask", _("nach Absprache")

    page = ParentalKey(CentrePage, on_delete=models.CASCADE, related_name="programme_items")
    title = models.CharField(_("Titel"), max_length=120)
    summary = models.CharField(
        _("Kurzbeschreibung"), max_length=300, blank=True, help_text=_("Ein, zwei Sätze.")
    )
    topic = models.ForeignKey(
        Offer,
        verbose_name=_("Thema"),
        on_delete=models.PROTECT,
        related_name="programme_items",
        help_text=_("Die Art des Angebots (aus der Liste der Angebote)."),
    )
    age_min = models.DecimalField(
        _("Alter von (Jahre)"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Leer: ohne Untergrenze. 0,5 = ein halbes Jahr."),
    )
    age_max = models.DecimalField(
        _("Alter bis (Jahre)"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_(
            "Leer: ohne Obergrenze. „Für Erwachsene“: von 18, bis leer. „Alle Generationen“: "
            "beide leer."
        ),
    )
    languages = models.CharField(
        _("Sprachen"),
        max_length=100,
        default="de",
        help_text=_(
            "Welche Sprachen gesprochen werden, als Kürzel durch Komma getrennt: de = Deutsch, "
            "tr = Türkisch, ar = Arabisch, uk = Ukrainisch, ru = Russisch, en = Englisch, "
            "fa = Persisch, gsg = Deutsche Gebärdensprache."
        ),
    )
    slots = models.CharField(
        _("Wann"),
        max_length=200,
        help_text=_(
            "Wochentag und Uhrzeit, z. B. „Di 09:30-11:00“. Mehrere Termine mit Semikolon: "
            "„Di 09:30-11:00; Do 15:00-17:00“."
        ),
    )
    cost = models.CharField(_("Kosten"), max_length=10, choices=Cost.choices, default=Cost.FREE)
    cost_amount = models.DecimalField(
        _("Betrag in Euro"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    registration_required = models.BooleanField(
        _("Anmeldung nötig"), default=False, help_text=_("Leer: einfach vorbeikommen.")
    )
    accessibility_note = models.CharField(
        _("Hinweis zur Barrierefreiheit"),
        max_length=200,
        blank=True,
        help_text=_("Stufenloser Zugang und WC gelten wie beim Zentrum angegeben."),
    )
    valid_from = models.DateField(_("Gültig ab"), null=True, blank=True)
    valid_until = models.DateField(
        _("Gültig bis"), null=True, blank=True, help_text=_("Danach wird es nicht mehr gezeigt.")
    )
    # Kept by the code: the weekdays as bits (1 = Monday … 64 = Sunday) for the search, the
    # languages as ",de,tr," so that one LIKE finds a tag, the slots as data.
    weekday_bits = models.PositiveSmallIntegerField(default=0, editable=False, db_index=True)
    language_tags = models.CharField(max_length=110, default="", editable=False)
    schedule = models.JSONField(default=list, editable=False)
    # „Noch aktuell?“: when a person last confirmed it, and when we last asked.
    confirmed_on = models.DateField(default=timezone.localdate, editable=False)
    reminded_on = models.DateField(null=True, blank=True, editable=False)

    objects = ProgrammeItemQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("topic"), FieldPanel("slots")]),
        FieldRowPanel([FieldPanel("age_min"), FieldPanel("age_max"), FieldPanel("languages")]),
        FieldRowPanel(
            [FieldPanel("cost"), FieldPanel("cost_amount"), FieldPanel("registration_required")]
        ),
        FieldPanel("accessibility_note"),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("Angebot im Wochenprogramm")
        verbose_name_plural = _("Wochenprogramm")
        indexes = [models.Index(fields=["page", "valid_until"])]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        try:
            parse_slots(self.slots)
            if not self.slots.strip():
                errors["slots"] = _(
                    "Bitte mindestens einen Termin angeben, z. B. „Di 09:30-11:00“."
                )
        except ValidationError as error:
            errors["slots"] = error.messages
        try:
            tags = parse_languages(self.languages)
        except ValidationError as error:
            errors["languages"] = error.messages
        else:  # kept as „de, tr“ (`derive`): that form must fit the column too
            if len(", ".join(tags)) > self._meta.get_field("languages").max_length:
                errors["languages"] = _("Das sind zu viele Sprachen für ein Angebot.")
        if self.age_min is not None and self.age_max is not None and self.age_max < self.age_min:
            errors["age_max"] = _("„Alter bis“ liegt unter „Alter von“.")
        if self.cost == self.Cost.AMOUNT and not self.cost_amount:
            errors["cost_amount"] = _("Bitte den Betrag angeben.")
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = _("„Gültig bis“ liegt vor „Gültig ab“.")
        if errors:
            raise ValidationError(errors)

    def derive(self):
        """What the code keeps from what the editor typed: the schedule, the weekday bits,
        the language tags. On every save; a draft's items (a preview) were never saved."""
        try:
            slots = parse_slots(self.slots)
        except ValidationError:
            slots = []
        self.schedule = [
            {"weekday": day + 1, "start": f"{start:%H:%M}", "end": f"{end:%H:%M}"}
            for day, start, end in slots
        ]
        self.weekday_bits = sum({1 << day for day, _start, _end in slots})
        try:
            tags = parse_languages(self.languages)
        except ValidationError:
            tags = []
        self.languages = ", ".join(tags)
        self.language_tags = "," + ",".join(tags) + "," if tags else ""

    def save(self, *args, **kwargs):
        self.derive()
        if self.pk:
            # Publishing a revision carries the confirmation date it was made with: a
            # confirmation given since then must not be undone.
            stored = (
                type(self)
                .objects.filter(pk=self.pk)
                .values_list("confirmed_on", "reminded_on")
                .first()
            )
            if stored and stored[0] and stored[0] > self.confirmed_on:
                self.confirmed_on, self.reminded_on = stored
        super().save(*args, **kwargs)

    @property
    def tags(self) -> list[str]:
        return [tag for tag in self.language_tags.split(",") if tag]

    @property
    def weekdays(self) -> list[int]:
        """1 = Monday … 7 = Sunday."""
        return sorted({slot["weekday"] for slot in self.schedule})

    def language_names(self, locale: str = "de") -> list[str]:
        return [language_name(tag, locale) for tag in self.tags]

    @property
    def age_text(self) -> str:
        def number(value):
            return formats.number_format(value.normalize() if value % 1 else int(value))

        if self.age_min is None and self.age_max is None:
            return gettext("alle Generationen")
        if self.age_max is None:
            if self.age_min >= 18:
                return gettext("für Erwachsene")
            return gettext("ab %(min)s Jahren") % {"min": number(self.age_min)}
        if self.age_min is None:
            return gettext("bis %(max)s Jahre") % {"max": number(self.age_max)}
        return gettext("%(min)s–%(max)s Jahre") % {
            "min": number(self.age_min),
            "max": number(self.age_max),
        }

    @property
    def cost_text(self) -> str:
        if self.cost == self.Cost.AMOUNT and self.cost_amount:
            return formats.number_format(self.cost_amount, 2) + " €"
        return str(self.Cost(self.cost).label)

    def next_start(self, now=None):
        """When it next takes place (Berlin time): today's slot while it runs, else the
        next one of the coming week."""
        now = timezone.localtime(now or timezone.now())
        best = None
        for slot in self.schedule:
            days = (slot["weekday"] - 1 - now.weekday()) % 7
            day = now + timedelta(days=days)
            start = day.replace(
                hour=int(slot["start"][:2]), minute=int(slot["start"][3:]), second=0, microsecond=0
            )
            end = start.replace(hour=int(slot["end"][:2]), minute=int(slot["end"][3:]))
            if end <= now:
                start += timedelta(days=7)
            if best is None or start < best:
                best = start
        return best

    def running_now(self, now=None) -> bool:
        now = timezone.localtime(now or timezone.now())
        clock = f"{now:%H:%M}"
        return any(
            slot["weekday"] == now.isoweekday() and slot["start"] <= clock < slot["end"]
            for slot in self.schedule
        )


class ProgrammeFinderPage(RoutablePageMixin, BasePage):
    """„Angebote finden“: every centre's weekly programme, searchable by place, age,
    language, topic and day (centres/programme.py)."""

    body = StreamField(BodyBlock(), verbose_name=_("Inhalt"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("Angebotssuche")

    @path("")
    def finder(self, request):
        from .programme_views import programme_finder

        return programme_finder(request, self)

    @path("einbetten/<slug:centre>/")
    def widget(self, request, centre):
        from .programme_views import programme_widget

        return programme_widget(request, self, centre)

    @path("noch-aktuell/<str:token>/")
    def still_current(self, request, token):
        from .programme_views import programme_confirm

        return programme_confirm(request, self, token)
