"""Item text as HTML: personal data redacted by default, each finding a ``<mark>`` that says
what was found and why.

The redacted form never carries the clear text of a finding, so a page that shows it can
be cached, printed or screenshotted without leaking what the screening found. The clear
form is rendered only after a logged reveal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from html import escape
from typing import NamedTuple

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from tilstede.core.categories import category_label
from tilstede.core.models import Direction, Item, ItemVersion, ResponseState, Visibility
from tilstede.core.readmodel import due_value


@lru_cache(maxsize=4096)
def escaped(text: str) -> str:
    """``html.escape``, remembered: labels and the screening's explanations are few
    distinct strings that every row repeats."""
    return escape(text)


class Span(NamedTuple):
    """One finding as the markup needs it: where, what and why."""

    start: int
    end: int
    category: str
    explanation: str


def _spans(findings: Iterable) -> list[Span]:
    spans: list[Span] = []
    pos = 0
    for f in sorted(findings, key=lambda f: (f.start, f.end)):
        if f.start < pos:
            continue  # overlapping findings: the screening keeps the first
        spans.append(Span(f.start, f.end, f.category, f.explanation))
        pos = f.end
    return spans


def render_text(
    text: str,
    findings: Sequence,
    *,
    reveal: bool = False,
) -> SafeString:
    """``text`` with each finding marked; redacted unless ``reveal``."""
    if not findings:
        return mark_safe(escape(text))  # noqa: S308 - escaped
    parts: list[str] = []
    pos = 0
    for span in _spans(findings):
        parts.append(escape(text[pos : span.start]))
        label = escaped(category_label(span.category))
        why = escaped(span.explanation) if span.explanation else label
        shown = escape(text[span.start : span.end]) if reveal else f"[{label}]"
        # escape(f"{label}: {why}") is the two escaped halves around ": ".
        parts.append(
            f'<mark class="finding" data-category="{escaped(span.category)}" '
            f'title="{label}: {why}">{shown}'
            f'<span class="visually-hidden"> ({why})</span></mark>'
        )
        pos = span.end
    parts.append(escape(text[pos:]))
    return mark_safe("".join(parts))  # noqa: S308 - every part is escaped


def current_version(item: Item) -> ItemVersion | None:
    """The latest version from the prefetched versions (no query)."""
    versions = list(item.versions.all())
    return versions[-1] if versions else None


def findings_of(version: ItemVersion | None) -> list:
    screening = getattr(version, "screening", None) if version is not None else None
    return list(screening.findings.all()) if screening is not None else []


def version_html(version: ItemVersion | None, item: Item, *, reveal: bool = False) -> SafeString:
    if version is None:
        return render_text(item.text, [], reveal=reveal)
    return render_text(version.text, findings_of(version), reveal=reveal)


@dataclass
class Row:
    """What the desk shows of one item in a list: the item read through
    ``ItemQuerySet.for_rows`` and its current text as markup (``web/_row.html``)."""

    item: Item
    html: SafeString
    findings: list[tuple[str, str]]  # (label, explanation), each pair once
    overdue: bool
    due: dt.datetime | None
    case_request: bool
    revealed: bool = False
    parent_html: SafeString | str = ""

    @property
    def pk(self) -> int:
        return int(self.item.pk)

    @property
    def id(self) -> str:
        return str(self.item.pk)

    # The state's label from its enum: ``get_visibility_display`` rebuilds the field's
    # choices on every call (48 µs each, two in every row).
    @property
    def visibility_label(self) -> str:
        return str(Visibility(self.item.visibility).label)

    @property
    def response_label(self) -> str:
        return str(ResponseState(self.item.response_state).label)

    # Addresses and which actions a row offers, worked out once in Python rather than by
    # a template tag or comparison for each use (the row is most of an inbox page's work).
    @cached_property
    def url(self) -> str:
        return reverse("item", args=[self.item.pk])

    @cached_property
    def decide_url(self) -> str:
        return reverse("item_decide", args=[self.item.pk])

    @cached_property
    def thread_url(self) -> str:
        return reverse("item_thread", args=[self.item.pk])

    @property
    def may_approve(self) -> bool:
        return self.item.visibility in (Visibility.HELD, Visibility.PENDING)

    @property
    def may_hide(self) -> bool:
        return self.item.visibility in (Visibility.HELD, Visibility.VISIBLE)

    @property
    def may_escalate(self) -> bool:
        return self.item.response_state != ResponseState.ESCALATED and self.received

    @property
    def received(self) -> bool:
        return self.item.direction == Direction.IN


def row_for(item: Item, *, reveal: bool = False) -> Row:
    """The row of an item from ``ItemQuerySet.for_rows`` (no further queries)."""
    version = current_version(item)
    found = findings_of(version)
    screening = getattr(version, "screening", None) if version is not None else None
    pairs: list[tuple[str, str]] = []
    for f in found:
        pair = (category_label(f.category), f.explanation)
        if pair not in pairs:
            pairs.append(pair)
    parent_html: SafeString | str = ""
    parent = item.parent if item.parent_id else None
    if parent is not None:
        parent_version = current_version(parent)
        parent_html = version_html(parent_version, parent)
    return Row(
        item=item,
        html=version_html(version, item, reveal=reveal),
        findings=pairs,
        overdue=bool(getattr(item, "is_overdue", False)),
        due=due_value(item),
        case_request=bool(screening and screening.case_request),
        revealed=reveal,
        parent_html=parent_html,
    )
