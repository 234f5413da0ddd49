"""Valid-checksum identifiers made up for tests; never real people's numbers.

Every number is built from digits chosen here and completed with its control digits, so a
test states the birth date or bank it needs and gets a number that passes the checks.
"""

from __future__ import annotations

from tilstede.screening.checksums import (
    complete_fodselsnummer,
    complete_kontonummer,
    norwegian_iban,
)


def fodselsnummer(
    day: int = 1, month: int = 1, year: int = 90, *, from_2032_remainder: int = 0, start: int = 100
) -> str:
    """An 11-digit number for the date (day/month may carry the D +40, H +40, Tenor +80 offsets)."""
    for individual in range(start, start + 400):
        nine = f"{day:02d}{month:02d}{year:02d}{individual:03d}"
        number = complete_fodselsnummer(nine, from_2032_remainder=from_2032_remainder)
        if number and (from_2032_remainder == 0 or complete_fodselsnummer(nine) != number):
            return number
    raise AssertionError("no number found")


def d_nummer(day: int = 1, month: int = 1, year: int = 90) -> str:
    return fodselsnummer(day + 40, month, year)


def h_nummer(day: int = 1, month: int = 1, year: int = 90) -> str:
    return fodselsnummer(day, month + 40, year)


def tenor_nummer(day: int = 1, month: int = 1, year: int = 90) -> str:
    return fodselsnummer(day, month + 80, year)


def fh_nummer(first: int = 8) -> str:
    for rest in range(12345678, 12345678 + 1000):
        number = complete_fodselsnummer(f"{first}{rest:08d}")
        if number:
            return number
    raise AssertionError("no number found")


def with_wrong_control_digit(number: str) -> str:
    """The same number with its last digit changed, so the second control digit fails."""
    return number[:10] + str((int(number[10]) + 1) % 10)


def kontonummer(bank: str = "1234", rest: str = "567890") -> str:
    for last in range(10):
        number = complete_kontonummer(bank + rest[:5] + str(last))
        if number:
            return number
    raise AssertionError("no number found")


def kontonummer_that_is_not_a_fodselsnummer() -> str:
    """A valid kontonummer whose first digits cannot be a birth date (month 56)."""
    return kontonummer("1256", "123456")


def iban(konto: str | None = None) -> str:
    return norwegian_iban(konto or kontonummer())


def grouped_fnr(number: str, sep: str = " ") -> str:
    return f"{number[:6]}{sep}{number[6:]}"


def grouped_konto(number: str, sep: str = ".") -> str:
    return f"{number[:4]}{sep}{number[4:6]}{sep}{number[6:]}"
