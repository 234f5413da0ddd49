"""Each archive export carries the audit chain's signed head (issue 16)."""

from __future__ import annotations

from tests.archive.test_export import edge_case_package
from tilstede.archive.export import CHECKPOINT_FILE
from tilstede.core.models import AuditEvent
from tilstede.core.services import Checkpoint, audit_verify


def test_the_export_holds_the_checkpoint_of_its_own_event(world, tmp_path):
    out = tmp_path / "pakke"
    _, report = edge_case_package(world, out)
    checkpoint = Checkpoint.from_line((out / CHECKPOINT_FILE).read_text(encoding="utf-8"))
    event = AuditEvent.objects.get(verb="archive.export")
    assert (checkpoint.event_id, checkpoint.event_hash) == (event.pk, event.hash)
    assert checkpoint.signed
    assert audit_verify(checkpoints=[checkpoint]).ok
    assert report.check is None or report.check.ok
