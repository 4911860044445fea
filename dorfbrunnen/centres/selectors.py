"""Finding centres near a place: a bounding-box query on indexed coordinates, then exact
great-circle distances in Python. A constant number of queries, whatever the number of
centres."""

from dataclasses import dataclass

from django.db.models import Prefetch

from . import geo
from .models import CentrePage, Offer, OpeningException, OpeningHours

NEAREST_FALLBACK = 3


@dataclass
class CentreHit:
    centre: CentrePage
    distance_km: float | None = None


def published_centres():
    return (
        CentrePage.objects.live()
        .public()
        .select_related("image")
        .prefetch_related(
            Prefetch("offers", queryset=Offer.objects.order_by("name")),
            Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("weekday", "opens")),
            Prefetch(
                "opening_exceptions", queryset=OpeningException.objects.order_by("start_date")
            ),
        )
    )


def _with_offers(queryset, offers):
    for slug in offers:
        queryset = queryset.filter(offers__slug=slug)
    return queryset


def centres_near(
    *,
    place: geo.Place,
    radius_km: float,
    offers: list[str] = (),
    open_now: bool = False,
) -> tuple[list[CentreHit], bool]:
    """Centres within `radius_km` of `place`, nearest first.

    Returns (hits, within_radius). With nothing in the radius, the three nearest centres
    anywhere are returned and within_radius is False.
    """
    min_lat, max_lat, min_lon, max_lon = geo.bounding_box(
        place.latitude, place.longitude, radius_km
    )
    base = _with_offers(published_centres(), offers)
    candidates = base.filter(
        latitude__range=(min_lat, max_lat), longitude__range=(min_lon, max_lon)
    )
    hits = _sorted_hits(candidates, place, open_now)
    hits = [hit for hit in hits if hit.distance_km <= radius_km]
    if hits:
        return hits, True
    # Nothing near: the nearest few, found from coordinates alone before loading pages.
    coordinates = (
        _with_offers(CentrePage.objects.live().public(), offers)
        .filter(latitude__isnull=False)
        .values_list("pk", "latitude", "longitude")
    )
    nearest = sorted(
        coordinates,
        key=lambda row: geo.distance_km(place.latitude, place.longitude, row[1], row[2]),
    )
    # With "open now" some of the nearest drop out, so look a little further.
    ids = [row[0] for row in nearest[: NEAREST_FALLBACK * (10 if open_now else 1)]]
    hits = _sorted_hits(base.filter(pk__in=ids), place, open_now)[:NEAREST_FALLBACK]
    return hits, False


def _sorted_hits(queryset, place, open_now):
    hits = []
    for centre in queryset:
        if centre.latitude is None:
            continue
        if open_now and not centre.current_status.is_open:
            continue
        distance = geo.distance_km(
            place.latitude, place.longitude, centre.latitude, centre.longitude
        )
        hits.append(CentreHit(centre, distance))
    hits.sort(key=lambda hit: (hit.distance_km, hit.centre.title))
    return hits
