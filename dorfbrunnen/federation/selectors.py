"""The national site's finder: own and federated centres ranked together in one table.

The centres' own ranking (centres.selectors.rank_near: box, radius, the nearest when none),
run on `Listing`; the rows shown are then loaded – own centres as their pages' cards (opening
status, offers), federated ones as their listing (a link to the source site).
"""

from django.db.models import Q

from dorfbrunnen.centres.selectors import CentreHit, cards_by_id, open_now_ids, rank_near

from .models import Listing


def _with_offers(queryset, offers):
    for slug in offers:
        queryset = queryset.filter(offers__contains=f",{slug},")
    return queryset


def _open_listing_ids(ids) -> set[int]:
    """Of these listings, those open now: only own centres can tell (federated ones have no
    hours here)."""
    pages = dict(
        Listing.objects.filter(pk__in=list(ids), page__isnull=False).values_list("pk", "page_id")
    )
    open_pages = open_now_ids(list(pages.values()))
    return {pk for pk, page_id in pages.items() if page_id in open_pages}


def _only_open(ranked):
    open_ids = _open_listing_ids(pk for _d, pk in ranked)
    return [(d, pk) for d, pk in ranked if pk in open_ids]


class ListingFinder:
    """What centres.selectors.finder() gives on an aggregator."""

    def rank(self, *, place, radius_km, offers=(), open_now=False, open_data=False):
        base = _with_offers(Listing.objects.located(), offers)
        if open_data:  # own centres that opted out (a source's are open data)
            base = base.exclude(page__in_open_data=False)
        return rank_near(base, place, radius_km, open_only=_only_open if open_now else None)

    def load(self, ranked, *, offers=None, request=None) -> list[CentreHit]:
        loaded = self._loaded([pk for _d, pk in ranked], offers=offers, request=request)
        return [CentreHit(loaded[pk], distance) for distance, pk in ranked if pk in loaded]

    def all_centres(self, offers=(), *, open_now=False):
        """Listing ids, by name (to page through)."""
        listings = _with_offers(Listing.objects.all(), offers).order_by("name", "pk")
        ids = listings.values_list("pk", flat=True)
        if not open_now:
            return ids
        ids = list(ids)
        open_ids = _open_listing_ids(ids)
        return [pk for pk in ids if pk in open_ids]

    def load_all(self, ids, *, offers=None, request=None) -> list:
        """The listings `ids` in this order: own centres as their page cards, federated
        ones as listings with their source."""
        ids = list(ids)
        loaded = self._loaded(ids, offers=offers, request=request)
        return [loaded[pk] for pk in ids if pk in loaded]

    def _loaded(self, ids, *, offers=None, request=None) -> dict:
        listings = Listing.objects.select_related("source").in_bulk(ids)
        page_ids = [row.page_id for row in listings.values() if row.page_id]
        own = cards_by_id(page_ids, offers=offers, request=request) if page_ids else []
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
