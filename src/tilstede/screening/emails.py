"""E-mail addresses.

The pattern starts only where no address character precedes it and every part is bounded,
so a flood of '@' or of letters costs linear time.
"""

from __future__ import annotations

import re
from typing import Final

from .doc import Doc
from .model import EMAIL, Finding

_EMAIL: Final = re.compile(
    r"(?<![\w.+%-])[\w+%-](?:[\w.+%-]{0,62}[\w+%-])?"
    r"@[^\W_](?:[\w-]{0,61}[^\W_])?(?:\.[^\W_](?:[\w-]{0,61}[^\W_])?){0,6}\.[^\W\d_]{2,24}(?!\w)"
)
# "navn [at] domene.no", "navn(at)domene.no": people dodge scrapers this way.
_EMAIL_AT: Final = re.compile(
    r"(?i)(?<![\w.+-])[\w+-](?:[\w.+-]{0,62}[\w+-])?\s?[\[(]\s?(?:at|alfakrøll|krøllalfa)\s?[\])]\s?"
    r"[^\W_](?:[\w-]{0,61}[^\W_])?(?:\.[^\W_](?:[\w-]{0,61}[^\W_])?){0,6}\.[^\W\d_]{2,24}(?!\w)"
)


def find_emails(doc: Doc) -> list[Finding]:
    text = doc.text
    findings: list[Finding] = []
    if "@" in text:
        for m in _EMAIL.finditer(text):
            findings.append(
                Finding(
                    m.start(), m.end(), EMAIL, m.group(), 0.99, "email.pattern", "e-postadresse"
                )
            )
    lower = doc.lower
    # "(at)", "( at )" and "[at]" hold a bracket, which most comments lack.
    if (
        ("(" in lower or "[" in lower) and ("(at)" in lower or "[at]" in lower or "( at )" in lower)
    ) or "krøll" in lower:
        for m in _EMAIL_AT.finditer(text):
            findings.append(
                Finding(
                    m.start(),
                    m.end(),
                    EMAIL,
                    m.group(),
                    0.9,
                    "email.obfuscated",
                    "e-postadresse skrevet med (at)",
                )
            )
    return findings
