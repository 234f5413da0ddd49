"""Personal-data and case-request screening for comments: plain Python, no Django.

>>> s = screen("Ring meg på 912 34 567")
>>> [(f.category, f.text) for f in s.findings]
[('phone', '912 34 567')]
>>> s.redacted
'Ring meg på [telefonnummer]'
"""

from __future__ import annotations

from .language import language_guess
from .model import CATEGORIES, LABELS, Finding, Screening
from .screen import screen

__all__ = ["CATEGORIES", "LABELS", "Finding", "Screening", "language_guess", "screen"]
