"""Finding centres near a place, and loading what a centre's card shows.

Ranking happens in the database: an indexed bounding-box query whose rows are measured on
the plane touching the Earth at the visitor's place (exact to metres at a finder's radius)
and filtered and sorted there, so Python never sees the centres outside the circle. Only the
centres actually shown (one page of results) are loaded, and only the fields a card needs,
with their offers and hours in one query each; each card is kept per centre (its stamp) and
site, and computes its coming opening intervals once a day (`cards_by_id`). The number of
queries stays constant, whatever the number of centres.
"""

import bisect
import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Count, F, FloatField, Func, Prefetch, Q, Window
from django.db.models.base import ModelState
from django.db.models.functions import RowNumber
from django.utils import timezone

from dorfbrunnen.core.content_cache import cached, cached_each, page_stamps, site_key
from dorfbrunnen.core.i18n import active_language, localized
from dorfbrunnen.core.restrictions import hidden_page_ids, public_pages

from . import geo, hours
from .models import CentreIndexPage, CentrePage, Offer, OpeningException, OpeningHours

NEAREST_FALLBACK = 3


@dataclass
class CentreHit:
    centre: CentrePage
    distance_km: float | None = None


def all_offers() -> list[Offer]:
    """Every offer, by name – kept until an offer changes: the finder's checkboxes and
    every card read them."""
    return cached("centre-offers", lambda: list(Offer.objects.order_by("name")), shared=True)


def finder_page() -> CentreIndexPage | None:
    """The centre finder in the visitor's language, kept per content version: where the
    home page's finder box and the site search's offer hits lead."""
    return cached(
        f"centres:finder:{active_language()}",
        lambda: localized(CentreIndexPage.objects.live().first()),
    )


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


# Above this many (the API's list of all centres), cards come straight from the database.
CARD_CACHE_MAX = 100
# A card is kept under its centre's stamp, so it cannot go stale; two days keep it over
# midnight, when it only computes the new day's intervals (`CentrePage.for_today`).
CARD_KEPT_SECONDS = 2 * 24 * 60 * 60


def load_cards(centres, *, offers=None, request=None) -> list[CentrePage]:
    """The centres of `centres` (a queryset, in its order) with what their cards show."""
    return cards_by_id(list(centres.values_list("pk", flat=True)), offers=offers, request=request)


def cards_by_id(ids: list[int], *, offers=None, request=None, stamps=None) -> list[CentrePage]:
    """The cards of these centres, in this order: each kept per centre (its stamp, see
    `core.content_cache.page_stamps`) and site, the missing ones read in four queries
    whatever their number (`_read_cards`). A search of 20 centres near a postcode mostly
    finds cards another search built, also after other centres were published, and on the
    days after: a card computes its coming opening intervals once a day from the hours it
    carries (`CentrePage.for_today`). `offers`: all offers, when the caller has them
    already; `stamps`: the centres' stamps, when it read them. Each card carries its
    `stamp`, for what is kept of it in turn (its rendered HTML)."""
    if len(ids) > CARD_CACHE_MAX:
        found = _read_cards(ids, offers=offers)
        return [found[pk] for pk in ids if pk in found]
    stamps = page_stamps(ids) if stamps is None else stamps
    kept = cached_each(
        # „plain“: what is kept is `_kept`'s form (older forms are not read).
        f"centre-card-plain:{site_key(request)}",
        [pk for pk in ids if pk in stamps],
        lambda missing: {
            pk: _kept(card)
            for pk, card in _read_cards(missing, offers=offers, kept_for=request).items()
        },
        timeout=CARD_KEPT_SECONDS,
        stamps=stamps,
    )
    by_id = {offer.pk: offer for offer in (all_offers() if offers is None else offers)}
    cards = []
    for pk in ids:
        if values := kept.get(pk):
            card = _card(values, offers=[by_id[i] for i in values["offers_list"] if i in by_id])
            card.stamp = stamps[pk]
            cards.append(card.for_today())
    return cards


def _kept(card: CentrePage) -> dict:
    """What is kept of a card: plain values – its fields, its offers by id (the offers
    themselves are kept once), its weekly hours and exceptions as rows, and the day's
    opening intervals as the browser's JSON. A search unpickles 20 to 50 cards; as page
    objects with the hours' records and the intervals' datetimes, pickling 50 cost 2.5 ms
    and unpickling them 1.2 ms, as plain values 0.5 and 0.3 ms (docs/benchmarks.md)."""
    values = {name: card.__dict__[name] for name in CARD_ATTRIBUTES}
    values["offers_list"] = [offer.pk for offer in card.offers_list]
    values["weekly_rows"] = [(w.weekday, w.opens, w.closes) for w in card.weekly_hours]
    values["exception_rows"] = [
        (e.start, e.end, e.closed, e.opens, e.closes) for e in card.hour_exceptions
    ]
    values["hours_json"] = card.hours_json
    values["intervals_day"] = card.intervals_day
    values["card_url"] = card.card_url
    return values


