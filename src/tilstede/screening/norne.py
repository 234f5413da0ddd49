"""Reading the NorNE development splits (CoNLL-U with IOB2 entity labels) for the name tagger.

Used only when training and measuring (``tagger_train``, ``bench/screening_quality.py``),
never when screening. The files live outside the project (``../shared/screening/norne``):
their sentences may not be republished, so nothing of them is copied into the repository;
only what is learned from them (``data/navnetagger.json``) is.

The held-back part: sentences are taken in blocks of 20 in file order (a block keeps a
document's neighbouring sentences together), and every fifth block is held back for
measuring; the other four train the tagger.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

FILES = {"nb": "no_bokmaal-ud-dev.conllu", "nn": "no_nynorsk-ud-dev.conllu"}
BLOCK = 20
HELD_BACK_EVERY = 5


class Sentence(NamedTuple):
    tokens: list[str]
    space_after: list[bool]
    labels: list[str]  # "B-PER", "I-PER", "O" ... per token
    lemmas: list[str]

    def text_and_spans(self) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]]]:
        """The sentence as running text, the character span of each token, and the spans
        of its person names (PER entities)."""
        parts: list[str] = []
        offsets: list[tuple[int, int]] = []
        pos = 0
        for tok, space in zip(self.tokens, self.space_after, strict=True):
            offsets.append((pos, pos + len(tok)))
            parts.append(tok)
            pos += len(tok)
            if space:
                parts.append(" ")
                pos += 1
        people: list[tuple[int, int]] = []
        for i, label in enumerate(self.labels):
            if label == "B-PER" or (label == "I-PER" and (i == 0 or self.labels[i - 1] == "O")):
                people.append(offsets[i])
            elif label == "I-PER" and people:
                people[-1] = (people[-1][0], offsets[i][1])
        return "".join(parts).rstrip(), offsets, people


def default_dir() -> Path:
    """``$TILSTEDE_NORNE`` or ``../shared/screening/norne`` beside the repository."""
    env = os.environ.get("TILSTEDE_NORNE")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3].parent / "shared" / "screening" / "norne"


def read(path: Path) -> Iterator[Sentence]:
    tokens: list[str] = []
    spaces: list[bool] = []
    labels: list[str] = []
    lemmas: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line:
                if tokens:
                    yield Sentence(tokens, spaces, labels, lemmas)
                tokens, spaces, labels, lemmas = [], [], [], []
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue  # multi-word token ranges and empty nodes
            misc = cols[9].split("|") if cols[9] != "_" else []
            label = next((m[5:] for m in misc if m.startswith("name=")), "O")
            tokens.append(cols[1])
            spaces.append("SpaceAfter=No" not in misc)
            labels.append(label)
            lemmas.append(cols[2])
    if tokens:
        yield Sentence(tokens, spaces, labels, lemmas)


def split(lang: str, part: str, directory: Path | None = None) -> list[Sentence]:
    """``part`` "train" (four blocks in five) or "heldout" (the fifth) of a language's file."""
    if part not in ("train", "heldout"):
        raise ValueError(f"part is 'train' or 'heldout', not {part!r}")
    path = (directory or default_dir()) / FILES[lang]
    out = []
    for i, sentence in enumerate(read(path)):
        held = (i // BLOCK) % HELD_BACK_EVERY == HELD_BACK_EVERY - 1
        if held == (part == "heldout"):
            out.append(sentence)
    return out
