"""How a saved reply's variables are filled: the promise in words, in nb, nn and en.

The standard replies themselves ship in migration 0002_standard_replies; they follow the
guide's advice on what to tell people [3.4]: when they will get an answer, that they
should not share personal data in public, and that individual cases are not handled in
social media.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

_UNITS = {
    # language: (day, days, hour, hours, minute, minutes, "and", opening-hours suffix)
    "nb": ("døgn", "døgn", "time", "timer", "minutt", "minutter", "og", " i åpningstiden"),
    "nn": ("døgn", "døgn", "time", "timar", "minutt", "minutt", "og", " i opningstida"),
    "en": ("day", "days", "hour", "hours", "minute", "minutes", "and", " during opening hours"),
}


def response_time_words(duration: dt.timedelta, *, around_the_clock: bool, language: str) -> str:
    """The promise in words: "8 timer i åpningstiden", "2 døgn", "1 hour and 30 minutes"."""
    day, days, hour, hours, minute, minutes, and_, suffix = _UNITS.get(language, _UNITS["nb"])
    total = int(duration.total_seconds()) // 60
    parts = []
    if around_the_clock and total >= 24 * 60 and total % (24 * 60) == 0:
        n = total // (24 * 60)
        parts.append(f"{n} {day if n == 1 else days}")
    else:
        h, m = divmod(total, 60)
        if h:
            parts.append(f"{h} {hour if h == 1 else hours}")
        if m or not h:
            parts.append(f"{m} {minute if m == 1 else minutes}")
    words = f" {and_} ".join(parts)
    return words if around_the_clock else words + suffix


_VARIABLE = re.compile(r"\{(\w+)\}")


def fill(text: str, values: Mapping[str, str]) -> str:
    """Replace the known ``{variables}``; leave anything else as it was written."""
    return _VARIABLE.sub(lambda m: values.get(m.group(1), m.group(0)), text)
