"""Train the person-name tagger (``tagger.py``) on the NorNE development splits.

Usage (from the repository root, with the corpus beside it in ../shared/screening/norne):

    PYTHONPATH=src python -m tilstede.screening.tagger_train [--norne DIR]

It reads four blocks in five of the bokmål and nynorsk files (``norne.split(..., "train")``;
the fifth is held back for ``bench/screening_quality.py --norne``), learns an averaged
perceptron over the features ``tagger.py`` defines, picks the decision threshold on a part
of the training blocks, and writes ``data/navnetagger.json``: feature weights, the
threshold, and the words seen written in lower case. Nothing else of the corpus is
written. Deterministic: the same files give the same weights.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

from . import norne
from .names import _FIRST_FORMS as FIRST_FORMS
from .names import _SURNAME_FORMS as SURNAME_FORMS
from .tagger import MODEL_FILE, TOKEN, context_features, ordinary_word_features, word_features

LISTS = (FIRST_FORMS, SURNAME_FORMS)
EPOCHS = 12
MIN_LOWER_COUNT = 1
OUT = Path(__file__).resolve().parent / "data" / MODEL_FILE

Example = tuple[list[str], int]


def tokens_and_labels(sentence: norne.Sentence) -> tuple[list[str], list[int]]:
    """The sentence tokenised as the tagger does at run time, each token labelled 1 when it
    overlaps a person's name."""
    text, _offsets, people = sentence.text_and_spans()
    tokens, labels = [], []
    for m in TOKEN.finditer(text):
        s, e = m.span()
        tokens.append(m.group())
        labels.append(int(any(s < pe and ps < e for ps, pe in people)))
    return tokens, labels


def lower_case_words(sentences: list[norne.Sentence]) -> frozenset[str]:
    """Words the corpus writes in lower case (and their dictionary forms): ordinary words,
    which a capital at the start of a sentence does not make a name."""
    counts: Counter[str] = Counter()
    for sentence in sentences:
        for tok, lemma in zip(sentence.tokens, sentence.lemmas, strict=True):
            if tok.isalpha() and tok.islower() and len(tok) > 2:
                counts[tok] += 1
                if lemma.isalpha() and lemma.islower() and len(lemma) > 2:
                    counts[lemma] += 1
    return frozenset(w for w, n in counts.items() if n >= MIN_LOWER_COUNT)


def places(sentences: list[norne.Sentence]) -> frozenset[str]:
    """One-word place names (LOC, GPE) of the corpus that it never uses as a person's name."""
    seen: Counter[str] = Counter()
    person: set[str] = set()
    for sentence in sentences:
        labels = sentence.labels
        for i, (tok, label) in enumerate(zip(sentence.tokens, labels, strict=True)):
            if label.endswith("PER"):
                person.add(tok)
            whole = label.startswith("B-") and (i + 1 == len(labels) or labels[i + 1][:2] != "I-")
            if whole and label[2:] in ("LOC", "GPE_LOC", "GPE_ORG") and tok.isalpha():
                seen[tok] += 1
    return frozenset(w for w in seen if w not in person and w[:1].isupper())


def examples(sentences: list[norne.Sentence], lower: frozenset[str]) -> list[Example]:
    out: list[Example] = []
    for sentence in sentences:
        tokens, labels = tokens_and_labels(sentence)
        n = len(tokens)
        for i, tok in enumerate(tokens):
            if not tok[:1].isupper():
                continue
            feats = word_features(tok, LISTS) + ordinary_word_features(tok, lower)
            feats += context_features(
                tokens[i - 2] if i >= 2 else "",
                tokens[i - 1] if i >= 1 else "",
                tokens[i + 1] if i + 1 < n else "",
                tokens[i + 2] if i + 2 < n else "",
                LISTS,
            )
            out.append((feats, labels[i]))
    return out


def alone_at_start(feats: list[str]) -> bool:
    """A word that opens a sentence with no capitalised word after it ("Bussen kom ikke"):
    its capital says nothing, so it has a threshold of its own."""
    return "initial" in feats and "n1_cap" not in feats


