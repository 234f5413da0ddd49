"""One PDF/A-2b document per registrering, rendered by WeasyPrint.

The document shows what an archivist needs without the platform: the item's text, its
place in the thread, its metadata (platform, address, times, author's handle, when it
was captured), every version and the moderation history. A second, redacted variant
(variantformat «Dokument hvor deler av innholdet er skjermet») is made where screening
found personal data. Fonts come from Debian's fonts-dejavu-core and are embedded;
nothing is fetched from outside. Emoji come from fonts-symbola; a character that no
embedded font has is written as its Unicode name, because PDF/A forbids the .notdef glyph.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.template.loader import get_template

from tilstede.archive.records import SCREENED_NAME, ContextItem, Record
from tilstede.core.models import Direction, Platform, Visibility

# WeasyPrint reports every rendering step at INFO; one line per step per document.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
logging.getLogger("fontTools").setLevel(logging.WARNING)

OSLO = ZoneInfo("Europe/Oslo")
FONT_FAMILIES = ("DejaVu Sans", "DejaVu Sans Mono", "Symbola")
PDF_VARIANT = "pdf/a-2b"
PRONOM_PDFA_2B = "fmt/477"
SKJERMINGSHJEMMEL = "Offl. § 13, jf. fvl. § 13"

KINDS = {
    "post": "Innlegg",
    "comment": "Kommentar",
    "reply": "Svar",
    "direct_message": "Privat melding",
    "mention": "Omtale",
}
VALUES = {"journal": "Journalføres", "store": "Arkiveres", "discard": "Kasseres"}


def when(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    return value.astimezone(OSLO).strftime("%d.%m.%Y %H:%M:%S %Z")


@dataclass(frozen=True, slots=True)
class RenderedDocument:
    data: bytes
    redacted: bool


@functools.cache
def covered_codepoints() -> frozenset[int]:
    """Code points the document fonts can draw (empty when fontconfig is missing)."""
    from fontTools.ttLib import TTFont

    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return frozenset()
    points: set[int] = set()
    for family in FONT_FAMILIES:
        found = subprocess.run(  # noqa: S603  (fixed arguments, no shell)
            [fc_match, "-f", "%{file}", family], capture_output=True, text=True, check=False
        ).stdout.strip()
        if found:
            with TTFont(found, lazy=True) as font:
                points.update(font.getBestCmap() or {})
    return frozenset(points)


def drawable(text: str) -> str:
    """``text`` with each character no embedded font has replaced by its Unicode name."""
    covered = covered_codepoints()
    if not covered or all(ord(c) in covered or c in "\n\r\t" for c in text):
        return text
    return "".join(
        c
        if ord(c) in covered or c in "\n\r\t"
        else f"[{unicodedata.name(c, f'U+{ord(c):04X}').lower()}]"
        for c in text
    )


def _context_row(c: ContextItem, *, redacted: bool) -> dict[str, str]:
    public_author = c.direction == Direction.OUT or not redacted
    return {
        "role": c.role,
        "kind": KINDS.get(c.kind, c.kind),
        "author": (c.author or "(ukjent)") if public_author else SCREENED_NAME,
        "created_at": when(c.created_at),
        "text": c.redacted if redacted else c.text,
    }


def document_context(record: Record, *, organisation: str, redacted: bool) -> dict[str, Any]:
    item = record.item
    a = record.assessment
    folder = a.folder
    title = folder.public_title if redacted and folder else ""
    own = item.direction == Direction.OUT
    author = record.author(public=redacted) or "(ukjent)"
    handle = item.author_handle if own or not redacted else SCREENED_NAME
    versions = [
        {
            "number": v.number,
            "seen_at": when(v.seen_at),
            "edited_at_source": when(v.edited_at_source),
            "text": v.redacted if redacted else v.text,
            "content_hash": v.content_hash,
        }
        for v in record.versions
    ]
    text = record.public_text if redacted else item.text
    journal = f"{a.journal_year}/{a.journal_sequence}" if a.journal_sequence is not None else ""
    return {
        "organisation": organisation,
        "channel": item.channel.name,
        "title": title or _title(record, redacted=redacted),
        "subject": f"{KINDS.get(item.kind, item.kind)} {item.platform}:{item.external_id}",
        "footer": f"Tilstede · systemID {a.system_id}",
        "redacted": redacted,
        "hjemmel": SKJERMINGSHJEMMEL,
        "kind": KINDS.get(item.kind, item.kind),
        "direction": "publisert av virksomheten" if own else "mottatt",
        "author": author,
        "author_handle": handle,
        "text": text,
        "platform": Platform(item.platform).label if item.platform in Platform.values else "",
        "url": item.url,
        "external_id": item.external_id,
        "created_at": when(item.created_at),
        "received_at": when(item.received_at),
        "captured_at": when(record.versions[0].seen_at) if record.versions else "",
        "visibility": Visibility(item.visibility).label,
        "archive_value": VALUES.get(a.value, a.value),
        "archive_reason": a.reason,
        "journal_number": journal,
        "folder": f"{folder.year}/{folder.sequence}" if folder else "",
        "system_id": str(a.system_id),
        "context": [_context_row(c, redacted=redacted) for c in record.context],
        "replies": [_context_row(c, redacted=redacted) for c in record.replies],
        "more_replies": record.more_replies,
        "versions": versions,
        "history": [
            {"at": when(h.at), "actor": h.actor, "verb": h.verb, "reason": h.reason}
            for h in record.history
        ],
    }


def _title(record: Record, *, redacted: bool) -> str:
    from tilstede.archive.services import item_title

    item = record.item
    text = record.public_text if redacted else item.text
    return item_title(kind=item.kind, channel_name=item.channel.name, text=text)


def render_html(context: dict[str, Any]) -> str:
    return drawable(get_template("archive/dokument.html").render(context))


def html_to_pdfa(html: str) -> bytes:
    """PDF/A-2b from HTML; WeasyPrint embeds (subsets) every font it uses."""
    from weasyprint import HTML

    return HTML(string=html, base_url=None).write_pdf(pdf_variant=PDF_VARIANT)


def render_record(record: Record, *, organisation: str, redacted: bool) -> bytes:
    context = document_context(record, organisation=organisation, redacted=redacted)
    return html_to_pdfa(render_html(context))
