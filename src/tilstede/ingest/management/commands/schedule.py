"""``tilstede schedule``: enqueue a poll for every channel whose time has come.

It also enqueues the periodic housekeeping tasks (acknowledgements, scheduled posts,
retention) at their own pace.

`tilstede run` starts it beside the web server and the worker. Each enqueue moves the
channel's next poll time forward first, so two schedulers never enqueue the same poll
twice in one interval.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import ngettext

from tilstede.archive.tasks import retention_daily
from tilstede.core.taskwatch import tasks_stuck_recover
from tilstede.desk.tasks import acknowledgements_send
from tilstede.ingest.models import ChannelState
from tilstede.ingest.selectors import channels_due
from tilstede.ingest.tasks import poll_channel
from tilstede.publishing.tasks import posts_fire_due


def enqueue_due() -> int:
    now = timezone.now()
    count = 0
    for channel in channels_due(now=now):
        with transaction.atomic():
            state, _ = ChannelState.objects.select_for_update().get_or_create(channel=channel)
            if state.next_poll_at > now and state.last_poll_at is not None:
                continue
            state.next_poll_at = now + state.poll_interval
            state.save(update_fields=["next_poll_at"])
            transaction.on_commit(lambda pk=channel.pk: poll_channel.enqueue(pk))
        count += 1
    return count


class Command(BaseCommand):
    help = "Enqueue polls of channels that are due, every few seconds (or once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="enqueue what is due and stop")
        parser.add_argument("--every", type=float, default=15.0, help="seconds between rounds")

    def handle(self, *args: Any, once: bool, every: float, **options: Any) -> None:
        # Periodic housekeeping, each at its own pace: (task, seconds between runs).
        periodic = [
            (acknowledgements_send, 300.0),  # automatic "your answer is late" replies
            (posts_fire_due, 60.0),  # scheduled posts whose own task was lost
            (retention_daily, 24 * 3600.0),  # delete discard-class items whose time came
        ]
        last: dict[int, float] = {}
        last_watch = -60.0
        while True:
            for n, (task, pace) in enumerate(periodic):
                if time.monotonic() - last.get(n, -pace) >= pace:
                    task.enqueue()
                    last[n] = time.monotonic()
            # Run here, not as a task: a dead worker would never run it.
            if settings.TILSTEDE_TASKS == "database" and time.monotonic() - last_watch >= 60:
                for stuck in tasks_stuck_recover():
                    self.stderr.write(f"task {stuck.id} ({stuck.task_path}) was stuck")
                last_watch = time.monotonic()
            n = enqueue_due()
            if n and options.get("verbosity", 1) > 0:
                self.stdout.write(
                    ngettext("enqueued %(n)s channel poll", "enqueued %(n)s channel polls", n)
                    % {"n": n}
                )
            if once:
                return
            time.sleep(every)
