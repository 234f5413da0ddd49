"""The one formatter: durations in words, the reader's decimal sign, Oslo times.

Bokmål and nynorsk words come from the message catalogue (the project's and Django's
own month names); English is the source language.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import translation

from tilstede.core import formatting

WINTER = dt.datetime(2026, 12, 7, 13, 5, tzinfo=dt.UTC)  # 14:05 in Oslo (+01:00)
SUMMER = dt.datetime(2026, 6, 7, 13, 5, tzinfo=dt.UTC)  # 15:05 in Oslo (+02:00)


@pytest.mark.parametrize(
    ("language", "delta", "words"),
    [
        ("en", dt.timedelta(days=1), "1 day"),
        ("en", dt.timedelta(hours=4), "4 hours"),
        ("en", dt.timedelta(hours=1, minutes=30), "1 hour and 30 minutes"),
        ("en", dt.timedelta(days=2, hours=3), "2 days and 3 hours"),
        ("en", dt.timedelta(0), "0 minutes"),
        ("nb", dt.timedelta(days=1), "1 døgn"),
        ("nb", dt.timedelta(hours=4), "4 timer"),
        ("nb", dt.timedelta(hours=1, minutes=1), "1 time og 1 minutt"),
        ("nn", dt.timedelta(hours=4), "4 timar"),
        ("nn", dt.timedelta(days=3), "3 døgn"),
        ("nn", dt.timedelta(minutes=45), "45 minutt"),
    ],
)
def test_it_writes_a_duration_in_words(language, delta, words) -> None:
    with translation.override(language):
        assert formatting.format_duration(delta) == words


def test_it_counts_a_promise_in_opening_hours_in_hours_not_days() -> None:
    with translation.override("en"):
        assert formatting.format_duration(dt.timedelta(hours=24), days=False) == "24 hours"


@pytest.mark.parametrize(
    ("language", "value", "decimals", "text"),
    [
        ("nb", 1.4, None, "1,4"),
        ("nn", 1.45, 2, "1,45"),
        ("en", 1.4, None, "1.4"),
        ("nb", 24.0, None, "24"),
        ("nb", 7, None, "7"),
        ("nb", None, None, ""),
    ],
)
def test_it_uses_the_readers_decimal_sign(language, value, decimals, text) -> None:
    with translation.override(language):
        assert formatting.format_number(value, decimals) == text


def test_a_charts_hours_have_a_decimal_comma_in_norwegian() -> None:
    with translation.override("nb"):
        assert formatting.format_hours(1.4).startswith("1,4")
    with translation.override("en"):
        assert formatting.format_hours(1.4) == "1.4 h"
        assert formatting.format_hours(24.0) == "24 h"


def test_it_shows_times_in_oslo_with_month_names_in_the_readers_language() -> None:
    with translation.override("nb"):
        assert formatting.format_datetime(WINTER) == "7. desember 2026 14:05"
        assert formatting.format_datetime(SUMMER, "short") == "7. jun 2026 15:05"
        assert formatting.format_month("2026-12") == "desember 2026"
    with translation.override("nn"):
        assert formatting.format_month(dt.date(2026, 12, 1)) == "desember 2026"
    with translation.override("en"):
        assert formatting.format_datetime(WINTER) == "7 December 2026, 14:05"
        assert formatting.format_month("2026-12") == "December 2026"


def test_a_short_month_has_one_case_in_each_language() -> None:
    """No "7. Des" on one page and "7. des" on the next: every short style agrees."""
    for language, short in (("nb", "des"), ("nn", "des"), ("en", "Dec")):
        with translation.override(language):
            for style in ("seconds", "short", "short_date", "day_time"):
                text = formatting.format_datetime(WINTER, style)
                assert f" {short}" in text, (language, style, text)


def test_an_unknown_style_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown date style"):
        formatting.format_datetime(WINTER, "fancy")


def test_the_command_line_prints_oslo_time_with_its_offset() -> None:
    assert formatting.cli_datetime(WINTER) == "2026-12-07 14:05+01:00"
    assert formatting.cli_datetime(SUMMER, seconds=True) == "2026-06-07 15:05:00+02:00"
    assert formatting.cli_datetime(None) == "never"
    assert formatting.cli_iso(WINTER) == "2026-12-07T14:05:00+01:00"


def test_templates_have_the_filters_without_loading_them() -> None:
    template = Template(
        "{{ at|when }} · {{ at|when:'time' }} · {{ promise|duration }} · {{ h|decimal }}"
        " · {{ month|month }}"
    )
    context = Context({"at": WINTER, "promise": dt.timedelta(days=1), "h": 1.4, "month": "2026-12"})
    with translation.override("en"):
        assert template.render(context) == (
            "7 December 2026, 14:05 · 14:05 · 1 day · 1.4 · December 2026"
        )
    with translation.override("nb"):
        assert template.render(context) == (
            "7. desember 2026 14:05 · 14:05 · 1 døgn · 1,4 · desember 2026"
        )
