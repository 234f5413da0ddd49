"""The language guess answers only when a text is clearly one language (issue 24)."""

from __future__ import annotations

import pytest

from tilstede.screening import language_guess


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("When will the playground open? I can't find it on the website.", "en"),
        ("Thank you for the answer, that is what we were hoping for.", "en"),
        ("Jeg skjønner ikke hvorfor det tar så lang tid, hva er planen nå?", "nb"),
        ("Hvordan kan jeg søke om plass i barnehagen fra august?", "nb"),
        ("Eg skjønar ikkje kvifor det tek så lang tid, kva er planen no?", "nn"),
        ("Korleis kan eg søkje om plass i barnehagen frå august?", "nn"),
        # Norwegian for certain, bokmål or nynorsk not: "no".
        ("Det er fint at det skal bli en lekeplass her", "no"),
        ("Det er så fint at dei har laga det til, og at det er klart til sommaren", "no"),
    ],
)
def test_it_names_a_clear_language(text, language):
    assert language_guess(text) == language


@pytest.mark.parametrize(
    "text",
    [
        "",
        "OK!",
        "Supert 👍",
        "Lekeplass?",
        "912 34 567",
        # As much English as Norwegian: not clear.
        "Det er the best playground og det er nice, you know",
        # Words English and Norwegian share ("to", "for", "men", "her", "I") count for neither.
        "Hun var her i to år for men",
    ],
)
def test_it_says_nothing_when_the_language_is_not_clear(text):
    assert language_guess(text) is None
