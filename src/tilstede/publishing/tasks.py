"""Background tasks of publishing: one per channel and post, and the scheduled firing.

A failure on one channel never stops the others: each delivery is its own task. A
transient failure (timeout, 5xx, rate limit) is tried again with exponential backoff, or
as late as the platform's Retry-After asks, up to ``MAX_ATTEMPTS``; anything else (an
expired token, a refused post) fails at once and is shown on that channel.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from http.cookiejar import CookieJar, DefaultCookiePolicy

import httpx
from django.utils import timezone
from django_tasks import task

from tilstede.connectors.base import Connector, ConnectorError, TransientError
from tilstede.connectors.http import DEFAULT_TIMEOUT, USER_AGENT
from tilstede.core.crypto import CredentialError
from tilstede.core.models import Channel
from tilstede.publishing import services
from tilstede.publishing.models import Delivery, DeliveryStatus

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 6
BASE_DELAY = 30  # seconds; doubles with each attempt
MAX_DELAY = 3600


@functools.cache
def http_client() -> httpx.Client:
    """One HTTP client per worker process for every channel's connector.

    Building a client costs tens of milliseconds (TLS context, CA bundle); sharing one
    keeps publishing to many channels fast and reuses connections to the same platform.
    Each connector sends its own credentials per request; cookies are refused so that
    no state passes between channels.
    """
    return httpx.Client(
        timeout=DEFAULT_TIMEOUT,
        headers={"User-Agent": USER_AGENT},
        follow_redirects=True,
        cookies=CookieJar(policy=DefaultCookiePolicy(allowed_domains=[])),
    )


def _connector(channel: Channel) -> Connector:
    from tilstede.connectors.registry import connector_for

    return connector_for(channel.platform, channel.config, channel.secrets(), client=http_client())


def backoff(attempt: int, error: TransientError) -> float:
    """Seconds before attempt ``attempt + 1``: 30 s, 60 s, 120 s ... capped at an hour,
    or the platform's Retry-After when it asks for longer."""
    delay = min(MAX_DELAY, BASE_DELAY * 2 ** (attempt - 1))
    return max(delay, error.retry_after or 0)


@task()
def delivery_publish(delivery_id: int, attempt: int = 1) -> str:
    """Publish one post on one channel and store the result as an outgoing Item.

    The attempt number doubles as a claim: only the run that moves ``attempts`` up to its
    own number calls the platform, so a task enqueued twice publishes once.
    """
    claimed = Delivery.objects.filter(
        pk=delivery_id,
        status__in=[DeliveryStatus.PENDING, DeliveryStatus.RETRYING],
        attempts__lt=attempt,
    ).update(attempts=attempt)
    if not claimed:
        return "skipped"
    delivery = Delivery.objects.select_related("post", "channel").get(pk=delivery_id)
    post = delivery.post
    now = timezone.now
    try:
        raw = _connector(delivery.channel).publish(
            text=post.text.strip(), language=post.language, link=post.link
        )
    except TransientError as exc:
        if attempt < MAX_ATTEMPTS:
            next_at = now() + dt.timedelta(seconds=backoff(attempt, exc))
            services.delivery_record_retry(
                delivery_id=delivery_id,
                error=str(exc),
                attempts=attempt,
                next_at=next_at,
                now=now(),
            )
            delivery_publish.using(run_after=next_at).enqueue(delivery_id, attempt + 1)
            return "retrying"
        detail = str(exc)
    except (ConnectorError, CredentialError, ValueError, KeyError) as exc:
        # ValueError/KeyError: settings the connector rejects, or a platform without a
        # connector; CredentialError: a token that is unset or unreadable.
        detail = str(exc)
    else:
        services.delivery_record_published(delivery_id=delivery_id, raw=raw, attempts=attempt)
        return DeliveryStatus.PUBLISHED
    log.warning("publishing post %s on %s failed: %s", post.pk, delivery.channel.slug, detail)
    services.delivery_record_failed(delivery_id=delivery_id, error=detail, attempts=attempt)
    return DeliveryStatus.FAILED


@task()
def post_fire_task(post_id: int, scheduled_for: str) -> str:
    """Run at the scheduled instant (``run_after``); does nothing if the post moved."""
    return services.post_fire(post_id=post_id, expected=dt.datetime.fromisoformat(scheduled_for))


@task()
def posts_fire_due() -> int:
    """A safety net for the scheduler: fire scheduled posts whose time has passed."""
    return services.posts_fire_due()


@task()
def channel_limits_refresh_task(channel_id: int) -> int | None:
    channel = Channel.objects.get(pk=channel_id)
    return services.channel_limits_refresh(channel=channel).max_characters
