"""The result types of screening: a Screening holds the Findings in one text.

Offsets are Python str offsets (code points), so ``text[f.start:f.end] == f.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final, NamedTuple

NATIONAL_ID: Final = "national_id"
PHONE: Final = "phone"
EMAIL: Final = "email"
BANK_ACCOUNT: Final = "bank_account"
ADDRESS: Final = "address"
PERSON_NAME: Final = "person_name"
HEALTH: Final = "health"
SPECIAL_CATEGORY: Final = "special_category"
CASE_REFERENCE: Final = "case_reference"

CATEGORIES: Final[tuple[str, ...]] = (
    NATIONAL_ID,
    PHONE,
    EMAIL,
    BANK_ACCOUNT,
    ADDRESS,
    PERSON_NAME,
    HEALTH,
    SPECIAL_CATEGORY,
    CASE_REFERENCE,
)

# What a redacted text shows in place of a finding (bokmål, lower case as in running text).
LABELS: Final[dict[str, str]] = {
    NATIONAL_ID: "[fødselsnummer]",
    PHONE: "[telefonnummer]",
    EMAIL: "[e-postadresse]",
    BANK_ACCOUNT: "[kontonummer]",
    ADDRESS: "[adresse]",
    PERSON_NAME: "[navn]",
    HEALTH: "[helseopplysning]",
    SPECIAL_CATEGORY: "[særlig kategori]",
    CASE_REFERENCE: "[saksnummer]",
}

# When two findings overlap, the one whose category comes first here is kept. Identifiers
# validated by checksum are the surest; lexicon findings the least sure.
PRIORITY: Final[dict[str, int]] = {
    category: rank
    for rank, category in enumerate(
        (
            EMAIL,
            NATIONAL_ID,
            BANK_ACCOUNT,
            CASE_REFERENCE,
            PHONE,
            ADDRESS,
            PERSON_NAME,
            SPECIAL_CATEGORY,
            HEALTH,
        )
    )
}


class Finding(NamedTuple):
    """One piece of personal data in a text.

    ``explanation`` is a short bokmål sentence fragment a moderator can read, e.g.
    "gyldige kontrollsiffer for fødselsnummer". Immutable; a named tuple rather than a frozen
    dataclass because screening creates many and a tuple is several times cheaper to build.
    """

    start: int
    end: int
    category: str
    text: str
    confidence: float
    detector: str
    explanation: str

    def as_dict(self, *, full: bool = True) -> dict[str, object]:
        """The finding as JSON-ready data; ``full=False`` leaves out the text itself."""
        data: dict[str, object] = {
            "start": self.start,
            "end": self.end,
            "category": self.category,
            "confidence": round(self.confidence, 3),
            "detector": self.detector,
        }
        if full:
            data["text"] = self.text
            data["explanation"] = self.explanation
        return data


@dataclass(slots=True)
class Screening:
    """What screening found in one text: findings in text order, and the case-request verdict."""

    text: str
    findings: list[Finding] = field(default_factory=list)
    case_request: bool = False
    case_request_score: float = 0.0

    @property
    def redacted(self) -> str:
        """The text with each finding replaced by its bracketed label, e.g. "[fødselsnummer]"."""
        return redact(self.text, self.findings)

    @property
    def categories(self) -> set[str]:
        return {f.category for f in self.findings}


def joined(text: str, first: Finding, second: Finding) -> Finding:
    """One finding from ``first`` to the end of ``second``: two pieces of one piece of
    information, as sure as the surer of them."""
    return Finding(
        first.start,
        second.end,
        first.category,
        text[first.start : second.end],
        max(first.confidence, second.confidence),
        first.detector,
        first.explanation,
    )


def redact(text: str, findings: list[Finding]) -> str:
    """Replace each finding's span by its label; findings must not overlap."""
    parts: list[str] = []
    pos = 0
    for f in sorted(findings, key=lambda f: f.start):
        if f.start < pos:
            continue
        parts.append(text[pos : f.start])
        parts.append(LABELS[f.category])
        pos = f.end
    parts.append(text[pos:])
    return "".join(parts)
