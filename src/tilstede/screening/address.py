"""Street addresses with a house number, and post boxes ("Postboks 12, 0101 Oslo").

A house number is found first (a short digit run), then the words before it are checked for
a street name: a word ending in a street suffix (Storgata, Kirkeveien, Solbakken) or a
street noun after capitalised words (Karl Johans gate, Kongens gate). Roads that are not
addresses (fylkesvei 120, E6, buss 31) are not street names.
"""

from __future__ import annotations

import re
from typing import Final

from .doc import Doc, cue_bit
from .model import ADDRESS, Finding

# Compound street names end in one of these (bokmål and nynorsk, definite and not).
STREET_SUFFIXES: Final[tuple[str, ...]] = (
    "gata",
    "gaten",
    "gate",
    "gt",
    "veien",
    "vegen",
    "vei",
    "veg",
    "vn",
    "allé",
    "alle",
    "alleen",
    "plass",
    "plassen",
    "torget",
    "torg",
    "stien",
    "stig",
    "stigen",
    "bakken",
    "bakke",
    "brekka",
    "brekke",
    "svingen",
    "lia",
    "lien",
    "haugen",
    "tunet",
    "ringen",
    "kroken",
    "jordet",
    "løkka",
    "løkken",
    "gården",
    "grenda",
    "grend",
    "tråkket",
    "åsen",
    "kollen",
    "myra",
    "myr",
    "engen",
    "enga",
    "dalen",
    "bråten",
    "vollen",
    "kaia",
    "kaien",
    "brygga",
    "bryggen",
    "strede",
    "smauet",
    "sletta",
    "sletten",
    "stubben",
    "høgda",
    "høyden",
    "lunden",
    "hagen",
    "parken",
    "tangen",
    "berget",
    "skogen",
    "marka",
    "lyngen",
    "bekken",
    "feltet",
    "terrasse",
    "terrassen",
    "promenaden",
    "kvartalet",
    "jordet",
    "street",
    "road",
    "avenue",
    "lane",
    "stræde",
)
_SUFFIXES_LONGEST_FIRST: Final = tuple(sorted(set(STREET_SUFFIXES), key=len, reverse=True))
# Words that are street nouns on their own, after a capitalised name ("Karl Johans gate").
_STREET_NOUNS: Final = frozenset(
    {
        "gate",
        "gata",
        "vei",
        "veg",
        "veien",
        "vegen",
        "allé",
        "alle",
        "plass",
        "torg",
        "gt",
        "vn",
        "street",
        "road",
        "terrasse",
        "bakke",
        "stræde",
    }
)
# Compounds that end like a street but name a road class or a thing, never an address.
_NOT_STREETS: Final = frozenset(
    {
        "riksvei",
        "riksveg",
        "fylkesvei",
        "fylkesveg",
        "europavei",
        "europaveg",
        "motorvei",
        "motorveg",
        "kommunevei",
        "kommuneveg",
        "skogsvei",
        "gangvei",
        "sykkelvei",
        "sykkelveg",
        "bussvei",
        "bomvei",
        "privatvei",
        "hovedvei",
        "omkjøringsvei",
        "tilførselsvei",
        "jernbane",
        "parkeringsplass",
        "arbeidsplass",
        "lekeplass",
        "sitteplass",
        "studieplass",
        "barnehageplass",
        "sykehjemsplass",
        "skoleplass",
        "venteplass",
        "bussholdeplass",
        "holdeplass",
        "plass",
        "fotballbane",
        "nødutgang",
        "gate",
        "vei",
        "veg",
        "veien",
        "vegen",
        "gata",
        "gaten",
        "hagen",
        "bakken",
        "dalen",
        "skogen",
        "marka",
        "parken",
        "berget",
        "lia",
        "lien",
        "haugen",
        "tangen",
        "myra",
        "engen",
        "tunet",
        "torget",
        "stien",
        "kaia",
        "kaien",
        "bryggen",
        "brygga",
        "kollen",
        "åsen",
        "feltet",
        "svingen",
        "ringen",
        "kroken",
        "parkeringshagen",
        "barnehagen",
        "kirkegården",
        "gården",
        "avløpsrør",
        "vedlegg",
        "linje",
        "rute",
        "buss",
        "trikk",
        "side",
        "sidene",
        "kapittel",
        "punkt",
        "paragraf",
        "sykehjemmet",
        "etasje",
        "rom",
        "klasse",
        "trinn",
        "uke",
        "år",
        "dag",
        "kveld",
        "morgen",
        "street",
        "road",
        "lane",
        "avenue",
        "fortauet",
    }
)
_ORDINAL_WORDS: Final = frozenset(
    {
        "nedre",
        "øvre",
        "søndre",
        "nordre",
        "vestre",
        "østre",
        "gamle",
        "nye",
        "store",
        "lille",
        "lilla",
        "indre",
        "ytre",
    }
)

