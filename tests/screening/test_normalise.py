"""Identifiers are found however they are spelled, and findings point at what was typed.

The property tests build valid identifiers in code (python-stdnum checks them, so the
numbers are valid by an outside rule, not only by ours) and write them with the
separators people use between digit groups: spaces of every kind, invisible characters,
line breaks, dots, dashes and slashes.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.no import fodselsnummer as stdnum_fnr
from stdnum.no import kontonr as stdnum_konto

from tests.screening.made_up_numbers import fodselsnummer, kontonummer
from tilstede.screening import screen
from tilstede.screening.checksums import (
    complete_fodselsnummer,
    complete_kontonummer,
    norwegian_iban,
)
from tilstede.screening.normalise import _LATIN1_SPECIAL, needs_normalising, normalise

NBSP, THIN, NARROW, FIGURE, ZWSP, WJ = "\u00a0", "\u2009", "\u202f", "\u2007", "\u200b", "\u2060"
# Between two digit groups of a fødselsnummer or kontonummer.
SEPARATORS = [
    " ",
    "  ",
    NBSP,
    THIN,
    NARROW,
    FIGURE,
    ZWSP,
    WJ,
    "\n",
    "\r\n",
    ".",
    "-",
    "/",
    "\u2013",  # en dash
    "\u2212",  # minus sign
    " - ",
    "\uff0d",  # full-width hyphen-minus
]
# Phone numbers: the same, less the slash (a phone number is not written 912/34/567).
PHONE_SEPARATORS = [s for s in SEPARATORS if "/" not in s]


def _found(text: str, category: str, typed: str) -> bool:
    """A finding of ``category`` whose text is exactly what was typed for the number."""
    return any(f.category == category and f.text == typed for f in screen(text).findings)


# -- the normalised view ----------------------------------------------------------------------


def test_it_leaves_an_ordinary_text_alone():
    text = "Når åpner servicetorget igjen? Ring 912 34 567 – takk! 😀"
    assert not needs_normalising("Når åpner servicetorget igjen? Takk!")
    assert normalise("Hei på deg, æøå ÆØÅ é ü") is None
    assert screen(text).findings[0].text == "912 34 567"


@settings(max_examples=300)
@given(st.text(st.characters(max_codepoint=0xFF), max_size=60))
def test_it_asks_a_latin1_text_for_the_characters_the_walk_would_change(text):
    assert needs_normalising(text) == (_LATIN1_SPECIAL.search(text) is not None)


@pytest.mark.parametrize(
    ("typed", "normal"),
    [
        ("240977\u00a045664", "240977 45664"),
        ("240977\u200b45664", "24097745664"),
        ("Kari\u200bHansen", "Kari Hansen"),
        ("linje\r\nto", "linje\nto"),
        ("linje\u2028to", "linje\nto"),
        ("２４０９７７－４５６６４", "240977-45664"),
        ("240977\u201345664", "240977-45664"),
        ("e\u0301n", "én"),
        ("hva´s", "hva´s"),
        ("Hei…", "Hei…"),
    ],
)
def test_it_normalises_spaces_invisibles_dashes_and_nfkc(typed, normal):
    view = normalise(typed)
    assert view is not None
    assert view.text == normal
    assert view.span(0, len(view.text)) == (0, len(typed))


@given(st.text(max_size=60))
def test_every_normalised_character_maps_back_inside_the_text(text):
    view = normalise(text)
    if view is None:
        return
    assert len(view.starts) == len(view.ends) == len(view.text)
    for start, end in zip(view.starts, view.ends, strict=True):
        assert 0 <= start < end <= len(text)
    assert view.starts == sorted(view.starts)


@given(st.text(max_size=80))
@settings(max_examples=200)
def test_findings_always_point_at_the_text_as_written(text):
    for f in screen(text).findings:
        assert text[f.start : f.end] == f.text


# -- identifiers with any separator ----------------------------------------------------------


@st.composite
def fodselsnumre(draw) -> str:
    """A valid fødselsnummer or D-nummer (classic rule), checked by python-stdnum.

    One draw per part; the individual number is then stepped until the control digits
    exist (about 4 in 10 do), so that Hypothesis never draws in a loop.
    """
    day = draw(st.integers(1, 28)) + (40 if draw(st.booleans()) else 0)
    month = draw(st.integers(1, 12))
    year = draw(st.integers(0, 99))
    first = draw(st.integers(0, 499))
    for step in range(500):
        individual = (first + step) % 500
        number = complete_fodselsnummer(f"{day:02d}{month:02d}{year:02d}{individual:03d}")
        if number:
            assert stdnum_fnr.is_valid(number), number
            return number
    raise AssertionError("no valid number for the date")


@st.composite
def kontonumre(draw) -> str:
    bank = draw(st.integers(1000, 9999))
    first = draw(st.integers(0, 999999))
    for step in range(20):
        number = complete_kontonummer(f"{bank}{(first + step) % 1000000:06d}")
        if number:
            assert stdnum_konto.is_valid(number), number
            return number
    raise AssertionError("no valid kontonummer")


def _spell(number: str, groups: tuple[int, ...], seps: list[str]) -> str:
    parts, pos = [], 0
    for size in groups:
        parts.append(number[pos : pos + size])
        pos += size
    out = parts[0]
    for sep, part in zip(seps, parts[1:], strict=False):
        out += sep + part
    return out


@given(
    fodselsnumre(),
    st.sampled_from([(11,), (6, 5), (6, 3, 2)]),
    st.lists(st.sampled_from(SEPARATORS), min_size=2, max_size=2),
    st.sampled_from(
        ["Fnr {} – hva skjer?", "Har ventet lenge.\n{}\nMvh", "D-nummeret mitt er {}."]
    ),
)
@settings(max_examples=300, deadline=None)
def test_it_finds_a_fodselsnummer_whatever_the_separators(number, groups, seps, frame):
    if groups == (6, 3, 2):
        seps = [seps[0], seps[0]]  # "240977 456 64": one separator, twice
    typed = _spell(number, groups, seps)
    assert _found(frame.format(typed), "national_id", typed), typed


@given(
    fodselsnumre(),
    st.sampled_from(SEPARATORS),
    st.sampled_from(SEPARATORS),
    st.booleans(),
)
@settings(max_examples=300, deadline=None)
def test_it_finds_a_fodselsnummer_written_as_date_and_five_digits(number, date_sep, sep, century):
    year = number[4:6]
    if century:
        if ZWSP in date_sep + sep or WJ in date_sep + sep:
            return  # "24\u200b12\u200b1977\u200b45664" reads as 13 digits in a row
        year = ("19" if int(year) > 30 else "20") + year
    typed = f"{number[:2]}{date_sep}{number[2:4]}{date_sep}{year}{sep}{number[6:]}"
    assert _found(f"Født {typed}, er jeg.", "national_id", typed), typed


def test_it_finds_the_spelling_from_the_issue():
    number = fodselsnummer(24, 12, 77)
    typed = f"24.12.77 {number[6:]}"
    assert [(f.category, f.text) for f in screen(f"Fnr {typed} takk").findings] == [
        ("national_id", typed)
    ]


@given(
    kontonumre(),
    st.sampled_from(SEPARATORS),
    st.sampled_from(["Sett inn på {} takk", "Kontonummer:\n{}", "konto {}"]),
)
@settings(max_examples=200, deadline=None)
def test_it_finds_a_kontonummer_whatever_the_separators(number, sep, frame):
    typed = _spell(number, (4, 2, 5), [sep, sep])
    text = frame.format(typed)
    found = {f.category for f in screen(text).findings if f.text == typed}
    # A kontonummer that happens to be a valid fødselsnummer too is personal data either way.
    assert found & {"bank_account", "national_id"}, typed


@given(kontonumre(), st.sampled_from([" ", NBSP, THIN, ZWSP, ".", "-", "\n", ""]))
@settings(max_examples=150, deadline=None)
def test_it_finds_an_iban_whatever_the_separators(konto, sep):
    compact = norwegian_iban(konto)
    typed = sep.join([compact[:4], compact[4:8], compact[8:12], compact[12:]])
    assert _found(f"IBAN: {typed} takk", "bank_account", typed), typed


@given(
    st.sampled_from("49"),
    st.integers(1_000_000, 9_999_999),
    st.sampled_from(PHONE_SEPARATORS),
    st.sampled_from([(3, 2, 3), (2, 2, 2, 2)]),
)
@settings(max_examples=200, deadline=None)
def test_it_finds_a_mobile_number_whatever_the_separators(first, rest, sep, groups):
    number = f"{first}{rest:07d}"
    typed = _spell(number, groups, [sep] * (len(groups) - 1))
    assert _found(f"Ring meg på {typed} etter kl 16", "phone", typed), typed


# -- and what is not a fødselsnummer ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Billetten koster 249,50 kr og 1 299 kr for familie.",
        "Prisen er kr 12 345 678,00 i år, mot 11 234 567 i fjor.",
        "Møtet er 24.12.2024 kl. 12.30 og 01.02.2025 kl. 09.00.",
        "Frist 24.12.77, ny frist 31.01.78.",
        "Saksnummer 2024/1234 og 2023/12345-3 er slått sammen.",
        "Ref. 23/4567-12, vår ref. 2024/12345.",
        "Ring 912 34 567 eller 22 33 44 55, fax 22 33 44 56.",
        "Tlf 41 23 45 67 / 92 34 56 78.",
        "Les NOU 2023: 4 og Prop. 1 S (2023–2024).",
        "Org.nr 974 760 673, kontonummer 1234.56.78903 hos oss.",
        "Vi har 12 345 innbyggere og 67 890 hytter.",
        "Sendingen 12.03.24 kl. 14.55 hadde nummer 70012.",
    ],
)
def test_ordinary_numbers_are_not_taken_for_a_fodselsnummer(text):
    assert "national_id" not in {f.category for f in screen(text).findings}


def test_a_finding_in_a_normalised_text_redacts_what_was_typed():
    number = kontonummer()
    fnr = fodselsnummer(3, 4, 85)
    text = f"Fnr\u00a0{fnr[:6]}\u200b{fnr[6:]}, konto {number[:4]}\u2009{number[4:6]}\u2009{number[6:]}."
    result = screen(text)
    assert result.redacted == "Fnr\u00a0[fødselsnummer], konto [kontonummer]."
