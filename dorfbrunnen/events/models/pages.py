"""Events (Veranstaltungen): the calendar, event pages with their dates, place, programme,
speakers, documentation and registration settings.

A repeating offer ("Krabbelgruppe dienstags 9–11") is one page with a rule and exceptions;
`EventPage.occurrences()` expands it into dates for the calendar and the feeds.
"""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from dateutil import rrule
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import StreamField
from wagtail.models import Orderable, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from dorfbrunnen.centres import geo
from dorfbrunnen.core.blocks import BodyBlock
from dorfbrunnen.core.models import BasePage
from dorfbrunnen.core.panels import InstancePanel
from dorfbrunnen.core.restrictions import public_pages

# How far ahead the calendar and the feeds expand repeating events.
OCCURRENCE_HORIZON_DAYS = 180
END_OF_TIME = datetime(9000, 1, 1, tzinfo=UTC)
# A German postcode inside a free address („Hospitalstraße 6, 44149 Dortmund“).
POSTCODE_IN_TEXT = re.compile(r"(?<!\d)(\d{5})(?!\d)")
ORDINALS = {
    1: pgettext_lazy("weekday in the month", "ersten"),
    2: pgettext_lazy("weekday in the month", "zweiten"),
    3: pgettext_lazy("weekday in the month", "dritten"),
    4: pgettext_lazy("weekday in the month", "vierten"),
    5: pgettext_lazy("weekday in the month", "fünften"),
}


