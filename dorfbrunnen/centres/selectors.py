"""Finding centres near a place.

Ranking reads only coordinates: an indexed bounding-box query, then exact great-circle
distances in Python. Only the centres actually shown (one page of results) are loaded in
full. The number of queries stays constant, whatever the number of centres.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Prefetch
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
    return with_details(public_pages(CentrePage.objects.live()))


def _cards():
    # Cards and map markers never show a centre's body: no need to load and parse it.
    return with_details(CentrePage.objects.defer_streamfields())


def with_details(queryset):
    """What a centre card shows, in a fixed number of queries."""
    return queryset.select_related("image").prefetch_related(
        Prefetch("offers", queryset=Offer.objects.order_by("name")),
        Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("weekday", "opens")),
        Prefetch("opening_exceptions", queryset=OpeningException.objects.order_by("start_date")),
    )


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
    result = set()
    for page_id in ids:
        intervals = hours.open_intervals(
            today - timedelta(days=1),
            2,
            weekly[page_id],
            exceptions[page_id],
            holidays_close.get(page_id, True),
        )
        if hours.status_at(now, intervals).is_open:
            result.add(page_id)
    return result


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
    ranked = _ranked(in_box, place)
    ranked = [(distance, pk) for distance, pk in ranked if distance <= radius_km]
    if open_now:
        open_ids = open_now_ids([pk for _, pk in ranked])
        ranked = [(distance, pk) for distance, pk in ranked if pk in open_ids]
    if ranked:
        return ranked, True
    ranked = _ranked(base, place)
    if open_now:
        open_ids = open_now_ids([pk for _, pk in ranked[:50]])
        ranked = [(distance, pk) for distance, pk in ranked[:50] if pk in open_ids]
    return ranked[:NEAREST_FALLBACK], False


def _ranked(queryset, place) -> list[tuple[float, int]]:
    rows = queryset.order_by().values_list("pk", "latitude", "longitude")
    return sorted(
        (geo.distance_km(place.latitude, place.longitude, lat, lon), pk) for pk, lat, lon in rows
    )


def load_hits(ranked: list[tuple[float, int]]) -> list[CentreHit]:
    """The full centres for one page of ranked results, in ranking order."""
    # The ranking only holds live, public centres: no need to check that again.
    centres = _cards().in_bulk([pk for _, pk in ranked])
    return [CentreHit(centres[pk], distance) for distance, pk in ranked if pk in centres]


def centres_near(**kwargs) -> tuple[list[CentreHit], bool]:
    """All matching centres in the radius, loaded (for the API)."""
    ranked, within = rank_centres(**kwargs)
    return load_hits(ranked), within
