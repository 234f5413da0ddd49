"""One PDF/A-2b document per registrering, rendered by WeasyPrint.

The document shows what an archivist needs without the platform: the item's text, its
place in the thread, its metadata (platform, address, times, author's handle, when it
was captured), every version with its SHA-256 and the moderation history. A second,
redacted variant (variantformat «Dokument hvor deler av innholdet er skjermet») is made
where skjerming applies (docs/archive.md). It is built so that nothing taken out can be
worked out again: every citizen text in it is screened anew and redacted, and it holds
no hash, length or other value computed from a removed text, no private person's name
or account, and not the address or platform id of a citizen's item. Fonts come from
Debian's fonts-dejavu-core and are embedded; nothing is fetched from outside. Emoji come
from fonts-symbola; a character that no embedded font has is written as its Unicode name,
because PDF/A forbids the .notdef glyph.
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
from django.utils.translation import pgettext, pgettext_lazy

from tilstede.archive import skjerming
from tilstede.archive.pdfworker import PDF_VARIANT, html_to_pdfa
from tilstede.archive.records import (
    SCREENED_NAME,
    ContextItem,
    Record,
    actor_words,
    archive_language,
    verb_words,
)
from tilstede.archive.services import KIND_LABELS
from tilstede.core.models import Direction, Platform, Visibility

# WeasyPrint reports every rendering step at INFO; one line per step per document.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
logging.getLogger("fontTools").setLevel(logging.WARNING)

OSLO = ZoneInfo("Europe/Oslo")
FONT_FAMILIES = ("DejaVu Sans", "DejaVu Sans Mono", "Symbola")
__all__ = ["PDF_VARIANT", "PRONOM_PDFA_2B", "html_to_pdfa", "record_html", "render_record"]
PRONOM_PDFA_2B = "fmt/477"

KINDS = KIND_LABELS
VALUES = {
    "journal": pgettext_lazy("archive", "To be journalført"),
    "store": pgettext_lazy("archive", "To be archived"),
    "discard": pgettext_lazy("archive", "To be discarded (kasseres)"),
}
# How a comment of the thread that the public cannot see at the source is marked.
NOT_SHOWN = {
    Visibility.HIDDEN: pgettext_lazy("archive", "hidden by the agency"),
    # Hidden on the platform itself (Facebook's hide, Bluesky's hidden replies): only the
    # agency's own account can do that.
    Visibility.HIDDEN_AT_SOURCE: pgettext_lazy("archive", "hidden by the agency (at the source)"),
    Visibility.REMOVED: pgettext_lazy("archive", "removed by the agency"),
    Visibility.HELD: pgettext_lazy("archive", "held back, never published"),
    Visibility.PENDING: pgettext_lazy("archive", "not published"),
    Visibility.DELETED_AT_SOURCE: pgettext_lazy("archive", "deleted at the source"),
}
# A quoted item's place in the thread, as frozen into a closed registrering (in bokmål,
# the words it was frozen with), in the archive's language.
ROLES = {
    "Tråden starter med": pgettext_lazy("archive", "The thread starts with"),
    "Svar på": pgettext_lazy("archive", "Reply to"),
    "Svar": pgettext_lazy("archive", "Reply"),
}


def _unknown() -> str:
    return pgettext("archive", "(unknown)")


def page_counter() -> str:
    """A CSS ``content`` value for the page footer ("Side 2 av 5") in the active
    language."""
    words = pgettext("archive", "Page %(page)s of %(pages)s").replace('"', "")
    css = '"' + words.replace("%(page)s", '" counter(page) "').replace(
        "%(pages)s", '" counter(pages) "'
    )
    css += '"'
    return css.removeprefix('"" ').removesuffix(' ""')


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
        "role": str(ROLES.get(c.role, c.role)),
        "kind": str(KINDS.get(c.kind, c.kind)),
        "author": (c.author or _unknown()) if public_author else SCREENED_NAME,
        "created_at": when(c.created_at),
        "text": c.redacted if redacted and c.direction == Direction.IN else c.text,
        "status": str(NOT_SHOWN.get(Visibility(c.visibility), ""))
        if c.visibility in Visibility.values
        else c.visibility,
    }


def document_context(record: Record, *, organisation: str, redacted: bool) -> dict[str, Any]:
    """What the document shows. With ``redacted``, only what the public may see: see the
    module's docstring for what is left out and why."""
    item = record.item
    a = record.assessment
    folder = a.folder
    own = item.direction == Direction.OUT
    # A citizen's item's address and platform id lead back to the author.
    identifying = redacted and not own
    author = record.author(public=redacted) or _unknown()
    handle = item.author_handle if own or not redacted else SCREENED_NAME
    versions = [
        {
            "number": v.number,
            "seen_at": when(v.seen_at),
            "edited_at_source": when(v.edited_at_source),
            "text": v.redacted if redacted and not own else v.text,
            # Fixity of the full text only: a hash of a redacted text's original would
            # let anyone test guesses of what was taken out.
            "content_hash": "" if redacted else v.content_hash,
        }
        for v in record.versions
    ]
    text = record.public_text if redacted and not own else item.text
    journal = f"{a.journal_year}/{a.journal_sequence}" if a.journal_sequence is not None else ""
    kind = str(KINDS.get(item.kind, item.kind))
    return {
        "organisation": organisation,
        "channel": item.channel.name,
        "title": _title(record, redacted=redacted),
        "subject": kind if identifying else f"{kind} {item.platform}:{item.external_id}",
        "footer": f"Tilstede · systemID {a.system_id}",
        "redacted": redacted,
        "hjemmel": skjerming.skjermingshjemmel(record.categories) if redacted else "",
        "kind": kind,
        "direction": pgettext("archive", "published by the agency")
        if own
        else pgettext("archive", "received"),
        "author": author,
        "author_handle": handle,
        "text": text,
        "platform": Platform(item.platform).label if item.platform in Platform.values else "",
        "url": "" if identifying else item.url,
        "external_id": SCREENED_NAME if identifying else item.external_id,
        "created_at": when(item.created_at),
        "received_at": when(item.received_at),
        "captured_at": when(record.versions[0].seen_at) if record.versions else "",
        "visibility": Visibility(item.visibility).label,
        "archive_value": str(VALUES.get(a.value, a.value)),
        "archive_reason": a.reason,
        "journal_number": journal,
        "folder": f"{folder.year}/{folder.sequence}" if folder else "",
        "system_id": str(a.system_id),
        "context": [_context_row(c, redacted=redacted) for c in record.context],
        "replies": [_context_row(c, redacted=redacted) for c in record.replies],
        "more_replies": record.more_replies,
        "versions": versions,
        "history": [
            {
                "at": when(h.at),
                "actor": actor_words(h.actor),
                "what": verb_words(h.verb),
                "reason": skjerming.redact_free_text(h.reason) if redacted else h.reason,
            }
            for h in record.history
        ],
        "amendment": _amendment(record, redacted=redacted),
    }


