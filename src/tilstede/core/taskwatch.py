"""Tasks left RUNNING by a worker that died are found, failed with a reason, and retried.

A task in the database backend is marked RUNNING when a worker claims it and finished
when it ends; a worker killed in between (out of memory, a restart) leaves it RUNNING
for ever, and whatever it was to do (a poll, a platform action, a post) silently never
happens. ``tasks_stuck_recover`` runs from ``tilstede schedule`` every minute: a task
RUNNING for longer than ``TILSTEDE_TASK_TIMEOUT_MINUTES`` is marked FAILED with the
reason (visible to the operator on the task in the admin, and as ``task.stuck`` in the
audit log), and enqueued once more. Tasks are written to be safe to run twice (ingest is
idempotent, platform actions check their state). A retry that gets stuck too is only
failed, so a task that kills its worker is not retried for ever.

With TILSTEDE_TASKS=rq, RQ's own job timeout and its registry of abandoned jobs do this.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tilstede.core.models import AuditEvent
from tilstede.core.services import audit_record

log = logging.getLogger("tilstede.tasks")


class TaskStuck(Exception):
    """Recorded as the failure of a task whose worker stopped while it was running."""


@dataclass(frozen=True)
class StuckTask:
    id: str
    task_path: str
    started_at: dt.datetime
    retried_as: str  # the new task's id, or "" when it was not retried


def tasks_stuck_recover(
    *, now: dt.datetime | None = None, timeout: dt.timedelta | None = None
) -> list[StuckTask]:
    """Fail every task RUNNING since before ``now - timeout``, and retry it once."""
    now = now or timezone.now()
    timeout = timeout or dt.timedelta(minutes=settings.TILSTEDE_TASK_TIMEOUT_MINUTES)
    found = []
    stuck = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=now - timeout
    ).order_by("started_at")
    for pk in stuck.values_list("pk", flat=True):
        with transaction.atomic():
            result = (
                DBTaskResult.objects.select_for_update()
                .filter(pk=pk, status=TaskResultStatus.RUNNING)
                .first()
            )
            if result is None:  # finished meanwhile
                continue
            found.append(_recover(result, now=now, timeout=timeout))
    return found


def _recover(result: DBTaskResult, *, now: dt.datetime, timeout: dt.timedelta) -> StuckTask:
    """Precondition: called holding the task's row lock, in a transaction."""
    started = result.started_at or now
    minutes = int(timeout.total_seconds() // 60)
    was_retry = AuditEvent.objects.filter(
        verb="task.stuck", details__retried_as=str(result.pk)
    ).exists()
    retried_as = ""
    if not was_retry:
        args = result.args_kwargs or {}
        new = result.task.enqueue(*args.get("args", []), **args.get("kwargs", {}))
        retried_as = str(new.id)
    reason = (
        f"stuck: RUNNING since {started.isoformat()} (over {minutes} minutes) on worker "
        f"{', '.join(result.worker_ids) or 'unknown'}, which presumably stopped; "
        + (f"retried as task {retried_as}" if retried_as else "not retried again (a retry)")
    )
    result.set_failed(TaskStuck(reason))
    audit_record(
        actor="system:tasks",
        verb="task.stuck",
        object_type="django_tasks_db.dbtaskresult",
        object_id=str(result.pk),
        details={
            "task": result.task_path,
            "started_at": started.isoformat(),
            "workers": list(result.worker_ids),
            "retried_as": retried_as,
            "reason": reason,
        },
        at=now,
    )
    log.warning("task %s (%s) %s", result.pk, result.task_path, reason)
    return StuckTask(
        id=str(result.pk), task_path=result.task_path, started_at=started, retried_as=retried_as
    )
