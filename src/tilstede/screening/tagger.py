"""A learned tagger for person names in running text: which capitalised words are part of a
person's name ("Dommer Finn Eilertsen avstår" → "Finn Eilertsen").

It is a linear model (an averaged perceptron) over plain features of each capitalised word:
the word itself, its ending and shape, whether it is in the shipped name lists, and its
neighbours ("sa", "og", a comma, a capitalised word). The weights were learned from the
NorNE development splits (bokmål and nynorsk, CC0 annotations; see ``tagger_train``) and
are shipped in ``data/navnetagger.json``: feature names and weights, and a list of words
that were seen written in lower case (so "Dommer" at the start of a sentence is a noun).
No sentence of the corpus is shipped. ``names.find_names`` combines the tagger with its
rules; public figures, placeholders and organisation names are filtered there as before.

Every word-level part of a word's score is worked out once per word and remembered, and a
word whose best possible score is below the threshold is never looked at in context, so
most capitalised words ("Lofoten", "BankID") cost one dict lookup. The neighbours of the
others are read by one regex match either side (``neighbours``, held equal to the window
the model was trained on by a property test), and the part of the score they give is
remembered per four neighbours.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from itertools import repeat
from typing import Final

MODEL_FILE: Final = "navnetagger.json"

# A token as the tagger sees one: a run of the Latin letters that Doc's words are made of
# ("Ole-Petter" is three tokens), a run of digits, or one other character. Every capitalised
# token is then a word of Doc.capitalised, or a part of one that holds a digit or "_".
# The training script tokenises NorNE's text the same way.
_LETTER: Final = r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]"
TOKEN: Final = re.compile(rf"{_LETTER}+|\d+|[^\s]")
_SENTENCE_END: Final = frozenset(".!?:;\n")
# Marks that open a quote or a line of dialogue: a word after them opens a sentence.
_OPENING_MARKS: Final = ("«", '"', "-", "–")
# Each table of answers worked out per word (or per four neighbours) stops growing here;
# past it, answers are worked out each time (the same answers, slower).
_REMEMBER_AT_MOST: Final = 100_000


def shape(word: str) -> str:
    """ "Xx", "X", "XX", "Xx-Xx", "xX" ...: the pattern of capitals in a word."""
    if word.isupper():
        return "XX" if len(word) > 1 else "X"
    if "-" in word:
        return "-".join(shape(p) if p else "" for p in word.split("-")[:2])
    if word[:1].isupper():
        return "Xx" if word[1:].islower() else "XxX"
    return "x" if word.islower() else "xX"


def word_features(word: str, lists: tuple[frozenset[str], frozenset[str]]) -> list[str]:
    """The features of a word on its own (see the module docs)."""
    first_names, surnames = lists
    lw = word.lower()
    feats = [
        "bias",
        "w=" + lw,
        "s2=" + lw[-2:],
        "s3=" + lw[-3:],
        "s4=" + lw[-4:],
        "p3=" + lw[:3],
        "shape=" + shape(word),
        "len=" + str(min(len(word), 9)),
    ]
    if word in first_names:
        feats.append("first_name")
    if word in surnames:
        feats.append("surname")
    if lw.endswith(_SURNAME_ENDINGS):
        feats.append("surname_ending")
    return feats


_ENDS: Final = ("ene", "ane", "en", "et", "er", "ar", "a", "e", "s", "t", "n", "r")
_LONGEST_PART: Final = 16


def ordinary_word_features(word: str, lower: frozenset[str]) -> list[str]:
    """Whether the word is an ordinary word of the language: written in lower case in the
    training corpus as it is, inflected ("Bussen": "buss"), as an imperative ("Vurder":
    "vurdere") or as the last part of a compound ("Fartsgrensen": "grensen")."""
    lw = word.lower()
    feats = []
    if lw in lower:
        feats.append("lower_case_word")
    elif any(lw.endswith(e) and len(lw) - len(e) >= 3 and lw[: -len(e)] in lower for e in _ENDS):
        feats.append("lower_case_inflected")
    elif lw + "e" in lower:
        feats.append("lower_case_imperative")
    # The last part of a compound is at most _LONGEST_PART letters: a bounded number of
    # slices of bounded length, however long the word.
    n = len(lw)
    if n >= 8 and any(lw[i:] in lower for i in range(max(3, n - _LONGEST_PART), n - 4)):
        feats.append("lower_case_compound")
    return feats


def opens_a_sentence(prev: str) -> bool:
    """Whether a word after the token ``prev`` opens a sentence ("" is the start of the text)."""
    return prev == "" or prev in _SENTENCE_END or prev in _OPENING_MARKS


def context_features(
    prev2: str, prev: str, nxt: str, nxt2: str, lists: tuple[frozenset[str], frozenset[str]]
) -> list[str]:
    """The features of a word's neighbours: the tokens before and after it, as written ("" at
    the start or end of the text; a sentence end is one of ``.!?:;`` or a line break)."""
    first_names, surnames = lists
    initial = opens_a_sentence(prev)
    feats = [
        "p1=" + prev.lower(),
        "n1=" + nxt.lower(),
        "p2=" + prev2.lower(),
        "n2=" + nxt2.lower(),
    ]
    if initial:
        feats.append("initial")
    if prev[:1].isupper() and not initial:
        feats.append("p1_cap")
        if prev in first_names:
            feats.append("p1_first_name")
    if nxt[:1].isupper():
        feats.append("n1_cap")
        if nxt in surnames or nxt.lower().endswith(_SURNAME_ENDINGS):
            feats.append("n1_surname")
        if initial:
            feats.append("initial_n1_cap")
    return feats


_SURNAME_ENDINGS: Final = (
    "sen",
    "son",
    "stad",
    "rud",
    "heim",
    "land",
    "vik",
    "dal",
    "dahl",
    "berg",
    "nes",
    "moen",
    "haug",
    "haugen",
    "bakken",
    "lie",
    "lien",
    "vold",
    "gård",
    "gaard",
    "strand",
    "lund",
    "holm",
    "sæther",
    "seter",
)


class Tagger:
    """The learned weights and the word-level scores worked out so far."""

    def __init__(self, model: dict[str, object], lists: tuple[frozenset[str], frozenset[str]]):
        weights = model["weights"]
        assert isinstance(weights, dict)
        self.weights: dict[str, float] = weights
        self.threshold = float(model["threshold"])  # type: ignore[arg-type]
        #: A word alone at the start of a sentence ("Bussen kom ikke") needs a higher score.
        self.threshold_alone = float(model.get("threshold_alone_at_start", self.threshold))  # type: ignore[arg-type]
        places = model.get("places", [])
        assert isinstance(places, list)
        #: One-word place names seen in the training corpus, never as a person's name there.
        self.places = frozenset(places)
        #: Below this a word's own score is never a name's (see tagger_train.floor).
        self.floor = float(model.get("floor", -1e9))  # type: ignore[arg-type]
        lower = model["lower_case_words"]
        assert isinstance(lower, list)
        self.lower_case_words = frozenset(lower)
        self.lists = lists
        self._own: dict[str, float] = {}
        self._may: dict[str, bool] = {}
        self._never: set[str] = set()
        self._context: dict[tuple[str, str, str, str], float] = {}

    def own_score(self, word: str) -> float:
        """The part of a word's score that does not depend on its neighbours."""
        score = self._own.get(word)
        if score is None:
            weights = self.weights
            feats = word_features(word, self.lists)
            feats += ordinary_word_features(word, self.lower_case_words)
            score = sum(map(weights.get, feats, repeat(0.0)))
            if len(self._own) < _REMEMBER_AT_MOST:
                self._own[word] = score
        return score

    def is_ordinary_word(self, word: str) -> bool:
        """A word the corpus writes in lower case ("Barneombud", "Rektor")."""
        return word.lower() in self.lower_case_words

    def may_be_a_name(self, word: str) -> bool:
        """False for a word whose own score is below the floor (no name in the training
        corpus scored that low) or that is a known place: it is not looked at in context."""
        may = self._may.get(word)
        if may is None:
            may = self.own_score(word) > self.floor and word not in self.places
            if len(self._may) < _REMEMBER_AT_MOST:
                self._may[word] = may
        return may

    def context_score(self, prev2: str, prev: str, nxt: str, nxt2: str) -> float:
        """The part of a word's score that its neighbours give (see ``context_features``),
        remembered per four neighbours: a comment's capitalised words mostly stand next to
        the same few tokens (a full stop, a comma, "og", "sa")."""
        key = (prev2, prev, nxt, nxt2)
        score = self._context.get(key)
        if score is None:
            feats = context_features(prev2, prev, nxt, nxt2, self.lists)
            score = sum(map(self.weights.get, feats, repeat(0.0)))
            if len(self._context) < _REMEMBER_AT_MOST:
                self._context[key] = score
        return score

    def score(self, word: str, before: list[str], after: list[str]) -> float:
        """The score of ``word`` between the tokens ``before`` it and ``after`` it."""
        return self.own_score(word) + self.context_score(
            before[-2] if len(before) >= 2 else "",
            before[-1] if before else "",
            after[0] if after else "",
            after[1] if len(after) >= 2 else "",
        )

    def candidates(self, text: str) -> list[str]:
        """The capitalised tokens of ``text`` that the tagger looks at in context (those
        that clear the floor), each once.

        One regex pass in C finds the capitalised tokens; those never looked at are
        remembered, so that for most texts what is left is one set difference.
        """
        tokens = _CAPITALISED.findall(text)
        if not tokens:
            return []
        rest = set(tokens).difference(self._never)
        if not rest:
            return []
        may = self.may_be_a_name
        found = []
        for word in rest:
            if word[0].isupper() and may(word):
                found.append(word)
            elif len(self._never) < _REMEMBER_AT_MOST:
                self._never.add(word)
        return found

    def names(
        self,
        text: str,
        words: list[str] | None = None,
        never_alone: frozenset[str] = frozenset(),
    ) -> list[tuple[int, int, float]]:
        """(start, end, score) of each run of tokens the tagger takes for a person's name.

        Only capitalised tokens are candidates, and only those whose own score clears the
        floor are looked at in context: their neighbours are read from a few characters
        around them, so the text as a whole is never tokenised. ``words`` are the
        candidates if the caller has asked for them already (see ``candidates``).

        ``never_alone`` are words that the caller drops when the tagger takes one of them
        alone for a name ("Takk", "Hvorfor"): no such run is returned, and such a word is
        scored only where it might join a name next to it.
        """
        out: list[tuple[int, int, float]] = []
        if words is None:
            words = self.candidates(text)
        if not words:
            return out
        reversed_text = text[::-1]
        # The remembered scores are read here directly: two method calls per word cost
        # more than the rest of its scoring.
        own, context = self._own, self._context
        threshold, threshold_alone = self.threshold, self.threshold_alone
        places = _occurrences(text, words)
        last = len(places) - 1
        for i, (start, end, tok) in enumerate(places):
            # A run holds only candidates, joined one to the next: a word that can join
            # neither neighbour is a run of its own if it is one at all, and dropped.
            if (
                tok in never_alone
                and (i == 0 or not _joins(text, places[i - 1][1], start))
                and (i == last or not _joins(text, end, places[i + 1][0]))
            ):
                continue
            near = neighbours(text, reversed_text, start, end)
            s = own.get(tok)
            if s is None:
                s = self.own_score(tok)
            c = context.get(near)
            if c is None:
                c = self.context_score(*near)
            s += c
            if s <= threshold:
                continue
            if s <= threshold_alone and opens_a_sentence(near[1]) and not near[2][:1].isupper():
                continue
            if out and _joins(text, out[-1][1], start):
                out[-1] = (out[-1][0], end, max(out[-1][2], s))
            else:
                out.append((start, end, s))
        if never_alone and out:
            # A word that might have joined a neighbour, and did not.
            return [run for run in out if text[run[0] : run[1]] not in never_alone]
        return out


