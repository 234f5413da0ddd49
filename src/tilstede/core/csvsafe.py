"""CSV for exports that people open in a spreadsheet: no cell is read as a formula.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is taken
by Excel and LibreOffice as a formula (``=HYPERLINK(...)``, ``@SUM(...)``), so a comment
text could run in the reader's spreadsheet. Such a cell gets a leading apostrophe, which
the spreadsheet shows as text (OWASP's advice on CSV injection). Numbers are left alone.
Every CSV the project writes goes through ``csv_writer`` or ``csv_dict_writer``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from typing import Any

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class _Writer:
    def __init__(self, fh: Any, **kwargs: Any) -> None:
        self._writer = csv.writer(fh, **kwargs)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([csv_cell(v) for v in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


class _DictWriter(csv.DictWriter):
    def writerow(self, rowdict: Mapping[str, Any]) -> Any:
        return super().writerow({k: csv_cell(v) for k, v in rowdict.items()})

    def writerows(self, rowdicts: Iterable[Mapping[str, Any]]) -> None:
        for row in rowdicts:
            self.writerow(row)


def csv_writer(fh: Any, **kwargs: Any) -> _Writer:
    """``csv.writer`` whose cells cannot be formulas."""
    return _Writer(fh, **kwargs)


def csv_dict_writer(fh: Any, fieldnames: list[str], **kwargs: Any) -> csv.DictWriter:
    """``csv.DictWriter`` whose cells cannot be formulas (the header is ours)."""
    return _DictWriter(fh, fieldnames=fieldnames, **kwargs)
