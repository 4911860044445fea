"""The national site's data: the registered sources and what was fetched from them.

`Listing` is the one table of centres the aggregator's finder, API and search read: own
centres (copied on publish, `page` set) and federated ones (`source` set) side by side. A
federated record is plain text as the source sent it (templates escape it) and always
links to the source site, where its details and registration live.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dorfbrunnen.core.models import NotAUsage

# A source not reached for this long is flagged in the admin; its entries show their date.
SILENCE = timedelta(hours=48)


class Source(models.Model):
    """Another association's dorfbrunnen (or any site with the same feeds), registered by
    the national office. Only registered sources are ever fetched."""

    name = models.CharField(
        _("Name"),
        max_length=200,
        blank=True,
        help_text=_("Leer lassen: wird aus den Daten der Quelle übernommen."),
    )
    index_url = models.URLField(
        _("Adresse der offenen Daten"),
        unique=True,
        help_text=_(
            "Die Adresse …/api/v1/ der Webseite des Verbands, z. B. https://example.org/api/v1/"
        ),
    )
    active = models.BooleanField(_("Abrufen"), default=True)
    # From the source's index: who publishes, where, under which licence.
    publisher = models.CharField(_("Herausgeber"), max_length=200, blank=True, editable=False)
    region = models.CharField(_("Region"), max_length=100, blank=True, editable=False)
    site_url = models.URLField(_("Webseite"), blank=True, editable=False)
    licence_name = models.CharField(_("Lizenz"), max_length=100, blank=True, editable=False)
    licence_url = models.URLField(_("Lizenz (Adresse)"), blank=True, editable=False)
    attribution = models.CharField(_("Namensnennung"), max_length=200, blank=True, editable=False)
    # Per feed: {"centres": {"url": …, "etag": …, "last_modified": …}, …}
    validators = models.JSONField(default=dict, editable=False)
    last_attempt_at = models.DateTimeField(_("Zuletzt versucht"), null=True, editable=False)
    last_success_at = models.DateTimeField(_("Zuletzt erreicht"), null=True, editable=False)
    last_error = models.TextField(_("Letzter Fehler"), blank=True, editable=False)
    report = models.TextField(_("Übersprungene Einträge"), blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Quelle")
        verbose_name_plural = _("Quellen")
        ordering = ["name", "index_url"]

    def __str__(self):
        return self.name or self.publisher or self.index_url

    @property
    def silent(self) -> bool:
        """Not reached for 48 hours (or never, 48 hours after it was registered)."""
        since = self.last_success_at or self.created_at
        return since is not None and timezone.now() - since > SILENCE

    @property
    def state(self) -> str:
        """For the admin's list: is it answering?"""
        if self.silent:
            return _("Seit über 48 Stunden nicht erreicht")
        if self.last_error:
            return _("Letzter Abruf mit Fehler")
        if self.last_success_at is None:
            return _("Noch nicht abgerufen")
        return _("In Ordnung")

    state.fget.short_description = _("Zustand")

    @property
    def credit(self) -> str:
        return self.attribution or self.publisher or str(self)


class ListingQuerySet(models.QuerySet):
    def located(self):
        return self.filter(latitude__isnull=False)


class Listing(NotAUsage, models.Model):
    """A centre on the national site: own (`page`) or from a source (`source`)."""

    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.CASCADE, related_name="listings"
    )
    page = models.OneToOneField(
        "centres.CentrePage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="listing",
    )
    key = models.CharField(max_length=200)  # the record's id at its source
    name = models.CharField(max_length=200)
    url = models.URLField(max_length=500)
    street = models.CharField(max_length=200, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    town = models.CharField(max_length=100, blank=True)
    phone = models.CharField(max_length=50, blank=True)
    email = models.CharField(max_length=200, blank=True)
    website = models.CharField(max_length=500, blank=True)
    offers = models.CharField(max_length=500, blank=True)  # ",slug,slug," as in the feed
    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)

    objects = ListingQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "key"], name="listing_unique_per_source")
        ]
        indexes = [models.Index(fields=["latitude", "longitude"], name="listing_position")]

    def __str__(self):
        return self.name

    # What a card and a map point read (like a centre page's).
    is_federated = True
    card_template = "federation/listing_card.html"  # {% centre_cards %}

    @property
    def title(self) -> str:
        return self.name

    def get_url(self, request=None) -> str:
        return self.url

    def url_for(self, request=None) -> str:
        return self.url

    @property
    def address_line(self) -> str:
        return ", ".join(p for p in [self.street, f"{self.postcode} {self.town}".strip()] if p)

    @property
    def offer_slugs(self) -> list[str]:
        return [slug for slug in self.offers.split(",") if slug]


class FederatedEvent(NotAUsage, models.Model):
    """A coming date on the national calendar: from a source's events feed (links to the
    source's event page), or an own event's date (`source` None)."""

    # None: an own event, copied at every fetch.
    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )
    key = models.CharField(max_length=300)
    title = models.CharField(max_length=300)
    url = models.URLField(max_length=500)
    start = models.DateTimeField(db_index=True)
    end = models.DateTimeField()
    event_format = models.CharField(max_length=20, blank=True)
    cancelled = models.BooleanField(default=False)
    place = models.CharField(max_length=300, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)
    registration_url = models.URLField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "key"], name="federated_event_unique")
        ]
        indexes = [models.Index(fields=["latitude", "longitude"], name="federated_event_position")]

    def __str__(self):
        return self.title


class FederatedOffer(NotAUsage, models.Model):
    """A programme item from a source's offers feed."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="offers")
    key = models.CharField(max_length=200)
    title = models.CharField(max_length=300)
    url = models.URLField(max_length=500)
    centre = models.CharField(max_length=200, blank=True)
    topic = models.CharField(max_length=100, blank=True)
    languages = models.CharField(max_length=200, blank=True)
    schedule = models.JSONField(default=list)
    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "key"], name="federated_offer_unique")
        ]
        indexes = [models.Index(fields=["latitude", "longitude"], name="federated_offer_position")]

    def __str__(self):
        return self.title


def aggregating() -> bool:
    return settings.FEDERATION_MODE == "aggregator"
