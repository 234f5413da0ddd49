"""The screen() contract: findings in text order, offsets, overlaps, redaction, language hint."""

from __future__ import annotations

import itertools

import pytest

from tests.screening.made_up_numbers import fodselsnummer, grouped_fnr
from tilstede.screening import CATEGORIES, LABELS, Finding, Screening, screen

MIXED = (
    "Jeg heter Kari Nordmann og bor i Storgata 5, 0150 Oslo. Jeg har diabetes og får ikke svar "
    f"på søknaden om bostøtte, saksnummer 2024/12345. Fnr {grouped_fnr(fodselsnummer(1, 2, 80))}, "
    "tlf 912 34 567, kari@example.no, konto 1234.56.78903."
)


def test_it_returns_a_screening_with_findings_in_text_order():
    result = screen(MIXED)
    assert isinstance(result, Screening)
    assert [f.category for f in result.findings] == [
        "person_name",
        "address",
        "health",
        "case_reference",
        "national_id",
        "phone",
        "email",
        "bank_account",
    ]
    starts = [f.start for f in result.findings]
    assert starts == sorted(starts)
    assert result.case_request


def test_offsets_are_python_string_offsets():
    text = "😀 Ring meg på 912 34 567 – hilsen Åse 🙏"
    for f in screen(text).findings:
        assert text[f.start : f.end] == f.text


def test_findings_never_overlap():
    findings = screen(MIXED).findings
    for a, b in itertools.pairwise(findings):
        assert a.end <= b.start


def test_it_redacts_each_finding_with_its_label():
    result = screen(f"Fnr {fodselsnummer()} og tlf 912 34 567. Mvh Kari Hansen")
    assert result.redacted == "Fnr [fødselsnummer] og tlf [telefonnummer]. Mvh [navn]"


def test_a_text_without_personal_data_is_unchanged_by_redaction():
    text = "Når åpner servicetorget igjen etter ferien?"
    result = screen(text)
    assert result.findings == []
    assert result.redacted == text


def test_every_category_has_a_label():
    assert set(LABELS) == set(CATEGORIES)
    assert all(label.startswith("[") and label.endswith("]") for label in LABELS.values())


def test_a_finding_carries_confidence_detector_and_explanation():
    for f in screen(MIXED).findings:
        assert isinstance(f, Finding)
        assert 0.0 < f.confidence <= 1.0
        assert f.detector.startswith(f.category)
        assert f.explanation


@pytest.mark.parametrize("lang", [None, "nb", "nn", "en"])
def test_it_takes_a_language_hint(lang):
    assert screen("Ring 912 34 567", lang).findings[0].category == "phone"


def test_it_rejects_an_unknown_language_and_a_non_string_saying_what_was_wrong():
    # The same messages from the compiled build (see native.py) as from the sources.
    with pytest.raises(ValueError, match=r"unknown language 'sv'; use one of"):
        screen("hei", "sv")
    with pytest.raises(ValueError, match=r"unknown language 5; use one of"):
        screen("hei", 5)
    with pytest.raises(TypeError, match=r"screen\(\) needs a str, not NoneType"):
        screen(None)
    with pytest.raises(TypeError, match=r"screen\(\) needs a str, not bytes"):
        screen(b"hei")


def test_it_handles_empty_and_odd_texts():
    for text in ("", " ", "\n\n", "😀" * 50, "İstanbul İzmir", "a" * 5000):
        screen(text)


def test_it_does_not_import_django():
    import subprocess
    import sys

    code = "import sys, tilstede.screening as s; s.screen('hei'); print('django' in sys.modules)"
    # This interpreter on a fixed snippet: nothing untrusted runs.
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"