_HOUSE_NUMBER: Final = re.compile(
    r"(?<![\w.,/-])(\d{1,3})(?: ?[A-Ha-h](?![\w]))?(?:-\d{1,3})?(?![\d]|[.,/–-]\d|%|\w)"
)
_POSTCODE_AFTER: Final = re.compile(r",? {1,3}(\d{4}) {1,3}([A-ZÆØÅ][\wæøå-]{1,40})(?!\w)")
_POSTBOKS: Final = re.compile(
    r"(?i)(?<!\w)(?:postboks|pb\.?|p\.?\s?o\.?\s?box|postb\.)\s?\d{1,5}(?!\d)"
    r"(?:,?\s+(\d{4})\s+([A-ZÆØÅ][\wæøå-]+))?"
)
_STANDALONE_POSTCODE: Final = re.compile(
    r"(?<![\w.,/-])(\d{4})\s([A-ZÆØÅ][a-zæøå]{2,}(?:[ -][A-ZÆØÅ][a-zæøå]+)?)(?!\w)"
)
_ADDRESS_TRIGGERS: Final = frozenset(
    {"adresse", "adressen", "adressa", "bor", "flyttet", "flytta", "address", "adr"}
)
_ADDRESS_BIT: Final = cue_bit(_ADDRESS_TRIGGERS)
_ADDRESS_WORDS: Final = re.compile(r"(?:adresse\w*|bor (?:i|på)|flyttet til|address)\W{0,4}$")


def _is_street_word(word: str) -> bool:
    lw = word.lower().rstrip(".")
    if lw in _NOT_STREETS or len(lw) < 4:
        return False
    if not lw.endswith(_SUFFIXES_LONGEST_FIRST):
        return False
    # The part before the suffix must be a real stem: "Storgata", not "gata". The longest
    # suffix counts; looked up by length (a set lookup each) rather than by trying every
    # suffix in turn.
    for size in _SUFFIX_SIZES:
        if size <= len(lw) and lw[-size:] in _SUFFIX_SET:
            return len(lw) - size >= 2 and lw[:-size] not in _STEM_STOPWORDS
    return False


_SUFFIX_SET: Final = frozenset(STREET_SUFFIXES)
_SUFFIX_SIZES: Final = tuple(sorted({len(s) for s in STREET_SUFFIXES}, reverse=True))


# Stems that make ordinary words with street suffixes ("ferdig", "innenlands").
_STEM_STOPWORDS: Final = frozenset({"ferdi", "ny", "to", "tre", "inn", "ut", "på", "sel"})


_OPENERS: Final = "(\"'«“[-"


def _last_word(text: str, end: int) -> tuple[str, int] | None:
    """The word that ends just before ``end`` (one run of spaces between), and where it starts."""
    window = text[end - 40 if end > 40 else 0 : end]
    stripped = window.rstrip(" \t")
    if len(stripped) == len(window) and window:
        return None  # nothing between the word and the number
    if not stripped or stripped[-1] in ",;:!?\n":
        return None
    # Comparisons rather than max(), whose argument parsing costs more than the searches.
    cut = stripped.rfind(" ")
    other = stripped.rfind("\n")
    if other > cut:
        cut = other
    other = stripped.rfind("\t")
    if other > cut:
        cut = other
    word = stripped[cut + 1 :].lstrip(_OPENERS)
    if not word:
        return None
    return word, end - len(window) + len(stripped) - len(word)


def _street_start(doc: Doc, num_start: int) -> int | None:
    """Where the street name before a house number starts, or None if there is none."""
    text = doc.text
    found = _last_word(text, num_start)
    if found is None:
        return None
    word, word_start = found
    lw = word.lower()
    if lw in _STREET_NOUNS:
        # "Karl Johans gate 1": the noun needs capitalised words before it.
        start = _extend_capitalised(text, word_start, max_words=3)
        return start if start < word_start else None
    if not _is_street_word(word):
        return None
    if not word[0].isupper() and len(lw) < 8:
        return None
    return _extend_capitalised(text, word_start, max_words=2, modifiers_only=True)


def _extend_capitalised(
    text: str, start: int, *, max_words: int, modifiers_only: bool = False
) -> int:
    """Move ``start`` back over up to ``max_words`` capitalised words (a multi-word street name)."""
    for _ in range(max_words):
        found = _last_word(text, start)
        if found is None:
            break
        word, word_start = found
        if not word[0].isupper() or word.lower() in _SENTENCE_WORDS:
            break
        if word.endswith(".") and len(word) > 3:
            break  # the end of the previous sentence
        if modifiers_only and word.lower() not in _ORDINAL_WORDS:
            break
        if text[word_start + len(word) : start].strip(" "):
            break
        start = word_start
    return start


# Capitalised words at the start of a sentence that are not part of a street name.
_SENTENCE_WORDS: Final = frozenset(
    {
        "i",
        "på",
        "til",
        "fra",
        "jeg",
        "eg",
        "vi",
        "du",
        "han",
        "hun",
        "ho",
        "det",
        "den",
        "adresse",
        "adressen",
        "bor",
        "min",
        "mi",
        "mitt",
        "vår",
        "the",
        "in",
        "at",
        "on",
        "my",
        "og",
        "ved",
        "mot",
    }
)


