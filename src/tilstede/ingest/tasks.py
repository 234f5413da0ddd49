"""Background tasks of ingest, run by the worker that `make run` starts."""

from __future__ import annotations

from django_tasks import task

from tilstede.core.models import Channel


@task()
def poll_channel(channel_id: int) -> dict[str, int | str]:
    """Poll one channel; failures are written on the channel's health, not raised."""
    from tilstede.ingest.services import channel_poll

    channel = Channel.objects.get(pk=channel_id)
    if not channel.active:
        return {"skipped": "paused"}
    report = channel_poll(channel=channel)
    return {
        "created": report.created,
        "new_versions": report.new_versions,
        "held": report.held,
        "batches": report.batches,
        "error": report.error,
    }
