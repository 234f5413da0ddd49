"""The word sets of ``Doc.cues``: declared sets (``Cues``) and a text's cue words
(``TextCues``), which refuse to be read with an undeclared set.

Kept apart from ``doc`` because these classes subclass ``frozenset``, which mypyc does not
compile; ``doc`` and the detectors are compiled (see setup.py), this module stays Python.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from typing import Final

# The bits (see doc.cue_bit()) of each declared cue word: filled by doc.cue_set().
_CUE_BITS: Final[dict[str, int]] = {}


class UndeclaredCues(TypeError):
    """A detector read ``Doc.cues`` with a word set that was not declared with ``cue_set()``:
    the text's cue words hold only declared words, so the test would silently find nothing."""


class Cues(frozenset[str]):
    """A declared set of cue words (made only by ``cue_set()``), with its bit in
    ``Doc.cue_mask``: ``doc.cue_mask & cues.bit`` says whether the text holds one of them."""

    __slots__ = ("bit", "name")
    bit: int
    name: str


class TextCues(frozenset[str]):
    """The cue words of one text. Its set operations take only declared ``Cues`` (and its
    ``in`` only declared words): anything else raises ``UndeclaredCues`` rather than
    silently finding nothing."""

    __slots__ = ()

    def isdisjoint(self, other: Iterable[object], /) -> bool:
        if other.__class__ is not Cues:
            _undeclared(other)
        return frozenset.isdisjoint(self, other)

    def __and__(self, other: AbstractSet[object], /) -> frozenset[str]:
        if other.__class__ is not Cues:
            _undeclared(other)
        return frozenset.intersection(self, other)

    __rand__ = __and__

    def intersection(self, *others: Iterable[object]) -> frozenset[str]:
        for other in others:
            if other.__class__ is not Cues:
                _undeclared(other)
        return frozenset.intersection(self, *others)

    def __contains__(self, word: object, /) -> bool:
        if word not in _CUE_BITS:
            raise UndeclaredCues(f"{word!r} is not a declared cue word (see doc.cue_set())")
        return frozenset.__contains__(self, word)

    def _refused(self, *_args: object) -> None:
        raise UndeclaredCues("Doc.cues takes only isdisjoint, &, intersection and `in`")

    __or__ = __ror__ = __sub__ = __rsub__ = __xor__ = __rxor__ = _refused  # type: ignore[assignment]
    union = difference = symmetric_difference = issubset = issuperset = _refused  # type: ignore[assignment]
    __le__ = __lt__ = __ge__ = __gt__ = _refused  # type: ignore[assignment]


def _undeclared(other: object) -> None:
    raise UndeclaredCues(
        f"Doc.cues read with an undeclared word set ({type(other).__name__}); "
        "declare it with doc.cue_set() so that its words are among a text's cues"
    )
