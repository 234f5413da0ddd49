"""Loading the word lists shipped under ``data/`` and expanding words into their inflections.

Lists are read once at import. Inflections are generated ahead of time into sets, so a text
is matched by set intersection over its word tokens rather than by large alternations.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import resources


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


def expand(words: Iterable[str]) -> dict[str, str]:
    """Map every inflected form of each word to the word itself."""
    forms: dict[str, str] = {}
    for word in words:
        for form in inflections(word):
            forms.setdefault(form, word)
    return forms
