"""The shared views of a text (Doc) and the shortcuts that keep screening fast.

Each shortcut in doc.py, lexicon.py and names.py claims to give exactly what a simpler
formulation gives; these tests hold them to it on generated texts, built from pieces that
hit the edge cases: capitals, digits, "_", Latin-1 letters, letters beyond Latin-1 ("Ł",
"İ", which lower-cases to two characters), signs that lower-case into ASCII (the Kelvin
sign), digits beyond ASCII and emoji.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tilstede.screening import doc as doc_module
from tilstede.screening import names
from tilstede.screening.doc import ENGLISH_I, Doc, WordTest, cue_words, notable_words
from tilstede.screening.health import LEXICON as HEALTH_LEXICON
from tilstede.screening.lexicon import _TOKEN, _token_hits

PIECES = st.sampled_from(
    [
        "a",
        "Kari",
        "NAV",
        "ADHD",
        "ME",
        "I",
        "I'm",
        "I have",
        "i dag",
        "Dag",
        "æøå",
        "ÆØÅ",
        "é",
        "ß",
        "ÿ",
        "Łukasz",
        "İ",
        "\u212a",  # Kelvin sign: lower-cases to "k"
        "\u212b",  # Ångström sign: lower-cases to "å"
        "٣",  # an Arabic-Indic digit: \d, but not a word character here
        "☀️",
        "😡",
        "12",
        "0",
        "_",
        " ",
        "  ",
        "\n",
        "\t",
        "\u00a0",
        ".",
        "...",
        "!",
        "?",
        ",",
        "-",
        "'",
        "’",
        "?",
        "«",
        "(",
        "@",
        "angst",
        "depresjonen",
        "hoftebrudd",
    ]
)
TEXTS = st.lists(PIECES, max_size=30).map("".join)

_WORD = re.compile(r"[0-9A-Za-z_\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]+")


def _reference(text: str) -> dict[str, object]:
    """The views as first written: a regex findall over the text, str.lower() per word."""
    lower = text.lower()
    if len(lower) != len(text):
        lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    written = _WORD.findall(text)
    joined = " ".join(written)
    tokens = joined.lower().split()
    words = frozenset(tokens)
    return {
        "lower": lower,
        "tokens": tokens,
        "words": words,
        "capitalised": frozenset(written) - words,
        "has_digit": not joined.replace(" ", "").isalpha() and re.search(r"\d", text) is not None,
    }


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_it_gives_the_same_views_as_the_regex_tokeniser(text: str) -> None:
    doc = Doc(text)
    expected = _reference(text)
    assert doc.lower == expected["lower"]
    assert doc.tokens == expected["tokens"]
    assert doc.words == expected["words"]
    assert doc.capitalised == expected["capitalised"]
    assert doc.has_digit == expected["has_digit"]
    assert doc.latin1 == all(ord(c) < 256 for c in text)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_it_knows_when_the_writer_says_i_in_english(text: str) -> None:
    prefix = r"I(?<![\w']I)"
    assert ENGLISH_I.pattern.startswith(prefix)
    original = re.compile(r"(?<![\w'])I" + ENGLISH_I.pattern.removeprefix(prefix))
    doc = Doc(text)
    assert doc.english_i == ("I" in doc.capitalised and original.search(text) is not None)
    for start in range(len(text) + 1):
        assert (ENGLISH_I.search(text, start) is None) == (original.search(text, start) is None)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_it_splits_sentences_as_the_original_rule(text: str) -> None:
    original = re.compile(r"[.!?\n](?<![.!?\n][.!?\n])[.!?\n]*+(?=\s|$)|\n")
    assert [m.span() for m in doc_module._SENTENCE_END.finditer(text)] == [
        m.span() for m in original.finditer(text)
    ]


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_it_finds_capitalised_words_as_the_original_pattern(text: str) -> None:
    original = re.compile(rf"(?<![\w-]){names._NAME_WORD}(?![\w@])")
    assert [m.span() for m in names._CAPWORD_POS.finditer(text)] == [
        m.span() for m in original.finditer(text)
    ]


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_it_answers_listed_names_without_the_capitalised_words(text: str) -> None:
    doc = Doc(text)
    for listed in (names._FIRST_LISTED, names._SURNAME_LISTED):
        assert listed.in_capitalised(doc) == (not doc.capitalised.isdisjoint(listed.forms))


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_it_finds_term_occurrences_as_a_regex_pass_would(text: str) -> None:
    doc = Doc(text)
    wanted = {w: ("health", "test") for w in sorted(doc.words)[:8]}
    expected = [
        (m.start(), m.end(), wanted[m.group()])
        for m in _TOKEN.finditer(doc.lower)
        if m.group() in wanted
    ]
    assert _token_hits(doc.lower, wanted) == expected


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_it_keeps_every_lexicon_term_among_the_notable_words(text: str) -> None:
    doc = Doc(text)
    terms = {
        w
        for w in doc.words
        if w in HEALTH_LEXICON.forms
        or (len(w) >= 7 and HEALTH_LEXICON._classify_long(w) is not None)
    }
    assert terms <= doc.notable


@pytest.fixture
def declarations() -> Iterator[None]:
    """Declaring words changes process-wide state; put it back after the test."""
    tests = list(doc_module._WORD_TESTS)
    cues = set(doc_module._CUE_VOCABULARY)
    yield
    doc_module._WORD_TESTS[:] = tests
    doc_module._CUE_VOCABULARY.clear()
    doc_module._CUE_VOCABULARY.update(cues)
    doc_module._PLAIN_WORDS.clear()
    doc_module._NOTABLE_WORDS.clear()


@pytest.mark.usefixtures("declarations")
def test_it_asks_a_test_declared_late_about_words_already_judged_plain() -> None:
    assert "blåbærsyltetøy" not in Doc("et helt vanlig ord: blåbærsyltetøy").notable
    late = WordTest(lambda w: w == "blåbærsyltetøy")
    assert "blåbærsyltetøy" in Doc("med blåbærsyltetøy").notable
    assert late.any_of(Doc("med blåbærsyltetøy").notable)
    notable_words(lambda w: w == "kantarell")
    assert "kantarell" in Doc("En kantarell i skogen").notable


@pytest.mark.usefixtures("declarations")
def test_it_keeps_declared_cue_words_among_the_cues() -> None:
    cue_words({"snøskuffe"})
    assert "snøskuffe" in Doc("Har du en snøskuffe?").cues
    assert "snøskuffe" not in Doc("Har du en spade?").cues


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.integers(0, 200), st.integers(0, 200))
def test_it_splits_a_stretch_into_words_as_the_regex_would(text: str, a: int, b: int) -> None:
    doc = Doc(text)
    start, end = min(a, b), max(a, b)
    assert doc.lower_words(start, end) == re.findall(r"[\w']+", doc.lower[start:end])


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_it_finds_digit_runs_as_the_regex_would(text: str) -> None:
    doc = Doc(text)
    expected = [m.span() for m in re.finditer(r"\d+", text)] if doc.has_digit else []
    assert doc.digit_runs == expected