def _card(values: dict, *, offers: list[Offer]) -> CentrePage:
    """A centre page made from a card's values, as unpickling would make it: without the
    page model's `__init__`, which cost 50 µs per page (a third of reading 50 cards). Only
    these values are loaded; any other field is read from the database when asked for,
    as with `only()`."""
    card = CentrePage.__new__(CentrePage)
    card.__dict__.update(values)
    card.__dict__["offers_list"] = offers
    card._state = ModelState()
    card._state.adding, card._state.db = False, DEFAULT_DB_ALIAS
    return card


# A card's fields as they are named on the page object (its id also as the page pointer).
CARD_ATTRIBUTES = (*CARD_FIELDS, "id", "page_ptr_id")


def _read_cards(ids, *, offers=None, kept_for=False) -> dict[int, CentrePage]:
    """{id: centre} with the card's fields, then offers, weekly hours and exceptions in one
    query each – filled in where the page model reads them (`offers_list`, `weekly_hours`,
    `hour_exceptions`), so the card and the centre's own page compute the opening status
    with the same code. The pages and the hours come as plain rows (`_card`, `_hours_of`):
    a model object per row was a third of building 50 cards."""
    rows = CentrePage.objects.filter(pk__in=ids).values(*CARD_ATTRIBUTES)
    if not (rows := {row["id"]: row for row in rows}):
        return {}
    ids = list(rows)
    offers = {offer.pk: offer for offer in (all_offers() if offers is None else offers)}
    offer_lists = defaultdict(list)
    links = CentrePage.offers.through.objects.filter(centrepage_id__in=ids)
    for centre_id, offer_id in links.values_list("centrepage_id", "offer_id"):
        offer_lists[centre_id].append(offers[offer_id])
    weekly, exceptions = _hours_of(ids)
    by_id = {}
    for pk, row in rows.items():
        card = by_id[pk] = _card(
            # The page model's cached properties, filled in.
            {**row, "weekly_hours": weekly[pk], "hour_exceptions": exceptions[pk]},
            offers=sorted(offer_lists[pk], key=lambda offer: offer.name),
        )
        if kept_for is not False:  # what a card computes, done once for the cache
            card.hours_json  # noqa: B018 – the day's intervals
            card.__dict__["card_url"] = card.get_url(kept_for)
    return by_id


def _hours_of(ids, exceptions: Q | None = None) -> tuple[dict, dict]:
    """({id: weekly hours}, {id: exceptions}) of these centres – those exceptions matching
    `exceptions` – as the hours module's records, read as plain rows in two queries
    (Django would build a model object per row)."""
    weekly_rows, exception_rows = defaultdict(list), defaultdict(list)
    weekly = OpeningHours.objects.filter(page_id__in=ids).order_by("weekday", "opens")
    for page_id, *row in weekly.values_list("page_id", "weekday", "opens", "closes"):
        weekly_rows[page_id].append(row)
    found = OpeningException.objects.filter(exceptions or Q(), page_id__in=ids)
    found = found.order_by("start_date", "sort_order")  # as the page sorts them
    for page_id, *row in found.values_list(
        "page_id", "start_date", "end_date", "closed", "opens", "closes"
    ):
        exception_rows[page_id].append(row)
    return (
        {pk: hours.weekly_times(weekly_rows[pk]) for pk in ids},
        {pk: hours.exceptions_from(exception_rows[pk]) for pk in ids},
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
        offer for offer in all_offers() if any(word in geo.normalize(offer.name) for word in words)
    ]


# How many centres the site search names for an offer.
OFFER_HIT_CENTRES = 5


def centres_offering(offer: Offer) -> tuple[list[CentrePage], int]:
    """Some published centres with this offer (the first by title), and how many there are –
    each centre in the visitor's language where translated (those `public_pages` lists)."""
    return _offer_hits().get(offer.pk, ([], 0))


