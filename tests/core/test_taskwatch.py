"""A task left RUNNING by a killed worker is failed with a reason and retried once."""

from __future__ import annotations

import datetime as dt

from django.core.management import call_command
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tilstede.core.models import AuditEvent
from tilstede.core.taskwatch import tasks_stuck_recover
from tilstede.ingest.tasks import poll_channel

HOUR = dt.timedelta(hours=1)


def claimed(channel, *, started: dt.datetime) -> DBTaskResult:
    """A poll a worker claimed at ``started`` and never finished (it was killed)."""
    enqueued = poll_channel.using(backend="default").enqueue(channel.pk)
    result = DBTaskResult.objects.get(pk=enqueued.id)
    result.claim("worker-that-died")
    DBTaskResult.objects.filter(pk=result.pk).update(started_at=started)
    return result


def test_a_task_running_past_the_timeout_is_failed_with_a_reason_and_retried(world, settings):
    settings.TILSTEDE_TASK_TIMEOUT_MINUTES = 30
    now = timezone.now()
    stuck = claimed(world.channel, started=now - HOUR)
    busy = claimed(world.other_channel, started=now - dt.timedelta(minutes=5))

    [found] = tasks_stuck_recover(now=now)

    stuck.refresh_from_db()
    assert stuck.status == TaskResultStatus.FAILED
    assert stuck.exception_class_path == "tilstede.core.taskwatch.TaskStuck"
    assert "over 30 minutes" in stuck.traceback and "worker-that-died" in stuck.traceback
    retry = DBTaskResult.objects.get(pk=found.retried_as)
    assert retry.status == TaskResultStatus.READY
    assert retry.task_path == stuck.task_path
    assert retry.args_kwargs == stuck.args_kwargs
    busy.refresh_from_db()
    assert busy.status == TaskResultStatus.RUNNING  # within its time: left alone
    event = AuditEvent.objects.get(verb="task.stuck")
    assert event.object_id == str(stuck.pk) and event.details["retried_as"] == found.retried_as


def test_a_retry_that_gets_stuck_too_is_only_failed(world):
    now = timezone.now()
    claimed(world.channel, started=now - 3 * HOUR)
    [first] = tasks_stuck_recover(now=now)
    retry = DBTaskResult.objects.get(pk=first.retried_as)
    retry.claim("second-worker")
    DBTaskResult.objects.filter(pk=retry.pk).update(started_at=now - 2 * HOUR)

    [second] = tasks_stuck_recover(now=now)

    assert second.id == str(retry.pk) and second.retried_as == ""
    retry.refresh_from_db()
    assert retry.status == TaskResultStatus.FAILED and "not retried again" in retry.traceback
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()


def test_the_scheduler_looks_for_stuck_tasks(world, settings, capsys):
    settings.TILSTEDE_TASK_TIMEOUT_MINUTES = 1
    stuck = claimed(world.channel, started=timezone.now() - HOUR)
    call_command("schedule", "--once")
    stuck.refresh_from_db()
    assert stuck.status == TaskResultStatus.FAILED
    assert "was stuck" in capsys.readouterr().err
