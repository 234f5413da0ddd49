"""Detector rules written as one object each: a pattern, and the words that let it fire.

Most comments hold no personal data, so every detector first asks whether a text holds a
word its pattern needs (a *trigger*) before it runs the pattern. If the trigger list and
the pattern are kept apart by hand they drift: a form added to the pattern ("nazisten")
but not to the triggers is never looked for. Here they are declared together:

    VOTER = rule(
        "special_category.ism",
        forms(["nazist", "anarkist"], ["", "en", "er"]),   # the words the pattern may match
        pattern=r"(?<!\\w)(?:nazist|anarkist)(?:en|er)?(?!\\w)",
    )

* ``pattern`` is matched against the lower-cased text.
* ``triggers``: every match holds at least one of these as a whole word. Give several sets
  (``all_of``) when a match holds a word of each ("når" + "får" + "jeg").
* ``word_endings``: for compounds, a word of the match ends with one of these
  ("ap-velger", "partimedlem", "ryggsmertene").
* ``forms()`` builds triggers from the same stems and endings as the pattern, so that the
  two are written once.

``tests/screening/test_rules.py`` checks every rule in ``RULES`` with generated texts: any
text the pattern matches opens the rule's gate. A rule whose triggers miss a form the
pattern allows fails that test, with the text that shows it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Final

from .cues import Cues
from .doc import Doc, WordTest, cue_set


class Rule:
    """A pattern and the cue words without which it cannot match (see the module docs)."""

    __slots__ = ("_compound", "_needs", "all_of", "name", "pattern", "whole_word", "word_endings")

    def __init__(
        self,
        name: str,
        pattern: re.Pattern[str],
        all_of: tuple[Cues, ...],
        word_endings: tuple[str, ...],
        whole_word: bool,
    ) -> None:
        self.name = name
        self.pattern = pattern
        self.all_of = all_of
        # Each declared set of cues has a bit of its own (see doc.cue_set), so "a word of
        # each set" is "every one of these bits" in the text's cue mask: one integer test.
        # A rule without sets needs a compound (its bits would otherwise be none at all).
        needs = 0
        for cues in all_of:
            needs |= cues.bit
        self._needs = needs if all_of else -1
        self.word_endings = word_endings
        self.whole_word = whole_word
        ends = word_endings
        self._compound = WordTest(lambda w: w.endswith(ends)) if ends and not whole_word else None

    def may_match(self, doc: Doc) -> bool:
        """False when the pattern surely finds nothing in the text (no trigger in it)."""
        needs = self._needs
        if doc.cue_mask & needs == needs:
            return True
        compound = self._compound
        return compound is not None and bool(doc.notable) and compound.any_of(doc.notable)

    def finditer(self, doc: Doc) -> Iterator[re.Match[str]]:
        """The pattern's matches in the lower-cased text; none when no trigger is there."""
        if not self.may_match(doc):
            return iter(())
        return self.pattern.finditer(doc.lower)

    def search(self, doc: Doc) -> re.Match[str] | None:
        """The pattern's first match in the lower-cased text; None at once when no trigger
        is there."""
        if not self.may_match(doc):
            return None
        return self.pattern.search(doc.lower)

    def may_match_word(self, word: str) -> bool:
        """For a rule on single words: whether ``word`` has one of the endings."""
        return word.endswith(self.word_endings)

    def match_word(self, word: str) -> bool:
        """For a rule on single words (compounds): the whole word matches the pattern."""
        return word.endswith(self.word_endings) and self.pattern.fullmatch(word) is not None

    def __repr__(self) -> str:
        return f"Rule({self.name!r})"


#: Every rule, for the property test and for the documentation.
RULES: Final[list[Rule]] = []


def rule(
    name: str,
    *triggers: Iterable[str],
    pattern: str,
    word_endings: Iterable[str] = (),
) -> Rule:
    """Declare a rule on the lower-cased text: ``pattern`` and its ``triggers`` (one set, or
    several that a match holds a word of each), or ``word_endings`` for compounds."""
    all_of = tuple(cue_set(words, name) for words in triggers)
    ends = tuple(sorted(set(word_endings), key=lambda e: (-len(e), e)))
    if not all_of and not ends:
        raise ValueError(f"rule {name!r} declares no trigger: it could never fire")
    made = Rule(name, re.compile(pattern), all_of, ends, whole_word=False)
    RULES.append(made)
    return made


def word_rule(name: str, *, pattern: str, word_endings: Iterable[str]) -> Rule:
    """Declare a rule on single lower-case words (compounds such as "ryggsmertene"): a word
    is tried against ``pattern`` only when it ends with one of ``word_endings``."""
    ends = tuple(sorted(set(word_endings), key=lambda e: (-len(e), e)))
    if not ends:
        raise ValueError(f"rule {name!r} declares no ending: it could never fire")
    made = Rule(name, re.compile(pattern), (), ends, whole_word=True)
    RULES.append(made)
    return made


def forms(stems: Iterable[str], endings: Iterable[str]) -> frozenset[str]:
    """Every stem with every ending: the words a pattern ``(?:stem|...)(?:ending|...)`` matches."""
    ends = tuple(endings)
    return frozenset(s + e for s in stems for e in ends)


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first (so that none shadows a longer one)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))
