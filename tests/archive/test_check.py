"""``tilstede archive check`` finds what Arkade would: each corruption is caught."""

from __future__ import annotations

import re
import shutil

import pytest
from django.core.management import CommandError, call_command

from tests.archive.helpers import build_thread, close
from tilstede.archive.check import check_package
from tilstede.archive.export import export_package


@pytest.fixture
def package(world, tmp_path):
    build_thread(world)
    close(world)
    out = tmp_path / "pakke"
    report = export_package(periods=[world.org.archive_periods.get()], out=out, by="test")
    assert report.check.ok, report.check.text()
    return out


def flip_a_byte(out) -> str:
    pdf = sorted((out / "dokumenter").glob("*.pdf"))[0]
    data = bytearray(pdf.read_bytes())
    data[len(data) // 2] ^= 0x01
    pdf.write_bytes(bytes(data))
    return "N5.30"


def remove_a_document(out) -> str:
    sorted((out / "dokumenter").glob("*.pdf"))[0].unlink()
    return "N5.32"


def remove_the_public_journal(out) -> str:
    (out / "offentligJournal.xml").unlink()
    return "N5.01"


def wrong_count(out) -> str:
    path = out / "arkivuttrekk.xml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(
        r'(<value>//registrering</value>\s*</property>\s*<property dataType="integer" '
        r'name="value">\s*<value>)(\d+)',
        lambda m: m.group(1) + str(int(m.group(2)) + 1),
        text,
    )
    path.write_text(text, encoding="utf-8")
    return "N5.16"


def empty_element(out) -> str:
    path = out / "endringslogg.xml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"<endretAv>[^<]*</endretAv>", "<endretAv></endretAv>", text, count=1))
    return "N5.63"


def unreferenced_file(out) -> str:
    (out / "dokumenter" / "ekstra.pdf").write_bytes(b"%PDF-1.7\n")
    return "N5.33"


def modified_schema(out) -> str:
    path = out / "endringslogg.xsd"
    path.write_bytes(path.read_bytes().replace(b"Noark 5", b"Noark 6", 1))
    return "6.4.16"


@pytest.mark.parametrize(
    "corrupt",
    [
        flip_a_byte,
        remove_a_document,
        remove_the_public_journal,
        wrong_count,
        empty_element,
        unreferenced_file,
        modified_schema,
    ],
)
def test_it_catches_a_corrupted_package(package, tmp_path, corrupt) -> None:
    copy = tmp_path / "kopi"
    shutil.copytree(package, copy)
    code = corrupt(copy)
    report = check_package(copy)
    assert not report.ok
    assert any(e.startswith(code) for e in report.errors), report.text()
    with pytest.raises(CommandError):
        call_command("archive", "check", str(copy))


def test_a_good_package_passes_the_command(package, capsys) -> None:
    call_command("archive", "check", str(package))
    assert "Godkjent: ingen feil." in capsys.readouterr().out
