"""One item's row in the queue as HTML: the inbox's hot path, written in Python.

The inbox shows a page of rows, each with its text, findings and decision forms. Rendered
through per-row ``{% include %}`` templates a row cost about half a millisecond, most of
it variable lookups; here it costs a few dozen microseconds. The markup is the one the
templates ``_row.html`` and ``_text.html`` gave (compared row by row when they were
replaced; tests/web/test_rows.py keeps its elements and attributes), and what does not
change from row to row (the translated labels, the CSRF input, the house rules' options)
is prepared once per page by ``RowMarkup``.

A page's rows are also kept, each under everything it shows (``page_rows``): the item's
values as read for this request, whether it is overdue now, the language, time zone,
rights and its channel's house rules. Like the page frames (``tilstede.web.frames``) this
only spares rendering the same inputs twice; the rows are still read for every request,
and a row whose item changed has another key.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field, fields
from html import escape
from operator import attrgetter

from django.utils import timezone
from django.utils.dates import MONTHS_3
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tilstede.core.models import HouseRule, Item, ResponseState, Visibility
from tilstede.desk.selectors import OPEN_STATES
from tilstede.web.frames import BoundedCache
from tilstede.web.markup import category_labels, escaped, render_text
from tilstede.web.selectors import Entry, entry_of

ITEMS_URL = "/items/"  # reverse("item", args=[0])[:-2]; checked by tests/web/test_rows.py


@dataclass
class Row:
    """What the desk shows of one item: its Entry plus the markup and the promise's state."""

    entry: Entry
    html: SafeString
    findings: list[tuple[str, str]]  # (label, explanation), each pair once
    overdue: bool
    due: dt.datetime | None
    revealed: bool = False
    parent_html: SafeString | str = ""
    item: Item | None = field(default=None, repr=False)  # where the row came from a model

    @property
    def pk(self) -> int:
        return self.entry.pk

    @property
    def id(self) -> str:
        return str(self.entry.pk)

    @property
    def url(self) -> str:
        return f"{ITEMS_URL}{self.entry.pk}/"


def row_of(
    entry: Entry,
    *,
    reveal: bool = False,
    now: dt.datetime | None = None,
    labels: dict[str, str] | None = None,
) -> Row:
    """``labels`` are ``category_labels()``, passed in when a page renders many rows."""
    if labels is None:
        labels = category_labels()
    seen: set[tuple[str, str]] = set()
    findings = []
    for span in entry.spans:
        key = (span.category, span.explanation)
        if key not in seen:
            seen.add(key)
            findings.append((labels.get(span.category, span.category), span.explanation))
    overdue, due = promise_state(entry, now or timezone.now())
    return Row(
        entry=entry,
        html=render_text(entry.text, entry.spans, reveal=reveal, labels=labels),
        findings=findings,
        overdue=overdue,
        due=due,
        revealed=reveal,
        parent_html=(
            render_text(entry.parent_text, entry.parent_spans, labels=labels)
            if entry.parent_text is not None
            else ""
        ),
    )


def promise_state(entry: Entry, now: dt.datetime) -> tuple[bool, dt.datetime | None]:
    """Whether the item's answer is overdue at ``now``, and when it is due (None where no
    promise waits for an answer)."""
    open_promise = entry.has_promise and entry.first_response_at is None
    overdue = bool(
        open_promise
        and entry.response_state in OPEN_STATES
        and entry.due_at is not None
        and entry.due_at < now
    )
    return overdue, entry.due_at if open_promise else None


def row_for(item: Item, *, reveal: bool = False, now: dt.datetime | None = None) -> Row:
    """The row of an item loaded with its versions, screenings and findings prefetched."""
    row = row_of(entry_of(item), reveal=reveal, now=now)
    row.item = item
    return row


def rule_options(rules: dict[int, list[HouseRule]]) -> dict[int, SafeString]:
    """Each channel's house rules as <option>s, rendered once per page, not once per row."""
    return {
        channel: mark_safe(  # noqa: S308 - escaped here
            "".join(f'<option value="{escape(str(r.pk))}">{escape(r.title)}</option>' for r in rs)
        )
        for channel, rs in rules.items()
    }


