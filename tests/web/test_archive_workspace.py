"""The archivist's workspace: holds, closing, exports with progress, retention, innsyn.

Data comes through the real services (tests/archive/helpers.py); exports run the way
the worker runs them, from the queued task.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.archive.helpers import build_thread, close, raw
from tests.conftest import make_channel, make_user
from tilstede.archive import conf
from tilstede.archive.models import (
    ArchiveExport,
    ArchivePeriod,
    ArchiveRule,
    ExportStatus,
    InnsynRequest,
    LegalHold,
)
from tilstede.archive.services import export_run
from tilstede.core import roles
from tilstede.core.models import AuditEvent, Item
from tilstede.ingest.services import items_receive


@pytest.fixture
def archivist(world):
    return make_user("archivist", roles.ARCHIVIST, world.org)


@pytest.fixture
def exports_in_tmp(settings, tmp_path):
    settings.TILSTEDE_ARCHIVE_EXPORT_DIR = str(tmp_path / "exports")
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    default_task_backend.clear()
    return default_task_backend


def test_an_archivist_places_and_releases_a_legal_hold_with_reasons(world, archivist, client):
    client.force_login(archivist)
    response = client.post(
        reverse("archive_holds"),
        {"organisation": world.org.pk, "reason": "Tilsynssak 2026/12", "channel": world.channel.pk},
    )
    assert response.status_code == 302
    hold = LegalHold.objects.get()
    assert hold.created_by == "archivist"
    release = reverse("archive_hold_release", args=[hold.pk])
    assert client.post(release, {}).status_code == 302  # no reason: refused
    hold.refresh_from_db()
    assert hold.released_at is None
    client.post(release, {"reason": "Saken er avsluttet"})
    hold.refresh_from_db()
    assert hold.released_by == "archivist"
    assert hold.release_reason == "Saken er avsluttet"
    verbs = list(
        AuditEvent.objects.filter(actor_label="archivist", verb__startswith="archive.")
        .order_by("id")
        .values_list("verb", flat=True)
    )
    assert verbs == ["archive.legal_hold", "archive.legal_hold_release"]


def test_a_hold_on_another_organisations_item_is_refused(world, archivist, client):
    client.force_login(archivist)
    from tests.conftest import make_item

    foreign = make_item(world.other_channel, "Annet")
    response = client.post(
        reverse("archive_holds"),
        {"organisation": world.org.pk, "reason": "x", "item": foreign.pk},
    )
    assert response.status_code == 400
    assert not LegalHold.objects.exists()


def test_only_an_ended_month_can_be_closed(world, archivist, client):
    client.force_login(archivist)
    month = timezone.localdate().strftime("%Y-%m")
    client.post(reverse("archive_close_period"), {"organisation": world.org.pk, "month": month})
    assert not ArchivePeriod.objects.exists()


def test_an_archivist_closes_a_month_and_exports_it_with_progress(
    world, archivist, client, exports_in_tmp, django_capture_on_commit_callbacks
):
    build_thread(world)
    client.force_login(archivist)
    response = client.post(
        reverse("archive_close_period"), {"organisation": world.org.pk, "month": "2026-11"}
    )
    assert response.status_code == 302
    period = ArchivePeriod.objects.get()
    assert period.closed and period.closed_by == "archivist"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("archive_exports"), {"periods": [period.pk]})
    export = ArchiveExport.objects.get()
    assert response["Location"] == reverse("archive_export", args=[export.pk])
    assert export.status == ExportStatus.QUEUED and export.total > 0
    page = client.get(response["Location"])
    assert b'hx-trigger="every 2s"' in page.content
    (queued,) = exports_in_tmp.results
    queued.task.call(*queued.args, **queued.kwargs)
    export.refresh_from_db()
    assert export.status == ExportStatus.DONE, export.error
    assert export.done == export.total
    assert export.check_ok, export.check_report
    part = client.get(reverse("archive_export", args=[export.pk]), HTTP_HX_REQUEST="true")
    assert b"hx-trigger" not in part.content
    download = client.get(reverse("archive_export_download", args=[export.pk]))
    assert download.status_code == 200
    package = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    assert any(name.endswith("arkivuttrekk.xml") for name in package.namelist())
    verbs = set(AuditEvent.objects.filter(actor_label="archivist").values_list("verb", flat=True))
    assert {"archive.export_start", "archive.export_download"} <= verbs
    assert AuditEvent.objects.filter(verb="archive.export_done").exists()


def test_a_failed_export_says_why_and_is_not_run_again(world, archivist, exports_in_tmp):
    build_thread(world)
    period = close(world).period
    export = ArchiveExport.objects.create(organisation=world.org, created_by=archivist)
    export.periods.set([period])
    out = conf.export_root() / f"{world.org.slug}-{export.pk}"
    out.mkdir(parents=True)
    (out / "foreign.txt").write_text("not ours")  # a non-empty folder the export refuses
    export_run(export_id=export.pk)
    export.refresh_from_db()
    assert export.status == ExportStatus.FAILED
    assert "not empty" in export.error
    assert AuditEvent.objects.filter(verb="archive.export_failed").exists()
    finished = export.finished_at
    export_run(export_id=export.pk)
    export.refresh_from_db()
    assert export.finished_at == finished


def test_retention_shows_a_dry_run_and_deletes_only_its_own_organisation(
    world, archivist, client, settings
):
    settings.TILSTEDE_ARCHIVE_DISCARD_DAYS = 1
    settings.TILSTEDE_ARCHIVE_DISPOSAL_BASIS = "Kassasjonsplan for Fjordvik, pkt. 4.2"
    build_thread(world)
    close(world)
    other = make_channel(world.other_org, "annet-rss")
    items_receive(
        channel=other,
        raw_items=[raw("o1", "Annen etat sin prat", minutes=1)],
        now=dt.datetime(2026, 11, 2, 12, tzinfo=dt.UTC),
    )
    from tilstede.archive.services import period_close

    period_close(
        organisation=world.other_org,
        start=dt.date(2026, 11, 1),
        end=dt.date(2026, 11, 3),
        by=world.outsider,
    )
    client.force_login(archivist)
    page = client.get(reverse("archive_retention"))
    report = page.context["report"]
    assert report.dry_run and report.deleted > 0
    assert all(
        Item.objects.get(pk=e.item_id).channel.organisation == world.org for e in report.entries
    )
    would = report.deleted
    client.post(reverse("archive_retention"), {"org": world.org.slug})
    after_page = client.get(reverse("archive_retention"))
    after = after_page.context
    assert len(after["disposals"]) == would
    # The log says on what basis, and how: every row names the configured legal basis.
    assert {d.legal_basis for d in after["disposals"]} == {"Kassasjonsplan for Fjordvik, pkt. 4.2"}
    assert after_page.content.decode().count("Kassasjonsplan for Fjordvik, pkt. 4.2") == would + 1
    assert Item.objects.filter(external_id="o1").exists()


def test_innsyn_is_answered_redacted_and_logged(world, archivist, client, exports_in_tmp):
    thread = build_thread(world)
    client.force_login(archivist)
    response = client.post(
        reverse("archive_innsyn"),
        {
            "organisation": world.org.pk,
            "reference": "2026/77",
            "kind": "innsyn",
            "text": "Ring meg",
        },
    )
    row = InnsynRequest.objects.get()
    assert response["Location"] == reverse("archive_innsyn_detail", args=[row.pk])
    assert row.result_count == 1
    csv = client.get(reverse("archive_innsyn_download", args=[row.pk, "csv"]))
    text = b"".join(csv.streaming_content).decode()
    assert "912 34 567" not in text
    assert thread.phone.text not in text
    assert AuditEvent.objects.filter(verb="archive.innsyn_download", object_id=str(row.pk))


def test_archive_rules_are_changed_with_before_and_after(world, archivist, client):
    client.force_login(archivist)
    client.post(
        reverse("archive_rule_new"),
        {
            "organisation": world.org.pk,
            "channel": world.channel.pk,
            "condition": "any",
            "value": "discard",
            "retention_days": "30",
            "priority": "10",
            "reason": "Prat på Mastodon",
            "active": "on",
        },
    )
    rule = ArchiveRule.objects.get()
    assert rule.retention_days == 30
    event = AuditEvent.objects.get(verb="archive.rule_create")
    assert event.details["changes"]["value"]["after"] == "discard"
