"""A normalised view of a text for the detectors, with every offset mapped back to the text
as the person typed it.

People write the same fødselsnummer in many ways: "240977 45664", "240977\u00a045664" (a
non-breaking space from a word processor), "240977\u200b45664" (an invisible zero-width
space from a copied PDF), "２４０９７７－４５６６４" (full-width digits from a phone keyboard),
"240977–45664" (an en dash). The detectors read one spelling of each: here

1. each character is put in Unicode NFKC form (full-width and mathematical digits become
   0-9, a non-breaking or thin space becomes a plain space, "․" becomes "."), except the
   ellipsis "…", which NFKC would turn into three full stops (a sentence end);
2. invisible characters (zero-width spaces and joiners, the soft hyphen, direction marks,
   byte-order marks, variation selectors) are left out; a zero-width space between two
   letters becomes a space, since it separates two words;
3. every other kind of space (tab, en space ...) becomes " ", and every line break
   ("\\r\\n", "\\r", U+2028, U+2029, NEL, vertical tab, form feed) becomes "\\n";
4. the dashes and slashes people put between digit groups (hyphen U+2010, non-breaking
   hyphen, figure dash, en and em dash, minus sign, fraction and division slash) become
   "-" and "/".

``normalise()`` returns None for a text that is already in that form, which is nearly every
text, after a check that runs in C; only the rest pay for the character-by-character walk.
Plain Python, no Django.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final, NamedTuple

# Invisible characters: format characters (Unicode category Cf) and the few others that
# draw nothing (combining grapheme joiner, Hangul fillers, variation selectors).
_INVISIBLE_EXTRA: Final = frozenset("\u034f\u115f\u1160\u3164\uffa0") | frozenset(
    map(chr, range(0xFE00, 0xFE10))
)
_ZERO_WIDTH_SPACE: Final = "\u200b"
_LINE_BREAKS: Final = frozenset("\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
_DASHES: Final = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d")
_SLASHES: Final = frozenset("\u2044\u2215\u29f8")
_SEPARATORS: Final = {c: "-" for c in _DASHES} | {c: "/" for c in _SLASHES}
# NFKC would change these, but into something that reads differently ("…" -> "...").
_KEEP: Final = frozenset("\u2026")

# Everything that the walk would change, apart from characters NFKC changes (which
# unicodedata.is_normalized finds): a text with none of these and already in NFKC is
# returned as it is.
_SPECIAL: Final = re.compile(
    "[\t\r\x0b\x0c\x1c-\x1e\x85\u00a0\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5"
    "\u180b-\u180f\u1680\u2000-\u200f\u2010-\u2015\u2028-\u202f\u205f-\u206f\u2212"
    "\u2044\u2215\u29f8\u3000\u3164\ufe00-\ufe0f\ufe58\ufe63\ufeff\uff0d\uffa0\ufff9-\ufffb"
    "\U000e0001-\U000e007f]"
)
_ASCII_SPECIAL: Final = re.compile("[\t\r\x0b\x0c\x1c-\x1e]")


class Normalised(NamedTuple):
    """The normalised text and, per character of it, the span of the original it came from.

    ``starts[j]``/``ends[j]`` are the start and end offsets in the original text of the
    character (or the NFKC sequence) that normalised character ``j`` comes from.
    """

    text: str
    starts: list[int]
    ends: list[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the normalised span [start, end) (end > start)."""
        return self.starts[start], self.ends[end - 1]


def needs_normalising(text: str) -> bool:
    """Whether ``normalise`` would change ``text``: one C-level scan for most texts."""
    if text.isascii():
        return _ASCII_SPECIAL.search(text) is not None
    return _SPECIAL.search(text) is not None or not unicodedata.is_normalized("NFKC", text)


def _is_invisible(c: str) -> bool:
    return c in _INVISIBLE_EXTRA or unicodedata.category(c) == "Cf"


def _is_word(c: str) -> bool:
    return c.isalpha()


def normalise(text: str) -> Normalised | None:
    """The normalised view of ``text``, or None when it is already normalised."""
    if not needs_normalising(text):
        return None
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    n = len(text)
    i = 0
    while i < n:
        c = text[i]
        # A starter and the combining marks after it are normalised together, so that
        # "e" + U+0301 becomes "é".
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        if c == "\r" and j == i + 1 and i + 1 < n and text[i + 1] == "\n":
            j = i + 2
            piece = "\n"
        elif c in _LINE_BREAKS:
            piece = "\n"
        elif c == _ZERO_WIDTH_SPACE:
            before = text[i - 1] if i else ""
            after = text[j] if j < n else ""
            piece = " " if before and after and _is_word(before) and _is_word(after) else ""
        elif _is_invisible(c):
            piece = ""
        elif c != "\n" and c != " " and c.isspace():
            piece = " "
        elif c in _KEEP:
            piece = text[i:j]
        else:
            piece = unicodedata.normalize("NFKC", text[i:j])
            if piece[:1].isspace() and len(piece) > 1:
                # A spacing accent ("´" used as an apostrophe) would become a space and a
                # combining mark, splitting a word in two: keep it as written.
                piece = text[i:j]
        for ch in piece:
            # Dashes and slashes are mapped after NFKC, which makes some ("½" is "1⁄2").
            out.append(_SEPARATORS.get(ch, ch))
            starts.append(i)
            ends.append(j)
        i = j
    return Normalised("".join(out), starts, ends)
