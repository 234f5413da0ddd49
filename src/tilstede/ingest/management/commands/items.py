"""``tilstede items export``: the items of a channel a person may see, as JSON lines.

One object per item: the item, all its versions, each version's screening findings. The
export is read as ``--user`` (``Item.objects.visible_to``, the desk's read model): the
same items the person sees in the desk, with the clear text only for those who may
reveal personal data (the redacted text for others), and logged in the audit log.
Streams in keyset order, so memory stays flat however many items a channel has.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from tilstede.cli.errors import BadInput
from tilstede.core.formatting import cli_iso
from tilstede.core.models import Channel, Item, ItemVersion
from tilstede.core.permissions import may_reveal
from tilstede.core.services import audit_record
from tilstede.ingest.selectors import channel_by_name


def _iso(value: Any) -> str | None:
    return cli_iso(value)


def export_items(
    channel: Channel, *, user: AbstractBaseUser, chunk: int = 500
) -> Iterator[dict[str, Any]]:
    """The channel's items that ``user`` may see, oldest first; the texts in clear only
    where ``user`` may reveal personal data."""
    reveal = may_reveal(user)
    visible = Item.objects.visible_to(user).filter(channel=channel).for_rows()
    last = 0
    while True:
        page = list(visible.filter(pk__gt=last).order_by("pk")[:chunk])
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
                "text": item.text if reveal else item.text_redacted,
                "text_is_redacted": not reveal,
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
                "versions": [_version(v, reveal=reveal) for v in item.versions.all()],
            }
        last = page[-1].pk


def _version(v: ItemVersion, *, reveal: bool) -> dict[str, Any]:
    screening = getattr(v, "screening", None)
    return {
        "number": v.number,
        "text": v.text if reveal else (screening.redacted if screening else ""),
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
        export.add_argument(
            "--user",
            required=True,
            help="whose view to export: their items, their right to see personal data",
        )
        export.add_argument("--format", choices=["jsonl"], default="jsonl")
        export.add_argument("--out", help="file to write (default: standard output)")

    def handle(
        self, *args: Any, action: str, channel: str, user: str, out: str | None, **o: Any
    ) -> None:
        try:
            target = channel_by_name(channel)
        except Channel.DoesNotExist:
            raise BadInput(f"no channel named {channel!r}") from None
        model = get_user_model()
        person = model._default_manager.filter(
            **{model.USERNAME_FIELD: user}, is_active=True
        ).first()
        if person is None:
            raise BadInput(f"no active user named {user!r}")
        total = Item.objects.visible_to(person).filter(channel=target).count()
        audit_record(
            actor=person,
            verb="items.export",
            obj=target,
            details={"items": total, "redacted": not may_reveal(person)},
        )
        rows = export_items(target, user=person)
        if not out:
            for row in rows:
                self.stdout.write(json.dumps(row, ensure_ascii=False))
            return
        with open(out, "w", encoding="utf-8") as stream:
            for row in tqdm(rows, total=total, unit=" items", file=sys.stderr):
                stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        if out:
            self.stderr.write(f"wrote {total} items to {out}")
