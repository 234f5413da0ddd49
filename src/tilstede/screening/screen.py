"""Run every detector over one text and settle overlaps: the ``screen()`` entry point."""

from __future__ import annotations

from .address import find_addresses
from .casework import case_request_score, find_case_references
from .doc import Doc
from .emails import find_emails
from .health import find_health
from .model import PRIORITY, Finding, Screening
from .names import find_names
from .normalise import Normalised, normalise
from .numbers import find_numbers
from .sensitive import find_sensitive

# Precision matters more than recall: a false "this is your own case" reply insults someone
# who only took part in the debate. 0.6 keeps recall above 0.93 on the development corpus.
CASE_REQUEST_THRESHOLD = 0.6
_NONE: frozenset[str] = frozenset()
LANGUAGES = frozenset({"nb", "nn", "en"})


# Takes any object and checks it here, so that a wrong argument gets the messages below
# from the compiled build too (mypyc would refuse a non-str with a generic TypeError).
def screen(text: object, lang: object = None) -> Screening:
    """Find personal data in ``text`` and judge whether it is a request about the writer's own case.

    ``lang`` ("nb", "nn" or "en") is a hint; the lexicons of all three are always used,
    since comments mix them. Pure function: no I/O, no Django, safe to call from any thread.

    The detectors read a normalised view of the text (see ``normalise``: no invisible
    characters, one kind of space, dash and line break, NFKC), so a fødselsnummer with a
    non-breaking or zero-width space is found like one with a plain space; each finding's
    offsets and text are then those of the text as written.
    """
    if not isinstance(text, str):
        raise TypeError(f"screen() needs a str, not {type(text).__name__}")
    if lang is not None and (not isinstance(lang, str) or lang not in LANGUAGES):
        raise ValueError(f"unknown language {lang!r}; use one of {sorted(LANGUAGES)} or None")
    view = normalise(text)
    if view is None:
        return _screen(text, lang)
    result = _screen(view.text, lang)
    return Screening(
        text,
        [_as_written(text, view, f) for f in result.findings],
        result.case_request,
        result.case_request_score,
    )


def _as_written(text: str, view: Normalised, f: Finding) -> Finding:
    """A finding in the normalised view, moved to the characters the person typed."""
    start, end = view.span(f.start, f.end)
    return Finding(start, end, f.category, text[start:end], f.confidence, f.detector, f.explanation)


def _screen(text: str, lang: str | None) -> Screening:
    doc = Doc(text)
    found: list[Finding] = []
    if doc.has_digit:
        numbers = find_numbers(doc)
        found.extend(numbers)
        found.extend(find_case_references(doc, numbers))
        found.extend(find_addresses(doc))
    found.extend(find_emails(doc))
    names = find_names(doc, lang)
    found.extend(names)
    person_spans = [(f.start, f.end) for f in names] if names else []
    found.extend(find_health(doc, person_spans))
    found.extend(find_sensitive(doc, person_spans))
    findings = _resolve_overlaps(found, len(text)) if len(found) > 1 else found
    categories = frozenset([f.category for f in findings]) if findings else _NONE
    score = case_request_score(doc, categories)
    # Positional arguments: a dataclass __init__ called with keywords costs twice as much.
    return Screening(text, findings, score >= CASE_REQUEST_THRESHOLD, score)


def _resolve_overlaps(found: list[Finding], length: int) -> list[Finding]:
    """Keep the surest of overlapping findings (category priority, then the longer span).

    A mask of taken characters keeps this linear in the text length however many findings
    there are.
    """
    ranked = sorted(found, key=lambda f: (PRIORITY[f.category], f.start - f.end, f.start))
    taken = bytearray(length)
    kept: list[Finding] = []
    for f in ranked:
        if taken.find(1, f.start, f.end) == -1:
            taken[f.start : f.end] = b"\x01" * (f.end - f.start)
            kept.append(f)
    kept.sort(key=lambda f: f.start)
    return kept