@functools.cache
def _labels(
    language: str | None,
) -> tuple[dict[str, str], dict[str, str], dict[str, str], dict[int, str]]:
    """The rows' fixed texts in one language, translated and escaped once per process."""
    texts = {
        "select": _("Select"),
        "unknown": _("unknown author"),
        "case": _("case request"),
        "overdue": _("overdue"),
        "due": _("due"),
        "assigned": _("assigned to"),
        "reply_to": _("In reply to"),
        "approve": _("Approve"),
        "hide": _("Hide"),
        "rule": _("House rule broken"),
        "hide_with": _("Hide with this reason"),
        "unhide": _("Show again"),
        "escalate": _("Escalate"),
        "reply": _("Reply"),
        "shown": _("Personal data shown in clear (logged):"),
        "hidden": _("Personal data hidden:"),
        "show": _("Show personal data"),
    }
    return (
        {key: escape(text) for key, text in texts.items()},
        {v: escape(str(label)) for v, label in Visibility.choices},
        {v: escape(str(label)) for v, label in ResponseState.choices},
        {m: escape(str(name)) for m, name in MONTHS_3.items()},
    )


def _br(html: str) -> str:
    """``linebreaksbr`` for markup that is already escaped."""
    return html.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


class RowMarkup:
    """Renders rows for one page and one person: what may be done, in the active language.

    Build it inside the request (the labels are translated when it is built).
    """

    def __init__(
        self,
        *,
        may_moderate: bool = False,
        may_reply: bool = False,
        may_reveal: bool = False,
        csrf_input: str = "",
        here: str = "",
        rule_options: dict[int, SafeString] | None = None,
    ) -> None:
        self.may_moderate = may_moderate
        self.may_reply = may_reply
        self.may_reveal = may_reveal
        self.csrf = str(csrf_input)
        self.here = escape(here)
        self.rule_options = rule_options or {}
        self.t, self.visibility, self.response, self.months = _labels(get_language())
        self.tz = timezone.get_current_timezone()

    def _when(self, value: dt.datetime) -> str:
        """``<time>`` as the templates wrote it: ``date:'c'`` and ``date:"j. b H:i"``."""
        local = value.astimezone(self.tz)
        return (
            f'<time datetime="{local.isoformat()}">{local.day}. {self.months[local.month]} '
            f"{local.hour:02d}:{local.minute:02d}</time>"
        )

    def _decide_form(self, url: str, pk: str, verb: str, css: str, button: str) -> str:
        css_attr = f' class="{css}"' if css else ""
        return (
            f'<form method="post" action="{url}" hx-post="{url}" hx-target="#item-{pk}" '
            f'hx-swap="outerHTML"{css_attr}>{self.csrf}'
            f'<input type="hidden" name="verb" value="{verb}">'
            f'<input type="hidden" name="next" value="{self.here}">{button}</form>'
        )

    def text(self, row: Row) -> str:
        """The text block: the (redacted) text, the findings and the reveal button."""
        pk = row.id
        t = self.t
        parts = [
            f'<div class="text-block" id="text-{pk}">\n'
            f'  <p class="text{" revealed" if row.revealed else ""}">{_br(row.html)}</p>\n'
        ]
        if row.findings:
            title = t["shown"] if row.revealed else t["hidden"]
            found = "".join(
                f"<li><strong>{escaped(label)}</strong>{': ' + escaped(why) if why else ''}</li>"
                for label, why in row.findings
            )
            parts.append(
                f'  <div class="findings">\n    <p class="findings-title">{title}</p>\n'
                f"    <ul>{found}</ul>\n"
            )
            if self.may_reveal and not row.revealed:
                url = f"{ITEMS_URL}{pk}/reveal/"
                parts.append(
                    f'    <form method="post" action="{url}" hx-post="{url}" '
                    f'hx-target="#text-{pk}" hx-swap="outerHTML">{self.csrf}'
                    f'<button type="submit" class="secondary small">{t["show"]}</button></form>\n'
                )
            parts.append("  </div>\n")
        parts.append("</div>")
        return "".join(parts)

    def row(self, row: Row) -> str:
        e = row.entry
        t = self.t
        pk = row.id
        url = f"{ITEMS_URL}{pk}/"
        decide = f"{url}decide/"
        vis = escape(e.visibility)
        resp = escape(e.response_state)
        out = [
            f'<li id="item-{pk}" class="row state-{vis}{" overdue" if row.overdue else ""}" '
            f'tabindex="-1" data-item="{pk}" data-url="{url}" data-thread="{url}thread/" '
            f'aria-labelledby="item-{pk}-h">\n  <div class="row-head">\n'
        ]
        if self.may_moderate:
            out.append(
                f'    <input type="checkbox" form="bulk" name="items" value="{pk}" '
                f'id="sel-{pk}" class="select" aria-labelledby="sel-{pk}-l item-{pk}-h">'
                f'<span id="sel-{pk}-l" class="visually-hidden">{t["select"]}</span>\n'
            )
        author = escape(e.author_handle or e.author_name) or t["unknown"]
        language = f" · {escape(e.language)}" if e.language else ""
        out.append(
            f'    <h2 id="item-{pk}-h" class="row-title"><a href="{url}">#{pk} {author}</a></h2>\n'
            f'    <span class="meta">{escape(e.channel_name)} · {self._when(e.created_at)}'
            f"{language}</span>\n  </div>\n"
            f'  <p class="badges">\n'
            f'    <span class="badge vis-{vis}">{self.visibility.get(e.visibility, vis)}</span>\n'
        )
        if e.response_state != ResponseState.NOT_NEEDED:
            label = self.response.get(e.response_state, resp)
            out.append(f'    <span class="badge resp-{resp}">{label}</span>\n')
        if e.case_request:
            out.append(f'    <span class="badge case">{t["case"]}</span>\n')
        if row.overdue:
            out.append(f'    <span class="badge late">{t["overdue"]}</span>\n')
        if row.due:
            out.append(f'    <span class="due">{t["due"]} {self._when(row.due)}</span>\n')
        if e.assignee:
            out.append(f'    <span class="who">{t["assigned"]} {escape(e.assignee)}</span>\n')
        if e.topic:
            out.append(f'    <span class="who">{escape(e.topic)}</span>\n')
        out.append("  </p>\n")
        if e.parent_id:
            snippet = f': <span class="snippet">{row.parent_html}</span>' if row.parent_html else ""
            out.append(
                f'  <p class="context">{t["reply_to"]} <a href="{ITEMS_URL}{e.parent_id}/">'
                f"#{e.parent_id}</a>{snippet}</p>\n"
            )
        out.append("  ")
        out.append(self.text(row))
        out.append('\n  <div class="actions">\n')
        if self.may_moderate:
            described = f'aria-describedby="item-{pk}-h"'
            if e.visibility in (Visibility.HELD, Visibility.PENDING):
                button = f'<button type="submit" {described}>{t["approve"]} <kbd>a</kbd></button>'
                out.append(
                    "    " + self._decide_form(decide, pk, "approve", "act-approve", button) + "\n"
                )
            if e.visibility in (Visibility.HELD, Visibility.VISIBLE):
                options = self.rule_options.get(e.channel_id, "")
                out.append(
                    f'    <details class="act-hide">\n'
                    f"      <summary>{t['hide']} <kbd>h</kbd></summary>\n"
                    f'      <form method="post" action="{decide}" hx-post="{decide}" '
                    f'hx-target="#item-{pk}" hx-swap="outerHTML" class="hide-form">{self.csrf}'
                    f'<input type="hidden" name="verb" value="hide">'
                    f'<input type="hidden" name="next" value="{self.here}">\n'
                    f'        <label for="rule-{pk}">{t["rule"]}</label>\n'
                    f'        <select name="house_rule" id="rule-{pk}" required>'
                    f"{options}</select>\n"
                    f'        <button type="submit" {described}>{t["hide_with"]}</button>\n'
                    f"      </form>\n    </details>\n"
                )
            if e.visibility == Visibility.HIDDEN:
                button = (
                    f'<button type="submit" class="secondary" {described}>{t["unhide"]}</button>'
                )
                out.append("    " + self._decide_form(decide, pk, "unhide", "", button) + "\n")
            if e.response_state != ResponseState.ESCALATED and e.direction == "in":
                button = (
                    f'<button type="submit" class="secondary" {described}>'
                    f"{t['escalate']} <kbd>e</kbd></button>"
                )
                out.append(
                    "    "
                    + self._decide_form(decide, pk, "escalate", "act-escalate", button)
                    + "\n"
                )
        if self.may_reply and e.direction == "in":
            out.append(
                f'    <a class="button secondary act-reply" href="{url}#reply" '
                f'aria-describedby="item-{pk}-h">{t["reply"]} <kbd>r</kbd></a>\n'
            )
        out.append("  </div>\n</li>")
        return "".join(out)


