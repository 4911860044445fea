from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from dorfbrunnen.centres import hours

BERLIN = ZoneInfo("Europe/Berlin")


def at(*args):
    return datetime(*args, tzinfo=BERLIN)


def status(now, weekly, exceptions=(), closed_on_holidays=True):
    day = now.date()
    intervals = hours.open_intervals(
        date.fromordinal(day.toordinal() - 1), 22, weekly, exceptions, closed_on_holidays
    )
    return hours.status_at(now, intervals)


MON_TO_FRI = [hours.Weekly(d, time(9), time(17)) for d in range(5)]


def test_open_during_hours_and_says_until_when():
    result = status(at(2026, 11, 25, 10, 30), MON_TO_FRI)  # a Wednesday
    assert result.is_open
    assert result.until == at(2026, 11, 25, 17)


def test_closed_in_the_evening_opens_next_morning():
    result = status(at(2026, 11, 25, 17, 0), MON_TO_FRI)
    assert not result.is_open
    assert result.next_opening == at(2026, 11, 26, 9)


def test_friday_evening_next_opening_is_monday():
    result = status(at(2026, 11, 27, 18), MON_TO_FRI)
    assert result.next_opening == at(2026, 11, 30, 9)


def test_hours_past_midnight():
    weekly = [hours.Weekly(4, time(20), time(1))]  # Friday 20:00 – Saturday 01:00
    assert status(at(2026, 11, 28, 0, 30), weekly).is_open  # Saturday 00:30
    assert status(at(2026, 11, 28, 0, 30), weekly).until == at(2026, 11, 28, 1)
    assert not status(at(2026, 11, 28, 1, 0), weekly).is_open


def test_nrw_public_holidays_close_the_centre_unless_disabled():
    christmas = at(2026, 12, 25, 10)  # a Friday
    assert not status(christmas, MON_TO_FRI).is_open
    assert status(christmas, MON_TO_FRI, closed_on_holidays=False).is_open
    # Fronleichnam and Allerheiligen are holidays in NRW, not everywhere in Germany
    assert hours.is_public_holiday(date(2026, 6, 4))
    assert hours.is_public_holiday(date(2026, 11, 1))
    assert not hours.is_public_holiday(date(2026, 10, 31))  # Reformationstag: not in NRW
    assert status(at(2026, 6, 4, 8), MON_TO_FRI).next_opening == at(2026, 6, 5, 9)


def test_exceptions_close_or_change_the_hours():
    summer = [hours.Exception_(date(2026, 7, 20), date(2026, 7, 31), closed=True)]
    assert not status(at(2026, 7, 22, 10), MON_TO_FRI, summer).is_open
    assert status(at(2026, 7, 22, 10), MON_TO_FRI, summer).next_opening == at(2026, 8, 3, 9)
    short = [hours.Exception_(date(2026, 12, 23), date(2026, 12, 23), False, time(9), time(12))]
    assert status(at(2026, 12, 23, 11), MON_TO_FRI, short).until == at(2026, 12, 23, 12)
    assert not status(at(2026, 12, 23, 13), MON_TO_FRI, short).is_open


def test_daylight_saving_changes_keep_wall_clock_times():
    night = [hours.Weekly(6, time(1), time(4))]  # Sundays 01:00–04:00
    spring = hours.open_intervals(date(2026, 3, 29), 1, night)  # clocks go forward at 02:00
    fall = hours.open_intervals(date(2026, 10, 25), 1, night)  # clocks go back at 03:00
    assert (spring[0][1] - spring[0][0]).total_seconds() == 2 * 3600
    assert (fall[0][1] - fall[0][0]).total_seconds() == 4 * 3600
    summer_morning = [hours.Weekly(0, time(9), time(17))]
    interval = hours.open_intervals(date(2026, 3, 30), 1, summer_morning)[0]
    assert interval[0].astimezone(BERLIN).hour == 9
    assert interval[0].hour == 7  # UTC+2 in summer


def test_no_hours_means_unknown():
    result = status(at(2026, 11, 25, 10), [])
    assert (result.is_open, result.next_opening) == (False, None)


def test_the_moments_of_change_hold_each_opening_and_closing_of_yesterday_and_today():
    tuesday_night = hours.Weekly(1, time(20), time(1))  # until 1 o'clock on Wednesday
    wednesday = hours.Weekly(2, time(9), time(12))
    afternoon = hours.Exception_(date(2026, 11, 25), date(2026, 11, 25), False, time(14), time(16))
    moments = hours.moments_of_change(date(2026, 11, 25), [tuesday_night, wednesday], [afternoon])
    assert moments == [
        at(2026, 11, 24, 20),
        at(2026, 11, 25, 1),
        at(2026, 11, 25, 9),
        at(2026, 11, 25, 12),
        at(2026, 11, 25, 14),
        at(2026, 11, 25, 16),
    ]
