"""Checkpoints of the audit chain's head: a cut tail, an emptied table and a recomputed
chain are noticed (issue 16).

Tampering is simulated as someone with owner rights would do it: drop the guard
triggers inside the test's transaction (the rollback restores them), then change rows.
"""

from __future__ import annotations

import json
import logging

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from tilstede.cli.main import main
from tilstede.core.models import AuditCheckpoint, AuditEvent, AuditLogIsAppendOnly, event_hash
from tilstede.core.services import (
    AuditEntry,
    Checkpoint,
    audit_checkpoint_latest,
    audit_record,
    audit_record_many,
    audit_verify,
)

pytestmark = pytest.mark.usefixtures("command_line_keeps_the_test_connection")


def record(n: int) -> list[AuditEvent]:
    return [
        audit_record(actor="system", verb="item.hide", object_id=i, details={"n": i})
        for i in range(n)
    ]


def tamper(*statements: tuple[str, list]) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for name in ("auditevent_no_update", "auditevent_no_delete"):
                cursor.execute(f"DROP TRIGGER IF EXISTS core_{name}")
            for name in ("auditcheckpoint_no_update", "auditcheckpoint_no_delete"):
                cursor.execute(f"DROP TRIGGER IF EXISTS core_{name}")
        else:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE core_auditevent DISABLE TRIGGER USER")
            cursor.execute("ALTER TABLE core_auditcheckpoint DISABLE TRIGGER USER")
        for sql, params in statements:
            cursor.execute(sql, params)


def verify_command(capsys, *args: str) -> tuple[int, str]:
    """``tilstede audit verify`` as from the command line: exit code and what it said."""
    with pytest.raises(SystemExit) as exit_:
        main(["tilstede", "audit", "verify", *args])
        raise SystemExit(0)
    captured = capsys.readouterr()
    return exit_.value.code, (captured.out + captured.err).strip()


def test_every_append_is_checkpointed_signed_and_logged(
    db, caplog, django_capture_on_commit_callbacks
):
    with caplog.at_level(logging.INFO, logger="tilstede.audit.checkpoint"):
        with django_capture_on_commit_callbacks(execute=True):
            first = audit_record(actor="system", verb="a")
        with django_capture_on_commit_callbacks(execute=True):
            audit_record_many(
                [AuditEntry(actor="rule", verb="b"), AuditEntry(actor="rule", verb="c")]
            )
    last = AuditEvent.objects.order_by("-id").first()
    assert list(AuditCheckpoint.objects.values_list("event_id", flat=True)) == [first.pk, last.pk]
    latest = audit_checkpoint_latest()
    assert latest.event_hash == last.hash and latest.signed
    logged = [r.getMessage() for r in caplog.records if r.name == "tilstede.audit.checkpoint"]
    assert len(logged) == 2
    assert Checkpoint.from_line(logged[-1]) == latest
    assert json.loads(logged[-1].split(" ", 2)[2])["event"] == last.pk


def test_it_says_the_chain_is_anchored(db, capsys):
    record(3)
    code, said = verify_command(capsys)
    assert code == 0
    assert (
        said
        == f"audit chain intact: 3 events, anchored by the checkpoint of event #{AuditEvent.objects.last().pk}"
    )


def test_deleting_the_last_three_events_is_named(db, capsys):
    events = record(6)
    tamper(("DELETE FROM core_auditevent WHERE id > %s", [events[2].pk]))
    report = audit_verify()
    assert not report.ok and report.checked == 3
    code, said = verify_command(capsys)
    assert code != 0
    assert len(said.splitlines()) == 1, said
    assert f"ends at event #{events[2].pk}" in said
    assert f"event #{events[5].pk}" in said and "removed" in said
    assert "Traceback" not in said


def test_an_emptied_table_is_named(db):
    events = record(4)
    tamper(("DELETE FROM core_auditevent", []))
    report = audit_verify()
    assert not report.ok
    assert "the audit log is empty" in report.reason
    assert f"#1 to #{events[-1].pk}" in report.reason or f"#{events[-1].pk}" in report.reason
    with pytest.raises(CommandError, match="emptied"):
        call_command("audit", "verify")


