"""Innsyn (offentleglova) and data subjects' access requests (GDPR art. 15).

A request is recorded first (who asked, what was searched), then answered with one
PDF/A bundle and a CSV. Personal data of others is redacted: texts are screened anew when
the answer is made (``skjerming.redact``: today's screening, in every spelling it knows,
and the findings stored at ingest) and private persons' names are ``******``; in a data
subject's request the person's own items (by their handle) are given in full. No CSV
cell can be read as a spreadsheet formula. The request and each export are written to
the audit log.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import npgettext

from tilstede.archive.documents import KINDS, drawable, html_to_pdfa, when
from tilstede.archive.models import InnsynRequest, RequestKind
from tilstede.archive.records import SCREENED_NAME, archive_language, latest_redactions
from tilstede.archive.services import ArchiveError, day_start
from tilstede.core.csvsafe import csv_dict_writer
from tilstede.core.models import Channel, Direction, Item, ItemVersion, Organisation
from tilstede.core.services import Actor, audit_record
from tilstede.core.spreadsheet import spreadsheet_safe


@dataclass(frozen=True)
class Search:
    text: str = ""
    handle: str = ""
    channel: str = ""  # slug
    start: dt.date | None = None
    end: dt.date | None = None  # exclusive

    def as_dict(self) -> dict[str, str]:
        return {
            "text": self.text,
            "handle": self.handle,
            "channel": self.channel,
            "start": self.start.isoformat() if self.start else "",
            "end": self.end.isoformat() if self.end else "",
        }

    @classmethod
    def from_dict(cls, data: dict[str, str]) -> Search:
        return cls(
            text=data.get("text", ""),
            handle=data.get("handle", ""),
            channel=data.get("channel", ""),
            start=dt.date.fromisoformat(data["start"]) if data.get("start") else None,
            end=dt.date.fromisoformat(data["end"]) if data.get("end") else None,
        )


def items_search(*, organisation: Organisation, search: Search) -> models.QuerySet[Item]:
    """Items of the organisation by text (any version), author handle, channel and date."""
    qs = Item.objects.filter(channel__organisation=organisation)
    if search.text:
        in_versions = ItemVersion.objects.filter(text__icontains=search.text).values("item_id")
        qs = qs.filter(Q(text__icontains=search.text) | Q(pk__in=in_versions))
    if search.handle:
        qs = qs.filter(author_handle__iexact=search.handle)
    if search.channel:
        qs = qs.filter(channel__slug=search.channel)
    if search.start:
        qs = qs.filter(created_at__gte=day_start(search.start))
    if search.end:
        qs = qs.filter(created_at__lt=day_start(search.end))
    return qs.select_related("channel").order_by("created_at", "pk")


@transaction.atomic
def innsyn_request_record(
    *,
    organisation: Organisation,
    kind: str,
    reference: str,
    search: Search,
    by: Actor,
    subject_handle: str = "",
) -> InnsynRequest:
    if kind not in RequestKind.values:
        raise ArchiveError(f"unknown kind of request {kind!r}")
    if not reference.strip():
        raise ArchiveError("a request needs a reference (e.g. its saksnummer)")
    if kind == RequestKind.DATA_SUBJECT and not subject_handle:
        raise ArchiveError("a data subject's request needs the person's handle")
    user = by if isinstance(by, models.Model) else None
    request = InnsynRequest.objects.create(
        organisation=organisation,
        kind=kind,
        reference=reference,
        query=search.as_dict(),
        subject_handle=subject_handle,
        created_by=user,
        result_count=items_search(organisation=organisation, search=search).count(),
    )
    audit_record(
        actor=by,
        verb="archive.innsyn_request",
        obj=request,
        details={"kind": kind, "reference": reference, "query": search.as_dict()},
    )
    return request


def _redacted_texts(items: list[Item]) -> dict[int, str]:
    """Each item's latest text as the public may see it."""
    return {pk: r.text for pk, r in latest_redactions(items).items()}


