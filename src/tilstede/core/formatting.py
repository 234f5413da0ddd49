"""How the desk, the public pages and the command line write durations, numbers and times.

One place, so a duration never shows as Python's ``1 day, 0:00:00``, a chart never uses a
decimal point where the tables use a comma, and every date is in Europe/Oslo with month
names in the reader's language. The words come from the message catalogue (bokmål,
nynorsk, English); the date patterns are Django's ``date`` format characters, per
language, so a short month is always lower case in Norwegian ("7. des") and title case
in English ("7 Dec").
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import dateformat, timezone
from django.utils.formats import number_format
from django.utils.translation import get_language, gettext, ngettext

# Django's format characters. F: month name, b: short month lower case, M: short month
# title case, D: short weekday; Norwegian writes the day with a full stop.
_NORWEGIAN = {
    "date": "j. F Y",
    "datetime": "j. F Y H:i",
    "seconds": "j. b Y H:i:s",
    "short": "j. b Y H:i",
    "short_date": "j. b Y",
    "day_time": "j. b H:i",
    "weekday": "D j. F",
    "day_month": "j.n.",
    "month": "F Y",
    "time": "H:i",
}
FORMATS: dict[str, dict[str, str]] = {
    "nb": _NORWEGIAN,
    "nn": _NORWEGIAN,
    "en": {
        "date": "j F Y",
        "datetime": "j F Y, H:i",
        "seconds": "j M Y, H:i:s",
        "short": "j M Y, H:i",
        "short_date": "j M Y",
        "day_time": "j M, H:i",
        "weekday": "D j F",
        "day_month": "j/n",
        "month": "F Y",
        "time": "H:i",
    },
}


def _language() -> str:
    base = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return base if base in FORMATS else "nb"


def oslo() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def format_datetime(value: dt.datetime | dt.date | None, style: str = "datetime") -> str:
    """A moment in Europe/Oslo, or a calendar date, in one of the ``FORMATS`` styles.

    An aware datetime is converted to Oslo time first; a naive one is taken as Oslo
    time already. ``""`` for None, so templates can chain ``|default``.
    """
    if value is None or value == "":
        return ""
    pattern = FORMATS[_language()].get(style)
    if pattern is None:
        raise ValueError(f"unknown date style {style!r}")
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = value.astimezone(oslo())
        return dateformat.format(value, pattern)
    return dateformat.format(value, pattern)


def format_date(value: dt.date | dt.datetime | None, style: str = "date") -> str:
    """A calendar date ("7. desember 2026"); a datetime gives its Oslo date."""
    return format_datetime(value, style)


def format_month(value: dt.date | dt.datetime | str | None) -> str:
    """ "desember 2026" for a date in the month or its "2026-12" form."""
    if isinstance(value, str):
        year, _, month = value.partition("-")
        value = dt.date(int(year), int(month), 1)
    return format_datetime(value, "month")


def format_number(value: float | int | Decimal | None, decimals: int | None = None) -> str:
    """A number with the reader's decimal sign ("1,4" in Norwegian, "1.4" in English).

    ``decimals`` rounds to that many places; None keeps an integer whole and a
    fraction to one place. ``""`` for None.
    """
    if value is None or value == "":
        return ""
    if decimals is None:
        decimals = 0 if float(value) == int(float(value)) else 1
    return number_format(value, decimal_pos=decimals, use_l10n=True)


def format_hours(value: float | int | None, decimals: int = 1) -> str:
    """Hours with the unit, for a chart's label: "1,4 t", "24 t", "1.4 h"."""
    if value is None:
        return ""
    number = format_number(value, decimals if float(value) != int(float(value)) else 0)
    return gettext("%(n)s h") % {"n": number}


def format_duration(value: dt.timedelta | None, *, days: bool = True) -> str:
    """A duration in words: "1 døgn", "4 timer", "1 time og 30 minutter".

    Whole days are counted as days (døgn) when ``days`` is true; a promise kept in
    opening hours is hours, not days, so its caller passes False. Rounded to minutes.
    """
    if value is None:
        return ""
    total = max(0, round(value.total_seconds() / 60))
    parts: list[str] = []
    if days and total >= 24 * 60 and total % (24 * 60) == 0:
        n = total // (24 * 60)
        parts.append(ngettext("%(n)s day", "%(n)s days", n) % {"n": n})
    else:
        if days and total >= 24 * 60:
            n, total = divmod(total, 24 * 60)
            parts.append(ngettext("%(n)s day", "%(n)s days", n) % {"n": n})
        hours, minutes = divmod(total, 60)
        if hours:
            parts.append(ngettext("%(n)s hour", "%(n)s hours", hours) % {"n": hours})
        if minutes or not parts:
            parts.append(ngettext("%(n)s minute", "%(n)s minutes", minutes) % {"n": minutes})
    if len(parts) == 1:
        return parts[0]
    return gettext("%(first)s and %(last)s") % {"first": ", ".join(parts[:-1]), "last": parts[-1]}


def cli_datetime(value: dt.datetime | None, *, seconds: bool = False) -> str:
    """A moment for the command line: Oslo time with its offset, "2026-12-07 15:05+01:00".

    The offset says which clock it is, so a line pasted into a ticket or compared with a
    server log is never read as UTC by mistake.
    """
    if value is None:
        return "never"
    if timezone.is_naive(value):
        value = timezone.make_aware(value, dt.UTC)
    local = value.astimezone(oslo())
    return local.isoformat(sep=" ", timespec="seconds" if seconds else "minutes")


def cli_iso(value: dt.datetime | None) -> str | None:
    """ISO 8601 in Oslo time with its offset, for JSON written by the command line."""
    if value is None:
        return None
    if timezone.is_naive(value):
        value = timezone.make_aware(value, dt.UTC)
    return value.astimezone(oslo()).isoformat()
