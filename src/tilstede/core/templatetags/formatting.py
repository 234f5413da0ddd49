"""Template filters over ``tilstede.core.formatting`` (loaded as a builtin in settings).

``{{ at|when }}``, ``{{ at|when:"short" }}``, ``{{ day|day }}``, ``{{ month|month }}``,
``{{ promise|duration }}``, ``{{ hours|decimal:1 }}``.
"""

from __future__ import annotations

from typing import Any

from django import template

from tilstede.core import formatting

register = template.Library()


@register.filter
def when(value: Any, style: str = "datetime") -> str:
    """A moment in Europe/Oslo; ``style`` is one of ``formatting.FORMATS``' keys."""
    return formatting.format_datetime(value, style)


@register.filter
def day(value: Any, style: str = "date") -> str:
    return formatting.format_date(value, style)


@register.filter
def month(value: Any) -> str:
    return formatting.format_month(value)


@register.filter
def duration(value: Any, days: bool = True) -> str:
    return formatting.format_duration(value, days=bool(days))


@register.filter
def decimal(value: Any, places: int | str | None = None) -> str:
    if places is None or places == "":
        return formatting.format_number(value)
    return formatting.format_number(value, int(places))


@register.filter
def hours(value: Any) -> str:
    return formatting.format_hours(value)
