"""Screening gives exactly the committed golden findings (tests/data/screening_golden.py).

A difference means a change altered what screening finds. If that was the intent, rewrite
the golden file with ``PYTHONPATH=src python tests/data/screening_golden.py --write`` and
commit it with the change, its diff reviewed; if not, the change has a bug.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

_PATH = Path(__file__).resolve().parent.parent / "data" / "screening_golden.py"
_SPEC = importlib.util.spec_from_file_location("screening_golden", _PATH)
assert _SPEC is not None and _SPEC.loader is not None
golden = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(golden)


def test_it_finds_exactly_the_golden_findings() -> None:
    diff = golden.differences(golden.current_lines(), golden.golden_lines())
    assert not diff, (
        f"{len(diff)} texts differ from tests/data/screening_golden.jsonl; if intended, "
        "rewrite it (python tests/data/screening_golden.py --write) and review the diff:\n"
        + "\n".join(diff[:10])
    )


def test_it_covers_the_corpus_and_both_bench_mixes() -> None:
    ids = [json.loads(line)["id"] for line in golden.golden_lines()]
    corpus = sum(1 for _ in golden.corpus_texts())
    assert sum(i.startswith("c") for i in ids) == corpus
    assert any(i.startswith("bench-15-") for i in ids)
    assert any(i.startswith("bench-50-") for i in ids)


def test_it_reports_a_changed_finding() -> None:
    lines = golden.golden_lines()
    changed = json.loads(lines[0])
    changed["case_request"] = not changed["case_request"]
    altered = [json.dumps(changed, ensure_ascii=False), *lines[1:]]
    diff = golden.differences(lines, altered)
    assert len(diff) == 1
    assert diff[0].startswith(changed["id"])
