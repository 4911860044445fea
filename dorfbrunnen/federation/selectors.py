"""The national site's finder: own and federated centres ranked together in one table.

The same plane-distance ranking as the centres' own finder (centres/selectors.py), run on
`Listing`; the rows shown are then loaded – own centres as their pages' cards (opening
status, offers), federated ones as their listing (a link to the source site).
"""

import math

from django.db.models import F, FloatField, Q
from django.db.models.expressions import ExpressionWrapper

from dorfbrunnen.centres import geo
from dorfbrunnen.centres.selectors import NEAREST_FALLBACK, CentreHit, load_cards, open_now_ids

from .models import Listing


def _with_offers(queryset, offers):
    for slug in offers:
        queryset = queryset.filter(offers__contains=f",{slug},")
    return queryset


def _ranked(queryset, place, *, radius_km=None, limit=None) -> list[tuple[float, int]]:
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


def _only_open(ranked):
    """Open now: only own centres can tell (federated ones have no hours here)."""
    pages = dict(
        Listing.objects.filter(pk__in=[pk for _d, pk in ranked], page__isnull=False).values_list(
            "pk", "page_id"
        )
    )
    open_pages = open_now_ids(list(pages.values()))
    return [(d, pk) for d, pk in ranked if pages.get(pk) in open_pages]


class ListingFinder:
    """What centres.selectors.finder() gives on an aggregator."""

    def rank(self, *, place, radius_km, offers=(), open_now=False):
        base = _with_offers(Listing.objects.located(), offers)
        min_lat, max_lat, min_lon, max_lon = geo.bounding_box(
            place.latitude, place.longitude, radius_km
        )
        in_box = base.filter(
            latitude__range=(min_lat, max_lat), longitude__range=(min_lon, max_lon)
        )
        ranked = _ranked(in_box, place, radius_km=radius_km)
        if open_now:
            ranked = _only_open(ranked)
        if ranked:
            return ranked, True
        ranked = _ranked(base, place, limit=50 if open_now else NEAREST_FALLBACK)
        if open_now:
            ranked = _only_open(ranked)
        return ranked[:NEAREST_FALLBACK], False

    def load(self, ranked, *, offers=None) -> list[CentreHit]:
        loaded = self._loaded([pk for _d, pk in ranked], offers=offers)
        return [CentreHit(loaded[pk], distance) for distance, pk in ranked if pk in loaded]

    def all_centres(self, offers=()):
        """Listing ids, by name (to page through)."""
        return (
            _with_offers(Listing.objects.all(), offers)
            .order_by("name", "pk")
            .values_list("pk", flat=True)
        )

    def load_all(self, ids, *, offers=None) -> list:
        """The listings `ids` in this order: own centres as their page cards, federated
        ones as listings with their source."""
        ids = list(ids)
        loaded = self._loaded(ids, offers=offers)
        return [loaded[pk] for pk in ids if pk in loaded]

    def _loaded(self, ids, *, offers=None) -> dict:
        listings = Listing.objects.select_related("source").in_bulk(ids)
        page_ids = [row.page_id for row in listings.values() if row.page_id]
        from dorfbrunnen.centres.models import CentrePage

        own = (
            load_cards(CentrePage.objects.filter(pk__in=page_ids), offers=offers)
            if page_ids
            else []
        )
        cards = {card.pk: card for card in own}
        return {
            pk: cards.get(row.page_id, row) if row.page_id else row for pk, row in listings.items()
        }

    def others_named(self, query: str, *, limit: int = 10) -> list:
        """Federated centres whose name or town holds every word of the query (the site
        search on a national site: its pages are searched as usual, these beside them)."""
        words = [word for word in query.split() if len(word) >= 3]
        if not words:
            return []
        rows = Listing.objects.filter(source__isnull=False).select_related("source")
        for word in words:
            rows = rows.filter(Q(name__icontains=word) | Q(town__icontains=word))
        return list(rows.order_by("name", "pk")[:limit])

    def map_points(self):
        """Every located centre for the national map (title, link, position only)."""
        return list(
            Listing.objects.located().only("name", "url", "latitude", "longitude", "page_id")
        )
