"""The message catalogues compile, the committed .mo files are the compiled .po files, and
the nynorsk and bokmål catalogues keep to their own written standard.

A catalogue with a duplicate entry does not compile at all, and then every string of the
language falls back to English; a .po edited without compiling shows the old texts. The
word forms each standard alone allows are listed in tests/languages.py.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.languages import BOKMAL_ONLY, NYNORSK_ONLY, catalogue, words_in

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


def _texts(language: str) -> list[tuple[str, str]]:
    """(msgid, translation) for every translated message of a catalogue, plural forms
    included."""
    out = []
    for entry in catalogue(language):
        if entry.obsolete or not entry.translated():
            continue
        forms = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        out += [(entry.msgid, text) for text in forms]
    return out


def test_the_nynorsk_catalogue_has_no_form_only_bokmal_allows() -> None:
    """Nynorsk written as bokmål ("ikke", "hva", "fra", "kommentarer", "vises") is found
    word by word, whatever the letter case."""
    found = [
        f"{msgid[:50]!r}: {words_in(text, BOKMAL_ONLY)}"
        for msgid, text in _texts("nn")
        if words_in(text, BOKMAL_ONLY)
    ]
    assert found == []


def test_the_bokmal_catalogue_has_no_form_only_nynorsk_allows() -> None:
    found = [
        f"{msgid[:50]!r}: {words_in(text, NYNORSK_ONLY)}"
        for msgid, text in _texts("nb")
        if words_in(text, NYNORSK_ONLY)
    ]
    assert found == []


def test_the_word_check_reads_whole_words_in_any_case() -> None:
    assert words_in("Ikke vis noe fra Hvem-lista.", BOKMAL_ONLY) == ["Ikke", "fra", "noe"]
    assert words_in("Kommentaren er ikkje vist.", BOKMAL_ONLY) == []
    assert words_in("ikkjeordet og Frå", NYNORSK_ONLY) == ["Frå"]
    assert not BOKMAL_ONLY & NYNORSK_ONLY