def train(data: list[Example], epochs: int = EPOCHS, seed: int = 23) -> dict[str, float]:
    """An averaged perceptron (labels 1/0 as +1/-1), examples shuffled with a fixed seed."""
    weights: dict[str, float] = defaultdict(float)
    totals: dict[str, float] = defaultdict(float)
    stamps: dict[str, int] = defaultdict(int)
    rng = random.Random(seed)  # noqa: S311 - a reproducible shuffle, not a secret
    order = list(range(len(data)))
    step = 0
    for _ in range(epochs):
        rng.shuffle(order)
        for j in order:
            step += 1
            feats, label = data[j]
            y = 1 if label else -1
            score = sum(weights.get(f, 0.0) for f in feats)
            if y * score <= 0:
                for f in feats:
                    totals[f] += (step - stamps[f]) * weights[f]
                    stamps[f] = step
                    weights[f] += y
    for f in weights:
        totals[f] += (step - stamps[f]) * weights[f]
    return {f: totals[f] / step for f in weights if abs(totals[f] / step) >= 1e-3}


def own_score_floor(
    weights: dict[str, float], sentences: list[norne.Sentence], lower: frozenset[str]
) -> float:
    """One below the lowest word-level score of any word of a name in the corpus: a word
    that scores lower on its own is not looked at in context (see Tagger.may_be_a_name)."""
    lowest = 0.0
    for sentence in sentences:
        tokens, labels = tokens_and_labels(sentence)
        for tok, label in zip(tokens, labels, strict=True):
            if label and tok[:1].isupper():
                feats = word_features(tok, LISTS) + ordinary_word_features(tok, lower)
                lowest = min(lowest, sum(weights.get(f, 0.0) for f in feats))
    return round(lowest - 1.0, 3)


def best_threshold(weights: dict[str, float], data: list[Example]) -> float:
    """The threshold that gives the best F1 on held-apart examples."""
    scored = sorted(
        ((sum(weights.get(f, 0.0) for f in feats), label) for feats, label in data), reverse=True
    )
    positives = sum(label for _s, label in scored)
    best, best_t = -1.0, 0.0
    tp = 0
    for k, (s, label) in enumerate(scored, 1):
        tp += label
        p, r = tp / k, tp / positives if positives else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        if f > best:
            best, best_t = f, s - 1e-6
    return round(best_t, 4)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--norne", type=Path, default=None, help="the NorNE folder")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    train_part = {lang: norne.split(lang, "train", args.norne) for lang in norne.FILES}
    everything = [s for part in train_part.values() for s in part]
    lower = lower_case_words(everything)
    # The threshold: learn on three of the four training blocks, choose on the fourth.
    fit: list[norne.Sentence] = []
    choose: list[norne.Sentence] = []
    for part in train_part.values():
        for i, s in enumerate(part):
            (choose if (i // norne.BLOCK) % 4 == 3 else fit).append(s)
    fitted = train(examples(fit, lower))
    chosen = examples(choose, lower)
    threshold = best_threshold(fitted, [x for x in chosen if not alone_at_start(x[0])])
    threshold_alone = best_threshold(fitted, [x for x in chosen if alone_at_start(x[0])])
    weights = train(examples(everything, lower))
    floor = own_score_floor(weights, everything, lower)
    kept = {f: round(w, 3) for f, w in sorted(weights.items()) if round(w, 3)}
    place_names = sorted(places(everything))
    model = {
        "about": "Person-name tagger for tilstede.screening: an averaged perceptron learned "
        "from the NorNE development splits (annotations CC0); see tagger_train.py.",
        "threshold": threshold,
        "threshold_alone_at_start": max(threshold, threshold_alone),
        "floor": floor,
        "places": place_names,
        "weights": kept,
        "lower_case_words": sorted(lower),
    }
    args.out.write_text(json.dumps(model, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(
        f"{len(kept)} weights, {len(lower)} lower-case words, "
        f"{len(place_names)} places, floor {floor}, thresholds {threshold} and "
        f"{model['threshold_alone_at_start']} (alone at the start of a sentence), from "
        f"{len(everything)} sentences -> {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