def _may_end_a_street(doc: Doc, num_start: int) -> bool:
    """False when ``_street_start`` must find no street name before ``num_start``.

    A street name ends in a suffix of STREET_SUFFIXES (the street nouns among them), then
    spaces or tabs and the number. For the usual single space, the three characters before
    it settle that: far cheaper than cutting out the word and testing it. Anything else
    (several spaces, a dot after the word) is left to ``_street_start``.
    """
    text = doc.text
    e = num_start - 1  # the space before the number
    if e < 1 or text[e] not in " \t":
        return False  # nothing between a word and the number (_last_word)
    if text[e - 1] in " \t.":
        return True
    last3 = doc.lower[e - 3 if e > 3 else 0 : e]
    return last3 in _STREET_ENDS3 or last3[-2:] in _STREET_ENDS2


# The last three letters of each street suffix, and the suffixes of two letters.
_STREET_ENDS3: Final = frozenset(s[-3:] for s in STREET_SUFFIXES if len(s) >= 3)
_STREET_ENDS2: Final = frozenset(s for s in STREET_SUFFIXES if len(s) == 2)
assert all(len(s) >= 2 for s in STREET_SUFFIXES)


def _postcode_may_follow(runs: list[tuple[int, int]], i: int) -> bool:
    """False when ``_POSTCODE_AFTER`` cannot match after the house number at run ``i``.

    Its four digits are a run of their own, the next run or (after "12-3") the one after,
    at most ten characters after the house number's digits (" B-123" and ", " between).
    """
    run_end = runs[i][1]
    for j in (i + 1, i + 2):
        if j < len(runs):
            s, e = runs[j]
            if s > run_end + 10:
                return False
            if e - s == 4:
                return True
    return False


# How each keyword of _POSTBOKS ends, in either case ("ſ" matches "s" when case is ignored).
_POSTBOX_ENDS: Final = frozenset("sSſbBxX.")


def _postbox_may_precede(text: str, runs: list[tuple[int, int]]) -> bool:
    """False when no digit run follows a keyword of _POSTBOKS (and one optional space)."""
    for run_start, _run_end in runs:
        if run_start > 0:
            c = text[run_start - 1]
            if c.isspace() and run_start > 1:
                c = text[run_start - 2]
            if c in _POSTBOX_ENDS:
                return True
    return False


def find_addresses(doc: Doc) -> list[Finding]:
    text = doc.text
    findings: list[Finding] = []
    lower = doc.lower
    postboxes: list[Finding] = []
    runs = doc.digit_runs
    # _POSTBOKS puts the number right after "postboks", "pb", "pb.", "box" or "postb."
    # and at most one whitespace character: looking at the character before each digit
    # run is cheaper than searching the text for the words ("postb" covers "postboks").
    if _postbox_may_precede(text, runs) and ("pb" in lower or "box" in lower or "postb" in lower):
        for m in _POSTBOKS.finditer(text):
            postboxes.append(
                Finding(
                    m.start(),
                    m.end(),
                    ADDRESS,
                    m.group(),
                    0.95,
                    "address.postbox",
                    "postboksadresse",
                )
            )
            if len(postboxes) > 50:
                break  # a text is not a directory; the rest are found as street addresses
    findings.extend(postboxes)
    covered_to = -1
    last = len(runs) - 1
    for i, (run_start, run_end) in enumerate(runs):
        if run_end - run_start > 3:
            continue
        # Most short runs are counts, dates and amounts, with neither a street name before
        # them nor a postnummer after: rule that out before the patterns run.
        street_maybe = _may_end_a_street(doc, run_start)
        if not street_maybe and (i == last or not _postcode_may_follow(runs, i)):
            continue
        hm = _HOUSE_NUMBER.match(text, run_start)
        if hm is None:
            continue
        num_start, num_end = hm.span()
        if num_start < covered_to or (
            postboxes and any(f.start <= num_start < f.end for f in postboxes)
        ):
            continue
        start = _street_start(doc, num_start) if street_maybe else None
        post = _POSTCODE_AFTER.match(text, num_end)
        if start is None and post is not None:
            # "Vestre Rosten 69, 7075 Tiller": a postnummer and poststed vouch for a street
            # name without a street suffix.
            start = _extend_capitalised(text, num_start, max_words=3)
            if start == num_start:
                start = None
        if start is None:
            continue
        end = num_end
        explanation = "gateadresse med husnummer"
        if post is not None:
            end = post.end()
            explanation = "gateadresse med husnummer, postnummer og poststed"
        if doc.in_url(start, end):
            continue
        findings.append(
            Finding(start, end, ADDRESS, text[start:end], 0.9, "address.street", explanation)
        )
        covered_to = end
    # "0150 Oslo" after "adresse"/"bor i": a postnummer and poststed alone.
    if not doc.cue_mask & _ADDRESS_BIT:
        return findings
    for m in _STANDALONE_POSTCODE.finditer(text):
        s, e = m.span()
        if s < covered_to or any(f.start <= s < f.end for f in postboxes):
            continue
        before = lower[s - 30 if s > 30 else 0 : s]
        if _ADDRESS_WORDS.search(before):
            findings.append(
                Finding(
                    s, e, ADDRESS, m.group(), 0.75, "address.postcode", "postnummer og poststed"
                )
            )
    return findings
