"""Item text as HTML: personal data redacted by default, each finding a ``<mark>`` that says
what was found and why.

The redacted form never carries the clear text of a finding, so a page that shows it can
be cached, printed or screenshotted without leaking what the screening found. The clear
form is rendered only after a logged reveal.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from html import escape
from typing import NamedTuple

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from tilstede.core.models import Item, ItemVersion

CATEGORY_LABELS = {
    "national_id": _("national identity number"),
    "phone": _("phone number"),
    "email": _("e-mail address"),
    "bank_account": _("bank account number"),
    "address": _("address"),
    "person_name": _("name"),
    "health": _("health information"),
    "special_category": _("special category of personal data"),
    "case_reference": _("case number"),
}


def category_label(category: str) -> str:
    labels = _category_labels(get_language())
    return labels.get(category, category)


def category_labels() -> dict[str, str]:
    """Every category's label in the active language: ask once per page, not per finding
    (the active language sits behind a context-local lookup)."""
    return _category_labels(get_language())


@functools.lru_cache(maxsize=4096)
def escaped(text: str) -> str:
    """``html.escape``, remembered: labels and the screening's explanations are few
    distinct strings that every row repeats."""
    return escape(text)


@functools.cache
def _category_labels(language: str | None) -> dict[str, str]:
    """The categories' labels in one language, translated once per process."""
    return {category: str(label) for category, label in CATEGORY_LABELS.items()}


class Span(NamedTuple):
    """One finding as the markup needs it: where, what and why (a tuple, so that a row's
    key in ``rows.page_rows`` hashes and compares it in C)."""

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
    labels: dict[str, str] | None = None,
) -> SafeString:
    """``text`` with each finding marked; redacted unless ``reveal``. ``labels`` are
    ``category_labels()``, passed in by a caller that renders many texts."""
    if not findings:
        return mark_safe(escape(text))  # noqa: S308 - escaped
    if labels is None:
        labels = category_labels()
    parts: list[str] = []
    pos = 0
    for span in _spans(findings):
        parts.append(escape(text[pos : span.start]))
        label = escaped(labels.get(span.category, span.category))
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
