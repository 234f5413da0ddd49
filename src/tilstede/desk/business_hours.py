"""Response-time arithmetic in opening hours [3.4]: when a promise falls due, and how much
of it a response used.

Plain Python, no Django. Times come in and go out timezone-aware (stored in UTC); the
counting happens in local time (Europe/Oslo), one day at a time, so a day's opening
hours are wall-clock hours on that day whatever the UTC offset, and a change to or from
summer time is handled by converting each day's span on its own.

Closed days are the weekdays without opening hours and the Norwegian public holidays
from ``holidays.Norway`` (1 January, Maundy Thursday, Good Friday, Easter Monday, 1 May,
17 May, Ascension Day, Whit Monday, 25 and 26 December). Three days close at 12:00, as
in the state's working-hours agreement: the Wednesday before Maundy Thursday, Christmas
Eve and New Year's Eve.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from dateutil.easter import easter

OSLO = "Europe/Oslo"
SHORT_DAY_CLOSES_AT = dt.time(12, 0)
MAX_DAYS = 400  # more closed days in a row than this means the hours are empty

OpeningHours = Mapping[str, Sequence[str]]


@lru_cache(maxsize=64)
def _closed_dates(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.Norway(years=year, include_sundays=False))


@lru_cache(maxsize=64)
def _short_dates(year: int) -> frozenset[dt.date]:
    return frozenset(
        {
            easter(year) - dt.timedelta(days=4),  # the Wednesday before Maundy Thursday
            dt.date(year, 12, 24),
            dt.date(year, 12, 31),
        }
    )


def is_public_holiday(day: dt.date) -> bool:
    return day in _closed_dates(day.year)


@lru_cache(maxsize=256)
def _parse(hours: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[int, tuple[dt.time, dt.time]]:
    spans = {}
    for day, span in hours:
        start, end = (dt.time.fromisoformat(x) for x in span)
        if start < end:
            spans[int(day)] = (start, end)
    return spans


def _spans(opening_hours: OpeningHours) -> dict[int, tuple[dt.time, dt.time]]:
    key = tuple(sorted((str(k), tuple(v)) for k, v in opening_hours.items()))
    return _parse(key)


def _open_span(
    day: dt.date, spans: dict[int, tuple[dt.time, dt.time]], zone: ZoneInfo
) -> tuple[dt.datetime, dt.datetime] | None:
    """The day's opening hours as aware datetimes in UTC, or None on a closed day."""
    span = spans.get(day.weekday())
    if span is None or day in _closed_dates(day.year):
        return None
    start, end = span
    if day in _short_dates(day.year):
        end = min(end, SHORT_DAY_CLOSES_AT)
        if end <= start:
            return None
    return (
        dt.datetime.combine(day, start, tzinfo=zone).astimezone(dt.UTC),
        dt.datetime.combine(day, end, tzinfo=zone).astimezone(dt.UTC),
    )


def _aware(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None:
        raise ValueError("business-hours arithmetic needs timezone-aware datetimes")
    return value.astimezone(dt.UTC)


def add_business_time(
    start: dt.datetime,
    duration: dt.timedelta,
    *,
    opening_hours: OpeningHours,
    around_the_clock: bool,
    tz: str = OSLO,
) -> dt.datetime:
    """The moment ``duration`` of opening time has passed after ``start`` (in UTC).

    Around the clock, that is plain elapsed time. In opening hours, time outside the
    day's span, on weekdays without hours and on public holidays does not count; a
    promise that runs out exactly at closing falls due at closing, not next morning.
    Raises ValueError when the opening hours never open.
    """
    cursor = _aware(start)
    if around_the_clock:
        return cursor + duration
    spans = _spans(opening_hours)
    if not spans:
        raise ValueError("the opening hours are empty; the promise can never fall due")
    zone = ZoneInfo(tz)
    remaining = duration
    day = cursor.astimezone(zone).date()
    for _ in range(MAX_DAYS + duration.days * 2):
        span = _open_span(day, spans, zone)
        if span is not None:
            opens, closes = span
            begin = max(cursor, opens)
            if begin < closes:
                if begin + remaining <= closes:
                    return begin + remaining
                remaining -= closes - begin
        day += dt.timedelta(days=1)
    raise ValueError("the opening hours leave no open time for a long while")


def business_time_between(
    a: dt.datetime,
    b: dt.datetime,
    *,
    opening_hours: OpeningHours,
    around_the_clock: bool,
    tz: str = OSLO,
) -> dt.timedelta:
    """How much opening time lies between ``a`` and ``b`` (zero when ``b`` is earlier).

    The inverse of ``add_business_time`` for figures: the time a response took, counted
    the way the promise counts it.
    """
    a, b = _aware(a), _aware(b)
    if b <= a:
        return dt.timedelta(0)
    if around_the_clock:
        return b - a
    spans = _spans(opening_hours)
    zone = ZoneInfo(tz)
    total = dt.timedelta(0)
    day = a.astimezone(zone).date()
    last = b.astimezone(zone).date()
    while day <= last:
        span = _open_span(day, spans, zone)
        if span is not None:
            begin, end = max(a, span[0]), min(b, span[1])
            if begin < end:
                total += end - begin
        day += dt.timedelta(days=1)
    return total


def is_open(
    at: dt.datetime, *, opening_hours: OpeningHours, around_the_clock: bool, tz: str = OSLO
) -> bool:
    """Whether the channel is staffed at ``at``."""
    if around_the_clock:
        return True
    zone = ZoneInfo(tz)
    at = _aware(at)
    span = _open_span(at.astimezone(zone).date(), _spans(opening_hours), zone)
    return span is not None and span[0] <= at < span[1]
