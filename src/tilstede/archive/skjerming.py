"""Skjerming: what the archive's public side must not show, and on what legal basis.

The public side is the redacted document variant, offentligTittel, offentligJournal.xml
and innsyn answers. Texts are screened anew each time one of them is made (``redact``),
with the screening as it is now and the findings stored when the item came in, so a
spelling that an older screening missed is still caught.

The legal basis per category is the table «Rules for skjerming» in docs/archive.md,
read from there (``rules()``): the archivist reads and changes the same table the code
uses. The Noark 5 code-list values (metadatakatalog M500-M503) are constants here.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Protocol

from tilstede import screening
from tilstede.screening.model import PRIORITY, Finding
from tilstede.screening.model import redact as redact_findings

RULES_FILE: Final = Path(__file__).resolve().parents[3] / "docs" / "archive.md"
SCREENED_NAME: Final = "******"
PRIVATE_MESSAGE: Final = "private_message"

# M500 tilgangsrestriksjon: the code list's values.
UNNTATT_OFFENTLIGHET: Final = "Unntatt offentlighet"
TILGANGSRESTRIKSJONER: Final = frozenset({UNNTATT_OFFENTLIGHET, "Personalsaker", "Klientsaker"})
# M502 skjermingMetadata: the code list's values, and the ones used here.
TITTEL_MAPPE: Final = "Skjerming tittel mappe - utvalgte ord"
NAVN_PART: Final = "Skjerming navn part i sak"
TITTEL_REGISTRERING: Final = "Skjerming tittel registrering - utvalgte ord"
NAVN_AVSENDER: Final = "Skjerming navn avsender"
NAVN_MOTTAKER: Final = "Skjerming navn mottaker"
TITTEL_DOKUMENT: Final = "Skjerming tittel dokumentbeskrivelse"
SKJERMINGSMETADATA: Final = frozenset(
    {
        "Skjerming klasseID",
        "Skjerming tittel klasse",
        "Skjerming tittel mappe - unntatt første linje",
        TITTEL_MAPPE,
        NAVN_PART,
        "Skjerming tittel registrering - unntatt første linje",
        TITTEL_REGISTRERING,
        NAVN_AVSENDER,
        NAVN_MOTTAKER,
        TITTEL_DOKUMENT,
        "Skjerming merknadstekst",
        "Midlertidig skjerming",
    }
)
# M503 skjermingDokument.
DELER_AV_DOKUMENTET: Final = "Skjerming av deler av dokumentet"
SKJERMINGDOKUMENT: Final = frozenset({"Skjerming av hele dokumentet", DELER_AV_DOKUMENTET})

_TABLE_START: Final = "<!-- skjermingsregler"
_TABLE_END: Final = "<!-- /skjermingsregler -->"
_CATEGORY_CELL: Final = re.compile(r"`([a-z_]+)`")


class RulesError(Exception):
    """The rules table in docs/archive.md is missing, incomplete or uses a wrong value."""


@dataclass(frozen=True)
class Rule:
    """One row of the table: a kind of personal data and how the archive screens it."""

    category: str
    description: str
    ground: str
    tilgangsrestriksjon: str
    skjermingshjemmel: str


def parse_rules(markdown: str) -> dict[str, Rule]:
    """The rows of the rules table in ``markdown`` (docs/archive.md), in table order.

    Refuses a table without a row for every screening category (and private messages),
    and a tilgangsrestriksjon that is not a value of the Noark 5 code list.
    """
    start = markdown.find(_TABLE_START)
    end = markdown.find(_TABLE_END, start)
    if start == -1 or end == -1:
        raise RulesError(f"no table between «{_TABLE_START}» and «{_TABLE_END}»")
    rules: dict[str, Rule] = {}
    for line in markdown[start:end].splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        found = _CATEGORY_CELL.fullmatch(cells[0]) if line.startswith("|") else None
        if found is None:
            continue
        if len(cells) != 5 or not all(cells):
            raise RulesError(f"a row needs five filled columns: {line.strip()}")
        _cell, description, ground, restriction, basis = cells
        if restriction not in TILGANGSRESTRIKSJONER:
            raise RulesError(
                f"{restriction!r} is not a Noark 5 tilgangsrestriksjon "
                f"({', '.join(sorted(TILGANGSRESTRIKSJONER))})"
            )
        rules[found.group(1)] = Rule(found.group(1), description, ground, restriction, basis)
    missing = [c for c in (*screening.CATEGORIES, PRIVATE_MESSAGE) if c not in rules]
    if missing:
        raise RulesError("no rule for " + ", ".join(missing))
    return rules


@functools.cache
def rules() -> dict[str, Rule]:
    """The rules table of docs/archive.md, read once per process."""
    try:
        text = RULES_FILE.read_text(encoding="utf-8")
    except OSError as exc:
        raise RulesError(f"cannot read the rules for skjerming in {RULES_FILE}: {exc}") from exc
    return parse_rules(text)


def _ordered(categories: Iterable[str]) -> list[Rule]:
    table = rules()
    wanted = set(categories)
    unknown = wanted - set(table)
    if unknown:
        raise RulesError("no rule for " + ", ".join(sorted(unknown)))
    return [rule for category, rule in table.items() if category in wanted]


def skjermingshjemmel(categories: Iterable[str]) -> str:
    """The legal basis for screening these categories: each rule's, once, in table order."""
    bases: list[str] = []
    for rule in _ordered(categories):
        if rule.skjermingshjemmel not in bases:
            bases.append(rule.skjermingshjemmel)
    return "; ".join(bases)


def tilgangsrestriksjon(categories: Iterable[str]) -> str:
    """The access restriction: the first rule's in table order."""
    ordered = _ordered(categories)
    return ordered[0].tilgangsrestriksjon if ordered else UNNTATT_OFFENTLIGHET


class Span(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def category(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Redaction:
    """A text as the public may see it, and the categories of what was taken out."""

    text: str
    categories: frozenset[str]

    @property
    def screened(self) -> bool:
        return bool(self.categories)


def redact(text: str, stored: Sequence[Span] = ()) -> Redaction:
    """``text`` with everything screening finds now, and every stored finding, replaced
    by its label. Stored findings are those made when the text came in; they count even
    where today's screening disagrees, so nothing once found comes back."""
    found = list(screening.screen(text).findings)
    for s in stored:
        if 0 <= s.start < s.end <= len(text) and s.category in PRIORITY:
            found.append(
                Finding(s.start, s.end, s.category, text[s.start : s.end], 1.0, "stored", "")
            )
    if not found:
        return Redaction(text, frozenset())
    return Redaction(redact_findings(text, _merged(found)), frozenset(f.category for f in found))


def _merged(found: list[Finding]) -> list[Finding]:
    """Overlapping findings as one span each, labelled by the surest category, so that no
    character of either is left in the redacted text."""
    ordered = sorted(found, key=lambda f: (f.start, -f.end))
    merged: list[Finding] = []
    for f in ordered:
        if merged and f.start < merged[-1].end:
            last = merged[-1]
            category = min(last.category, f.category, key=PRIORITY.__getitem__)
            merged[-1] = last._replace(end=max(last.end, f.end), category=category)
        else:
            merged.append(f)
    return merged


def redact_free_text(text: str) -> str:
    """A text without stored findings (a moderator's reason, a title) as the public may
    see it."""
    return redact(text).text if text else text
