"""Finding centres near a place, and loading what a centre's card shows.

Ranking happens in the database: an indexed bounding-box query whose rows are measured on
the plane touching the Earth at the visitor's place (exact to metres at a finder's radius)
and filtered and sorted there, so Python never sees the centres outside the circle. Only the
centres actually shown (one page of results) are loaded, and only the fields a card needs,
with their offers and hours in one query each (`load_cards`). The number of queries stays
constant, whatever the number of centres.
"""

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import F, FloatField, Prefetch
from django.db.models.expressions import ExpressionWrapper
from django.utils import timezone

from dorfbrunnen.core.restrictions import public_pages

from . import geo, hours
from .models import CentrePage, Offer, OpeningException, OpeningHours

NEAREST_FALLBACK = 3


@dataclass
class CentreHit:
    centre: CentrePage
    distance_km: float | None = None


def published_centres():
    """The live centres visitors may see (not loaded: filter, order, then `load_cards`)."""
    return public_pages(CentrePage.objects.live())


def with_details(queryset):
    """A centre's page in full: its offers, hours and exceptions in a fixed number of
    queries."""
    return queryset.select_related("image").prefetch_related(
        Prefetch("offers", queryset=Offer.objects.order_by("name")),
        Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("weekday", "opens")),
        Prefetch("opening_exceptions", queryset=OpeningException.objects.order_by("start_date")),
    )


# What a card, a map point and an API feature read of a centre. Wagtail builds the URL from
# `url_path`; nothing else of the page row (body, SEO fields, revisions) is needed.
CARD_FIELDS = (
    "title",
    "slug",
    "url_path",
    "path",
    "depth",
    "locale_id",
    "content_type_id",
    "live",
    "street",
    "postcode",
    "town",
    "district",
    "latitude",
    "longitude",
    "closed_on_public_holidays",
    # the open-data feed's organisational contact (issue 19)
    "phone",
    "email",
    "website",
    "in_open_data",
)


def load_cards(centres, *, offers=None) -> list[CentrePage]:
    """The centres of `centres` (a queryset, in its order) with what their cards show, in
    four queries whatever their number: the centres' card fields, then their offers, hours
    and exceptions – filled into the lists the page model reads (`offers_list`,
    `hours_list`, `exceptions_list`), so the card and the centre's own page compute the
    opening status with the same code. Django's prefetching would do the same in more
    Python time (a model object per link row). `offers`: all offers, when the caller has
    them already."""
    cards = list(centres.only(*CARD_FIELDS))
    if not cards:
        return cards
    ids = [card.pk for card in cards]
    by_id = {card.pk: card for card in cards}
    offers = {offer.pk: offer for offer in (Offer.objects.all() if offers is None else offers)}
    offer_lists, hour_lists, exception_lists = (
        defaultdict(list),
        defaultdict(list),
        defaultdict(list),
    )
    links = CentrePage.offers.through.objects.filter(centrepage_id__in=ids)
    for centre_id, offer_id in links.values_list("centrepage_id", "offer_id"):
        offer_lists[centre_id].append(offers[offer_id])
    for row in OpeningHours.objects.filter(page_id__in=ids).order_by("weekday", "opens"):
        hour_lists[row.page_id].append(row)
    for row in OpeningException.objects.filter(page_id__in=ids).order_by("start_date"):
        exception_lists[row.page_id].append(row)
    for pk, card in by_id.items():
        # The page model's cached properties, filled in.
        card.__dict__["offers_list"] = sorted(offer_lists[pk], key=lambda offer: offer.name)
        card.__dict__["hours_list"] = hour_lists[pk]
        card.__dict__["exceptions_list"] = exception_lists[pk]
    return cards


def with_offers(queryset, offers):
    """Centres that have every one of the offers (slugs) – the finder's, widget's and
    API's one offer filter."""
    for slug in offers:
        queryset = queryset.filter(offers__slug=slug)
    return queryset


def offers_named(query: str) -> list[Offer]:
    """The offers a search query names („Kinderbetreuung“, „Beratung“, „kinderbetreuung
    dortmund“): each query word of four letters or more found in an offer's name, umlauts
    written either way."""
    words = [geo.normalize(word) for word in query.split()]
    words = [word for word in words if len(word) >= 4]
    if not words:
        return []
    return [
        offer
        for offer in Offer.objects.order_by("name")
        if any(word in geo.normalize(offer.name) for word in words)
    ]


def centres_offering(offer: Offer, *, limit: int = 5) -> tuple[list[CentrePage], int]:
    """Some published centres with this offer (by name), and how many there are."""
    centres = public_pages(CentrePage.objects.live()).filter(offers=offer).order_by("title")
    return list(centres.defer_streamfields()[:limit]), centres.count()


