"""Innsyn and data subjects' requests: search, redacted PDF and CSV, audit."""

from __future__ import annotations

import csv
import datetime as dt

import pikepdf
import pytest
from django.core.management import call_command

from tests.archive.helpers import build_thread
from tilstede.archive.innsyn import Search, innsyn_export, innsyn_request_record, items_search
from tilstede.archive.models import InnsynRequest
from tilstede.archive.services import ArchiveError
from tilstede.core.models import AuditEvent


def test_it_searches_by_text_handle_channel_and_date(world) -> None:
    t = build_thread(world)
    org = world.org
    assert list(items_search(organisation=org, search=Search(text="fjellveien"))) == [
        t.question,
        t.phone,
        t.answer,
    ]
    by_handle = items_search(organisation=org, search=Search(handle="@cph@x.example"))
    assert list(by_handle) == [t.phone]
    later = Search(channel=world.channel.slug, start=dt.date(2026, 11, 3))
    assert not items_search(organisation=org, search=later).exists()
    assert not items_search(organisation=world.other_org, search=Search(text="Fjellveien")).exists()


def test_an_innsyn_export_redacts_others_and_is_audited(world, tmp_path) -> None:
    build_thread(world)
    with pytest.raises(ArchiveError):
        innsyn_request_record(
            organisation=world.org, kind="innsyn", reference="", search=Search(), by=world.admin
        )
    request = innsyn_request_record(
        organisation=world.org,
        kind="innsyn",
        reference="2026/77",
        search=Search(text="brøyt"),
        by=world.admin,
    )
    files = innsyn_export(request=request, out=tmp_path, by=world.admin)
    rows = list(csv.DictReader(files["csv"].open(encoding="utf-8")))
    assert rows and all("912 34 567" not in r["tekst"] for r in rows)
    assert {r["forfatter"] for r in rows if r["retning"] == "inngående"} == {"******"}
    with pikepdf.open(files["pdf"]) as pdf:
        assert pdf.open_metadata()["pdfaid:part"] == "2"
    request.refresh_from_db()
    assert request.exported_at and set(request.export_sha256) == {
        files["csv"].name,
        files["pdf"].name,
    }
    verbs = set(AuditEvent.objects.values_list("verb", flat=True))
    assert {"archive.innsyn_request", "archive.innsyn_export"} <= verbs


def test_a_data_subject_gets_their_own_text_in_full(world, tmp_path) -> None:
    build_thread(world)
    call_command(
        "archive",
        "innsyn",
        "--org",
        world.org.slug,
        "--kind",
        "data_subject",
        "--subject-handle",
        "@cph@x.example",
        "--handle",
        "@cph@x.example",
        "--reference",
        "2026/78",
        "--out",
        str(tmp_path),
    )
    request = InnsynRequest.objects.get(reference="2026/78")
    rows = list(csv.DictReader((tmp_path / f"innsyn-{request.pk}.csv").open(encoding="utf-8")))
    assert len(rows) == 1 and "912 34 567" in rows[0]["tekst"]
