"""The centres' weekly programmes: the search (finder `/angebote/` and `/api/v1/offers/`)
and „Noch aktuell?“.

Search: one grouped query ranks the centres in the radius (the indexed bounding box of
their coordinates, as in the centre finder) by distance, with the number of their current
items that pass every filter in SQL – age range (open bounds match), language tag, topic,
weekdays (a bit mask); a page of results then reads only the items of the centres it
shows. The number of queries does not grow with the number of centres or items.

Kept current: an item is shown while it is valid (`valid_from`/`valid_until`) and was
confirmed within `CONFIRM_EVERY_DAYS`. `programme_remind` (periodic command
`remind_programme`) asks the centre's editors – or the office, where a centre has none –
a month before either runs out; the link in the mail leads to a page with one button
(`programme_confirm`, POST only).
"""

import math
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from itertools import accumulate

from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from wagtail.models import Site

from dorfbrunnen.core.content_cache import cached_each, content_changed, stamp
from dorfbrunnen.core.i18n import default_language
from dorfbrunnen.core.mail import mail_queue, render_text
from dorfbrunnen.core.restrictions import hidden_page_ids, public_pages

from . import geo
from .models import (
    CONFIRM_EVERY_DAYS,
    REMIND_DAYS_BEFORE,
    CentrePage,
    ProgrammeFinderPage,
    ProgrammeItem,
    shown_on,
)
from .selectors import cards_by_id, distance_sq, within_radius

ADULT_AGE = Decimal(18)  # „für mich“
# The age a search asks for – the finder's `alter`, the API's `age`: years from 0 to
# MAX_AGE, decimals as exact as given (an aggregator may reckon from a birthday), „,“ or
# „.“ as the decimal mark in every language (the finder's hint, „z. B. 3 oder 1,5“, is
# German); at most AGE_LENGTH characters, a float's digits, not thousands.
MAX_AGE = 120  # the message names it
AGE_LENGTH = 20
AGE = re.compile(r"[-+]?\d+(?:[.,]\d+)?")
CONFIRM_SALT = "programme-confirm"
CONFIRM_LINK_DAYS = 60


@dataclass
class ProgrammeHit:
    item: ProgrammeItem
    distance_km: float | None


@dataclass(frozen=True)
class ProgrammeQuery:
    """What a visitor or a client asks for; every part optional."""

    age: Decimal | None = None
    language: str = ""
    topic: str = ""  # an Offer slug
    # 1 = Monday … 7 = Sunday; any of them. None: any day; empty: no day at all.
    weekdays: frozenset[int] | None = None


def read_age(text: str) -> Decimal | None:
    """An age as a search takes it (see AGE); None when empty. Raises ValueError with the
    German message for the visitor or the API's client."""
    text = text.strip()
    if not text:
        return None
    if len(text) > AGE_LENGTH or not AGE.fullmatch(text):
        raise ValueError(_("Bitte das Alter als Zahl angeben, z. B. 3 oder 1,5."))
    age = Decimal(text.replace(",", "."))
    if age < 0:
        raise ValueError(_("Das Alter kann nicht negativ sein."))
    if age > MAX_AGE:
        raise ValueError(_("Bitte ein Alter bis 120 Jahre angeben."))
    return age


def weekday_mask(weekdays) -> int:
    return sum(1 << (day - 1) for day in set(weekdays))


def asked_weekdays(weekday: int | None, when: str, today) -> frozenset[int] | None:
    """The days a search asks for: a weekday, „heute“, „woche“ (today to Sunday), or a
    weekday and one of those – then that weekday if it is among them, else none (an empty
    result, as for any other filter nothing passes). None: any day."""
    if when == "heute":
        days = {today.isoweekday()}
    elif when == "woche":
        days = set(range(today.isoweekday(), 8))
    else:
        days = None
    if weekday:
        days = {weekday} if days is None else {weekday} & days
    return None if days is None else frozenset(days)


