"""Synthetic Norwegian identifiers with valid control digits, for demo and test data.

Never real people's numbers: each is drawn from a seeded random generator. The
fødselsnummer rule: two mod-11 control digits with the weights below; a remainder that
would give control digit 10 makes the number invalid, so another serial is drawn.
"""

from __future__ import annotations

import datetime as dt
import random

K1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
K2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
ACCOUNT_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def _mod11(digits: str, weights: tuple[int, ...]) -> int | None:
    rest = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    control = (11 - rest) % 11
    return None if control == 10 else control


def fodselsnummer(rng: random.Random, *, d_number: bool = False) -> str:
    """A fødselsnummer (or D-nummer: day + 40) with valid control digits."""
    while True:
        born = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 80))
        day = born.day + (40 if d_number else 0)
        year = born.year % 100
        # Individual numbers 000-499 for 1900-1999, 500-999 for 2000-2039.
        serial = rng.randrange(500, 1000) if born.year >= 2000 else rng.randrange(0, 500)
        base = f"{day:02d}{born.month:02d}{year:02d}{serial:03d}"
        k1 = _mod11(base, K1)
        if k1 is None:
            continue
        k2 = _mod11(base + str(k1), K2)
        if k2 is None:
            continue
        return f"{base}{k1}{k2}"


def kontonummer(rng: random.Random) -> str:
    """An 11-digit Norwegian bank account number with a valid mod-11 control digit."""
    while True:
        base = f"{rng.randrange(1000, 9999)}{rng.randrange(10, 99)}{rng.randrange(0, 10000):04d}"
        control = _mod11(base, ACCOUNT_WEIGHTS)
        if control is not None:
            return base + str(control)


def mobile(rng: random.Random) -> str:
    """A Norwegian mobile number (starts with 4 or 9) in the usual 3-2-3 grouping."""
    digits = f"{rng.choice('49')}{rng.randrange(0, 10_000_000):07d}"
    return f"{digits[:3]} {digits[3:5]} {digits[5:]}"
