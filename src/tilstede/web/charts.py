"""Small server-rendered SVG charts: no script, no library, a table beside each.

Each chart is decoration for sighted readers; the table under it carries the same
numbers, so the SVG is hidden from assistive technology (``aria-hidden``) rather than
described twice. Colours have at least 3:1 contrast against white (WCAG 1.4.11).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from tilstede.core.formatting import format_date, format_number

PALETTE = ("#0b5394", "#b45f06", "#38761d", "#741b47", "#595959", "#134f5c", "#990000")
INK = "#1a1a1a"
GRID = "#8c8c8c"


def _n(value: float) -> str:
    """A coordinate with one decimal: format_html escapes its arguments to strings."""
    return f"{value:.1f}"


def colour(n: int) -> str:
    return PALETTE[n % len(PALETTE)]


def _svg(width: int, height: int, body: str, label: str) -> SafeString:
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" width="100%" aria-hidden="true" '
        'focusable="false" data-label="{}">{}</svg>',
        width,
        height,
        label,
        mark_safe(body),  # noqa: S308 - built with format_html below
    )


def stacked_days(
    days: Sequence[dt.date], series: Sequence[tuple[str, Sequence[int]]], label: str
) -> SafeString:
    """Items per day, one stacked bar per day, one colour per channel."""
    width, height, left, bottom, top = 720, 240, 36, 28, 10
    totals = [sum(values[i] for _, values in series) for i in range(len(days))]
    peak = max([*totals, 1])
    plot_h = height - bottom - top
    step = (width - left - 8) / max(len(days), 1)
    bar_w = step * 0.7
    parts = []
    for tick in (0, peak // 2, peak):
        y = top + plot_h - plot_h * tick / peak
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="0.5"/>'
                '<text x="{}" y="{}" font-size="11" text-anchor="end" fill="{}">{}</text>',
                left,
                width - 4,
                _n(y),
                _n(y),
                GRID,
                left - 4,
                _n(y + 4),
                INK,
                tick,
            )
        )
    for i, day in enumerate(days):
        x = left + i * step + (step - bar_w) / 2
        base = top + plot_h
        for n, (_name, values) in enumerate(series):
            h = plot_h * values[i] / peak
            if h > 0:
                base -= h
                parts.append(
                    format_html(
                        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
                        _n(x),
                        _n(base),
                        _n(bar_w),
                        _n(h),
                        colour(n),
                    )
                )
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="10" text-anchor="middle" fill="{}">{}</text>',
                _n(x + bar_w / 2),
                height - 10,
                INK,
                format_date(day, "day_month"),
            )
        )
    return _svg(width, height, "".join(parts), label)


def percent(value: float) -> str:
    """A share for a bar's label: "50 %" (a space before the sign, as Norwegian writes it)."""
    return f"{format_number(value, 0)} %"


def horizontal_bars(
    rows: Sequence[tuple[str, float | None, float | None]],
    label: str,
    value_text: Callable[[float], str] = format_number,
    *,
    peak: float | None = None,
) -> SafeString:
    """One bar per row (name, value, marker): the marker is a promise line, when given.

    ``value_text`` writes the bar's value in the reader's language (a decimal comma in
    Norwegian, the unit where there is one), as the table under the chart does. The bars
    are scaled to ``peak`` (a share to 100), or else to the largest value.
    """
    row_h, left, width = 28, 240, 720
    height = row_h * max(len(rows), 1) + 10
    if peak is None:
        peak = max([v or 0 for _, v, _ in rows] + [m or 0 for _, _, m in rows] + [1])
    plot_w = width - left - 60
    parts = []
    for i, (name, value, marker) in enumerate(rows):
        y = 5 + i * row_h
        short = name if len(name) <= 34 else name[:33] + "…"
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="12" text-anchor="end" fill="{}">{}</text>',
                left - 8,
                y + 17,
                INK,
                short,
            )
        )
        if value is not None:
            w = plot_w * value / peak
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="18" fill="{}"/>'
                    '<text x="{}" y="{}" font-size="12" fill="{}">{}</text>',
                    left,
                    y + 4,
                    _n(w),
                    colour(0),
                    _n(left + w + 4),
                    y + 17,
                    INK,
                    value_text(value),
                )
            )
        if marker is not None:
            mx = left + plot_w * marker / peak
            parts.append(
                format_html(
                    '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" '
                    'stroke-width="3" stroke-dasharray="4 2"/>',
                    _n(mx),
                    _n(mx),
                    y,
                    y + 26,
                    colour(6),
                )
            )
    return _svg(width, height, "".join(parts), label)


def legend(names: Sequence[str]) -> SafeString:
    return format_html(
        '<ul class="legend">{}</ul>',
        format_html_join(
            "",
            '<li><svg width="12" height="12" aria-hidden="true" focusable="false">'
            '<rect width="12" height="12" fill="{}"/></svg> {}</li>',
            ((colour(n), name) for n, name in enumerate(names)),
        ),
    )
