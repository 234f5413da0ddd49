"""The crisis log as CSV and as PDF/A, for the archive and the debrief after a crisis [2.2].

Both are written in the language of the person who downloads them, like the figures.
"""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

from django.template.loader import render_to_string
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tilstede.core.csvsafe import csv_writer
from tilstede.publishing.models import Crisis
from tilstede.publishing.selectors import LogEntry, crisis_timeline

OSLO = ZoneInfo("Europe/Oslo")
KINDS = {"received": _("Received"), "published": _("Published"), "event": _("Event")}


def _local(entry: LogEntry) -> str:
    return entry.at.astimezone(OSLO).strftime("%Y-%m-%d %H:%M:%S")


def crisis_log_csv(crisis: Crisis) -> str:
    """One row per entry; times in Europe/Oslo and UTC; received text redacted."""
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(["tid_oslo", "tid_utc", "type", "kanal", "hvem", "tekst", "detaljer", "url"])
    for entry in crisis_timeline(crisis):
        writer.writerow(
            [
                _local(entry),
                entry.at.astimezone(dt.UTC).isoformat(),
                str(KINDS.get(entry.kind, entry.kind)),
                entry.channel,
                entry.who,
                entry.text,
                entry.detail,
                entry.url,
            ]
        )
    return out.getvalue()


def crisis_log_html(crisis: Crisis) -> str:
    """The PDF's HTML, in the active language (the reader's, in a request)."""
    from tilstede.archive.documents import drawable, page_counter

    entries = [
        {
            "at": _local(e),
            "kind": str(KINDS.get(e.kind, e.kind)),
            "channel": e.channel,
            "who": e.who,
            "text": e.text,
            "detail": e.detail,
        }
        for e in crisis_timeline(crisis)
    ]
    html = render_to_string(
        "publishing/crisis_log_pdf.html",
        {
            "crisis": crisis,
            "entries": entries,
            "declared": crisis.declared_at.astimezone(OSLO).strftime("%Y-%m-%d %H:%M"),
            "ended": crisis.ended_at.astimezone(OSLO).strftime("%Y-%m-%d %H:%M")
            if crisis.ended_at
            else gettext("not ended"),
            "channels": ", ".join(crisis.channels.values_list("name", flat=True)),
            "page_counter": page_counter(),
        },
    )
    return drawable(html)


def crisis_log_pdf(crisis: Crisis) -> bytes:
    """PDF/A-2b through the archive's renderer (fonts embedded, glyphs it lacks named)."""
    from tilstede.archive.documents import html_to_pdfa

    return html_to_pdfa(crisis_log_html(crisis))
