"""Archive value per item, manual override, closing threads and periods."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.archive.helpers import END, START, build_thread, close
from tilstede.archive.models import (
    ArchiveAmendment,
    ArchiveAssessment,
    ArchiveChange,
    ArchiveClass,
    ArchiveFolder,
    ArchiveRule,
    Condition,
    Source,
)
from tilstede.archive.services import (
    ArchiveError,
    assessment_override,
    items_assess,
    thread_close,
)
from tilstede.core.models import AuditEvent


def value(item) -> str:
    return ArchiveAssessment.objects.get(item=item).value


def test_it_assesses_a_thread_by_content(world) -> None:
    t = build_thread(world)
    items_assess(organisation=world.org, ids=[i.pk for i in vars(t).values()])
    assert value(t.post) == ArchiveClass.STORE
    assert value(t.question) == ArchiveClass.JOURNAL
    assert value(t.answer) == ArchiveClass.JOURNAL
    assert value(t.phone) == ArchiveClass.JOURNAL
    assert value(t.removed) == ArchiveClass.DISCARD
    assert value(t.chatter) == ArchiveClass.DISCARD


def test_an_organisations_rule_overrides_the_default(world) -> None:
    t = build_thread(world)
    ArchiveRule.objects.create(
        organisation=world.org,
        channel=world.channel,
        condition=Condition.NO_CASE_WORK,
        direction="in",
        value=ArchiveClass.STORE,
        reason="Alt i denne kanalen arkiveres",
    )
    items_assess(organisation=world.org, ids=[t.chatter.pk])
    a = ArchiveAssessment.objects.get(item=t.chatter)
    assert (a.value, a.source, a.reason) == (
        ArchiveClass.STORE,
        Source.RULE,
        "Alt i denne kanalen arkiveres",
    )


def test_a_manual_decision_needs_a_reason_and_is_audited(world) -> None:
    t = build_thread(world)
    with pytest.raises(ArchiveError):
        assessment_override(item=t.chatter, value="store", reason=" ", by=world.admin)
    assessment_override(
        item=t.chatter, value="store", reason="Dokumenterer stemningen", by=world.admin
    )
    a = ArchiveAssessment.objects.get(item=t.chatter)
    assert (a.value, a.source, a.decided_by) == ("store", Source.MANUAL, "admin")
    items_assess(organisation=world.org, ids=[t.chatter.pk])  # rules leave it alone
    assert value(t.chatter) == ArchiveClass.STORE
    assert AuditEvent.objects.filter(verb="archive.override", object_id=str(t.chatter.pk)).exists()
    assert not ArchiveChange.objects.exists()  # not archived yet: no endring


def test_closing_a_period_places_items_in_folders_with_journal_numbers(world) -> None:
    t = build_thread(world)
    report = close(world)
    assert (report.journal, report.store, report.discard) == (4, 1, 3)
    folder = ArchiveFolder.objects.get()
    assert folder.is_case and folder.root == t.post
    numbers = list(
        ArchiveAssessment.objects.filter(journal_sequence__isnull=False)
        .order_by("journal_sequence")
        .values_list("item__external_id", "journal_year", "journal_sequence")
    )
    assert numbers == [("q1", 2026, 1), ("ph", 2026, 2), ("a1", 2026, 3), ("pa", 2026, 4)]
    chatter = ArchiveAssessment.objects.get(item=t.chatter)
    assert chatter.folder is None and chatter.discard_after == END + dt.timedelta(days=90)
    assert AuditEvent.objects.filter(verb="archive.period_close").exists()


def test_a_change_after_archiving_leaves_the_archived_registrering_as_it_was(world) -> None:
    t = build_thread(world)
    report = close(world)
    assessment_override(
        item=t.removed, value="store", reason="Viser hva som ble fjernet", by=world.moderator
    )
    a = ArchiveAssessment.objects.get(item=t.removed)
    # No registrering in the closed period, no kassasjonsdato any more: a new
    # registrering waits for the period that covers today.
    assert a.folder is None and a.discard_after is None and a.period == report.period
    m = ArchiveAmendment.objects.get()
    assert (m.item, m.value, m.period, m.changed_by) == (t.removed, "store", None, "moderator")
    assert not ArchiveChange.objects.exists()  # nothing archived has changed yet
    assessment_override(item=t.question, value="store", reason="Ikke sak", by=world.admin)
    q = ArchiveAssessment.objects.get(item=t.question)
    assert (q.value, q.expired_by) == ("journal", "admin") and q.folder is not None
    change = ArchiveChange.objects.get()
    assert (change.reference, change.metadata, change.old_value, change.new_value) == (
        q.system_id,
        "journalstatus",
        "Arkivert",
        "Utgår",
    )


def test_it_refuses_overlapping_and_unfinished_periods(world) -> None:
    build_thread(world)
    close(world)
    with pytest.raises(ArchiveError, match="overlaps"):
        close(world, start=START + dt.timedelta(days=1), end=END + dt.timedelta(days=1))
    with pytest.raises(ArchiveError, match="over"):
        close(world, start=dt.date(2099, 1, 1), end=dt.date(2100, 1, 1))


def test_a_closed_thread_dates_its_folder(world) -> None:
    t = build_thread(world)
    closure = thread_close(root=t.answer, by=world.moderator, reason="Besvart")
    assert closure.root == t.post  # any item names its thread
    close(world)
    assert ArchiveFolder.objects.get().closed_at == closure.closed_at