def open_now_ids(ids: list[int], now=None) -> set[int]:
    """Which of these centres are open now, computed from their hours in three queries."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    weekly, exceptions = defaultdict(list), defaultdict(list)
    for page_id, weekday, opens, closes in OpeningHours.objects.filter(page_id__in=ids).values_list(
        "page_id", "weekday", "opens", "closes"
    ):
        weekly[page_id].append(hours.Weekly(weekday, opens, closes))
    for page_id, start, end, closed, opens, closes in OpeningException.objects.filter(
        page_id__in=ids, start_date__lte=today, end_date__gte=today - timedelta(days=1)
    ).values_list("page_id", "start_date", "end_date", "closed", "opens", "closes"):
        exceptions[page_id].append(hours.Exception_(start, end or start, closed, opens, closes))
    holidays_close = dict(
        CentrePage.objects.filter(pk__in=ids).values_list("pk", "closed_on_public_holidays")
    )
    return {
        page_id
        for page_id in ids
        if hours.is_open_at(
            now, weekly[page_id], exceptions[page_id], holidays_close.get(page_id, True)
        )
    }


def rank_centres(
    *, place: geo.Place, radius_km: float, offers=(), open_now: bool = False
) -> tuple[list[tuple[float, int]], bool]:
    """(distance_km, centre id) of the matching centres within the radius, nearest first.

    With nothing in the radius: the three nearest matching centres anywhere, and False.
    """
    base = with_offers(public_pages(CentrePage.objects.live()), offers).filter(
        latitude__isnull=False
    )
    min_lat, max_lat, min_lon, max_lon = geo.bounding_box(
        place.latitude, place.longitude, radius_km
    )
    in_box = base.filter(latitude__range=(min_lat, max_lat), longitude__range=(min_lon, max_lon))
    ranked = _ranked(in_box, place, radius_km=radius_km)
    if open_now:
        open_ids = open_now_ids([pk for _, pk in ranked])
        ranked = [(distance, pk) for distance, pk in ranked if pk in open_ids]
    if ranked:
        return ranked, True
    # Nothing in the radius: the nearest anywhere, sorted and cut by the database.
    ranked = _ranked(base, place, limit=50 if open_now else NEAREST_FALLBACK)
    if open_now:
        open_ids = open_now_ids([pk for _, pk in ranked])
        ranked = [(distance, pk) for distance, pk in ranked if pk in open_ids]
    return ranked[:NEAREST_FALLBACK], False


def _ranked(queryset, place, *, radius_km=None, limit=None) -> list[tuple[float, int]]:
    """(distance_km, pk), nearest first. The distance is measured on the plane touching the
    Earth at the place – within a few hundred kilometres it differs from the great circle
    by less than the width of a street at finder radii, and the database can sort by it."""
    km_per_degree = math.radians(geo.EARTH_RADIUS_KM)
    east = km_per_degree * math.cos(math.radians(place.latitude))
    north_km = (F("latitude") - place.latitude) * km_per_degree
    east_km = (F("longitude") - place.longitude) * east
    rows = (
        queryset.annotate(
            distance_sq=ExpressionWrapper(
                north_km * north_km + east_km * east_km, output_field=FloatField()
            )
        )
        .order_by("distance_sq", "pk")
        .values_list("distance_sq", "pk")
    )
    if radius_km is not None:
        rows = rows.filter(distance_sq__lte=radius_km**2)
    if limit is not None:
        rows = rows[:limit]
    return [(math.sqrt(distance_sq), pk) for distance_sq, pk in rows]


def load_hits(ranked: list[tuple[float, int]], *, offers=None) -> list[CentreHit]:
    """The centres (card fields) for one page of ranked results, in ranking order."""
    # The ranking only holds live, public centres: no need to check that again.
    chosen = CentrePage.objects.filter(pk__in=[pk for _, pk in ranked])
    centres = {card.pk: card for card in load_cards(chosen, offers=offers)}
    return [CentreHit(centres[pk], distance) for distance, pk in ranked if pk in centres]


class CentreFinder:
    """The table the finder, the widget and the API's place search rank: the centres'
    pages. A national aggregator (FEDERATION_MODE=aggregator) ranks its listings of own
    and federated centres instead (federation/selectors.py registers that finder)."""

    def rank(self, *, place, radius_km, offers=(), open_now=False):
        return rank_centres(place=place, radius_km=radius_km, offers=offers, open_now=open_now)

    def load(self, ranked, *, offers=None) -> list[CentreHit]:
        return load_hits(ranked, offers=offers)

    def all_centres(self, offers=()):
        return with_offers(published_centres(), offers).order_by("title")

    def load_all(self, rows, *, offers=None) -> list:
        return load_cards(rows, offers=offers)

    def map_points(self):
        return None  # the page's own centres

    def others_named(self, query: str) -> list:
        """Other associations' centres a site search names (none on a normal instance)."""
        return []


_finders: dict[str, object] = {}


def finder_register(mode: str, finder) -> None:
    _finders[mode] = finder


def finder():
    """The finder for this installation's FEDERATION_MODE."""
    return _finders.get(settings.FEDERATION_MODE) or CentreFinder()
