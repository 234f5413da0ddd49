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
most capitalised words ("Lofoten", "BankID") cost one dict lookup.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Final

MODEL_FILE: Final = "navnetagger.json"

# A token as the tagger sees one: a run of the Latin letters that Doc's words are made of
# ("Ole-Petter" is three tokens), a run of digits, or one other character. Every capitalised
# token is then a word of Doc.capitalised, or a part of one that holds a digit or "_".
# The training script tokenises NorNE's text the same way.
TOKEN: Final = re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]+|\d+|[^\s]")
_SENTENCE_END: Final = frozenset(".!?:;\n")


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


def context_features(
    prev2: str, prev: str, nxt: str, nxt2: str, lists: tuple[frozenset[str], frozenset[str]]
) -> list[str]:
    """The features of a word's neighbours: the tokens before and after it, as written ("" at
    the start or end of the text; a sentence end is one of ``.!?:;`` or a line break)."""
    first_names, surnames = lists
    initial = prev == "" or prev in _SENTENCE_END or prev in ("«", '"', "-", "–")
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
        lower = model["lower_case_words"]
        assert isinstance(lower, list)
        self.lower_case_words = frozenset(lower)
        self.lists = lists
        # The most the context features can add: a word whose own score plus this stays
        # below the threshold is not a name in any context.
        by_kind: dict[str, float] = {}
        for name, w in weights.items():
            kind = name.split("=", 1)[0] if "=" in name else name
            if kind in _CONTEXT_KINDS and w > 0:
                if "=" in name:
                    by_kind[kind] = max(by_kind.get(kind, 0.0), w)
                else:
                    by_kind[kind] = by_kind.get(kind, 0.0) + w
        self.max_context = sum(by_kind.values())
        self._own: dict[str, float] = {}

    def own_score(self, word: str) -> float:
        """The part of a word's score that does not depend on its neighbours."""
        score = self._own.get(word)
        if score is None:
            weights = self.weights
            feats = word_features(word, self.lists)
            feats += ordinary_word_features(word, self.lower_case_words)
            score = sum(weights.get(f, 0.0) for f in feats)
            if len(self._own) < 100_000:
                self._own[word] = score
        return score

    def is_ordinary_word(self, word: str) -> bool:
        """A word the corpus writes in lower case ("Barneombud", "Rektor")."""
        return word.lower() in self.lower_case_words

    def may_be_a_name(self, word: str) -> bool:
        """False when no context makes ``word`` part of a name."""
        return self.own_score(word) + self.max_context > self.threshold and word not in self.places

    def score(self, tokens: list[str], i: int) -> float:
        weights = self.weights
        n = len(tokens)
        feats = context_features(
            tokens[i - 2] if i >= 2 else "",
            tokens[i - 1] if i >= 1 else "",
            tokens[i + 1] if i + 1 < n else "",
            tokens[i + 2] if i + 2 < n else "",
            self.lists,
        )
        return self.own_score(tokens[i]) + sum(weights.get(f, 0.0) for f in feats)

    def names(self, text: str) -> list[tuple[int, int, float]]:
        """(start, end, score) of each run of tokens the tagger takes for a person's name."""
        matches = list(TOKEN.finditer(text))
        tokens = [m.group() for m in matches]
        out: list[tuple[int, int, float]] = []
        n = len(tokens)
        for i, tok in enumerate(tokens):
            if not tok[:1].isupper() or not self.may_be_a_name(tok):
                continue
            s = self.score(tokens, i)
            if s <= self.threshold:
                continue
            if s <= self.threshold_alone and _opens_a_sentence(tokens, i):
                if not (i + 1 < n and tokens[i + 1][:1].isupper()):
                    continue
            start, end = matches[i].span()
            if out and _joins(text, out[-1][1], start):
                out[-1] = (out[-1][0], end, max(out[-1][2], s))
            else:
                out.append((start, end, s))
        return out


def _opens_a_sentence(tokens: list[str], i: int) -> bool:
    prev = tokens[i - 1] if i >= 1 else ""
    return prev == "" or prev in _SENTENCE_END or prev in ("«", '"', "-", "–")


def _joins(text: str, end: int, start: int) -> bool:
    """Two name tokens one space, a hyphen or a particle ("van", "de") apart are one name."""
    gap = text[end:start]
    return (
        gap == " "
        or gap == "-"
        or (gap.startswith(" ") and gap.endswith(" ") and gap.strip() in _PARTICLES)
    )


_PARTICLES: Final = frozenset({"von", "van", "der", "de", "da", "af", "bin", "el", "al"})
_CONTEXT_KINDS: Final = frozenset(
    {
        "p1",
        "n1",
        "p2",
        "n2",
        "initial",
        "p1_cap",
        "p1_first_name",
        "n1_cap",
        "n1_surname",
        "initial_n1_cap",
    }
)


@cache
def load(lists: tuple[frozenset[str], frozenset[str]]) -> Tagger:
    """The shipped tagger, with the name lists it was trained with."""
    text = resources.files(__package__).joinpath("data", MODEL_FILE).read_text(encoding="utf-8")
    return Tagger(json.loads(text), lists)
