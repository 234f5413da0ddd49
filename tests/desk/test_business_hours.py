"""Due times and response times in opening hours: weekends, Easter, 17 May, summer time."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tilstede.desk.business_hours import add_business_time, business_time_between, is_open

OSLO = ZoneInfo("Europe/Oslo")
WEEKDAYS = {str(d): ["08:00", "15:45"] for d in range(5)}  # the usual winter hours


def oslo(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=OSLO)


def due(start: dt.datetime, hours: float, *, around_the_clock: bool = False) -> dt.datetime:
    result = add_business_time(
        start,
        dt.timedelta(hours=hours),
        opening_hours=WEEKDAYS,
        around_the_clock=around_the_clock,
    )
    assert result.tzinfo is not None and result.utcoffset() == dt.timedelta(0)
    return result.astimezone(OSLO)


def test_it_carries_a_friday_afternoon_promise_over_the_weekend():
    # Friday 15:00 uses the last 45 minutes; the remaining 7 h 15 min run from Monday 08:00.
    assert due(oslo(2026, 11, 6, 15, 0), 8) == oslo(2026, 11, 9, 15, 15)


def test_it_starts_the_clock_on_monday_morning_for_a_saturday_item():
    assert due(oslo(2026, 11, 7, 13, 30), 2) == oslo(2026, 11, 9, 10, 0)


def test_it_skips_easter_and_the_short_wednesday_before_it():
    # 2027: Easter Sunday is 28 March. The Wednesday before Maundy Thursday closes at
    # 12:00; Thursday, Friday and Monday are public holidays; summer time starts on the
    # Sunday, so the due time is in CEST.
    result = due(oslo(2027, 3, 24, 11, 0), 8)
    assert result == oslo(2027, 3, 30, 15, 0)
    assert result.astimezone(dt.UTC) == dt.datetime(2027, 3, 30, 13, 0, tzinfo=dt.UTC)


def test_it_waits_for_tuesday_when_a_question_comes_on_maundy_thursday():
    assert due(oslo(2027, 3, 25, 10, 0), 1) == oslo(2027, 3, 30, 9, 0)


def test_it_skips_17_may_on_a_monday():
    # 2027: 17 May (also Whit Monday) is a Monday.
    assert due(oslo(2027, 5, 14, 15, 0), 8) == oslo(2027, 5, 18, 15, 15)


def test_it_skips_ascension_day():
    assert due(oslo(2027, 5, 5, 15, 0), 1) == oslo(2027, 5, 7, 8, 15)


def test_it_closes_at_noon_on_christmas_eve():
    assert due(oslo(2027, 12, 24, 11, 0), 2) == oslo(2027, 12, 27, 9, 0)


def test_a_promise_that_runs_out_at_closing_falls_due_at_closing():
    assert due(oslo(2026, 11, 9, 8, 0), 7.75) == oslo(2026, 11, 9, 15, 45)


def test_it_counts_plain_hours_on_a_channel_open_around_the_clock():
    assert due(oslo(2026, 11, 7, 22, 0), 8, around_the_clock=True) == oslo(2026, 11, 8, 6, 0)


def test_it_counts_real_hours_around_the_clock_when_summer_time_starts():
    # Saturday 27 March 2027 22:00 CET + 8 h: the clocks skip 02:00-03:00, so 07:00 CEST.
    assert due(oslo(2027, 3, 27, 22, 0), 8, around_the_clock=True) == oslo(2027, 3, 28, 7, 0)


def test_it_keeps_wall_clock_opening_hours_when_summer_time_ends():
    # Friday 23 October 2026 is CEST, Monday 26 October CET; both count from 08:00 local.
    result = due(oslo(2026, 10, 23, 15, 0), 8)
    assert result == oslo(2026, 10, 26, 15, 15)
    assert result.astimezone(dt.UTC) == dt.datetime(2026, 10, 26, 14, 15, tzinfo=dt.UTC)


def test_it_refuses_opening_hours_that_never_open():
    with pytest.raises(ValueError, match="empty"):
        add_business_time(
            oslo(2026, 11, 9, 8), dt.timedelta(hours=1), opening_hours={}, around_the_clock=False
        )


def test_it_counts_only_opening_time_between_two_moments():
    between = business_time_between(
        oslo(2026, 11, 6, 15, 0),
        oslo(2026, 11, 9, 9, 0),
        opening_hours=WEEKDAYS,
        around_the_clock=False,
    )
    assert between == dt.timedelta(minutes=45 + 60)


def test_it_knows_whether_the_desk_is_open():
    kwargs = {"opening_hours": WEEKDAYS, "around_the_clock": False}
    assert is_open(oslo(2026, 11, 9, 8, 0), **kwargs)
    assert not is_open(oslo(2026, 11, 9, 15, 45), **kwargs)
    assert not is_open(oslo(2027, 5, 17, 10, 0), **kwargs)
    assert is_open(oslo(2027, 5, 17, 3, 0), opening_hours={}, around_the_clock=True)


@settings(max_examples=300, deadline=None)
@given(
    start=st.datetimes(
        min_value=dt.datetime(2026, 1, 1),
        max_value=dt.datetime(2028, 12, 31),
        timezones=st.just(dt.UTC),
    ),
    minutes=st.integers(min_value=0, max_value=60 * 40),
)
def test_business_time_between_undoes_add_business_time(start, minutes):
    duration = dt.timedelta(minutes=minutes)
    kwargs = {"opening_hours": WEEKDAYS, "around_the_clock": False}
    end = add_business_time(start, duration, **kwargs)
    assert end >= start
    assert business_time_between(start, end, **kwargs) == duration