def filtered_items(query: ProgrammeQuery, today=None):
    """The current items that match every part of the query (the caller keeps them to
    published, public centres: by their ids, without a join)."""
    items = ProgrammeItem.objects.current(today)
    if query.age is not None:
        items = items.filter(
            Q(age_min__isnull=True) | Q(age_min__lte=query.age),
            Q(age_max__isnull=True) | Q(age_max__gte=query.age),
        )
    if query.language:
        # „ar“ also finds „ar-SY“; a tag with a region finds exactly itself.
        items = items.filter(
            Q(language_tags__contains=f",{query.language},")
            | Q(language_tags__contains=f",{query.language}-")
        )
    if query.topic:
        items = items.filter(topic__slug=query.topic)
    if query.weekdays is not None:  # no day asked for: the mask is 0 and nothing passes
        items = items.alias(days=F("weekday_bits").bitand(weekday_mask(query.weekdays))).filter(
            days__gt=0
        )
    return items


def _with_cards(items):
    # A result shows the item, its topic and its centre's name, address and place: never
    # the centre's body.
    return items.select_related("topic", "page").only(
        *(
            f.name
            for f in ProgrammeItem._meta.concrete_fields
            if f.name not in ("page", "topic", "id")
        ),
        "id",
        "page_id",
        "topic__name",
        "topic__slug",
        "page__title",
        "page__url_path",
        "page__slug",
        "page__street",
        "page__postcode",
        "page__town",
        "page__latitude",
        "page__longitude",
        "page__step_free_access",
        "page__accessible_toilet",
        "page__in_open_data",
        "page__path",
        "page__depth",
        "page__content_type_id",
        "page__locale_id",
    )


WEEK_MINUTES = 7 * 24 * 60


def week_minute(now) -> int:
    """Minutes since Monday 00:00, Berlin time."""
    local = timezone.localtime(now)
    return (local.weekday() * 24 + local.hour) * 60 + local.minute


def minutes_until(schedule: list[dict], current: int) -> int:
    """Minutes from `current` (a week minute) until the item next begins; 0 while it runs."""
    best = WEEK_MINUTES
    for slot in schedule:
        day = (slot["weekday"] - 1) * 1440
        start = day + int(slot["start"][:2]) * 60 + int(slot["start"][3:])
        end = day + int(slot["end"][:2]) * 60 + int(slot["end"][3:])
        if start <= current < end:
            return 0
        best = min(best, (start - current) % WEEK_MINUTES)
    return best


class RankedProgramme(Sequence):
    """The matching items near a place as the finder pages through them: one row per centre
    – (distance_km, centre id, how many of its items match), nearest first – counted and
    sliced as the flat list of items (for Django's Paginator) without reading an item. A
    slice gives the centre id of each item position; `load_programme_hits` reads the items."""

    def __init__(self, centres: list[tuple[float, int, int]], query: "ProgrammeQuery", today):
        self.centres, self.query, self.today = centres, query, today
        self.offsets = list(accumulate((count for _d, _c, count in centres), initial=0))

    def __len__(self) -> int:
        return self.offsets[-1]

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[at] for at in range(*index.indices(len(self)))]
        position = index + len(self) if index < 0 else index
        if not 0 <= position < len(self):
            raise IndexError(index)
        return self.centres[bisect_right(self.offsets, position) - 1][1]


def rank_programme(
    *, place: geo.Place, radius_km: float, query: ProgrammeQuery, now=None
) -> RankedProgramme:
    """The centres within the radius that have matching items, nearest first (ties by id),
    with the number of matching items each. One grouped query over the items and their
    centres' points (not the page table): visibility by the centres' cached hidden ids,
    distance measured and sorted by the database."""
    today = timezone.localdate(now or timezone.now())
    items = filtered_items(query, today).exclude(page_id__in=hidden_page_ids(CentrePage))
    rows = (
        within_radius(items, place, radius_km, "page__")
        .values("page_id")
        .annotate(distance_sq=distance_sq(place, "page__"), matching=Count("pk"))
        .order_by("distance_sq", "page_id")
        .values_list("distance_sq", "page_id", "matching")
    )
    centres = [(math.sqrt(squared), page_id, matching) for squared, page_id, matching in rows]
    return RankedProgramme(centres, query, today)


