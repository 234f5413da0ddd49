"""Control-digit rules for Norwegian identifiers: fødselsnummer and its variants, kontonummer, IBAN.

python-stdnum covers the classic fødselsnummer (and D/H numbers), but rejects FH numbers,
Skatteetaten's synthetic Tenor numbers (month + 80), the rule for numbers issued from 2032,
dots as separator and birth dates after today, so the rules are written out here. They are
also faster than stdnum's, which matters on the hot path.
"""

from __future__ import annotations

from typing import Final

_W1: Final = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_W2: Final = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
_DAYS_IN_MONTH: Final = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

# What each kind of number is called in an explanation.
FODSELSNUMMER: Final = "fødselsnummer"
D_NUMMER: Final = "D-nummer"
H_NUMMER: Final = "H-nummer"
FH_NUMMER: Final = "FH-nummer"
TENOR: Final = "syntetisk testnummer (Tenor)"


def _mod11_control(digits: str, weights: tuple[int, ...]) -> int:
    """The mod-11 control digit for ``digits``; 10 means no digit is possible."""
    total = 0
    for w, d in zip(weights, digits, strict=False):
        total += w * (ord(d) - 48)
    check = 11 - total % 11
    return 0 if check == 11 else check


def kontonummer_is_valid(digits: str) -> bool:
    """A Norwegian kontonummer: 11 digits, the last a mod-11 control digit (weights 5,4,3,2,7,...).

    The same rule is the second control digit of a fødselsnummer, so every valid
    fødselsnummer is also a valid kontonummer; layout and context must tell them apart.
    """
    if len(digits) != 11 or not digits.isdigit():
        return False
    return _mod11_control(digits[:10], _W2) == ord(digits[10]) - 48


def _date_is_plausible(day: int, month: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= _DAYS_IN_MONTH[month]


def fodselsnummer_kind(digits: str) -> tuple[str, bool] | None:
    """Classify 11 digits as a personal identity number, or None when they are not one.

    Returns the kind (fødselsnummer, D-nummer, H-nummer, FH-nummer, Tenor test number) and
    whether only the rule for numbers issued from 2032 makes it valid. Under that rule the
    weighted sum over the first ten digits may leave remainder 0, 1, 2 or 3 instead of 0;
    the second control digit is unchanged.
    """
    if len(digits) != 11 or not digits.isdigit():
        return None
    # Second control digit: the same for every kind and every year.
    if _mod11_control(digits[:10], _W2) != ord(digits[10]) - 48:
        return None
    first = ord(digits[0]) - 48
    total = 0
    for w, d in zip(_W1, digits, strict=False):
        total += w * (ord(d) - 48)
    remainder = (total + ord(digits[9]) - 48) % 11
    if first >= 8:
        # FH-nummer: no birth date; classic control digits only.
        return (FH_NUMMER, False) if remainder == 0 else None
    if remainder > 3:
        return None
    from_2032 = remainder != 0
    day = first * 10 + ord(digits[1]) - 48
    month = (ord(digits[2]) - 48) * 10 + ord(digits[3]) - 48
    kind = FODSELSNUMMER
    if day > 40:
        day -= 40
        kind = D_NUMMER
    if month > 80:
        month -= 80
        kind = TENOR
    elif month > 40:
        month -= 40
        kind = H_NUMMER if kind == FODSELSNUMMER else kind
    if not _date_is_plausible(day, month):
        return None
    return kind, from_2032


def norwegian_iban_is_valid(compact: str) -> bool:
    """NO + 2 check digits + an 11-digit kontonummer; ISO 13616 mod-97 and the account's mod 11."""
    if len(compact) != 15 or not compact.startswith("NO") or not compact[2:].isdigit():
        return False
    rearranged = compact[4:] + "2324" + compact[2:4]  # N=23, O=24
    return int(rearranged) % 97 == 1 and kontonummer_is_valid(compact[4:])


# -- helpers for tests and benches: build valid numbers, never real people's ---------------


def complete_fodselsnummer(nine: str, *, from_2032_remainder: int = 0) -> str | None:
    """Append control digits to nine digits; None when no valid number exists for them.

    With ``from_2032_remainder`` in 1..3 the first control digit is chosen so the weighted
    sum leaves that remainder (the rule for numbers issued from 2032).
    """
    total = sum(w * (ord(d) - 48) for w, d in zip(_W1, nine, strict=False))
    k1 = (from_2032_remainder - total) % 11
    if k1 == 10:
        return None
    ten = nine + str(k1)
    k2 = _mod11_control(ten, _W2)
    if k2 == 10:
        return None
    return ten + str(k2)


def complete_kontonummer(ten: str) -> str | None:
    """Append the mod-11 control digit to ten digits; None when the control would be 10."""
    k = _mod11_control(ten, _W2)
    return None if k == 10 else ten + str(k)


def norwegian_iban(kontonummer: str) -> str:
    """The compact Norwegian IBAN for a kontonummer."""
    check = 98 - int(kontonummer + "232400") % 97
    return f"NO{check:02d}{kontonummer}"
