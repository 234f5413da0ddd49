"""``tilstede ingest --channel NAME``: poll one channel now, with a progress bar.

The poll also runs the recheck that is due (edits, hides and deletions at the source of
items in the channel's recheck window); ``--recheck-all`` rechecks the whole window now,
at the pace the platform's documented rate limit allows, saying when it waits.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from tilstede.cli.errors import BadInput
from tilstede.core.models import Channel
from tilstede.ingest.selectors import channel_by_name
from tilstede.ingest.services import IngestReport, channel_poll


class Command(BaseCommand):
    help = "Fetch everything new on a channel now (the worker does this on a schedule)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--channel", required=True, help="short name or name")
        parser.add_argument("--max-batches", type=int, default=1000)
        parser.add_argument("--batch-size", type=int, default=200)
        parser.add_argument(
            "--recheck-all",
            action="store_true",
            help="also look again at every item in the recheck window now",
        )

    def handle(
        self,
        *args: Any,
        channel: str,
        max_batches: int,
        batch_size: int,
        recheck_all: bool = False,
        **o: Any,
    ) -> None:
        try:
            target = channel_by_name(channel)
        except Channel.DoesNotExist:
            raise BadInput(f"no channel named {channel!r} (see `tilstede channel list`)") from None
        bar = tqdm(desc=f"{target.slug}", unit=" items", disable=o.get("verbosity", 1) == 0)

        def progress(batch: IngestReport) -> None:
            bar.update(batch.received)
            bar.set_postfix(new=batch.created, edits=batch.new_versions, held=batch.held)

        def on_wait(seconds: float, why: str) -> None:
            # A whole-window recheck keeps to the platform's rate limit: say why it waits.
            self.stderr.write(f"waiting {seconds:.0f} s for {why}")

        report = channel_poll(
            channel=target,
            max_batches=max_batches,
            limit=batch_size,
            progress=progress,
            recheck="all" if recheck_all else "due",
            on_wait=on_wait,
        )
        bar.close()
        for problem in report.problems:
            self.stderr.write(f"skipped: {problem}")
        summary = (
            f"{report.created} new, {report.new_versions} edited, "
            f"{report.deleted_at_source} deleted at the source, "
            f"{report.hidden_at_source} hidden at the source, {report.unchanged} unchanged, "
            f"{report.held} held, {report.findings} findings in {report.batches} batches; "
            f"{report.rechecked} rechecked with {report.requests} requests"
        )
        if report.error:
            raise CommandError(f"{summary}; stopped: {report.error}")
        self.stdout.write(self.style.SUCCESS(summary))
