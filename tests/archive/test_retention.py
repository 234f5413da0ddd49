"""Retention (kassasjon): discard-class items go when their time has come, unless held."""

from __future__ import annotations

import datetime as dt

from django.core.management import call_command

from tests.archive.helpers import END, START, build_thread, close, raw
from tests.conftest import make_channel
from tilstede.archive.models import RetentionDeletion
from tilstede.archive.services import (
    assessment_override,
    legal_hold_place,
    legal_hold_release,
    period_close,
    retention_run,
)
from tilstede.core.models import AuditEvent, HouseRule, Item, ItemVersion
from tilstede.desk.services import promise_make
from tilstede.ingest.models import VersionScreening
from tilstede.ingest.services import items_receive
from tilstede.moderation.models import Appeal, Verb
from tilstede.moderation.services import appeal_submit, decision_record

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


def test_a_discarded_item_with_a_kept_reply_loses_its_text_and_keeps_its_row(world) -> None:
    t = build_thread(world)
    Item.objects.filter(pk=t.empty.pk).update(parent=t.chatter)  # a reply to the chatter
    assessment_override(item=t.empty, value="store", reason="Beholdes", by=world.admin)
    close(world)
    assert Item._base_manager.get(pk=t.chatter.pk).text_redacted  # searchable until now
    report = retention_run(today=DUE)
    assert report.deleted == 2 and report.kept == 0
    chatter = Item._base_manager.get(pk=t.chatter.pk)
    assert (
        chatter.text,
        chatter.text_redacted,
        chatter.author_name,
        chatter.author_handle,
        chatter.raw,
    ) == ("", "", "", "", {})
    word = t.chatter.text.split()[0]
    assert not Item.objects.search(word, user=world.admin).filter(pk=t.chatter.pk).exists()
    record = RetentionDeletion.objects.get(item_pk=t.chatter.pk)
    assert record.mode == "blanked" and "item versions" in record.blanked


def _world_with_references(world):
    """A thread whose discarded comments have a decision, a response promise and an
    appeal pointing to them: the rows other stages keep."""
    t = build_thread(world)
    spam = HouseRule.objects.create(channel=world.channel, code="spam", title="Reklame og spam")
    decision = decision_record(
        item=t.chatter, verb=Verb.HIDE, by=world.moderator, house_rule=spam, reason="Reklame"
    )
    appeal_submit(decision=decision, text="Jeg heter Ola Testesen, dette var ikke reklame")
    promise_make(item=t.removed, by=world.admin)
    close(world)
    return t, decision


def test_a_due_item_is_disposed_of_even_when_decisions_and_promises_refer_to_it(world) -> None:
    t, decision = _world_with_references(world)
    dry = retention_run(today=DUE, dry_run=True)
    real = retention_run(today=DUE, by=world.admin)
    assert (dry.deleted, dry.kept) == (real.deleted, real.kept) == (3, 0)
    assert [e.item_id for e in dry.entries] == [e.item_id for e in real.entries]
    for item in (t.chatter, t.removed, t.empty):
        assert not ItemVersion.objects.filter(item_id=item.pk).exclude(text="").exists()
        row = Item._base_manager.filter(pk=item.pk).first()
        assert row is None or (row.text, row.author_name, row.author_handle) == ("", "", "")
    for text in (t.chatter.text, t.removed.text, "Ola Testesen"):
        assert not Item._base_manager.filter(text__contains=text).exists()
        assert not ItemVersion.objects.filter(text__contains=text).exists()
        assert not Appeal.objects.filter(text__contains=text).exists()
        assert not VersionScreening.objects.filter(redacted__contains=text).exists()
    decision.refresh_from_db()
    assert (decision.by, decision.reason, decision.house_rule.code) == (
        world.moderator,
        "Reklame",
        "spam",
    )
    record = RetentionDeletion.objects.get(item_pk=t.chatter.pk)
    assert record.mode == "blanked" and record.legal_basis and record.rule
    assert record.period is not None and record.deleted_by == "admin"
    assert retention_run(today=DUE).entries == []  # disposed of once, not again


def test_the_export_reports_executed_disposals(world, tmp_path) -> None:
    from tilstede.archive.check import check_package
    from tilstede.archive.export import export_package

    build_thread(world)
    period = close(world).period
    retention_run(today=DUE, by=world.admin)
    export_package(periods=[period], out=tmp_path / "p", by="test", documents=False, check=False)
    text = (tmp_path / "p" / "arkivstruktur.xml").read_text(encoding="utf-8")
    assert "<utfoertKassasjon>" in text and "<kassertAv>admin</kassertAv>" in text
    report = check_package(tmp_path / "p")
    assert report.ok, report.text()
    n545 = next(r for r in report.results if r.code == "N5.45")
    assert n545.notes == ["1"]


def test_retention_for_one_organisation_never_touches_another(world, capsys) -> None:
    build_thread(world)
    close(world)
    other = make_channel(world.other_org, "annet-rss")
    items_receive(
        channel=other,
        raw_items=[raw("o1", "Annen etat sin prat", minutes=1)],
        now=dt.datetime(2026, 11, 2, 12, tzinfo=dt.UTC),
    )
    period_close(organisation=world.other_org, start=START, end=END, by=world.outsider)
    call_command(
        "archive", "retention", "--dry-run", "--today", DUE.isoformat(), "--org", world.org.slug
    )
    listed = capsys.readouterr().out
    assert "o1" not in listed and "would delete 3, kept 0" in listed
    call_command("archive", "retention", "--today", DUE.isoformat(), "--org", world.org.slug)
    assert Item.objects.get(external_id="o1").text == "Annen etat sin prat"
    assert not RetentionDeletion.objects.filter(organisation=world.other_org).exists()
    assert RetentionDeletion.objects.filter(organisation=world.org).count() == 3