def load_programme_hits(
    ranked: RankedProgramme, start: int = 0, stop: int | None = None, now=None, request=None
) -> list[ProgrammeHit]:
    """The items at positions start:stop of the ranking, each centre's items in the order
    they next begin: only the items of the centres on this page are loaded (all their
    matching ones, to put them in that order). Each item, with its topic, is kept under its
    centre's stamp for the next search that shows it; its centre is the centre's kept card
    (`cards_by_id`: name, address, opening hours)."""
    stop = len(ranked) if stop is None else min(stop, len(ranked))
    if start >= stop:
        return []
    current = week_minute(now or timezone.now())
    first = bisect_right(ranked.offsets, start) - 1
    last = bisect_right(ranked.offsets, stop - 1) - 1
    shown = ranked.centres[first : last + 1]
    matching, stamps = {}, {}
    for pk, page_id, revision, url_path in (
        filtered_items(ranked.query, ranked.today)
        .filter(page_id__in=[page_id for _d, page_id, _n in shown])
        .values_list("pk", "page_id", "page__live_revision_id", "page__url_path")
    ):
        matching.setdefault(page_id, []).append(pk)
        stamps[page_id] = stamp(revision, url_path)
    # Items are edited on their centre's page: kept under the centre's stamp.
    items = cached_each(
        "programme-item",
        [pk for ids in matching.values() for pk in ids],
        lambda missing: ProgrammeItem.objects.select_related("topic").in_bulk(missing),
        stamps={pk: stamps[page_id] for page_id, ids in matching.items() for pk in ids},
    )
    centres = {
        card.pk: card for card in cards_by_id(list(matching), request=request, stamps=stamps)
    }
    hits = []
    for distance, page_id, counted in shown:
        if page_id not in centres:  # deleted since the ranking
            continue
        ordered = sorted(
            (items[pk] for pk in matching.get(page_id, ()) if pk in items),
            key=lambda item: (minutes_until(item.schedule, current), item.pk),
        )
        # As many as the ranking counted: an item published since then does not move
        # the items of the centres after this one to another page.
        for item in ordered[:counted]:
            item.page = centres[page_id]
            hits.append(ProgrammeHit(item, distance))
    skip = start - ranked.offsets[first]
    return hits[skip : skip + stop - start]


def programme_near(
    *, place: geo.Place, radius_km: float, query: ProgrammeQuery, now=None
) -> list[ProgrammeHit]:
    """Every matching item within the radius, loaded (for the API)."""
    return load_programme_hits(
        rank_programme(place=place, radius_km=radius_km, query=query, now=now), now=now
    )


def programme_everywhere(*, query: ProgrammeQuery, now=None):
    """The matching items of all public centres (no place given), by centre and title."""
    now = now or timezone.now()
    items = filtered_items(query, timezone.localdate(now))
    items = items.filter(page__in=public_pages(CentrePage.objects.live()).values("pk"))
    return _with_cards(items).order_by("page__title", "title", "pk")


def centre_programme(centre: CentrePage, today=None) -> list[ProgrammeItem]:
    """The centre's current items – of a draft too (a preview, a revision), whose items are
    in memory and have no `current()`: the same condition filters them there."""
    items = list(
        centre.programme_items.filter(shown_on(today))
        .select_related("topic")
        .order_by("sort_order", "pk")
    )
    for item in items:
        if item._state.adding:  # a draft's, as typed: its times and languages not yet kept
            item.derive()
    return items


def week_timetable(items: list[ProgrammeItem]) -> list[tuple[int, list[tuple[dict, object]]]]:
    """[(weekday 1–7, [(slot, item), …] by start), …] for the days with something on."""
    days = {}
    for item in items:
        for slot in item.schedule:
            days.setdefault(slot["weekday"], []).append((slot, item))
    return [
        (day, sorted(entries, key=lambda entry: entry[0]["start"]))
        for day, entries in sorted(days.items())
    ]


# „Noch aktuell?“


def confirm_token(item: ProgrammeItem, now=None) -> str:
    """A signed, dated token for the confirm link. Only letters, digits and hyphens: it is
    part of a page's address (Wagtail's routes allow no more)."""
    issued = int((now or timezone.now()).timestamp())
    value = f"{item.pk}x{signing.b62_encode(issued)}"
    return f"{value}-{salted_hmac(CONFIRM_SALT, value, algorithm='sha256').hexdigest()[:32]}"


