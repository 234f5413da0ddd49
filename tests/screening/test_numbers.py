"""Fødselsnummer and its variants, kontonummer and IBAN, phone numbers, and what they are not."""

from __future__ import annotations

import pytest

from tests.screening.made_up_numbers import (
    d_nummer,
    fh_nummer,
    fodselsnummer,
    grouped_fnr,
    grouped_konto,
    h_nummer,
    iban,
    kontonummer,
    kontonummer_that_is_not_a_fodselsnummer,
    tenor_nummer,
    with_wrong_control_digit,
)
from tilstede.screening import screen


def found(text: str) -> list[tuple[str, str]]:
    return [(f.category, f.text) for f in screen(text).findings]


def categories(text: str) -> set[str]:
    return {f.category for f in screen(text).findings}


# -- fødselsnummer and its variants ---------------------------------------------------------


@pytest.mark.parametrize("sep", ["", " ", ".", "-"])
def test_it_finds_a_fodselsnummer_written_plain_or_grouped(sep):
    number = grouped_fnr(fodselsnummer(24, 9, 58), sep)
    assert found(f"Har ventet i sju uker. Fnr {number}, kan noen se på det?") == [
        ("national_id", number)
    ]


def test_it_explains_the_finding_in_bokmal():
    finding = screen(f"fødselsnummer {fodselsnummer()}").findings[0]
    assert finding.explanation == "gyldige kontrollsiffer for fødselsnummer"
    assert finding.detector == "national_id.checksum"
    assert 0 < finding.confidence <= 1


def test_it_finds_a_d_nummer():
    finding = screen(f"Jeg har D-nummer {d_nummer(3, 7, 91)} og jobber i Båtsfjord").findings[0]
    assert finding.category == "national_id"
    assert "D-nummer" in finding.explanation


def test_it_finds_an_h_nummer():
    finding = screen(
        f"Far fikk et hjelpenummer, {grouped_fnr(h_nummer(1, 11, 74))}, på sykehuset"
    ).findings[0]
    assert finding.category == "national_id"
    assert "H-nummer" in finding.explanation


def test_it_finds_an_fh_nummer():
    finding = screen(f"FH-nummer {fh_nummer(9)} står på brevet").findings[0]
    assert finding.category == "national_id"
    assert "FH-nummer" in finding.explanation


def test_it_finds_a_synthetic_tenor_test_number():
    finding = screen(
        f"tester a-melding med syntetisk person {tenor_nummer(25, 6, 47)} fra Tenor"
    ).findings[0]
    assert finding.category == "national_id"
    assert "Tenor" in finding.explanation


@pytest.mark.parametrize("remainder", [1, 2, 3])
def test_it_finds_a_number_issued_under_the_2032_rule(remainder):
    number = fodselsnummer(12, 3, 34, from_2032_remainder=remainder)
    finding = screen(f"Mitt nye fødselsnummer er {grouped_fnr(number)}").findings[0]
    assert finding.category == "national_id"
    assert "2032" in finding.explanation


@pytest.mark.parametrize(
    "number", [fodselsnummer(), d_nummer(), h_nummer(), fh_nummer(), tenor_nummer()]
)
def test_it_ignores_eleven_digits_with_a_wrong_control_digit(number):
    wrong = with_wrong_control_digit(number)
    assert found(f"fødselsnummer {grouped_fnr(wrong)}") == []
    assert found(f"Ring {wrong}") == []


def test_it_ignores_an_org_number_and_a_kid_number():
    kid = kontonummer()  # a mod-11 KID has the kontonummer's control digit
    assert found(f"Betal med KID {kid} innen fredag") == []
    assert found("Vårt org.nr. er 974 760 673") == []


# -- fødselsnummer or kontonummer? -----------------------------------------------------------


def test_it_tells_a_fodselsnummer_from_a_kontonummer_by_layout():
    number = fodselsnummer(15, 10, 86)
    assert found(f"Send pengene til {grouped_konto(number)}") == [
        ("bank_account", grouped_konto(number))
    ]
    assert found(f"Send pengene til {grouped_fnr(number)}")[0][0] == "national_id"


def test_it_tells_a_plain_fodselsnummer_from_a_kontonummer_by_context():
    number = fodselsnummer(15, 10, 86)
    assert categories(f"kontonummeret mitt er {number}") == {"bank_account"}
    assert categories(f"personnummer {number}") == {"national_id"}
    assert categories(f"Har ventet lenge. {number}") == {"national_id"}


def test_it_calls_a_plain_kontonummer_that_cannot_be_a_date_an_account():
    number = kontonummer_that_is_not_a_fodselsnummer()
    assert found(f"Riktig er {number}") == [("bank_account", number)]


# -- kontonummer and IBAN --------------------------------------------------------------------


@pytest.mark.parametrize("sep", [".", " "])
def test_it_finds_a_kontonummer_in_the_usual_layouts(sep):
    number = grouped_konto(kontonummer(), sep)
    assert found(f"Sett inn på {number}, takk") == [("bank_account", number)]


def test_it_ignores_a_kontonummer_with_a_wrong_control_digit():
    assert found(f"Konto {grouped_konto(with_wrong_control_digit(kontonummer()))}") == []


def test_it_finds_a_norwegian_iban_compact_and_grouped():
    compact = iban()
    grouped = " ".join([compact[:4], compact[4:8], compact[8:12], compact[12:]])
    assert found(f"IBAN: {compact}") == [("bank_account", compact)]
    assert found(f"Lønna går til {grouped} nå") == [("bank_account", grouped)]


# -- phone numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        "91234567",
        "912 34 567",
        "41 23 45 67",
        "4123 4567",
        "+47 912 34 567",
        "+4791234567",
        "0047 91234567",
        "(+47) 22 33 44 55",
    ],
)
def test_it_finds_norwegian_phone_numbers(number):
    [(category, text)] = found(f"Ring meg på {number} etter kl 16")
    assert category == "phone"
    assert text.endswith(number[-6:]) and len(text) >= len(number) - 1


def test_it_finds_a_landline_after_a_phone_word():
    assert found("tlf 22334455") == [("phone", "22334455")]


@pytest.mark.parametrize(
    "number", ["+44 20 7946 0958", "+46 70 123 45 67", "+1 (416) 555-0192", "+48 583 581 405"]
)
def test_it_finds_international_numbers(number):
    assert found(f"Call me at {number} please") == [("phone", number)]


@pytest.mark.parametrize(
    "text",
    [
        "Det koster kr 12 345 678 i år",
        "Prisen er 91234567 kr",
        "Møtet er 01.02.2024 kl. 12.30",
        "Født 24.09.1958, flyttet 20240101",
        "Se https://www.finn.no/bap/ad.html?finnkode=91234567",
        "Ordrenummer 91234567 er sendt",
        "Buss 31 og linje 5 går fra Storgata",
        "Org.nr 912 345 678",
        "Etter § 8-4 i folketrygdloven",
        "Saksnummer 91234567",
    ],
)
def test_it_ignores_digits_that_are_not_phone_numbers(text):
    assert "phone" not in categories(text)
