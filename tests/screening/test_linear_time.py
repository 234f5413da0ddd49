"""Cost grows linearly with text length: no pattern may backtrack catastrophically.

Each adversarial input is screened at 10 KB and at 100 KB; the 100 KB run may take at
most 25 times as long as the 10 KB run (linear is 10x; quadratic would be 100x). Ratios
rather than wall-clock limits keep the test stable on slow or busy machines.
"""

from __future__ import annotations

import gc
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from tilstede.screening import screen

SMALL = 10_000
LARGE = 100_000
MAX_RATIO = 25.0

# Building blocks that stress the patterns: digit runs and separators (numbers, phones),
# '@' and dots (e-mail), capitalised words (names, addresses), slashes (case numbers).
PIECES = st.sampled_from(
    [
        "1",
        "12",
        "0",
        " ",
        ".",
        "-",
        "/",
        "@",
        "a@",
        "@b.",
        "+",
        "+47 ",
        "00",
        "Kari ",
        "Storgata ",
        "NO",
        "nr ",
        "Saksnummer ",
        "Jeg heter ",
        "a",
        "A",
        ".no",
        "é",
        "\n",
        ", ",
        "(",
        "kr ",
    ]
)


def _time(text: str, repeat: int = 1) -> float:
    """Best CPU time of ``repeat`` runs, with the garbage collector held off.

    In a full test session the heap is large, and a collection landing in one run
    (not the code under test) once made a linear case look super-linear.
    """
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(repeat):
            start = time.process_time()  # CPU time: other work on the machine does not count
            screen(text)
            best = min(best, time.process_time() - start)
    finally:
        gc.enable()
    return best


def _assert_linear(unit: str) -> None:
    small = (unit * (SMALL // len(unit) + 1))[:SMALL]
    large = (unit * (LARGE // len(unit) + 1))[:LARGE]
    t_small = max(_time(small, repeat=3), 2e-3)  # below that, timer noise dominates
    t_large = _time(large, repeat=2)
    assert t_large / t_small < MAX_RATIO, (unit[:40], t_small, t_large)


def test_long_uniform_runs_are_linear():
    # "@A": capitals with no whitespace anywhere (once quadratic in the tagger's context).
    for unit in ("1", " ", ".", "-", "@", "A", "Aa ", "1 ", "1.", "a@", "Kari ", "+", "/", "@A"):
        _assert_linear(unit)


@settings(max_examples=10, deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=12).map("".join))
def test_repeated_adversarial_units_are_linear(unit):
    _assert_linear(unit)
