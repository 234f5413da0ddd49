"""``tilstede audit``: check the append-only audit log, and show its newest checkpoint.

``verify`` walks the hash chain (a changed, removed or inserted event in the middle) and
compares its end with the newest signed checkpoint (removed newest events, an emptied
table, a rewritten chain). Copies of checkpoints kept outside the database, from the log
or an archive export, can be given too: they still count if the checkpoint table itself
was emptied. ``checkpoint`` prints the newest one, to keep elsewhere.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tilstede.cli.errors import BadInput
from tilstede.core.services import Checkpoint, audit_checkpoint_latest, audit_verify


def _checkpoint(value: str) -> Checkpoint:
    import argparse

    try:
        return Checkpoint.from_line(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


class Command(BaseCommand):
    help = "Work with the append-only audit log."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser(
            "verify", help="Check that no event was changed, removed or inserted."
        )
        verify.add_argument(
            "--checkpoint",
            action="append",
            type=_checkpoint,
            default=[],
            metavar="JSON",
            help="A checkpoint kept elsewhere (its JSON line from the log or an export).",
        )
        verify.add_argument(
            "--checkpoints-from",
            type=Path,
            metavar="FILE",
            help="A file (the log, an export's checkpoint file) whose 'audit checkpoint' "
            "lines are checked too; the newest counts.",
        )
        sub.add_parser("checkpoint", help="Print the newest checkpoint as one JSON line.")

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        if action == "checkpoint":
            latest = audit_checkpoint_latest()
            if latest is None:
                raise CommandError("no checkpoint yet: the audit log is empty", returncode=1)
            self.stdout.write(latest.as_line())
            return
        given = list(options.get("checkpoint") or [])
        if options.get("checkpoints_from"):
            given += _read_checkpoints(options["checkpoints_from"])
        report = audit_verify(checkpoints=given)
        if not report.ok:
            where = f" at event #{report.broken_at}" if report.broken_at else ""
            raise CommandError(f"audit chain broken{where}: {report.reason}")
        anchored = (
            f", anchored by the checkpoint of event #{report.anchored_at}"
            if report.anchored_at
            else ", no checkpoint yet"
        )
        self.stdout.write(
            self.style.SUCCESS(f"audit chain intact: {report.checked} events{anchored}")
        )


def _read_checkpoints(path: Path) -> list[Checkpoint]:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise BadInput(f"cannot read {path}: {exc.strerror}") from None
    found = []
    for line in text.splitlines():
        if '"mac"' in line:
            try:
                found.append(Checkpoint.from_line(line))
            except ValueError:
                continue
    if not found:
        raise BadInput(f"{path} holds no audit checkpoint")
    return found
