"""The control-digit rules, checked against python-stdnum where stdnum covers the number."""

from __future__ import annotations

import random

import pytest
from stdnum.no import fodselsnummer as stdnum_fnr
from stdnum.no import kontonr as stdnum_kontonr

from tests.screening.made_up_numbers import (
    d_nummer,
    fh_nummer,
    fodselsnummer,
    h_nummer,
    iban,
    kontonummer,
    tenor_nummer,
    with_wrong_control_digit,
)
from tilstede.screening.checksums import (
    D_NUMMER,
    FH_NUMMER,
    FODSELSNUMMER,
    H_NUMMER,
    TENOR,
    fodselsnummer_kind,
    kontonummer_is_valid,
    norwegian_iban_is_valid,
)


def test_it_accepts_what_stdnum_accepts_and_agrees_on_kontonummer():
    rng = random.Random(11)
    for _ in range(20_000):
        digits = "".join(rng.choice("0123456789") for _ in range(11))
        if stdnum_fnr.is_valid(digits):
            assert fodselsnummer_kind(digits) is not None, digits
        if not digits.startswith("0000"):  # stdnum strips a 0000 postgiro prefix
            assert kontonummer_is_valid(digits) == stdnum_kontonr.is_valid(digits), digits


@pytest.mark.parametrize(
    ("number", "kind"),
    [
        (fodselsnummer(15, 10, 86), FODSELSNUMMER),
        (d_nummer(15, 10, 86), D_NUMMER),
        (h_nummer(15, 10, 86), H_NUMMER),
        (fh_nummer(8), FH_NUMMER),
        (fh_nummer(9), FH_NUMMER),
        (tenor_nummer(15, 10, 86), TENOR),
    ],
)
def test_it_names_each_kind_of_number(number, kind):
    assert fodselsnummer_kind(number) == (kind, False)


def test_it_knows_which_kinds_stdnum_rejects():
    assert not stdnum_fnr.is_valid(tenor_nummer())
    assert not stdnum_fnr.is_valid(fh_nummer())
    assert not stdnum_fnr.is_valid(fodselsnummer(from_2032_remainder=2))


@pytest.mark.parametrize("remainder", [1, 2, 3])
def test_it_accepts_the_rule_for_numbers_issued_from_2032(remainder):
    number = fodselsnummer(24, 12, 33, from_2032_remainder=remainder)
    assert fodselsnummer_kind(number) == (FODSELSNUMMER, True)


def test_it_rejects_a_wrong_second_control_digit():
    for number in (fodselsnummer(), d_nummer(), h_nummer(), fh_nummer(), tenor_nummer()):
        assert fodselsnummer_kind(with_wrong_control_digit(number)) is None


def test_it_rejects_impossible_dates():
    nine_digits_31_feb = "310290123"
    from tilstede.screening.checksums import complete_fodselsnummer

    number = complete_fodselsnummer(nine_digits_31_feb) or complete_fodselsnummer("310290124")
    assert number is not None
    assert fodselsnummer_kind(number) is None


def test_every_fodselsnummer_is_also_a_valid_kontonummer():
    for number in (fodselsnummer(), d_nummer(), h_nummer(), fodselsnummer(from_2032_remainder=1)):
        assert kontonummer_is_valid(number)


def test_it_validates_a_norwegian_iban():
    assert norwegian_iban_is_valid("NO9386011117947")
    assert norwegian_iban_is_valid(iban(kontonummer()))
    assert not norwegian_iban_is_valid("NO9386011117948")
    assert not norwegian_iban_is_valid("SE9386011117947")