# Markers for the per-request values of a kept row. Each holds a "<", which the rows never
# write from data (texts, names and labels are escaped), so no item's text can fake one.
_CSRF_HOLE = "<\x1ecsrf\x1f>"
_HERE_HOLE = "<\x1ehere\x1f>"
_HOLES = re.compile("(<\x1e(?:csrf|here)\x1f>)")
_kept_rows = BoundedCache(4096)  # key -> a row's HTML split at the holes above
_SCALARS = attrgetter(*(f.name for f in fields(Entry) if not str(f.type).startswith("list")))
_LISTS = tuple(f.name for f in fields(Entry) if str(f.type).startswith("list"))


def entry_key(entry: Entry) -> tuple:
    """Every field of the entry, hashable (its lists as tuples)."""
    return (_SCALARS(entry), *(tuple(getattr(entry, name)) for name in _LISTS))


def page_rows(
    entries: list[Entry],
    *,
    now: dt.datetime,
    csrf_input: str,
    here: str,
    rule_options: dict[int, SafeString],
    may_moderate: bool = False,
    may_reply: bool = False,
    may_reveal: bool = False,
) -> SafeString:
    """The entries' rows as ``RowMarkup.row`` writes them, one per line, each kept per its
    inputs.

    A row's HTML is a function of the entry, whether it is overdue at ``now``, the
    language (labels), the time zone (times), the rights and the channel's house-rule
    options: these make its key. The CSRF input and the page's own address differ from
    request to request and are filled in afterwards.
    """
    language = get_language()
    tz = timezone.get_current_timezone()
    rights = (may_moderate, may_reply, may_reveal)
    markup = labels = None
    out: list[str] = []
    for entry in entries:
        options = rule_options.get(entry.channel_id, "")
        key = (entry_key(entry), promise_state(entry, now)[0], language, tz, rights, options)
        html = _kept_rows.get(key)
        if html is None:
            if markup is None:
                markup = RowMarkup(
                    may_moderate=may_moderate,
                    may_reply=may_reply,
                    may_reveal=may_reveal,
                    rule_options=rule_options,
                )
                markup.csrf, markup.here = _CSRF_HOLE, _HERE_HOLE
                labels = category_labels()
            html = tuple(_HOLES.split(markup.row(row_of(entry, now=now, labels=labels))))
            _kept_rows.put(key, html)
        if out:
            out.append("\n")
        out.extend(html)
    fills = {_CSRF_HOLE: str(csrf_input), _HERE_HOLE: escape(here)}
    # The pieces are the kept strings themselves, whose hashes Python keeps: the lookup
    # costs little, and two passes of ``str.replace`` over the page cost more.
    page = "".join([fills.get(piece, piece) for piece in out])
    return mark_safe(page)  # noqa: S308 - RowMarkup escapes; the holes' values are escaped
