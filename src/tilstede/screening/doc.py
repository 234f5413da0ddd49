"""The text being screened, with the cheap facts every detector asks about computed once.

Detectors receive a Doc rather than a str so that lower-casing, word tokens and the
"does it contain digits / '@' / a capitalised word" pre-checks run once per text.
"""

from __future__ import annotations

import bisect
import re
from typing import Final

# Letters, digits and underscore in the Latin scripts; an explicit class runs faster in
# Python's re than \w, and comments here are written in Latin letters.
_WORD: Final = re.compile(r"[0-9A-Za-z_\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]+")
_DIGIT: Final = re.compile(r"\d")
_DIGITS: Final = re.compile(r"\d+")
_OPENING: Final = "\"'«(“-–•*>"
_DOMAIN_ENDS: Final = (".no/", ".com/", ".org/", ".net/", ".se/", ".dk/", ".eu/", ".io/")
_URL: Final = re.compile(
    r"(?i)(?<![\w@])(?:https?://|www\.)[^\s<>\"]{1,2000}|(?<![\w@.])[\w-]{1,63}(?:\.[\w-]{1,63}){0,5}\.(?:no|com|org|net|se|dk|eu|io)/[^\s<>\"]{0,2000}"
)
# Tried only where a run of punctuation starts, so a long run costs its length once.
# The first character is matched before the look-behind so the regex engine can skip ahead
# to candidate characters quickly.
_SENTENCE_END: Final = re.compile(r"[.!?\n](?<![.!?\n][.!?\n])[.!?\n]*+(?=\s|$)|\n")


class Doc:
    """A text plus lazily computed views of it; all offsets refer to ``text``."""

    __slots__ = (
        "_digit_runs",
        "_first_words",
        "_long_words",
        "_sentence_bounds",
        "_urls",
        "capitalised",
        "has_digit",
        "lower",
        "text",
        "tokens",
        "words",
    )

    def __init__(self, text: str) -> None:
        self.text = text
        lower = text.lower()
        if len(lower) != len(text):
            # A few characters lower-case to two ("İ"); keep offsets aligned with the text.
            lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        self.lower = lower
        # One regex pass over the text as written; the lower-case tokens come from joining
        # and splitting, which runs in C.
        written = _WORD.findall(text)
        joined = " ".join(written)
        self.tokens: list[str] = joined.lower().split()
        self.words: frozenset[str] = frozenset(self.tokens)
        #: Words with a capital letter somewhere, as written ("Kari", "NAV", "ADHD").
        self.capitalised: frozenset[str] = frozenset(written) - self.words
        self.has_digit = not joined.replace(" ", "").isalpha() and _DIGIT.search(text) is not None
        self._long_words: list[str] | None = None
        self._digit_runs: list[tuple[int, int]] | None = None
        self._urls: list[tuple[int, int]] | None = None
        self._sentence_bounds: list[int] | None = None
        self._first_words: list[tuple[int, str]] | None = None

    @property
    def digit_runs(self) -> list[tuple[int, int]]:
        """Spans of maximal runs of digits. Number patterns are tried only where a run starts,
        which is far cheaper than letting each pattern scan the whole text."""
        if self._digit_runs is None:
            self._digit_runs = (
                [m.span() for m in _DIGITS.finditer(self.text)] if self.has_digit else []
            )
        return self._digit_runs

    @property
    def long_words(self) -> list[str]:
        """Distinct words of seven letters or more: the candidates for compound lookups."""
        if self._long_words is None:
            self._long_words = [w for w in self.words if len(w) >= 7]
        return self._long_words

    @property
    def urls(self) -> list[tuple[int, int]]:
        """Spans of URLs and bare domain paths: digits and addresses in them are not findings."""
        if self._urls is None:
            lower = self.lower
            if "/" in lower and (
                "://" in lower or "www." in lower or any(t in lower for t in _DOMAIN_ENDS)
            ):
                self._urls = [m.span() for m in _URL.finditer(self.text)]
            else:
                self._urls = []
        return self._urls

    def in_url(self, start: int, end: int) -> bool:
        urls = self.urls
        if not urls:
            return False
        i = bisect.bisect_right(urls, (end, -1)) - 1  # the last URL starting before ``end``
        return i >= 0 and urls[i][1] > start

    def first_words(self) -> list[tuple[int, str]]:
        """(position, first word in lower case) of each sentence: "Har fått svar" gives "har"."""
        if self._first_words is None:
            self.sentence_span(0)
            assert self._sentence_bounds is not None
            lower = self.lower
            firsts = []
            for b in self._sentence_bounds[:-1]:
                head = lower[b : b + 24].split(None, 1)
                if head:
                    firsts.append((b, head[0].strip(_OPENING + "»”.,!?:;)")))
            self._first_words = firsts
        return self._first_words

    def sentence_span(self, pos: int) -> tuple[int, int]:
        """The start and end of the sentence holding ``pos`` (split on . ! ? and newlines)."""
        if self._sentence_bounds is None:
            bounds = [0]
            bounds.extend(m.end() for m in _SENTENCE_END.finditer(self.text))
            bounds.append(len(self.text))
            self._sentence_bounds = bounds
        bounds = self._sentence_bounds
        i = bisect.bisect_right(bounds, pos)
        if i >= len(bounds):
            return bounds[-1], len(self.text)
        return (bounds[i - 1] if i > 0 else 0), bounds[i]
