"""Carry decisions out at the source, and tell authors why their comment went."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from tilstede.connectors.base import Connector, ConnectorError, NotSupported, TransientError
from tilstede.core.crypto import CredentialError
from tilstede.core.models import QUEUED, DeliveryStatus
from tilstede.core.services import audit_record
from tilstede.moderation.models import Decision, Notice, NoticeRoute, PlatformStatus, Verb

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 6
APPEAL_SALT = "tilstede.appeal"


def appeal_token(decision: Decision) -> str:
    return signing.dumps(decision.pk, salt=APPEAL_SALT)


def appeal_url(decision: Decision) -> str:
    base = settings.TILSTEDE_PUBLIC_URL.rstrip("/")
    return base + reverse("appeal", args=[appeal_token(decision)])


def _connector(decision: Decision) -> Connector:
    from tilstede.connectors.registry import connector_for

    channel = decision.item.channel
    return connector_for(channel.platform, channel.config, channel.secrets())


@task()
def decision_carry_out(decision_id: int, attempt: int = 1) -> str:
    """Hide, unhide or delete the item at its platform; record what the platform said.

    A transient failure is tried again later (up to six times, backing off); anything
    else is recorded as failed for a person to see on the item.
    """
    decision = Decision.objects.select_related("item__channel").get(pk=decision_id)
    item = decision.item
    try:
        connector = _connector(decision)
        if decision.verb in (Verb.HIDE, Verb.HOLD, Verb.BLOCK):
            connector.hide(item.external_id)
        elif decision.verb == Verb.UNHIDE:
            connector.unhide(item.external_id)
        elif decision.verb == Verb.DELETE_AT_SOURCE:
            connector.delete(item.external_id)
        status, detail = PlatformStatus.DONE, ""
    except NotSupported as exc:
        status, detail = PlatformStatus.NOT_SUPPORTED, str(exc)
    except TransientError as exc:
        if attempt < MAX_ATTEMPTS:
            delay = exc.retry_after or 30 * 2**attempt
            Decision.objects.filter(pk=decision.pk).update(platform_detail=f"retrying: {exc}")
            decision_carry_out.using(
                run_after=timezone.now() + dt.timedelta(seconds=delay)
            ).enqueue(decision_id, attempt + 1)
            return "retrying"
        status, detail = PlatformStatus.FAILED, str(exc)
    except (ConnectorError, CredentialError, ValueError, KeyError) as exc:
        status, detail = PlatformStatus.FAILED, str(exc)
    with transaction.atomic():
        Decision.objects.filter(pk=decision.pk).update(
            platform_status=status, platform_detail=detail[:2000]
        )
        audit_record(
            actor=f"connector:{item.platform}",
            verb=f"source.{decision.verb}.{status}",
            obj=item,
            details={"decision": decision.pk, "detail": detail[:500]},
        )
    return status


@task()
def notice_deliver(notice_id: int, attempt: int = 1) -> str:
    """Send a queued notice to the author at the platform; record what the platform said.

    A direct message where the platform allows one (the notice concerns the author only),
    else a reply in the thread. A transient failure is tried again later (up to six
    times, backing off); anything else is recorded as not delivered, with the reason,
    for the moderator to see. Running it for a notice already sent does nothing.
    """
    from tilstede.moderation import services

    notice = Notice.objects.select_related("decision__item__channel").get(pk=notice_id)
    if notice.status not in QUEUED or notice.route == NoticeRoute.COMMENT_FIELD:
        return notice.status
    item = notice.decision.item
    try:
        connector = _connector(notice.decision)
        if notice.route == NoticeRoute.DIRECT_MESSAGE:
            send = getattr(connector, "direct_message", None)
            if send is None:
                raise NotSupported("this connector cannot send direct messages")
            raw = send(parent=item.external_id, text=notice.text)
        else:
            raw = connector.reply(parent=item.external_id, text=notice.text)
    except NotSupported as exc:
        detail = f"the platform does not allow it: {exc}"
    except TransientError as exc:
        if attempt < MAX_ATTEMPTS:
            delay = exc.retry_after or 30 * 2**attempt
            Notice.objects.filter(pk=notice.pk).update(
                detail=f"retrying: {exc}"[:2000], attempts=attempt
            )
            notice_deliver.using(run_after=timezone.now() + dt.timedelta(seconds=delay)).enqueue(
                notice_id, attempt + 1
            )
            return "retrying"
        detail = str(exc)
    except (ConnectorError, CredentialError, ValueError, KeyError) as exc:
        detail = str(exc)
    else:
        services.notice_record_sent(
            notice=notice, external_id=raw.external_id, url=raw.url, attempts=attempt
        )
        return DeliveryStatus.SENT
    log.warning("notice %s not delivered: %s", notice_id, detail)
    services.notice_record_failed(notice=notice, detail=detail, attempts=attempt)
    return DeliveryStatus.FAILED
