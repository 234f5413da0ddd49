"""Score tilstede.screening against labelled corpora: precision, recall and F1 per category.

Usage: python bench/screening_quality.py [PATH ...]   (default: tests/data/screening_corpus.jsonl)
       python bench/screening_quality.py --norne [DIR]   (held-back NorNE sentences)

Each corpus line is {"id", "text", "lang", "spans": [{"start", "end", "category"}],
"case_request": bool}. Matching is relaxed: a predicted span is a true positive if it
overlaps a gold span of the same category; a gold span is found if some prediction of the
same category overlaps it. Prints per-category figures, micro averages and case_request
accuracy, precision and recall, and exits 0 (with --errors it also lists the misses, for
working on the rules).

--norne scores person names in running Norwegian text: the held-back fifth of the NorNE
development splits (``tilstede.screening.norne``; the tagger never trained on it), bokmål
and nynorsk apart, every PER entity a gold span, with the same overlap matching. The
corpus is read from ../shared/screening/norne (or DIR, or $TILSTEDE_NORNE).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from tilstede.screening import CATEGORIES, screen  # noqa: E402

PERSON = "person_name"

DEFAULT = ROOT / "tests" / "data" / "screening_corpus.jsonl"


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(paths: list[Path], show_errors: bool = False) -> dict[str, object]:
    pred_tp: dict[str, int] = defaultdict(int)
    pred_n: dict[str, int] = defaultdict(int)
    gold_found: dict[str, int] = defaultdict(int)
    gold_n: dict[str, int] = defaultdict(int)
    cr_right = cr_n = cr_tp = cr_pred = cr_gold = 0
    bad_lines = 0
    errors: list[str] = []
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                try:
                    item = json.loads(line)
                    text = item["text"]
                    gold = [(s["start"], s["end"], s["category"]) for s in item.get("spans", [])]
                except (ValueError, KeyError, TypeError):
                    bad_lines += 1
                    continue
                result = screen(
                    text, item.get("lang") if item.get("lang") in ("nb", "nn", "en") else None
                )
                pred = [(f.start, f.end, f.category) for f in result.findings]
                for s, e, c in pred:
                    pred_n[c] += 1
                    if any(c == gc and _overlaps((s, e), (gs, ge)) for gs, ge, gc in gold):
                        pred_tp[c] += 1
                    elif show_errors:
                        errors.append(f"FP {c:<16} {item.get('id')}: «{text[s:e]}» | {text}")
                for gs, ge, gc in gold:
                    gold_n[gc] += 1
                    if any(c == gc and _overlaps((s, e), (gs, ge)) for s, e, c in pred):
                        gold_found[gc] += 1
                    elif show_errors:
                        errors.append(f"FN {gc:<16} {item.get('id')}: «{text[gs:ge]}» | {text}")
                if "case_request" in item:
                    cr_n += 1
                    cr_pred += result.case_request
                    cr_gold += bool(item["case_request"])
                    cr_tp += result.case_request and bool(item["case_request"])
                    if bool(item["case_request"]) == result.case_request:
                        cr_right += 1
                    elif show_errors:
                        errors.append(
                            f"CR gold={item['case_request']!s:<5} "
                            f"score={result.case_request_score:.2f} "
                            f"{item.get('id')}: {text}"
                        )
    rows = {}
    for c in CATEGORIES:
        p = pred_tp[c] / pred_n[c] if pred_n[c] else (1.0 if not gold_n[c] else 0.0)
        r = gold_found[c] / gold_n[c] if gold_n[c] else (1.0 if not pred_n[c] else 0.0)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        rows[c] = (p, r, f1, gold_n[c], pred_n[c])
    return {
        "rows": rows,
        "micro": _micro(pred_tp, pred_n, gold_found, gold_n),
        "case_request_accuracy": cr_right / cr_n if cr_n else None,
        "case_request_n": cr_n,
        "case_request_precision": cr_tp / cr_pred if cr_pred else 1.0,
        "case_request_recall": cr_tp / cr_gold if cr_gold else 1.0,
        "bad_lines": bad_lines,
        "errors": errors,
    }


def _micro(pred_tp, pred_n, gold_found, gold_n) -> tuple[float, float, float]:
    tp, pn = sum(pred_tp.values()), sum(pred_n.values())
    gf, gn = sum(gold_found.values()), sum(gold_n.values())
    p = tp / pn if pn else 1.0
    r = gf / gn if gn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[DEFAULT])
    parser.add_argument("--errors", action="store_true", help="list false positives and misses")
    parser.add_argument(
        "--norne",
        nargs="?",
        const="",
        default=None,
        metavar="DIR",
        help="score person names on the held-back NorNE sentences instead",
    )
    args = parser.parse_args(argv)
    if args.norne is not None:
        return norne_main(Path(args.norne) if args.norne else None, args.errors)
    missing = [p for p in args.paths if not p.exists()]
    if missing:
        print(f"corpus not found: {', '.join(map(str, missing))}")
        return 0
    result = score(args.paths, args.errors)
    print(f"corpus: {', '.join(map(str, args.paths))}")
    print(f"{'category':<18}{'precision':>10}{'recall':>10}{'F1':>8}{'gold':>7}{'pred':>7}")
    for c, (p, r, f1, gn, pn) in result["rows"].items():
        print(f"{c:<18}{p:>10.3f}{r:>10.3f}{f1:>8.3f}{gn:>7}{pn:>7}")
    p, r, f1 = result["micro"]
    print(f"{'micro average':<18}{p:>10.3f}{r:>10.3f}{f1:>8.3f}")
    acc = result["case_request_accuracy"]
    if acc is not None:
        print(
            f"case_request accuracy: {acc:.3f}, precision {result['case_request_precision']:.3f}"
            f", recall {result['case_request_recall']:.3f} (n={result['case_request_n']})"
        )
    if result["bad_lines"]:
        print(f"skipped {result['bad_lines']} malformed line(s)")
    for line in result["errors"]:
        print(line)
    return 0


def score_norne(sentences: list, lang: str, show_errors: bool = False) -> dict[str, object]:
    """Person-name precision and recall of screen() over NorNE sentences (PER entities)."""
    tp = pred_n = found = gold_n = 0
    errors: list[str] = []
    for sentence in sentences:
        text, _offsets, gold = sentence.text_and_spans()
        pred = [(f.start, f.end) for f in screen(text, lang).findings if f.category == PERSON]
        pred_n += len(pred)
        gold_n += len(gold)
        for p in pred:
            if any(_overlaps(p, g) for g in gold):
                tp += 1
            elif show_errors:
                errors.append(f"FP {lang}: «{text[p[0] : p[1]]}»")
        for g in gold:
            if any(_overlaps(p, g) for p in pred):
                found += 1
            elif show_errors:
                errors.append(f"FN {lang}: «{text[g[0] : g[1]]}»")
    p = tp / pred_n if pred_n else 1.0
    r = found / gold_n if gold_n else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f1, "gold": gold_n, "pred": pred_n, "errors": errors}


def norne_main(directory: Path | None, show_errors: bool) -> int:
    from tilstede.screening import norne

    where = directory or norne.default_dir()
    if not all((where / name).exists() for name in norne.FILES.values()):
        print(f"NorNE not found in {where}")
        return 0
    print(f"NorNE held-back sentences ({where}), person names")
    print(f"{'language':<10}{'sentences':>10}{'precision':>10}{'recall':>10}{'F1':>8}{'gold':>7}")
    for lang in norne.FILES:
        sentences = norne.split(lang, "heldout", where)
        r = score_norne(sentences, lang, show_errors)
        print(
            f"{lang:<10}{len(sentences):>10}{r['precision']:>10.3f}{r['recall']:>10.3f}"
            f"{r['f1']:>8.3f}{r['gold']:>7}"
        )
        for line in r["errors"]:
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