@register_snippet
class TargetGroup(models.Model):
    name = models.CharField(_("Name"), max_length=80, unique=True)
    slug = models.SlugField(_("Kürzel"), unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        verbose_name = _("Zielgruppe")
        verbose_name_plural = _("Zielgruppen")
        ordering = ["name"]

    def __str__(self):
        return self.name


class EventQuerySet(PageQuerySet):
    def upcoming(self, now=None):
        """Events with a date still to come (a series counts until its last date)."""
        now = now or timezone.now()
        return self.filter(
            Q(end__gte=now) | (~Q(recurrence="") & Q(recurrence_until__gte=timezone.localdate(now)))
        ).order_by("start", "pk")

    def past(self, now=None):
        now = now or timezone.now()
        return (
            # An event that is over began before now: the start's index finds it.
            self.filter(start__lt=now, end__lt=now)
            .filter(Q(recurrence="") | Q(recurrence_until__lt=timezone.localdate(now)))
            .order_by("-start", "-pk")
        )


def event_position(event_format, centre_latitude, centre_longitude, postcode):
    """Where an event takes place: its centre's point, or else the point of its postcode.
    Online-only events have none. (The calendar's place filter asks the same in SQL:
    `events.selectors.near_place`.)"""
    if event_format == EventPage.Format.ONLINE:
        return None
    if centre_latitude is not None:
        return centre_latitude, centre_longitude
    return geo.postcode_point(postcode) if postcode else None


def postcode_in(address: str | None) -> str:
    """The postcode written in a free address („Rathaus, 44135 Dortmund“), else ""."""
    match = POSTCODE_IN_TEXT.search(address or "")
    return match.group(1) if match else ""


@dataclass(frozen=True)
class Occurrence:
    event: "EventPage"
    start: datetime
    end: datetime

    @property
    def is_past(self) -> bool:
        return self.end < timezone.now()


class EventIndexPage(RoutablePageMixin, BasePage):
    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Veranstaltungskalender")

    def events(self):
        return public_pages(EventPage.objects.live())

    @path("")
    def calendar(self, request):
        from ..views import calendar

        return calendar(request, self)


class Speaker(Orderable):
    page = ParentalKey("events.EventPage", on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("Name"), max_length=150)
    role = models.CharField(_("Funktion"), max_length=200, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Foto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = models.TextField(_("Kurzbiografie"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("photo"), FieldPanel("bio")]

    class Meta(Orderable.Meta):
        verbose_name = _("Referent·in")
        verbose_name_plural = _("Referent·innen")


class RecurrenceException(Orderable):
    page = ParentalKey(
        "events.EventPage", on_delete=models.CASCADE, related_name="recurrence_exceptions"
    )
    date = models.DateField(_("Fällt aus am"))

    panels = [FieldPanel("date")]


class EventNotice(models.Model):
    """What participants were last told about an event. Kept outside the page so that
    publishing an older revision cannot roll it back."""

    event = models.OneToOneField(
        "events.EventPage", on_delete=models.CASCADE, related_name="notice"
    )
    sequence = models.PositiveIntegerField(default=0)
    state = models.JSONField(default=dict)

    def __str__(self):
        return f"{self.event_id}: {self.sequence}"


class AgendaItemBlock(blocks.StructBlock):
    time = blocks.CharBlock(label=_("Uhrzeit"), max_length=20, required=False)
    title = blocks.CharBlock(label=_("Programmpunkt"))
    description = blocks.TextBlock(label=_("Beschreibung"), required=False)

    class Meta:
        icon = "time"
        label = _("Programmpunkt")


class DocumentationBlock(blocks.StreamBlock):
    document = DocumentChooserBlock(label=_("Dokument (z. B. Folien, Broschüre)"))
    recording = blocks.StructBlock(
        [
            ("title", blocks.CharBlock(label=_("Titel"))),
            ("url", blocks.URLBlock(label=_("Adresse der Aufzeichnung"))),
        ],
        label=_("Aufzeichnung"),
        icon="media",
    )
    paragraph = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link"])


def _offers_registrations(event, request) -> bool:
    """The „Teilnehmende“ panel follows the buttons' rule (permissions.offers_registrations)."""
    from ..permissions import offers_registrations

    return offers_registrations(request.user, event)


class EventPage(RoutablePageMixin, BasePage):
    class Format(models.TextChoices):
        ONLINE = "online", _("Online")
        IN_PERSON = "in_person", _("Vor Ort")
        HYBRID = "hybrid", _("Hybrid (vor Ort und online)")

    class Recurrence(models.TextChoices):
        NONE = "", _("Einmalig")
        WEEKLY = "weekly", _("Jede Woche")
        BIWEEKLY = "biweekly", _("Alle zwei Wochen")
        MONTHLY = "monthly", _("Jeden Monat (gleicher Wochentag, z. B. erster Dienstag)")

    subtitle = models.CharField(_("Untertitel"), max_length=255, blank=True)
    start = models.DateTimeField(_("Beginn"), db_index=True)
    end = models.DateTimeField(_("Ende"), db_index=True)
    recurrence = models.CharField(
        _("Wiederholung"), max_length=10, choices=Recurrence.choices, blank=True, default=""
    )
    recurrence_until = models.DateField(
        _("Wiederholen bis"),
        null=True,
        blank=True,
        help_text=_("Letzter möglicher Termin."),
        # The calendar finds the series that still run by it (one-off events have none).
        db_index=True,
    )
    event_format = models.CharField(
        _("Format"), max_length=10, choices=Format.choices, default=Format.IN_PERSON
    )
    location = models.CharField(
        _("Ort"),
        max_length=255,
        blank=True,
        help_text=_("Adresse vor Ort. Leer lassen, wenn ein Zentrum gewählt ist."),
    )
    postcode = models.CharField(
        _("PLZ des Ortes"),
        max_length=5,
        blank=True,
        db_index=True,
        help_text=_(
            "Damit die Veranstaltung bei der Suche nach Ort gefunden wird. Leer lassen: wird "
            "aus der Adresse übernommen, wenn dort eine Postleitzahl steht. Bei einem Zentrum "
            "zählt dessen Adresse."
        ),
    )
    centre = models.ForeignKey(
        "centres.CentrePage",
        verbose_name=_("Im Zentrum"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events_here",
    )
    online_platform = models.CharField(
        _("Online-Plattform"),
        max_length=80,
        blank=True,
        help_text=_("Öffentlich sichtbar, z. B. „Zoom“. Der Zugangslink bleibt geheim."),
    )
    meeting_url = models.URLField(
        _("Zugangslink (geheim)"),
        blank=True,
        help_text=_(
            "Nur bestätigte Teilnehmende sehen ihn: in der Bestätigungsmail, der Erinnerung "
            "und auf ihrer persönlichen Anmeldeseite. Nie auf der öffentlichen Seite."
        ),
    )
    cost = models.DecimalField(
        _("Kosten in Euro"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leer lassen, wenn die Teilnahme kostenfrei ist."),
    )
    organiser_centre = models.ForeignKey(
        "centres.CentrePage",
        verbose_name=_("Veranstalter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events_organised",
        help_text=_("Leer: der Landesverband veranstaltet."),
    )
    target_groups = ParentalManyToManyField(TargetGroup, verbose_name=_("Zielgruppen"), blank=True)
    agenda = StreamField([("item", AgendaItemBlock())], verbose_name=_("Programm"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("Beschreibung"), blank=True)
    documentation = StreamField(
        DocumentationBlock(),
        verbose_name=_("Dokumentation"),
        blank=True,
        help_text=_("Erscheint nach der Veranstaltung: Folien, Aufzeichnung, Broschüre."),
    )
    cancelled = models.BooleanField(
        _("Abgesagt"), default=False, help_text=_("Alle Angemeldeten werden benachrichtigt.")
    )
    is_course = models.BooleanField(
        _("Kurs"),
        default=False,
        help_text=_(
            "Für wiederkehrende Termine: Eine Anmeldung gilt für alle Termine, die Plätze "
            "gelten für den ganzen Kurs."
        ),
    )
    bring_along = models.TextField(
        _("Bitte mitbringen"),
        blank=True,
        help_text=_("Steht auf der Anmeldebestätigung, z. B. „Hausschuhe, Trinkflasche“."),
    )
    # Registration
    registration_enabled = models.BooleanField(_("Anmeldung über die Webseite"), default=False)
    capacity = models.PositiveIntegerField(
        _("Plätze"), null=True, blank=True, help_text=_("Leer: unbegrenzt.")
    )
    registration_deadline = models.DateTimeField(
        _("Anmeldeschluss"), null=True, blank=True, help_text=_("Leer: bis zum Beginn.")
    )
    max_places_per_registration = models.PositiveSmallIntegerField(
        _("Höchstens Plätze pro Anmeldung"), default=1
    )
    children_welcome = models.BooleanField(_("Kinder können mit angemeldet werden"), default=False)
    questions = StreamField(
        [
            (
                "text",
                blocks.StructBlock(
                    [
                        ("label", blocks.CharBlock(label=_("Frage"))),
                        ("required", blocks.BooleanBlock(label=_("Pflichtfeld"), required=False)),
                    ],
                    label=_("Freitext-Frage"),
                    icon="edit",
                ),
            ),
            (
                "choice",
                blocks.StructBlock(
                    [
                        ("label", blocks.CharBlock(label=_("Frage"))),
                        (
                            "options",
                            blocks.ListBlock(
                                blocks.CharBlock(label=_("Antwort")), label=_("Antworten")
                            ),
                        ),
                        ("required", blocks.BooleanBlock(label=_("Pflichtfeld"), required=False)),
                    ],
                    label=_("Auswahl-Frage"),
                    icon="list-ul",
                ),
            ),
        ],
        verbose_name=_("Fragen im Anmeldeformular"),
        blank=True,
        help_text=_("z. B. „Ihre Frage an das Podium“"),
    )
    opt_in_hours = models.PositiveSmallIntegerField(
        _("Bestätigungsfrist (Stunden)"),
        default=24,
        help_text=_("So lange hält eine unbestätigte Anmeldung ihren Platz."),
    )
    reminders = models.CharField(
        _("Erinnerungen"),
        max_length=50,
        default="1d,1h",
        blank=True,
        help_text=_("Vor Beginn, durch Komma getrennt: 1d = ein Tag, 3h = drei Stunden."),
    )
    mail_confirmation_text = models.TextField(_("Zusatztext der Bestätigungsmail"), blank=True)
    mail_reminder_text = models.TextField(_("Zusatztext der Erinnerung"), blank=True)

    objects = PageManager.from_queryset(EventQuerySet)()

    content_panels = [
        *BasePage.content_panels,
        # „Teilnehmende“ in view on the first tab and on „Anmeldung“, not only in a menu.
        InstancePanel(
            "events/admin/participants_panel.html",
            shown=_offers_registrations,
            heading=_("Teilnehmende"),
        ),
        FieldPanel("subtitle"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldRowPanel([FieldPanel("recurrence"), FieldPanel("recurrence_until")]),
                FieldPanel("is_course"),
                InlinePanel("recurrence_exceptions", label=_("Ausfall")),
                FieldPanel("cancelled"),
            ],
            heading=_("Wann"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("event_format"),
                FieldPanel("centre"),
                FieldPanel("location"),
                FieldPanel("postcode"),
                FieldPanel("online_platform"),
                FieldPanel("meeting_url"),
            ],
            heading=_("Wo"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("cost"),
                FieldPanel("organiser_centre"),
                FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Für wen und von wem"),
        ),
        FieldPanel("body"),
        FieldPanel("agenda"),
        InlinePanel("speakers", label=_("Referent·in"), heading=_("Referent·innen")),
        FieldPanel("documentation"),
    ]
    registration_panels = [
        InstancePanel(
            "events/admin/participants_panel.html",
            shown=_offers_registrations,
            heading=_("Teilnehmende"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("registration_enabled"),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("max_places_per_registration")]),
                FieldPanel("children_welcome"),
                FieldPanel("registration_deadline"),
                FieldPanel("bring_along"),
                FieldPanel("opt_in_hours"),
                FieldPanel("reminders"),
            ],
            heading=_("Anmeldung"),
        ),
        FieldPanel("questions"),
        MultiFieldPanel(
            [FieldPanel("mail_confirmation_text"), FieldPanel("mail_reminder_text")],
            heading=_("E-Mail-Texte"),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Inhalt")),
            ObjectList(registration_panels, heading=_("Anmeldung")),
            ObjectList(BasePage.promote_panels, heading=_("Suchmaschinen und Teilen")),
            ObjectList(BasePage.settings_panels, heading=_("Einstellungen")),
        ]
    )
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("subtitle"),
        index.SearchField("body"),
        index.SearchField("location"),
        index.FilterField("start"),
        index.FilterField("end"),
    ]
    parent_page_types = ["events.EventIndexPage", "centres.CentrePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("Das Ende muss nach dem Beginn liegen.")
        if self.recurrence and not self.recurrence_until:
            errors["recurrence_until"] = _("Bitte angeben, bis wann sich der Termin wiederholt.")
        if (
            self.recurrence
            and self.start
            and self.end
            and self.end - self.start > timedelta(days=1)
        ):
            errors["end"] = _("Ein wiederkehrender Termin darf höchstens einen Tag dauern.")
        if self.event_format != self.Format.ONLINE and not (self.location or self.centre_id):
            errors["location"] = _("Bitte einen Ort angeben oder ein Zentrum wählen.")
        if self.registration_enabled and self.recurrence and not self.is_course:
            errors["registration_enabled"] = _(
                "Für wiederkehrende Termine ist keine Anmeldung möglich – außer bei einem Kurs."
            )
        if self.is_course and not self.recurrence:
            errors["is_course"] = _("Ein Kurs braucht eine Wiederholung (z. B. „Jede Woche“).")
        if self.postcode and not (self.postcode.isdigit() and len(self.postcode) == 5):
            errors["postcode"] = _("Eine Postleitzahl hat fünf Ziffern.")
        if (
            self.registration_enabled
            and self.registration_deadline
            and self.start
            and self.registration_deadline > self.start
        ):
            errors["registration_deadline"] = _(
                "Der Anmeldeschluss liegt spätestens beim Beginn. Wer später dazukommt, "
                "trägt die Geschäftsstelle unter „Teilnehmende“ ein."
            )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # The place filter of the calendar finds a free address by its postcode: taken from
        # the address when none is given – and again when the address moves, if the one
        # there was taken from the old address (an editor's own postcode stays).
        fields = kwargs.get("update_fields")
        found = postcode_in(self.location)
        if found and (fields is None or {"location", "postcode"} & set(fields)):
            stored = EventPage.objects.filter(pk=self.pk).values_list("location", flat=True)
            before = stored.first() if self.pk else None
            if not self.postcode or self.postcode == postcode_in(before):
                self.postcode = found
        super().save(*args, **kwargs)

    # Dates

    @cached_property
    def _exception_dates(self) -> set[date]:
        return {e.date for e in self.recurrence_exceptions.all()}

    def occurrences(self, after: datetime, before: datetime) -> list[Occurrence]:
        """The dates of this event that end after `after` and start before `before`."""
        duration = self.end - self.start
        if not self.recurrence:
            starts = [self.start]
        else:
            local_start = timezone.localtime(self.start)
            naive = local_start.replace(tzinfo=None)
            until = datetime.combine(self.recurrence_until, local_start.time())
            rule = {
                self.Recurrence.WEEKLY: {"freq": rrule.WEEKLY},
                self.Recurrence.BIWEEKLY: {"freq": rrule.WEEKLY, "interval": 2},
                self.Recurrence.MONTHLY: {
                    "freq": rrule.MONTHLY,
                    "byweekday": rrule.weekday(naive.weekday(), (naive.day - 1) // 7 + 1),
                },
            }[self.recurrence]
            starts = [
                timezone.make_aware(moment, local_start.tzinfo)
                for moment in rrule.rrule(dtstart=naive, until=until, **rule)
                if moment.date() not in self._exception_dates
            ]
        return [
            Occurrence(self, start, start + duration)
            for start in starts
            if start + duration > after and start < before
        ]

    def course_dates(self) -> list[Occurrence]:
        """Every date of a course (or the one date of a single event)."""
        if not self.recurrence:
            return [Occurrence(self, self.start, self.end)]
        last = datetime.combine(self.recurrence_until, datetime.max.time())
        return self.occurrences(self.start - timedelta(seconds=1), timezone.make_aware(last))

    @property
    def last_end(self) -> datetime:
        """When the last date ends (a course's or a series'); the event's end otherwise."""
        dates = self.course_dates() if self.recurrence else []
        return dates[-1].end if dates else self.end

    def next_occurrence(self, now=None) -> Occurrence | None:
        """The next date that has not ended, however far ahead (a series ends on its
        `recurrence_until`): an event in 13 months is not over."""
        now = now or timezone.now()
        upcoming = self.occurrences(now, END_OF_TIME)
        return upcoming[0] if upcoming else None

    @property
    def is_past(self) -> bool:
        return self.next_occurrence() is None

    @property
    def is_free(self) -> bool:
        return not self.cost

    @property
    def is_online(self) -> bool:
        return self.event_format in (self.Format.ONLINE, self.Format.HYBRID)

    @property
    def recurrence_text(self) -> str:
        """„jeden Dienstag“, „jeden zweiten Dienstag“, „jeden ersten Dienstag im Monat“."""
        if not self.recurrence:
            return ""
        local_start = timezone.localtime(self.start)
        weekday = formats.date_format(local_start, "l")
        if self.recurrence == self.Recurrence.WEEKLY:
            return gettext("jeden %(weekday)s") % {"weekday": weekday}
        if self.recurrence == self.Recurrence.BIWEEKLY:
            return gettext("jeden zweiten %(weekday)s") % {"weekday": weekday}
        return gettext("jeden %(ordinal)s %(weekday)s im Monat") % {
            "ordinal": ORDINALS[(local_start.day - 1) // 7 + 1],
            "weekday": weekday,
        }

    @property
    def position(self) -> tuple[float, float] | None:
        """Where the event takes place, for the calendar's place filter."""
        centre = self.centre if self.centre_id else None
        return event_position(
            self.event_format,
            centre.latitude if centre else None,
            centre.longitude if centre else None,
            self.postcode,
        )

    @property
    def place_text(self) -> str:
        if self.centre_id:
            centre = self.centre
            return f"{centre.title}, {centre.address_line}"
        return self.location

    # Registration

    @property
    def registration_closes(self) -> datetime:
        """The web's registration closes at the deadline, at the latest when the event (a
        course: its first date) begins – also when a deadline was saved after it."""
        if self.registration_deadline is None:
            return self.start
        return min(self.registration_deadline, self.start)

    def registration_open(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.registration_enabled
            and not self.cancelled
            and (not self.recurrence or self.is_course)
            and now < self.registration_closes
        )

    def takes_office_registrations(self) -> bool:
        """Whether the office (in the admin, at the desk, by phone) may enter a
        registration: after the web's deadline and after the event too (to record who
        came, for the certificates), never for a cancelled event."""
        return not self.cancelled

    @property
    def sequence(self) -> int:
        """iCalendar SEQUENCE: how often participants were told about a change."""
        notice = getattr(self, "notice", None)
        return notice.sequence if notice else 0

    def watched_state(self) -> dict:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "location": self.location,
            "centre_id": self.centre_id,
            "meeting_url": self.meeting_url,
            "cancelled": self.cancelled,
        }

    def reminder_offsets(self) -> list[timedelta]:
        offsets = []
        for part in filter(None, (p.strip() for p in self.reminders.split(","))):
            unit = part[-1:].lower()
            try:
                amount = int(part[:-1])
            except ValueError:
                continue
            if unit == "d":
                offsets.append(timedelta(days=amount))
            elif unit == "h":
                offsets.append(timedelta(hours=amount))
        return offsets

    def get_context(self, request, *args, **kwargs):
        from dorfbrunnen.core.i18n import source_page_id
        from dorfbrunnen.core.page_cache import cache_depends_on

        from ..services import free_places, places_stamp

        context = super().get_context(request, *args, **kwargs)
        if self.registration_enabled and self.capacity is not None:
            # A translation shows the German event's places (its capacity is the German
            # one's, a synchronised field): counted on the German row, same stamp.
            source_id = source_page_id(self)
            cache_depends_on(request, places_stamp(source_id))  # before counting
            source = (
                self if source_id == self.pk else EventPage(pk=source_id, capacity=self.capacity)
            )
            context["free_places"] = free_places(source)
        return context

    @path("anmelden/")
    def register(self, request):
        from ..views import registration_form

        return registration_form(request, self)

    @path("anmelden/fast-geschafft/")
    def registration_received(self, request):
        from ..views import registration_received

        return registration_received(request, self)
