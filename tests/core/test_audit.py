from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from tilstede.core.models import GENESIS_HASH, AuditEvent, AuditLogIsAppendOnly
from tilstede.core.services import audit_record, audit_verify


def _record_three(world):
    return [
        audit_record(
            actor=world.moderator,
            verb="item.hide",
            object_type="core.item",
            object_id=n,
            details={"reason": "personal-data", "n": n},
        )
        for n in range(3)
    ]


def _without_triggers(sql: str, params: list) -> None:
    """Simulate someone with owner rights: drop the guard, then tamper.

    Runs inside the test's transaction, so the rollback restores the triggers.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER core_auditevent_no_update")
            cursor.execute("DROP TRIGGER core_auditevent_no_delete")
        else:
            # Deferred foreign-key checks would block ALTER TABLE; run them now.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(
                "ALTER TABLE core_auditevent DISABLE TRIGGER core_auditevent_append_only"
            )
        cursor.execute(sql, params)


def test_it_links_each_event_to_the_one_before(world):
    first, second, third = _record_three(world)
    assert first.prev_hash == GENESIS_HASH
    assert second.prev_hash == first.hash
    assert third.prev_hash == second.hash
    assert first.actor_label == "moderator" and first.actor_id == world.moderator.pk


def test_it_verifies_an_intact_chain(world, capsys):
    _record_three(world)
    report = audit_verify()
    assert report.ok and report.checked == 3
    call_command("audit", "verify")
    assert "3 events" in capsys.readouterr().out


def test_it_names_the_first_tampered_event(world):
    events = _record_three(world)
    _without_triggers(
        "UPDATE core_auditevent SET details = %s WHERE id = %s",
        ['{"reason": "spam", "n": 1}', events[1].pk],
    )
    report = audit_verify()
    assert not report.ok
    assert report.broken_at == events[1].pk
    assert report.checked == 1
    with pytest.raises(CommandError, match=f"#{events[1].pk}"):
        call_command("audit", "verify")


def test_it_notices_a_removed_event(world):
    events = _record_three(world)
    _without_triggers("DELETE FROM core_auditevent WHERE id = %s", [events[1].pk])
    report = audit_verify()
    assert report.broken_at == events[2].pk
    assert "link" in report.reason


def test_it_refuses_changes_through_the_orm(world):
    event = _record_three(world)[0]
    event.verb = "item.approve"
    with pytest.raises(AuditLogIsAppendOnly):
        event.save()
    with pytest.raises(AuditLogIsAppendOnly):
        event.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.filter(pk=event.pk).update(verb="x")
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.all().delete()


def test_the_database_refuses_raw_updates(world):
    event = _record_three(world)[0]
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET verb = 'x' WHERE id = %s", [event.pk])
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).verb == "item.hide"


def test_an_event_rolls_back_with_the_change_it_describes(world):
    with pytest.raises(RuntimeError), transaction.atomic():
        audit_record(actor="system", verb="item.hide")
        raise RuntimeError("the change failed")
    assert AuditEvent.objects.count() == 0
    audit_record(actor="system", verb="item.hide")
    assert audit_verify().ok
