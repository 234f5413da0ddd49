"""Loading the word lists shipped under ``data/`` and expanding words into their inflections.

Lists are read once at import. Inflections are generated ahead of time into sets, so a text
is matched by set intersection over its word tokens rather than by large alternations.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Final

from .doc import Doc, cue_set, notable_words

if TYPE_CHECKING:
    from .rules import Rule


@cache
def read_list(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of ``data/<name>``, stripped."""
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    lines = (line.strip() for line in text.splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


# Endings that nouns, adjectives and participles take in bokmål, nynorsk and English.
# "diagnose" -> diagnosen, diagnoser, diagnosene; "depresjon" -> depresjonen, depresjonar.
_NOUN_ENDINGS = ("", "en", "et", "er", "ene", "a", "ar", "ane", "s", "ens", "ets", "e", "t", "es")
_E_ENDINGS = ("n", "r", "ne", "ns", "t", "s")


def inflections(word: str) -> set[str]:
    """The word and the inflected forms it plausibly takes (over-generation is harmless)."""
    w = word.lower()
    if len(w) <= 3 or " " in w:
        return {w}
    forms = {w + ending for ending in _NOUN_ENDINGS}
    if w.endswith("e"):
        forms.update(w + ending for ending in _E_ENDINGS)
    if w.endswith(("sjon", "het", "else", "ing")):
        forms.update((w + "er", w + "en", w + "ene", w + "ar", w + "ane", w + "a"))
    if w.endswith("m") and not w.endswith("mm"):
        forms.update((w + "men", w + "mer", w + "mene", w + "mar", w + "mane"))
    if w.endswith("y"):
        forms.add(w[:-1] + "ies")
    return forms


# Bokmål spellings and their nynorsk counterparts, applied to whole terms so that one entry
# covers both written standards: "sykdom" -> "sjukdom", "hjertesvikt" -> "hjartesvikt",
# "utbrenthet" -> "utbrentheit", "spiseforstyrrelse" -> "spiseforstyrring",
# "hoftebrudd" -> "hoftebrot", "funksjonshemmet" -> "funksjonshemma".
_NYNORSK: Final = (
    ("syk", "sjuk"),
    ("hjerte", "hjarte"),
    ("hode", "hovud"),
    ("brudd", "brot"),
    ("hemmet", "hemma"),
    ("sykehus", "sjukehus"),
    ("benbrudd", "beinbrot"),
)
_NYNORSK_ENDINGS: Final = (("het", "heit"), ("else", "ing"), ("ighet", "igheit"))


def spelling_variants(word: str) -> set[str]:
    """The word and its nynorsk spellings (over-generation is harmless: forms are only looked
    up, never generated into text)."""
    out = {word}
    for old, new in _NYNORSK:
        out |= {w.replace(old, new) for w in out if old in w}
    for old, new in _NYNORSK_ENDINGS:
        out |= {w[: -len(old)] + new for w in out if w.endswith(old)}
    return out


def expand(words: Iterable[str]) -> dict[str, str]:
    """Map every inflected form of each word to the word itself."""
    forms: dict[str, str] = {}
    for word in words:
        for form in inflections(word):
            forms.setdefault(form, word)
    return forms


Label = tuple[str, str]  # (category, kind)


@dataclass
class Lexicon:
    """Terms of several categories, prepared for set and dict lookups.

    Exact forms (with inflections) and compounds (by a dict keyed on a long word's first or
    last four letters) are found among the text's ``Doc.notable`` words, with each word's
    answer remembered; acronyms in the capitalised word set; phrases by their longest word,
    then a substring search.
    """

    forms: dict[str, Label] = field(default_factory=dict)
    prefixes_by_head4: dict[str, list[tuple[str, Label]]] = field(default_factory=dict)
    heads_by_tail4: dict[str, list[tuple[str, Label]]] = field(default_factory=dict)
    exact_case: dict[str, Label] = field(default_factory=dict)
    phrases: dict[str, list[tuple[str, Label]]] = field(default_factory=dict)
    # Sets for intersection: set & set walks the smaller side, set & dict walks the dict.
    form_set: frozenset[str] = frozenset()
    phrase_keys: frozenset[str] = frozenset()
    exact_case_set: frozenset[str] = frozenset()
    exact_case_lower: frozenset[str] = frozenset()
    # Their bits in Doc.cue_mask (see doc.cue_bit).
    exact_case_bit: int = 0
    phrase_bit: int = 0
    #: An extra rule for compounds (see rules.word_rule), and the label of its words.
    compound_rule: tuple[Rule, Label] | None = None
    # Every exact form and every compound met in a text so far, with its label; and the
    # notable words (Doc.notable: terms of some lexicon) met so far that are not terms of
    # this one. A text's notable words are few, and after a warm-up one set difference
    # leaves only this lexicon's terms among them to look at in Python.
    _terms: dict[str, Label] = field(default_factory=dict)
    _plain: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        notable_words(self._is_term)

    def _is_term(self, w: str) -> bool:
        """Whether a word of a text is a term: an exact form, or a long word and a compound."""
        return w in self.forms or (len(w) >= 7 and self._classify_long(w) is not None)

    def add_file(self, filename: str, category: str, *, inflect: bool = True) -> None:
        """Read a lexicon file; ``inflect=False`` keeps terms as written (no plurals: "muslimer"
        is a group, "muslim" a person)."""
        for line in read_list(filename):
            term, _, kind = line.partition("\t")
            label = (category, kind.strip() or "helse")
            bare = term.strip("*=")
            if inflect:
                forms = set()
                for variant in spelling_variants(bare.lower()):
                    forms |= inflections(variant)
            else:
                forms = {bare.lower()}
            if term.startswith("="):
                self.exact_case[term[1:]] = label
            elif " " in term:
                # Indexed by the phrase's longest word: "er same" is looked for only in texts
                # that contain "same", not in every text that contains "er".
                for phrase in spelling_variants(term.lower()) if inflect else {term.lower()}:
                    key = max(phrase.split(), key=lambda w: (w not in _COMMON, len(w)))
                    self.phrases.setdefault(key, []).append((phrase, label))
            elif term.endswith("*"):
                for prefix in (
                    spelling_variants(term[:-1].lower()) if inflect else {term[:-1].lower()}
                ):
                    self.prefixes_by_head4.setdefault(prefix[:4], []).append((prefix, label))
            elif term.startswith("*"):
                for form in forms:
                    self.heads_by_tail4.setdefault(form[-4:], []).append((form, label))
            else:
                for form in forms:
                    self.forms.setdefault(form, label)
        self.form_set = frozenset(self.forms)
        self.phrase_keys = frozenset(self.phrases)
        self.exact_case_set = frozenset(self.exact_case)
        self.exact_case_lower = frozenset(w.lower() for w in self.exact_case)
        self.phrase_keys = cue_set(self.phrases, "lexicon phrases")
        self.exact_case_lower = cue_set(self.exact_case_lower, "lexicon acronyms")
        self.phrase_bit = self.phrase_keys.bit
        self.exact_case_bit = self.exact_case_lower.bit
        self._terms = dict(self.forms)
        self._plain = set()

    def _classify_long(self, w: str) -> Label | None:
        """The label of a long word that is not an exact form: a compound by prefix or head."""
        candidates = self.prefixes_by_head4.get(w[:4])
        if candidates:
            label = next((lab for p, lab in candidates if w.startswith(p)), None)
            if label is not None:
                return label
        candidates = self.heads_by_tail4.get(w[-4:])
        if candidates:
            matching = [(h, lab) for h, lab in candidates if w.endswith(h)]
            if matching:
                head, lab = max(matching, key=lambda hl: len(hl[0]))
                if len(w) - len(head) >= 3:
                    return lab
        if self.compound_rule is not None:
            compound, label = self.compound_rule
            if compound.match_word(w):
                return label
        return None

    def hits(self, doc: Doc) -> list[tuple[int, int, Label]]:
        """(start, end, (category, kind)) of every term occurrence in the text, any context."""
        # Only notable words can be terms (see _is_term and Doc.notable).
        rest = doc.notable.difference(self._plain)
        mask = doc.cue_mask
        if not rest and not mask & (self.exact_case_bit | self.phrase_bit):
            return []  # most texts
        wanted: dict[str, Label] = {}
        if rest:
            terms = self._terms
            for w in rest:
                label = terms.get(w)
                if label is None:
                    # Not an exact form: a long word may be a compound. Remember the answer,
                    # up to a bound so that a stream of unique words cannot grow the cache
                    # without limit.
                    label = self._classify_long(w) if len(w) >= 7 else None
                    if len(terms) + len(self._plain) < _SEEN_MAX:
                        if label is None:
                            self._plain.add(w)
                        else:
                            terms[w] = label
                    if label is None:
                        continue
                wanted[w] = label
        found: list[tuple[int, int, Label]] = []
        if wanted:
            found = _token_hits(doc.lower, wanted)
        # A capitalised term ("ADHD") is in the lower-case words too ("adhd"): that cheaper
        # check spares most texts working out their capitalised words.
        if mask & self.exact_case_bit and not doc.capitalised.isdisjoint(self.exact_case_set):
            for word in doc.capitalised & self.exact_case_set:
                label = self.exact_case[word]
                found.extend((s, e, label) for s, e in _occurrences(doc.text, word))
        if mask & self.phrase_bit:
            lower = doc.lower
            for key in doc.cues & self.phrase_keys:
                for phrase, label in self.phrases[key]:
                    if phrase in lower:  # most phrases indexed by a word are absent
                        found.extend((s, e, label) for s, e in _occurrences(lower, phrase))
        return found


_SEEN_MAX: Final = 150_000  # exact forms, compounds and plain words together
# Words too common to index a phrase by: "fikk slag" is looked for in texts with "slag".
_COMMON: Final = frozenset(
    """fikk fekk fått hadde har hatt nytt ny første venter ventar vårt med for som til the
    had has have with was been is on in a an of my av på i""".split()
)
_TOKEN: Final = re.compile(r"[0-9A-Za-z_\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]+")
# The characters ``_TOKEN`` matches, for checking the ends of a str.find hit.
_TOKEN_CHARS: Final = frozenset(
    c for c in map(chr, range(0x250)) if _TOKEN.fullmatch(c) is not None
)
# With more distinct terms than this in a text, one regex pass beats a str.find per term.
_FIND_MAX: Final = 6


def _token_hits(lower: str, wanted: dict[str, Label]) -> list[tuple[int, int, Label]]:
    """(start, end, label) of each whole token of ``lower`` that is a key of ``wanted``, in
    text order: the same spans as matching ``_TOKEN`` over the text and looking each token
    up, but a few str.find calls cost far less than building a match per word."""
    if len(wanted) > _FIND_MAX:
        return [
            (m.start(), m.end(), label)
            for m in _TOKEN.finditer(lower)
            if (label := wanted.get(m.group())) is not None
        ]
    found: list[tuple[int, int, Label]] = []
    chars = _TOKEN_CHARS
    n = len(lower)
    for word, label in wanted.items():
        if _TOKEN.fullmatch(word) is None:
            continue  # lower-casing gave a character outside the token class: never a token
        size = len(word)
        i = lower.find(word)
        while i != -1:
            j = i + size
            if (i == 0 or lower[i - 1] not in chars) and (j == n or lower[j] not in chars):
                found.append((i, j, label))
            i = lower.find(word, j)
    if len(wanted) > 1:
        found.sort()  # tokens are disjoint, so no two spans share a start
    return found


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def _occurrences(haystack: str, needle: str) -> list[tuple[int, int]]:
    """Whole-word occurrences of ``needle``; str.find keeps this linear and allocation-free."""
    spans = []
    n = len(needle)
    i = haystack.find(needle)
    while i != -1:
        j = i + n
        if (i == 0 or not _is_word_char(haystack[i - 1])) and (
            j == len(haystack) or not _is_word_char(haystack[j])
        ):
            spans.append((i, j))
        i = haystack.find(needle, i + 1)
    return spans
