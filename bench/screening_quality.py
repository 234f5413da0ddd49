"""Score tilstede.screening against labelled corpora: precision, recall and F1 per category.

Usage: python bench/screening_quality.py [PATH ...]   (default: tests/data/screening_corpus.jsonl)

Each corpus line is {"id", "text", "lang", "spans": [{"start", "end", "category"}],
"case_request": bool}. Matching is relaxed: a predicted span is a true positive if it
overlaps a gold span of the same category; a gold span is found if some prediction of the
same category overlaps it. Prints per-category figures, micro averages and case_request
accuracy, and exits 0 (with --errors it also lists the misses, for working on the rules).
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

DEFAULT = ROOT / "tests" / "data" / "screening_corpus.jsonl"


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(paths: list[Path], show_errors: bool = False) -> dict[str, object]:
    pred_tp: dict[str, int] = defaultdict(int)
    pred_n: dict[str, int] = defaultdict(int)
    gold_found: dict[str, int] = defaultdict(int)
    gold_n: dict[str, int] = defaultdict(int)
    cr_right = cr_n = 0
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
    args = parser.parse_args(argv)
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
        print(f"case_request accuracy: {acc:.3f} (n={result['case_request_n']})")
    if result["bad_lines"]:
        print(f"skipped {result['bad_lines']} malformed line(s)")
    for line in result["errors"]:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