def _occurrences(text: str, words: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, word) of each place where one of ``words`` (matches of ``_CAPITALISED``)
    stands in ``text`` as a token, in text order: exactly the matches of ``_CAPITALISED``
    that are among the words, since such a match is a maximal run of letters."""
    letters = _LETTERS
    n = len(text)
    found = []
    for word in words:
        size = len(word)
        i = text.find(word)
        while i != -1:
            j = i + size
            if (i == 0 or text[i - 1] not in letters) and (j == n or text[j] not in letters):
                found.append((i, j, word))
            i = text.find(word, j)
    if len(words) > 1:
        found.sort()
    return found


def neighbours(text: str, reversed_text: str, start: int, end: int) -> tuple[str, str, str, str]:
    """The two tokens before ``text[start:end]`` and the two after it (nearest second and
    third; "" where the text ends), as ``neighbours_in_window`` finds them.

    One regex match on each side: after the word in the text, before it in the text
    reversed (``reversed_text``; a token reversed is a token, since tokens are maximal
    runs of letters or digits, or single characters). Where the tokens found lie within
    ``_NEIGHBOURHOOD`` characters of the word, the window ``neighbours_in_window`` reads
    holds them whole, and its tokens there are the same; farther away (a long word, a run
    of whitespace), that function is asked instead.
    """
    n = len(text)
    at = n - start
    before = _TWO_TOKENS.match(reversed_text, at)
    after = _TWO_TOKENS.match(text, end)
    if (before is not None and before.end() - at > _NEIGHBOURHOOD) or (
        after is not None and after.end() - end > _NEIGHBOURHOOD
    ):
        return neighbours_in_window(text, start, end)
    if before is None:
        prev2 = prev = ""
    else:
        prev, prev2 = before.groups("")
        prev, prev2 = prev[::-1], prev2[::-1]
    if after is None:
        return prev2, prev, "", ""
    nxt, nxt2 = after.groups("")
    return prev2, prev, nxt, nxt2


def neighbours_in_window(text: str, start: int, end: int) -> tuple[str, str, str, str]:
    """The reference for ``neighbours``: the tokens of a stretch of about
    ``_NEIGHBOURHOOD`` characters either side of the word, widened to whitespace."""
    n = len(text)
    before = _tokens(text, _back_to_space(text, start - _NEIGHBOURHOOD), start)[-2:]
    after = _tokens(text, end, _on_to_space(text, end + _NEIGHBOURHOOD, n))[:2]
    return (
        before[-2] if len(before) >= 2 else "",
        before[-1] if before else "",
        after[0] if after else "",
        after[1] if len(after) >= 2 else "",
    )


# A capitalised token: a run of TOKEN's letters that starts with a capital (checked with
# str.isupper: U+0100-U+024F mixes capitals and small letters), at a token start.
_CAPITALISED: Final = re.compile(
    r"[A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u024f]"
    r"(?<![A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f].)"
    r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]*"
)
# The characters of TOKEN's runs of letters, for telling whether a word stands whole.
_LETTERS: Final = frozenset(c for c in map(chr, range(0x250)) if re.fullmatch(_LETTER, c))
# Two tokens either side lie within this many characters, unless a token is longer; the
# stretch read is widened to whitespace, where no token is cut in two.
_NEIGHBOURHOOD: Final = 48
# ...but never by more than this: a text without whitespace ("@A@A@A...") would otherwise
# be tokenised whole around every capital, which is quadratic. A token cut at this bound
# is no word anyone writes, so its features are as good as none.
_WIDEN_AT_MOST: Final = 64


def _back_to_space(text: str, i: int) -> int:
    if i <= 0:
        return 0
    low = i - _WIDEN_AT_MOST if i > _WIDEN_AT_MOST else 0
    j = max(text.rfind(" ", low, i), text.rfind("\n", low, i), text.rfind("\t", low, i))
    return j + 1 if j >= 0 else low


def _on_to_space(text: str, i: int, n: int) -> int:
    if i >= n:
        return n
    high = i + _WIDEN_AT_MOST if i + _WIDEN_AT_MOST < n else n
    ends = [
        j
        for j in (text.find(" ", i, high), text.find("\n", i, high), text.find("\t", i, high))
        if j >= 0
    ]
    return min(ends) if ends else high


def _tokens(text: str, start: int, end: int) -> list[str]:
    return TOKEN.findall(text, start, end)


# The next token and the one after it, from a position (whitespace skipped).
_TWO_TOKENS: Final = re.compile(rf"\s*({TOKEN.pattern})(?:\s*({TOKEN.pattern}))?")


def _joins(text: str, end: int, start: int) -> bool:
    """Two name tokens one space, a hyphen or a particle ("van", "de") apart are one name."""
    gap = text[end:start]
    return (
        gap == " "
        or gap == "-"
        or (gap.startswith(" ") and gap.endswith(" ") and gap.strip() in _PARTICLES)
    )


_PARTICLES: Final = frozenset({"von", "van", "der", "de", "da", "af", "bin", "el", "al"})


@cache
def load(lists: tuple[frozenset[str], frozenset[str]]) -> Tagger:
    """The shipped tagger, with the name lists it was trained with."""
    text = resources.files(__package__).joinpath("data", MODEL_FILE).read_text(encoding="utf-8")
    return Tagger(json.loads(text), lists)