def _offer_hits() -> dict[int, tuple[list[CentrePage], int]]:
    """{offer id: (its first centres by title, as cards; how many)} – for every offer at
    once, kept per content version and language. With thousands of centres, counting those
    with a common offer („Offenes Café“) cost a site search more than its own full-text
    match; built offer by offer, each offer a search named after a publish paid for its
    own (4–9 ms), several searches in a row."""

    def build():
        # One query for all offers, over the links less the centres a visitor does not see
        # (kept for the finder): each offer's centres numbered by title, and counted. Joining
        # the page table to count cost 10–15 ms for a common offer; a query per offer for
        # its first five made one search after each publish ask the database 16 times.
        hidden = hidden_page_ids(CentrePage)
        by_offer = {"partition_by": F("offer_id")}
        rows = (
            CentrePage.offers.through.objects.exclude(centrepage_id__in=hidden)
            .annotate(
                place=Window(
                    RowNumber(), order_by=[F("centrepage__title"), F("centrepage_id")], **by_offer
                ),
                count=Window(Count("pk"), **by_offer),
            )
            .filter(place__lte=OFFER_HIT_CENTRES)
            .order_by("offer_id", "place")
            .values_list("offer_id", "centrepage_id", "count")
        )
        first, counts = defaultdict(list), {}
        for offer_id, centre_id, count in rows:
            first[offer_id].append(centre_id)
            counts[offer_id] = count
        # Shown as their kept cards: a publish elsewhere leaves those kept.
        cards = {
            card.pk: card for card in cards_by_id([pk for ids in first.values() for pk in ids])
        }
        return {
            offer_id: ([cards[pk] for pk in ids if pk in cards], counts[offer_id])
            for offer_id, ids in first.items()
        }

    return cached(f"offer-hits:{active_language()}", build)


def _exceptions_touching(today) -> Q:
    """The exceptions that decide whether a centre is open today: those of yesterday (an
    opening may run past midnight) or today; one without an end date is a single day."""
    yesterday = today - timedelta(days=1)
    touching = Q(end_date__gte=yesterday) | Q(end_date__isnull=True, start_date__gte=yesterday)
    return touching & Q(start_date__lte=today)


def open_now_ids(ids: list[int], now=None) -> set[int]:
    """Which of these centres are open now, computed from their hours in three queries."""
    now = now or timezone.now()
    weekly, exceptions = _hours_of(ids, _exceptions_touching(timezone.localdate(now)))
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


def open_status_moment(now=None) -> str:
    """When some centre last opened or closed today, up to `now` ("" before the first):
    besides published content and the date, what an answer saying „open now“ depends on
    (the centre API's ETag changes with it). From the distinct weekly times and the
    exceptions of all centres; hours change only by publishing, so each day's moments are
    kept per content version."""
    now = now or timezone.now()
    today = timezone.localdate(now)

    def build():
        weekly = OpeningHours.objects.order_by().values_list("weekday", "opens", "closes")
        exceptions = OpeningException.objects.filter(_exceptions_touching(today), closed=False)
        exceptions = exceptions.order_by().values_list(
            "start_date", "end_date", "closed", "opens", "closes"
        )
        return hours.moments_of_change(
            today,
            hours.weekly_times(weekly.distinct()),
            hours.exceptions_from(exceptions.distinct()),
        )

    moments = cached(f"centre-status-moments:{today.isoformat()}", build)
    passed = bisect.bisect_right(moments, now)
    return moments[passed - 1].isoformat() if passed else ""


def _located(offers=()):
    # The centres' own table only: visibility comes from the cached hidden ids.
    return with_offers(
        CentrePage.objects.exclude(pk__in=hidden_page_ids(CentrePage)), offers
    ).filter(latitude__isnull=False)


def rank_centres(
    *,
    place: geo.Place,
    radius_km: float,
    offers=(),
    open_now: bool = False,
    open_data: bool = False,
) -> tuple[list[tuple[float, int]], bool]:
    """(distance_km, centre id) of the matching centres within the radius, nearest first.
    `open_data`: only centres in the open data (`in_open_data`, the API).

    With nothing in the radius: the three nearest matching centres anywhere, and False.
    """
    base = _located(offers)
    if open_data:
        base = base.filter(in_open_data=True)
    return rank_near(base, place, radius_km, open_only=_open_only if open_now else None)


def _open_only(ranked):
    open_ids = open_now_ids([pk for _, pk in ranked])
    return [(distance, pk) for distance, pk in ranked if pk in open_ids]


def rank_near(base, place: geo.Place, radius_km: float, *, open_only=None):
    """(ranked, within) – the rows of `base` (anything with a latitude and a longitude:
    centres, or a national site's listings) within the radius, nearest first, found through
    the indexed bounding box; with none there the three nearest anywhere and False.
    `open_only`: keeps the rows of a ranking that are open now (the „offen“ filter)."""
    ranked = rank_by_distance(within_radius(base, place, radius_km), place)
    if open_only:
        ranked = open_only(ranked)
    if ranked:
        return ranked, True
    # Nothing in the radius: the nearest anywhere, sorted and cut by the database.
    ranked = rank_by_distance(base, place, limit=50 if open_only else NEAREST_FALLBACK)
    if open_only:
        ranked = open_only(ranked)
    return ranked[:NEAREST_FALLBACK], False


