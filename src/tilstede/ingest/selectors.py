"""Reads of ingest that the CLI, the admin and later the desk share."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from tilstede.core.models import Channel, Platform


def channels_due(*, now: dt.datetime | None = None) -> QuerySet[Channel]:
    """Active channels whose next poll time has come (own comments are pushed, not polled)."""
    now = now or timezone.now()
    return (
        Channel.objects.filter(active=True)
        .exclude(platform=Platform.WEBCOMMENTS)
        .exclude(state__next_poll_at__gt=now)
        .select_related("state")
    )


def channel_by_name(name: str) -> Channel:
    """Find a channel by its short name (slug) or its full name; raise Channel.DoesNotExist."""
    try:
        return Channel.objects.get(slug=name)
    except Channel.DoesNotExist:
        return Channel.objects.get(name=name)
