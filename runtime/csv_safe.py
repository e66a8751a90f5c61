"""CSV that is safe to open in a spreadsheet: every CSV the product writes
goes through `safe_writer`.

Excel, LibreOffice and Google Sheets run a cell that starts with = + - @ (or
a tab, CR, LF or NUL) as a formula, e.g. a customer id `=cmd|' /C calc'!A0`.
As OWASP's CSV-injection guidance says, such a text cell gets a leading
single quote `'`, which the spreadsheet reads as "this is text". Only text
is changed: a number the product writes as a number (a version, -5) stays a
number, while the text "-2" or "+86 138…" is text and is prefixed.
"""
from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, TextIO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0")


def safe_cell(value: Any) -> Any:
    """`value`, with a text that a spreadsheet would run as a formula made inert."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeWriter:
    """A `csv.writer` whose text cells are neutralised (see the module doc)."""

    def __init__(self, handle: TextIO, **options: Any) -> None:
        self._writer = csv.writer(handle, **options)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def safe_writer(handle: TextIO, **options: Any) -> SafeWriter:
    return SafeWriter(handle, **options)
