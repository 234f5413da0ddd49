"""Cells for CSV files that people open in a spreadsheet.

A spreadsheet reads a cell that starts with "=", "+", "-" or "@" (and, in some, a tab
or a carriage return) as a formula, so a citizen's text in an export could run as one
("CSV injection"). Such a cell is written with a leading apostrophe, which spreadsheets
show as text and do not display.
"""

from __future__ import annotations

from typing import Final

FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> str:
    """``value`` as CSV cell text that no spreadsheet takes for a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