class _PlaneDistanceSq(Func):
    """((lat − lat₀)·k_north)² + ((lon − lon₀)·k_east)² as one node: the same sum as a tree of
    F() arithmetic, which Django resolves and compiles node by node in the select, the filter
    and the order of every search."""

    output_field = FloatField()
    # The databases return the sum as a float already; Django would otherwise call float()
    # on each of the hundreds of rows a ranking reads (6 ms of a search in cProfile).
    convert_value = staticmethod(Func._convert_value_noop)

    def __init__(self, latitude, longitude, *, origin: tuple, scale: tuple):
        super().__init__(latitude, longitude)
        self.origin, self.scale = origin, scale

    def as_sql(self, compiler, connection, **extra_context):
        latitude, longitude = self.get_source_expressions()
        lat_sql, lat_params = compiler.compile(latitude)
        lon_sql, lon_params = compiler.compile(longitude)
        (lat0, lon0), (north, east) = self.origin, self.scale
        north_km, east_km = f"(({lat_sql} - %s) * %s)", f"(({lon_sql} - %s) * %s)"
        return (
            f"({north_km} * {north_km} + {east_km} * {east_km})",
            (*lat_params, lat0, north) * 2 + (*lon_params, lon0, east) * 2,
        )


def distance_sq(place: geo.Place, centre: str = ""):
    """The squared distance (km²) from the place to a centre's point (`centre`: the path to
    the centre, e.g. "page__"), on the plane touching the Earth at the place."""
    km_per_degree = math.radians(geo.EARTH_RADIUS_KM)
    east = km_per_degree * math.cos(math.radians(place.latitude))
    return _PlaneDistanceSq(
        F(f"{centre}latitude"),
        F(f"{centre}longitude"),
        origin=(place.latitude, place.longitude),
        scale=(km_per_degree, east),
    )


def in_box(place: geo.Place, radius_km: float, centre: str = "") -> Q:
    """The indexed bounding box around the radius, for the rows' coordinates (or their
    centre's: `centre` is the path to it, e.g. "page__")."""
    min_lat, max_lat, min_lon, max_lon = geo.bounding_box(
        place.latitude, place.longitude, radius_km
    )
    return Q(
        **{
            f"{centre}latitude__range": (min_lat, max_lat),
            f"{centre}longitude__range": (min_lon, max_lon),
        }
    )


def within_radius(queryset, place: geo.Place, radius_km: float, centre: str = ""):
    """The rows of `queryset` whose point (or their centre's) lies within the radius: the
    indexed box first, then the plane distance (`distance_sq`), both in the database – the
    centre finder, the offer search and the national calendar."""
    return (
        queryset.filter(in_box(place, radius_km, centre))
        .alias(radius_distance_sq=distance_sq(place, centre))
        .filter(radius_distance_sq__lte=radius_km**2)
    )


def rank_by_distance(queryset, place, *, limit=None) -> list[tuple[float, int]]:
    """(distance_km, pk) of `queryset`'s rows (centres, or a national site's listings: a
    latitude and a longitude), nearest first. The distance is measured on the plane touching the
    Earth at the place – within a few hundred kilometres it differs from the great circle
    by less than the width of a street at finder radii, and the database can sort by it."""
    rows = (
        queryset.annotate(distance_sq=distance_sq(place))
        .order_by("distance_sq", "pk")
        .values_list("distance_sq", "pk")
    )
    if limit is not None:
        rows = rows[:limit]
    return [(math.sqrt(distance_sq), pk) for distance_sq, pk in rows]


def load_hits(ranked: list[tuple[float, int]], *, offers=None, request=None) -> list[CentreHit]:
    """The centres (card fields) for one page of ranked results, in ranking order."""
    # The ranking only holds live, public centres: no need to check that again.
    centres = {
        card.pk: card
        for card in cards_by_id([pk for _, pk in ranked], offers=offers, request=request)
    }
    return [CentreHit(centres[pk], distance) for distance, pk in ranked if pk in centres]


class CentreFinder:
    """The table the finder, the widget and the API's place search rank: the centres'
    pages. A national aggregator (FEDERATION_MODE=aggregator) ranks its listings of own
    and federated centres instead (federation/selectors.py registers that finder)."""

    def rank(self, *, place, radius_km, offers=(), open_now=False, open_data=False):
        return rank_centres(
            place=place,
            radius_km=radius_km,
            offers=offers,
            open_now=open_now,
            open_data=open_data,
        )

    def load(self, ranked, *, offers=None, request=None) -> list[CentreHit]:
        return load_hits(ranked, offers=offers, request=request)

    def all_centres(self, offers=(), *, open_now=False):
        centres = with_offers(published_centres(), offers).order_by("title")
        if open_now:
            ids = list(centres.values_list("pk", flat=True))
            centres = centres.filter(pk__in=open_now_ids(ids))
        return centres

    def load_all(self, rows, *, offers=None, request=None) -> list:
        return load_cards(rows, offers=offers, request=request)

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
