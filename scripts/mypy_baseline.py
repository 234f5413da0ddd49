"""mypy against a committed baseline that may only shrink (``make lint``).

Runs mypy as configured in pyproject.toml (strict for screening, connectors, core and
every services.py; the rest with Django's stubs), and compares its errors with
``mypy-baseline.txt``: one line per error, "path: message [code]", without line numbers
so that moving code does not count as a new error. It fails on an error that is not in
the baseline, and on a baseline line that no longer occurs (an error fixed: shrink the
baseline with ``--update``). ``--update`` only ever removes lines: it refuses while
there are new errors.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "mypy-baseline.txt"
ERROR = re.compile(r"^(?P<path>[^:\s]+\.py):\d+: error: (?P<message>.*)$")
HEADER = (
    "# mypy errors accepted for now (scripts/mypy_baseline.py). This file may only shrink:\n"
    "# fix an error, then run `python scripts/mypy_baseline.py --update`.\n"
)


def run_mypy() -> tuple[Counter[str], list[str], int]:
    done = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True)
    errors: Counter[str] = Counter()
    lines = []
    for line in done.stdout.splitlines():
        match = ERROR.match(line)
        if match:
            errors[f"{match['path']}: {match['message']}"] += 1
            lines.append(line)
    if done.returncode not in (0, 1) or (done.returncode == 1 and not errors):
        print(done.stdout[-3000:], done.stderr[-3000:])  # mypy itself failed
        sys.exit(2)
    return errors, lines, done.returncode


def read_baseline() -> Counter[str]:
    if not BASELINE.exists():
        return Counter()
    return Counter(
        line for line in BASELINE.read_text().splitlines() if line and not line.startswith("#")
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--update", action="store_true", help="drop fixed errors from the file")
    args = parser.parse_args()
    errors, lines, _ = run_mypy()
    if not BASELINE.exists():  # the first run: what there is now is the baseline
        BASELINE.write_text(HEADER + "".join(f"{k}\n" for k in sorted(errors.elements())))
        print(f"{BASELINE.name} written with {sum(errors.values())} error(s)")
        return 0
    baseline = read_baseline()
    new = errors - baseline
    fixed = baseline - errors
    if new:
        print(f"mypy: {sum(new.values())} new error(s), not in {BASELINE.name}:")
        for line in lines:
            match = ERROR.match(line)
            if match and f"{match['path']}: {match['message']}" in new:
                print("  " + line)
        if args.update:
            print("The baseline may only shrink: fix these first.")
        return 1
    if args.update:
        BASELINE.write_text(HEADER + "".join(f"{k}\n" for k in sorted(errors.elements())))
        print(f"{BASELINE.name}: {sum(errors.values())} error(s) kept, {sum(fixed.values())} gone")
        return 0
    if fixed:
        print(f"mypy: {sum(fixed.values())} error(s) in {BASELINE.name} are fixed; shrink it:")
        for key in sorted(fixed):
            print("  " + key)
        print("  python scripts/mypy_baseline.py --update")
        return 1
    print(f"mypy: no new errors ({sum(errors.values())} in the baseline, which may only shrink)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