def item_from_token(token: str, now=None) -> ProgrammeItem | None:
    value, _dash, signature = token.partition("-")
    expected = salted_hmac(CONFIRM_SALT, value, algorithm="sha256").hexdigest()[:32]
    if not constant_time_compare(signature, expected):
        return None
    pk, _x, issued = value.partition("x")
    age = (now or timezone.now()).timestamp() - signing.b62_decode(issued)
    if not pk.isdigit() or age > CONFIRM_LINK_DAYS * 86400:
        return None
    return ProgrammeItem.objects.select_related("page").filter(pk=int(pk)).first()


def with_its_copies(item: ProgrammeItem):
    """The item and its copies on its centre's translations. A translated centre page keeps
    copies of the German items (the programme is synchronised, not translated:
    `i18n.translations_follow`), made anew at each publish with every field the editor
    fills in – and no key that links them: those fields are what they have in common."""
    same = {
        field.name: getattr(item, field.attname)
        for field in ProgrammeItem._meta.concrete_fields
        if field.editable and field.name not in ("id", "page")
    }
    return ProgrammeItem.objects.filter(page__translation_key=item.page.translation_key, **same)


def programme_confirm(*, item: ProgrammeItem, today=None) -> ProgrammeItem:
    """Someone of the centre (or the office) says the item is still current: it is shown for
    another CONFIRM_EVERY_DAYS – in every language, its copies on the centre's translations
    too – and the next reminder comes a month before that ends."""
    today = today or timezone.localdate()
    with transaction.atomic():
        with_its_copies(item).update(confirmed_on=today, reminded_on=None)
        transaction.on_commit(content_changed)  # an item that had stopped shows again
    item.confirmed_on, item.reminded_on = today, None
    return item


def runs_out_on(item: ProgrammeItem):
    """The day from which the item is no longer shown."""
    unconfirmed = item.confirmed_on + timedelta(days=CONFIRM_EVERY_DAYS)
    if item.valid_until:
        return min(unconfirmed, item.valid_until + timedelta(days=1))
    return unconfirmed


def _recipients(centre: CentrePage) -> list[str]:
    if centre.editor_group_id:
        emails = list(
            get_user_model()
            .objects.filter(groups=centre.editor_group_id, is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
        if emails:
            return sorted(set(emails))
    from dorfbrunnen.core.models import SiteSettings

    site = Site.objects.filter(is_default_site=True).first()
    association = SiteSettings.for_site(site) if site else None
    return [association.email] if association and association.email else []


def programme_remind(today=None) -> int:
    """Mail „Ist das Angebot noch aktuell?“ once per item, a month before it would stop
    being shown (end of validity or 12 months unconfirmed). Returns the number of mails.
    Only for the German centres' items: the translations' copies follow their
    confirmation (`with_its_copies`)."""
    today = today or timezone.localdate()
    soon = today + timedelta(days=REMIND_DAYS_BEFORE)
    due = (
        ProgrammeItem.objects.current(today)
        .filter(
            reminded_on__isnull=True,
            page__live=True,
            page__locale__language_code=default_language(),
        )
        .filter(
            Q(valid_until__lt=soon) | Q(confirmed_on__lte=soon - timedelta(days=CONFIRM_EVERY_DAYS))
        )
        .select_related("page")
    )
    finder = (
        ProgrammeFinderPage.objects.live().filter(locale__language_code=default_language()).first()
    )
    if finder is None:
        return 0
    # The page's full address: with a second site (a national portal) its `url` is one
    # already, with the host in front.
    finder_url = finder.get_full_url()
    sent = 0
    for item in due:
        recipients = _recipients(item.page)
        if not recipients:
            continue
        context = {
            "item": item,
            "centre": item.page,
            "until": runs_out_on(item),
            "url": f"{finder_url}noch-aktuell/{confirm_token(item)}/",
        }
        subject, _blank, body = render_text("centres/mail/still_current.txt", context).partition(
            "\n"
        )
        with transaction.atomic():
            ProgrammeItem.objects.filter(pk=item.pk).update(reminded_on=today)
            mail_queue(to=recipients, subject=subject.strip(), body=body.strip() + "\n")
        sent += 1
    return sent
