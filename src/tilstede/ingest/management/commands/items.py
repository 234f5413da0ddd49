"""``tilstede items export``: every item of a channel as JSON lines, with its history.

One object per item: the item, all its versions, each version's screening findings.
Streams in keyset order, so memory stays flat however many items a channel has.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db.models import Prefetch
from tqdm import tqdm

from tilstede.cli.errors import BadInput
from tilstede.core.formatting import cli_iso
from tilstede.core.models import Channel, Item, ItemVersion
from tilstede.ingest.models import Finding
from tilstede.ingest.selectors import channel_by_name


def _iso(value: Any) -> str | None:
    return cli_iso(value)


def export_items(channel: Channel, *, chunk: int = 500) -> Iterator[dict[str, Any]]:
    versions = Prefetch(
        "versions",
        queryset=ItemVersion.objects.select_related("screening").prefetch_related(
            Prefetch("screening__findings", queryset=Finding.objects.order_by("start"))
        ),
    )
    last = 0
    while True:
        page = list(
            Item.objects.filter(channel=channel, pk__gt=last)
            .select_related("parent")
            .prefetch_related(versions)
            .order_by("pk")[:chunk]
        )
        if not page:
            return
        for item in page:
            yield {
                "id": item.pk,
                "channel": channel.slug,
                "platform": item.platform,
                "external_id": item.external_id,
                "kind": item.kind,
                "direction": item.direction,
                "author_handle": item.author_handle,
                "author_name": item.author_name,
                "text": item.text,
                "language": item.language,
                "url": item.url,
                "parent_external_id": item.parent.external_id
                if item.parent
                else item.parent_external_id,
                "private": item.private,
                "created_at": _iso(item.created_at),
                "received_at": _iso(item.received_at),
                "visibility": item.visibility,
                "response_state": item.response_state,
                "versions": [_version(v) for v in item.versions.all()],
            }
        last = page[-1].pk


def _version(v: ItemVersion) -> dict[str, Any]:
    screening = getattr(v, "screening", None)
    return {
        "number": v.number,
        "text": v.text,
        "seen_at": _iso(v.seen_at),
        "edited_at_source": _iso(v.edited_at_source),
        "sha256": v.content_hash,
        "case_request": screening.case_request if screening else None,
        "findings": [
            {
                "start": f.start,
                "end": f.end,
                "category": f.category,
                "confidence": f.confidence,
                "detector": f.detector,
                "explanation": f.explanation,
            }
            for f in (screening.findings.all() if screening else [])
        ],
    }


class Command(BaseCommand):
    help = "Export items."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        export = sub.add_parser("export", help="write a channel's items as JSON lines")
        export.add_argument("--channel", required=True)
        export.add_argument("--format", choices=["jsonl"], default="jsonl")
        export.add_argument("--out", help="file to write (default: standard output)")

    def handle(self, *args: Any, action: str, channel: str, out: str | None, **o: Any) -> None:
        try:
            target = channel_by_name(channel)
        except Channel.DoesNotExist:
            raise BadInput(f"no channel named {channel!r}") from None
        total = target.items.count()
        rows = export_items(target)
        if not out:
            for row in rows:
                self.stdout.write(json.dumps(row, ensure_ascii=False))
            return
        with open(out, "w", encoding="utf-8") as stream:
            for row in tqdm(rows, total=total, unit=" items", file=sys.stderr):
                stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        if out:
            self.stderr.write(f"wrote {total} items to {out}")
