"""Personal-data and case-request screening for comments: no Django, no I/O; compiled by
mypyc when the package is built (see ``native``).

>>> s = screen("Ring meg på 912 34 567")
>>> [(f.category, f.text) for f in s.findings]
[('phone', '912 34 567')]
>>> s.redacted
'Ring meg på [telefonnummer]'
"""

from __future__ import annotations

from . import native

# Before any detector module is imported: the compiled build, if it matches the sources.
BUILD = native.choose()

from .language import language_guess  # noqa: E402
from .model import CATEGORIES, LABELS, Finding, Screening  # noqa: E402
from .screen import screen  # noqa: E402

__all__ = ["BUILD", "CATEGORIES", "LABELS", "Finding", "Screening", "language_guess", "screen"]
