"""Writes that every stage shares: the audit log and the roles."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from tilstede.core.models import GENESIS_HASH, AuditEvent

Actor = AbstractBaseUser | AnonymousUser | str | None

_PG_AUDIT_LOCK = 0x7115_7EDE  # arbitrary constant key for pg_advisory_xact_lock


def _actor(actor: Actor) -> tuple[int | None, str]:
    if actor is None:
        return None, "system"
    if isinstance(actor, str):
        return None, actor
    if not actor.is_authenticated:
        return None, "anonymous"
    return actor.pk, actor.get_username()


def audit_record(
    *,
    actor: Actor,
    verb: str,
    obj: Any = None,
    object_type: str = "",
    object_id: str | int = "",
    details: dict[str, Any] | None = None,
    at: dt.datetime | None = None,
) -> AuditEvent:
    """Append one event to the audit log and link it to the one before.

    Runs in its own savepoint inside the caller's transaction, so the event commits or
    rolls back with the change it describes. Two writers cannot fork the chain:
    ``prev_hash`` is unique, and on PostgreSQL an advisory lock serialises appends (on
    SQLite the write transaction already does).
    """
    actor_id, actor_label = _actor(actor)
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
    details = details or {}
    at = at or timezone.now()
    for attempt in range(5):
        try:
            with transaction.atomic():
                if connection.vendor == "postgresql":
                    with connection.cursor() as cursor:
                        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_AUDIT_LOCK])
                last = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
                prev = last or GENESIS_HASH
                event = AuditEvent(
                    at=at,
                    actor_id=actor_id,
                    actor_label=actor_label,
                    verb=verb,
                    object_type=object_type,
                    object_id=str(object_id),
                    details=details,
                    prev_hash=prev,
                )
                event.hash = event.compute_hash()
                event.save(force_insert=True)
                return event
        except IntegrityError:
            if attempt == 4:
                raise
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class AuditEntry:
    """One event for ``audit_record_many``; the actor is a label (a rule, a system part)."""

    actor: str
    verb: str
    object_type: str = ""
    object_id: str = ""
    details: dict[str, Any] | None = None
    at: dt.datetime | None = None


def audit_record_many(entries: list[AuditEntry]) -> list[AuditEvent]:
    """Append many events in one go (ingest's automatic holds), chained in list order.

    Same guarantees as ``audit_record``: one lock, one read of the last hash, one insert;
    a concurrent writer makes the insert fail on the unique ``prev_hash`` and it is
    retried from a fresh read.
    """
    if not entries:
        return []
    for attempt in range(5):
        try:
            with transaction.atomic():
                if connection.vendor == "postgresql":
                    with connection.cursor() as cursor:
                        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_AUDIT_LOCK])
                prev = (
                    AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
                    or GENESIS_HASH
                )
                events = []
                now = timezone.now()
                for entry in entries:
                    event = AuditEvent(
                        at=entry.at or now,
                        actor_label=entry.actor,
                        verb=entry.verb,
                        object_type=entry.object_type,
                        object_id=entry.object_id,
                        details=entry.details or {},
                        prev_hash=prev,
                    )
                    event.hash = event.compute_hash()
                    prev = event.hash
                    events.append(event)
                return AuditEvent.objects.bulk_create(events, batch_size=500)
        except IntegrityError:
            if attempt == 4:
                raise
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class ChainReport:
    checked: int
    broken_at: int | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_at is None


def audit_verify(*, batch_size: int = 2000) -> ChainReport:
    """Walk the chain in id order and name the first event whose link or hash is wrong."""
    prev = GENESIS_HASH
    checked = 0
    last_id = 0
    while True:
        batch = list(AuditEvent.objects.filter(id__gt=last_id).order_by("id")[:batch_size])
        if not batch:
            return ChainReport(checked=checked)
        for event in batch:
            if event.prev_hash != prev:
                return ChainReport(
                    checked=checked,
                    broken_at=event.pk,
                    reason="its link to the previous event does not match "
                    "(an event before it was removed, inserted or changed)",
                )
            if event.compute_hash() != event.hash:
                return ChainReport(
                    checked=checked,
                    broken_at=event.pk,
                    reason="its content does not match its hash (the event was changed)",
                )
            prev = event.hash
            checked += 1
            last_id = event.pk