def _amendment(record: Record, *, redacted: bool) -> dict[str, str] | None:
    """What a registrering after archiving records, as its document says it."""
    m = record.amendment
    if not m:
        return None
    reason = m.get("reason", "")
    return {
        **m,
        "reason": skjerming.redact_free_text(reason) if redacted else reason,
        "changed_at": when(dt.datetime.fromisoformat(m["changed_at"]))
        if m.get("changed_at")
        else "",
        "changed_by": actor_words(m.get("changed_by", "")),
    }


def _title(record: Record, *, redacted: bool) -> str:
    from tilstede.archive.services import item_title

    item = record.item
    text = record.public_text if redacted and item.direction == Direction.IN else item.text
    return item_title(kind=item.kind, channel_name=item.channel.name, text=text)


def render_html(context: dict[str, Any]) -> str:
    with archive_language():
        html = get_template("archive/dokument.html").render(
            {**context, "page_counter": page_counter()}
        )
    return drawable(html)


def record_html(record: Record, *, organisation: str, redacted: bool) -> str:
    """The document's HTML, in the archive's language (``records.archive_language``)."""
    with archive_language():
        context = document_context(record, organisation=organisation, redacted=redacted)
        return render_html(context)


def render_record(record: Record, *, organisation: str, redacted: bool) -> bytes:
    return html_to_pdfa(record_html(record, organisation=organisation, redacted=redacted))
