"""The golden findings: what screening finds, exactly, in the development corpus and in the
comments of the speed bench. ``tests/screening/test_golden.py`` (part of ``make test``)
compares today's results with ``screening_golden.jsonl`` byte for byte, so that a change
that was meant to be a pure speed-up or refactoring cannot change a finding unnoticed.

When a change is meant to alter findings (a new term, a new rule, a retrained tagger),
rewrite the file and review its diff in the same commit:

    PYTHONPATH=src python tests/data/screening_golden.py --write
    git diff tests/data/screening_golden.jsonl

Without ``--write`` the script compares and lists the differences (exit status 1 if any).

Each line: ``{"id", "findings": [[start, end, category, detector, text], ...],
"case_request", "score"}``; the bench's lines also hold their ``text`` (generated,
fictitious comments), the corpus's are looked up by id in ``screening_corpus.jsonl``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CORPUS = HERE / "screening_corpus.jsonl"
GOLDEN = HERE / "screening_golden.jsonl"
# The speed bench's two mixes (see bench/screening_speed.py), their first distinct texts.
BENCH_MIXES = ((0.15, 150), (0.5, 250))
BENCH_SEED = 7


def corpus_texts() -> Iterator[tuple[str, str, str | None]]:
    with CORPUS.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                item = json.loads(line)
                yield item["id"], item["text"], item.get("lang")


def bench_texts() -> Iterator[tuple[str, str, None]]:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from screening_speed import make_comments
    finally:
        sys.path.pop(0)
    for share, count in BENCH_MIXES:
        seen: dict[str, None] = {}
        for text in make_comments(4 * count, BENCH_SEED, share):
            seen.setdefault(text)
            if len(seen) == count:
                break
        for i, text in enumerate(seen):
            yield f"bench-{int(share * 100)}-{i:04d}", text, None


def line_for(ident: str, text: str, lang: str | None, *, with_text: bool) -> str:
    from tilstede.screening import screen

    result = screen(text, lang)
    entry: dict[str, object] = {"id": ident}
    if with_text:
        entry["text"] = text
    entry["findings"] = [[f.start, f.end, f.category, f.detector, f.text] for f in result.findings]
    entry["case_request"] = result.case_request
    entry["score"] = round(result.case_request_score, 6)
    return json.dumps(entry, ensure_ascii=False)


def current_lines() -> list[str]:
    lines = [line_for(i, t, lang, with_text=False) for i, t, lang in corpus_texts()]
    lines += [line_for(i, t, lang, with_text=True) for i, t, lang in bench_texts()]
    return lines


def golden_lines() -> list[str]:
    return GOLDEN.read_text(encoding="utf-8").splitlines()


def differences(current: list[str], golden: list[str]) -> list[str]:
    out = []
    golden_by_id = {json.loads(line)["id"]: line for line in golden}
    current_ids = set()
    for line in current:
        ident = json.loads(line)["id"]
        current_ids.add(ident)
        before = golden_by_id.get(ident)
        if before != line:
            out.append(f"{ident}:\n  golden:  {before}\n  now:     {line}")
    out.extend(f"{i}: in the golden file only" for i in golden_by_id if i not in current_ids)
    return out


def main(argv: list[str]) -> int:
    current = current_lines()
    if "--write" in argv:
        GOLDEN.write_text("\n".join(current) + "\n", encoding="utf-8")
        print(f"wrote {len(current)} lines to {GOLDEN}")
        return 0
    diff = differences(current, golden_lines())
    for d in diff:
        print(d)
    print(f"{len(diff)} of {len(current)} texts differ from {GOLDEN.name}")
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
