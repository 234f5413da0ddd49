"""Retention (kassasjon): discard-class items go when their time has come, unless held."""

from __future__ import annotations

import datetime as dt

from django.core.management import call_command

from tests.archive.helpers import END, build_thread, close
from tilstede.archive.models import RetentionDeletion
from tilstede.archive.services import legal_hold_place, legal_hold_release, retention_run
from tilstede.core.models import AuditEvent, Item, ItemVersion
from tilstede.ingest.models import VersionScreening

DUE = END + dt.timedelta(days=90)


def test_nothing_goes_before_the_kassasjonsdato(world) -> None:
    build_thread(world)
    close(world)
    report = retention_run(today=DUE - dt.timedelta(days=1))
    assert report.entries == []


def test_a_dry_run_lists_what_would_go_and_deletes_nothing(world, capsys) -> None:
    t = build_thread(world)
    close(world)
    report = retention_run(today=DUE, dry_run=True)
    assert {e.item_id for e in report.entries} == {t.chatter.pk, t.removed.pk, t.empty.pk}
    assert report.deleted == 3 and Item.objects.filter(pk=t.chatter.pk).exists()
    call_command("archive", "retention", "--dry-run", "--today", DUE.isoformat())
    assert "would delete 3, kept 0" in capsys.readouterr().out
    assert not AuditEvent.objects.filter(verb="archive.retention_delete").exists()


def test_it_deletes_with_an_audit_event_and_a_record_of_what_and_why(world) -> None:
    t = build_thread(world)
    close(world)
    versions = list(ItemVersion.objects.filter(item=t.chatter).values_list("pk", flat=True))
    report = retention_run(today=DUE, by=world.admin)
    assert report.deleted == 3
    assert not Item._base_manager.filter(pk=t.chatter.pk).exists()
    assert not VersionScreening.objects.filter(version_id__in=versions).exists()
    record = RetentionDeletion.objects.get(item_pk=t.chatter.pk)
    event = AuditEvent.objects.get(pk=record.audit_event_id)
    assert (event.verb, event.actor_label, record.external_id) == (
        "archive.retention_delete",
        "admin",
        "ch",
    )
    assert record.rule == event.details["rule"] and record.content_hashes
    assert Item.objects.filter(pk=t.post.pk).exists()  # kept items stay


def test_a_legal_hold_keeps_items_until_released(world) -> None:
    t = build_thread(world)
    close(world)
    hold = legal_hold_place(
        organisation=world.org, channel=world.channel, reason="Klagesak 2026/14", by=world.admin
    )
    report = retention_run(today=DUE)
    assert report.deleted == 0 and all("legal hold" in e.outcome for e in report.entries)
    legal_hold_release(hold=hold, by=world.admin)
    assert retention_run(today=DUE).deleted == 3
    assert not Item._base_manager.filter(pk=t.chatter.pk).exists()


def test_a_discarded_item_with_a_kept_reply_stays(world) -> None:
    t = build_thread(world)
    Item.objects.filter(pk=t.empty.pk).update(parent=t.chatter)  # a reply to the chatter
    from tilstede.archive.services import assessment_override

    close(world)
    assessment_override(item=t.empty, value="store", reason="Beholdes", by=world.admin)
    report = retention_run(today=DUE)
    chatter = next(e for e in report.entries if e.item_id == t.chatter.pk)
    assert chatter.outcome.startswith("kept:")
    assert Item.objects.filter(pk=t.chatter.pk).exists()
