"""Send our replies to the platforms, and acknowledge items that will be answered late."""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone
from django_tasks import task

from tilstede.connectors.base import Connector, ConnectorError, NotSupported, TransientError
from tilstede.core.crypto import CredentialError
from tilstede.core.models import QUEUED
from tilstede.desk import services
from tilstede.desk.models import DeliveryStatus, OutgoingReply

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 6


def _connector(delivery: OutgoingReply) -> Connector:
    from tilstede.connectors.registry import connector_for

    channel = delivery.in_reply_to.channel
    return connector_for(channel.platform, channel.config, channel.secrets())


@task()
def reply_deliver(outgoing_item_id: int, attempt: int = 1) -> str:
    """Publish a stored reply at the platform, in the thread of the item it answers.

    A transient failure is tried again later (up to six times, backing off, or as late
    as the platform's Retry-After asks); anything else is recorded as failed on the
    reply, with the platform's reason, for a person to see and retry; the item it
    answers stays awaiting. Running it twice for a reply already sent does nothing.
    """
    delivery = OutgoingReply.objects.select_related("item", "in_reply_to__channel").get(
        item_id=outgoing_item_id
    )
    if delivery.status not in QUEUED:
        return delivery.status
    try:
        raw = _connector(delivery).reply(
            parent=delivery.in_reply_to.external_id, text=delivery.item.text
        )
    except NotSupported as exc:
        detail = f"the platform does not allow it: {exc}"
    except TransientError as exc:
        if attempt < MAX_ATTEMPTS:
            delay = exc.retry_after or 30 * 2**attempt
            OutgoingReply.objects.filter(pk=delivery.pk).update(
                detail=f"retrying: {exc}"[:2000], attempts=attempt
            )
            reply_deliver.using(run_after=timezone.now() + dt.timedelta(seconds=delay)).enqueue(
                outgoing_item_id, attempt + 1
            )
            return "retrying"
        detail = str(exc)
    except (ConnectorError, CredentialError, ValueError, KeyError) as exc:
        # ValueError/KeyError: a channel's settings the connector rejects, or a platform
        # without a connector; CredentialError: a token that is unset or unreadable.
        detail = str(exc)
    else:
        services.reply_record_sent(delivery=delivery, raw=raw, attempts=attempt)
        return DeliveryStatus.SENT
    log.warning("reply %s failed: %s", outgoing_item_id, detail)
    services.reply_record_failed(delivery=delivery, detail=detail, attempts=attempt)
    return DeliveryStatus.FAILED


@task()
def acknowledgements_send() -> int:
    """Every few minutes: the automatic "your answer is late" replies (see services)."""
    return services.acknowledgements_send()
