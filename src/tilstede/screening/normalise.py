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
# returned as it is. The emoji variation selector and joiner ("☀️", "👩‍💻") are left
# where they stand unless they touch a digit: nothing is detected across an emoji, and
# they are common enough that normalising every text with one would cost real time.
_SPECIAL: Final = re.compile(
    "[\t\r\x0b\x0c\x1c-\x1e\x85\u00a0\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5"
    "\u180b-\u180f\u1680\u2000-\u200c\u200e\u200f\u2010-\u2015\u2028-\u202f\u205f-\u206f"
    "\u2212\u2044\u2215\u29f8\u3000\u3164\ufe58\ufe63\ufeff\uff0d\uffa0\ufff9-\ufffb"
    "\U000e0001-\U000e007f]"
)
_JOINER: Final = re.compile("[\u200d\ufe00-\ufe0f]")
_JOINER_BY_DIGIT: Final = re.compile("(?<=\\d)[\u200d\ufe00-\ufe0f]|[\u200d\ufe00-\ufe0f](?=\\d)")
# In Latin-1 (nearly every Norwegian comment): the controls and spaces above, and the
# characters NFKC changes (the non-breaking space, "²", "½", "ª", "´" ...).
_LATIN1_SPECIAL: Final = re.compile(
    "[\t\r\x0b\x0c\x1c-\x1e\x85\xad"
    + "".join(
        re.escape(chr(cp))
        for cp in range(0xA0, 0x100)
        if unicodedata.normalize("NFKC", chr(cp)) != chr(cp)
    )
    + "]"
)


def _safe_class() -> str:
    """A regex class of the characters the walk copies as they are, in the ranges comments
    are written in: NFKC leaves them alone, they combine with nothing before them, and
    none is a space, a dash, a slash or invisible. Runs of them are copied in C."""
    ranges = [(0x20, 0x7E), (0xA0, 0x24F), (0x2018, 0x2027), (0x1F300, 0x1FAFF)]
    keep = [
        cp
        for low, high in ranges
        for cp in range(low, high + 1)
        if unicodedata.normalize("NFKC", chr(cp)) == chr(cp)
        and not unicodedata.combining(chr(cp))
        and not _SPECIAL.match(chr(cp))
        and chr(cp) not in _SEPARATORS
        and unicodedata.category(chr(cp)) != "Cf"
    ]
    parts, start, prev = [], keep[0], keep[0]
    for cp in [*keep[1:], -1]:
        if cp == prev + 1:
            prev = cp
            continue
        parts.append(re.escape(chr(start)) + ("-" + re.escape(chr(prev)) if prev > start else ""))
        start = prev = cp
    return "[" + "".join(parts) + "]+"


_SAFE_RUN: Final = re.compile(_safe_class())


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


# _LATIN1_SPECIAL as a bytes.translate table: its characters become "!", all others a
# space, so that a Latin-1 text needs normalising exactly when its translation is not all
# spaces. One pass in C at a byte a step, several times cheaper than the regex search.
_LATIN1_SPECIAL_TABLE: Final = bytes(
    0x21 if _LATIN1_SPECIAL.match(chr(i)) else 0x20 for i in range(256)
)


def needs_normalising(text: str) -> bool:
    """Whether ``normalise`` would change ``text``: a C-level scan or two for most texts."""
    try:
        raw = text.encode("latin-1")
    except UnicodeEncodeError:
        pass
    else:
        return bool(raw) and not raw.translate(_LATIN1_SPECIAL_TABLE).isspace()
    if _SPECIAL.search(text) is not None:
        return True
    if _JOINER.search(text) is not None and _JOINER_BY_DIGIT.search(text) is not None:
        return True
    return not unicodedata.is_normalized("NFKC", text)


def _is_invisible(c: str) -> bool:
    return c in _INVISIBLE_EXTRA or unicodedata.category(c) == "Cf"


def _is_word(c: str) -> bool:
    return c.isalpha()


def normalise(text: str) -> Normalised | None:
    """The normalised view of ``text``, or None when it is already normalised.

    Runs of characters that stay as they are are copied whole; only the characters
    between them are looked at one by one.
    """
    if not needs_normalising(text):
        return None
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for m in _SAFE_RUN.finditer(text):
        a, b = m.span()
        if a > pos:
            _walk(text, pos, a, out, starts, ends)
        out.append(text[a:b])
        starts.extend(range(a, b))
        ends.extend(range(a + 1, b + 1))
        pos = b
    if pos < len(text):
        _walk(text, pos, len(text), out, starts, ends)
    return Normalised("".join(out), starts, ends)


def _walk(text: str, i: int, stop: int, out: list[str], starts: list[int], ends: list[int]) -> None:
    """Normalise ``text[i:stop]`` character by character onto the output."""
    n = len(text)
    while i < stop:
        c = text[i]
        # A starter and the combining marks after it are normalised together, so that
        # "e" + U+0301 becomes "é"; a mark right after a copied run takes that run's
        # last character back.
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        first = i
        if unicodedata.combining(c) and starts and ends[-1] == i and out and out[-1]:
            first = starts.pop()
            ends.pop()
            out[-1] = out[-1][:-1]
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
            piece = text[first:j]
        else:
            piece = unicodedata.normalize("NFKC", text[first:j])
            if piece[:1].isspace() and len(piece) > 1:
                # A spacing accent ("´" used as an apostrophe) would become a space and a
                # combining mark, splitting a word in two: keep it as written.
                piece = text[first:j]
        for ch in piece:
            # Dashes and slashes are mapped after NFKC, which makes some ("½" is "1⁄2").
            out.append(_SEPARATORS.get(ch, ch))
            starts.append(first)
            ends.append(j)
        i = j
