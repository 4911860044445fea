"""Opening hours: weekly times, exceptions and NRW public holidays → open intervals.

All arithmetic is done on aware datetimes converted to UTC, so daylight-saving changes
and intervals past midnight (e.g. 20:00–01:00) come out right. Pages carry the intervals
of the coming days, so the browser can say "Jetzt geöffnet" correctly even for a page that
was rendered and cached hours earlier.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache, lru_cache
from zoneinfo import ZoneInfo

import holidays

BERLIN = ZoneInfo("Europe/Berlin")


@dataclass(frozen=True)
class Weekly:
    weekday: int  # 0 = Monday
    opens: time
    closes: time  # not after `opens`: the interval ends the next day


@dataclass(frozen=True)
class Exception_:
    start: date
    end: date
    closed: bool
    opens: time | None = None
    closes: time | None = None


def weekly_times(rows: Iterable[tuple[int, time, time]]) -> list[Weekly]:
    """(weekday, opens, closes) rows → weekly times; a row without both times (an unsaved
    form's) opens nothing."""
    return [Weekly(day, opens, closes) for day, opens, closes in rows if opens and closes]


def exceptions_from(rows: Iterable[tuple]) -> list[Exception_]:
    """(start, end, closed, opens, closes) rows → exceptions; one without an end is a day."""
    return [
        Exception_(start, end or start, closed, opens, closes)
        for start, end, closed, opens, closes in rows
    ]


@dataclass(frozen=True)
class Status:
    is_open: bool
    until: datetime | None  # when it closes, if open
    next_opening: datetime | None  # when it opens next, if closed


@cache
def nrw_holidays(year: int) -> dict[date, str]:
    return dict(holidays.country_holidays("DE", subdiv="NW", years=year, language="de"))


def is_public_holiday(day: date) -> bool:
    return day in nrw_holidays(day.year)


# A centre's weeks ahead meet the same few days and clock times over and over; each
# combination is converted (time zone, daylight saving) once per process. Datetimes are
# immutable, so sharing them is safe.
@lru_cache(maxsize=8192)
def _at(day: date, clock: time) -> datetime:
    return datetime.combine(day, clock, tzinfo=BERLIN).astimezone(UTC)


@lru_cache(maxsize=16)
def _calendar(start: date, days: int) -> tuple[tuple[date, int, bool], ...]:
    """(day, weekday, public holiday?) of these days: the same for every centre of a search."""
    return tuple(
        (day, day.weekday(), is_public_holiday(day))
        for day in (start + timedelta(days=offset) for offset in range(days))
    )


def _day_intervals(day, weekday, holiday, by_weekday, exceptions, closed_on_holidays):
    for exception in exceptions:
        if exception.start <= day <= exception.end:
            if exception.closed or not (exception.opens and exception.closes):
                return ()
            return ((exception.opens, exception.closes),)
    if closed_on_holidays and holiday:
        return ()
    return by_weekday[weekday]


def open_intervals(
    start: date,
    days: int,
    weekly: Iterable[Weekly],
    exceptions: Iterable[Exception_] = (),
    closed_on_holidays: bool = True,
) -> list[tuple[datetime, datetime]]:
    """Open intervals (UTC) starting on the `days` days from `start`, merged and sorted."""
    by_weekday = [[] for _ in range(7)]
    for one in weekly:
        by_weekday[one.weekday].append((one.opens, one.closes))
    exceptions = list(exceptions)
    intervals = []
    for day, weekday, holiday in _calendar(start, days):
        for opens, closes in _day_intervals(
            day, weekday, holiday, by_weekday, exceptions, closed_on_holidays
        ):
            end_day = day if closes > opens else day + timedelta(days=1)
            intervals.append((_at(day, opens), _at(end_day, closes)))
    intervals.sort()
    merged = []
    for begin, end in intervals:
        if merged and begin <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((begin, end))
    return merged


def moments_of_change(
    day: date, weekly: Iterable[Weekly], exceptions: Iterable[Exception_] = ()
) -> list[datetime]:
    """Every moment from the start of the day before `day` to the end of `day` at which a
    centre with any of these weekly times or exceptions can open or close, sorted. Each time
    is taken on its own, so centres with several of them are covered (and some moments
    change nothing); holidays and closures only take openings away, on a day's bounds."""
    start = day - timedelta(days=1)
    moments = set()
    for one in weekly:
        for interval in open_intervals(start, 2, [one], (), closed_on_holidays=False):
            moments.update(interval)
    for exception in exceptions:
        for interval in open_intervals(start, 2, (), [exception], closed_on_holidays=False):
            moments.update(interval)
    return sorted(moments)


def from_ms(epoch_ms: int) -> datetime:
    """A moment of the browser's data (`CentrePage.hours_json`: epoch milliseconds)."""
    return datetime.fromtimestamp(epoch_ms / 1000, UTC)


def status_at(now: datetime, intervals: list[tuple[datetime, datetime]]) -> Status:
    for begin, end in intervals:
        if begin <= now < end:
            return Status(True, end.astimezone(BERLIN), None)
        if begin > now:
            return Status(False, None, begin.astimezone(BERLIN))
    return Status(False, None, None)


def is_open_at(now: datetime, weekly, exceptions=(), closed_on_holidays: bool = True) -> bool:
    """Open at this moment? Yesterday's and today's intervals suffice (an opening may run
    past midnight) – the weeks ahead that a status text needs are not computed."""
    today = now.astimezone(BERLIN).date()
    intervals = open_intervals(today - timedelta(days=1), 2, weekly, exceptions, closed_on_holidays)
    return status_at(now, intervals).is_open
