"""The message catalogues compile, and the committed .mo files are the compiled .po files.

A catalogue with a duplicate entry does not compile at all, and then every string of the
language falls back to English; a .po edited without compiling shows the old texts.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "src" / "tilstede" / "locale"
CATALOGUES = sorted(LOCALE.glob("*/LC_MESSAGES/django.po"))


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="needs GNU gettext's msgfmt")
@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: p.parts[-3])
def test_the_catalogue_compiles_to_the_committed_mo(po, tmp_path):
    compiled = tmp_path / "django.mo"
    result = subprocess.run(  # noqa: S603 - a fixed program on the project's own file
        ["msgfmt", "--check-format", "-o", str(compiled), str(po)],  # noqa: S607
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert compiled.read_bytes() == po.with_suffix(".mo").read_bytes(), (
        "the .mo is not the compiled .po: run `tilstede compilemessages` in src/tilstede"
    )
