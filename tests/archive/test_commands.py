"""``tilstede archive``: closing and exporting from the command line."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from tests.archive.helpers import SCHEMA_SETS, SHARED, build_thread
from tilstede.archive.models import ArchiveAmendment


def test_close_export_and_check_from_the_command_line(world, tmp_path, capsys) -> None:
    t = build_thread(world)
    org = ["--org", world.org.slug, "--by", "admin"]
    call_command("archive", "close-thread", str(t.answer.pk), *org, "--reason", "Besvart")
    call_command("archive", "close-period", "--from", "2026-11-01", "--to", "2026-11-03", *org)
    call_command(
        "archive", "set-value", str(t.chatter.pk), "--value", "store", "--reason", "Ja", *org
    )
    schemas = [a for s in SCHEMA_SETS if SHARED.is_dir() for a in ("--schemas", str(s))]
    out = tmp_path / "uttrekk"
    call_command(
        "archive",
        "export",
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-03",
        "--out",
        str(out),
        "--no-progress",
        "--no-documents",
        *org,
        *schemas,
    )
    printed = capsys.readouterr().out
    # The chatter's new value after closing goes to the next period, not this one.
    assert "Godkjent: ingen feil." in printed and "5 registreringer" in printed
    assert ArchiveAmendment.objects.get().item == t.chatter


def test_exporting_a_year_without_closed_periods_fails_clearly(world, tmp_path) -> None:
    with pytest.raises(CommandError, match="no closed archive period"):
        call_command(
            "archive",
            "export",
            "--period",
            "2026",
            "--out",
            str(tmp_path / "x"),
            "--org",
            world.org.slug,
        )