def _row(item: Item, request: InnsynRequest, redacted: dict[int, str]) -> dict[str, Any]:
    own = (
        request.kind == RequestKind.DATA_SUBJECT
        and item.author_handle.lower() == request.subject_handle.lower()
    )
    ours = item.direction == Direction.OUT
    author = item.author_name or item.author_handle
    return {
        "id": item.pk,
        "kanal": item.channel.name,
        "plattform": item.platform,
        "type": str(KINDS.get(item.kind, item.kind)),
        "retning": "utgående" if ours else "inngående",
        "publisert": when(item.created_at),
        "forfatter": author if (own or ours) else SCREENED_NAME,
        "adresse": item.url if (own or ours) else "",
        "tekst": item.text if own else redacted.get(item.pk, item.text),
        "status": item.visibility,
    }


FIELDS = ["id", "kanal", "plattform", "type", "retning", "publisert", "forfatter", "adresse"]


def innsyn_export(*, request: InnsynRequest, out: Path, by: Actor) -> dict[str, Path]:
    """Write ``innsyn-<id>.csv`` and ``innsyn-<id>.pdf`` for a recorded request."""
    search = Search.from_dict(request.query)
    items = list(items_search(organisation=request.organisation, search=search))
    redacted = _redacted_texts(items)
    with archive_language():  # the kinds' names; the bundle is the archive's document
        rows = [_row(i, request, redacted) for i in items]
    out.mkdir(parents=True, exist_ok=True)
    csv_path = out / f"innsyn-{request.pk}.csv"
    with open(csv_path, "w", encoding="utf-8", newline="") as fh:
        writer = csv_dict_writer(fh, fieldnames=[*FIELDS, "tekst", "status"])
        writer.writeheader()
        writer.writerows({k: spreadsheet_safe(v) for k, v in row.items()} for row in rows)
    pdf_path = out / f"innsyn-{request.pk}.pdf"
    pdf_path.write_bytes(html_to_pdfa(drawable(_bundle_html(request, rows))))
    sums = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (csv_path, pdf_path)}
    with transaction.atomic():
        request.exported_at = timezone.now()
        request.export_sha256 = sums
        request.result_count = len(rows)
        request.save(update_fields=["exported_at", "export_sha256", "result_count"])
        audit_record(
            actor=by,
            verb="archive.innsyn_export",
            obj=request,
            details={"items": len(rows), "files": sums},
        )
    return {"csv": csv_path, "pdf": pdf_path}


def _elements(n: int) -> str:
    with archive_language():
        return npgettext("archive", "%(n)s item", "%(n)s items", n) % {"n": n}


def _bundle_html(request: InnsynRequest, rows: list[dict[str, Any]]) -> str:
    e = html.escape
    org = request.organisation.name
    parts = [
        '<!DOCTYPE html><html lang="nb"><head><meta charset="utf-8">',
        f"<title>Innsyn {e(request.reference)} – {e(org)}</title>",
        "<style>@page{size:A4;margin:18mm}"
        " body{font-family:'DejaVu Sans','Symbola';font-size:9.5pt}"
        " h1{font-size:13pt} h2{font-size:10.5pt;margin:5mm 0 1mm 0}"
        " .meta{font-size:8pt;color:#333} .text{white-space:pre-wrap;border-left:1.5pt solid"
        " #555;padding-left:3mm}</style></head><body>",
        f"<h1>{e(org)}: {e(request.get_kind_display())}</h1>",
        f"<p>Referanse {e(request.reference)} · {e(_elements(len(rows)))} · laget "
        f"{e(when(timezone.now()))}. Andres personopplysninger er skjermet (******).</p>",
    ]
    for row in rows:
        parts.append(
            f"<h2>{e(row['type'])} på {e(row['kanal'])}</h2>"
            f'<div class="meta">{e(row["publisert"])} · {e(row["forfatter"])} · '
            f"{e(row['retning'])} · {e(str(row['status']))}</div>"
            f'<div class="text">{e(row["tekst"]) or "(ingen tekst)"}</div>'
        )
    if not rows:
        parts.append("<p>Søket ga ingen treff.</p>")
    parts.append("</body></html>")
    return "".join(parts)


def channel_by_slug(organisation: Organisation, slug: str) -> Channel:
    channel = Channel.objects.filter(organisation=organisation, slug=slug).first()
    if channel is None:
        raise ArchiveError(f"no channel {slug!r} in {organisation}")
    return channel