def test_a_rewritten_and_recomputed_chain_is_named(db):
    events = record(5)
    # Change event 2's details and recompute every hash from there, as a forger would.
    rows = list(AuditEvent.objects.filter(pk__gte=events[2].pk).order_by("id"))
    prev = events[1].hash
    statements = []
    for n, row in enumerate(rows):
        details = {"n": 99} if n == 0 else row.details
        new = event_hash(
            prev_hash=prev,
            at=row.at,
            actor_label=row.actor_label,
            actor_id=row.actor_id,
            verb=row.verb,
            object_type=row.object_type,
            object_id=row.object_id,
            details=details,
        )
        statements.append(
            (
                "UPDATE core_auditevent SET details = %s, prev_hash = %s, hash = %s WHERE id = %s",
                [json.dumps(details), f"tmp-{n}", f"tmp-h-{n}", row.pk],
            )
        )
        statements.append(
            (
                "UPDATE core_auditevent SET prev_hash = %s, hash = %s WHERE id = %s",
                [prev, new, row.pk],
            )
        )
        prev = new
    tamper(*statements)
    report = audit_verify()
    assert not report.ok
    assert report.broken_at == events[-1].pk
    assert "rewritten" in report.reason and "recomputed" in report.reason


def test_a_forged_checkpoint_is_refused(db):
    events = record(2)
    # Inserting is not guarded; signing is what a forger cannot do without the key.
    AuditCheckpoint.objects.create(event_id=events[-1].pk, event_hash=events[-1].hash, mac="0" * 64)
    report = audit_verify()
    assert not report.ok and "not signed with TILSTEDE_AUDIT_KEY" in report.reason


def test_a_copy_from_the_log_catches_a_cut_tail_when_the_checkpoints_went_too(db, capsys, tmp_path):
    events = record(5)
    log = tmp_path / "tilstede.log"
    log.write_text(
        f"2026-03-02 09:00:00,000 INFO tilstede.audit.checkpoint: audit checkpoint "
        f"{audit_checkpoint_latest().as_line()}\n"
    )
    tamper(
        ("DELETE FROM core_auditevent WHERE id > %s", [events[1].pk]),
        ("DELETE FROM core_auditcheckpoint WHERE event_id > %s", [events[1].pk]),
    )
    # The database alone now agrees with itself ...
    assert audit_verify().ok
    # ... the copy kept outside it does not.
    code, said = verify_command(capsys, "--checkpoints-from", str(log))
    assert code != 0 and f"ends at event #{events[1].pk}" in said
    line = log.read_text().split("audit checkpoint ", 1)[1].strip()
    code, said = verify_command(capsys, "--checkpoint", line)
    assert code != 0 and f"event #{events[4].pk}" in said


def test_a_malformed_checkpoint_argument_is_bad_input(db, capsys):
    code, said = verify_command(capsys, "--checkpoint", "{not json")
    assert code == 2 and "not a checkpoint" in said and "Traceback" not in said


def test_checkpoints_are_append_only(db):
    record(1)
    row = AuditCheckpoint.objects.get()
    with pytest.raises(AuditLogIsAppendOnly):
        row.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditCheckpoint.objects.all().delete()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditcheckpoint")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditcheckpoint SET mac = 'x'")


def test_postgresql_refuses_truncate_and_verify_names_the_emptied_table(db):
    if connection.vendor != "postgresql":
        pytest.skip("TRUNCATE and its trigger exist on PostgreSQL only")
    events = record(3)
    for table in ("core_auditevent", "core_auditcheckpoint"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {table}")
    assert AuditEvent.objects.count() == 3
    tamper(("TRUNCATE core_auditevent", []))
    report = audit_verify()
    assert not report.ok and "the audit log is empty" in report.reason
    assert f"#{events[-1].pk}" in report.reason
