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
from tilstede.core.models import Platform
from tilstede.core.services import audit_record
from tilstede.moderation.models import Decision, PlatformStatus, Verb

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


def notice_text(decision: Decision) -> str:
    rule = decision.house_rule
    title = rule.title if rule else ""
    verb = "fjernet" if decision.verb == Verb.DELETE_AT_SOURCE else "skjult"
    return (
        f"Kommentaren din er {verb} fordi den bryter husregelen «{title}». "
        f"Du kan klage på avgjørelsen her: {appeal_url(decision)}"
    )


@task()
def notice_send(decision_id: int) -> str:
    """Tell the author which house rule their comment broke and how to appeal.

    Our own comment field shows the notice and the appeal link beside the comment; on a
    platform the notice goes as a reply where the platform allows replies and the item is
    not a private message (the reply then reaches the author). Where neither is possible
    the audit log says so.
    """
    decision = Decision.objects.select_related("item__channel", "house_rule").get(pk=decision_id)
    item = decision.item
    text = notice_text(decision)
    if item.platform == Platform.WEBCOMMENTS:
        outcome = "shown_in_comment_field"
    else:
        try:
            _connector(decision).reply(parent=item.external_id, text=text)
            outcome = "replied"
        except NotSupported:
            outcome = "not_possible"
        except (ConnectorError, CredentialError, ValueError, KeyError) as exc:
            outcome = f"failed: {exc}"[:300]
    audit_record(
        actor="system",
        verb="notice.author",
        obj=item,
        details={"decision": decision.pk, "outcome": outcome},
    )
    return outcome
