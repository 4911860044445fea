"""Events (Veranstaltungen): the calendar and event pages. Registration follows."""

from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from dorfbrunnen.core.blocks import BodyBlock
from dorfbrunnen.core.models import BasePage

PAST_EVENTS_PER_PAGE = 10


class EventQuerySet(PageQuerySet):
    def upcoming(self, now=None):
        """Events that have not ended yet, soonest first."""
        return self.filter(end__gte=now or timezone.now()).order_by("start", "pk")

    def past(self, now=None):
        return self.filter(end__lt=now or timezone.now()).order_by("-start", "-pk")


class EventIndexPage(BasePage):
    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Veranstaltungskalender")

    def events(self):
        return EventPage.objects.descendant_of(self).live().public()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["upcoming_events"] = self.events().upcoming()
        paginator = Paginator(self.events().past(), PAST_EVENTS_PER_PAGE)
        try:
            context["past_events"] = paginator.page(request.GET.get("archiv", 1))
        except (PageNotAnInteger, EmptyPage) as error:
            raise Http404(_("Diese Seite des Archivs gibt es nicht.")) from error
        return context


class EventPage(BasePage):
    class Format(models.TextChoices):
        ONLINE = "online", _("Online")
        IN_PERSON = "in_person", _("Vor Ort")
        HYBRID = "hybrid", _("Hybrid (vor Ort und online)")

    subtitle = models.CharField(_("Untertitel"), max_length=255, blank=True)
    start = models.DateTimeField(_("Beginn"))
    end = models.DateTimeField(_("Ende"))
    event_format = models.CharField(
        _("Format"), max_length=10, choices=Format.choices, default=Format.IN_PERSON
    )
    location = models.CharField(
        _("Ort"),
        max_length=255,
        blank=True,
        help_text=_("Adresse vor Ort, oder bei Online-Veranstaltungen z. B. „Zoom“."),
    )
    cost = models.DecimalField(
        _("Kosten in Euro"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leer lassen, wenn die Teilnahme kostenfrei ist."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("Beschreibung"), blank=True)

    objects = PageManager.from_queryset(EventQuerySet)()

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("subtitle"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("event_format"),
                FieldPanel("location"),
                FieldPanel("cost"),
            ],
            heading=_("Wann und wo"),
        ),
        FieldPanel("body"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("subtitle"),
        index.SearchField("body"),
        index.SearchField("location"),
        index.FilterField("start"),
        index.FilterField("end"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Veranstaltung")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("Das Ende muss nach dem Beginn liegen.")})

    @property
    def is_past(self) -> bool:
        return self.end < timezone.now()

    @property
    def is_free(self) -> bool:
        return not self.cost
