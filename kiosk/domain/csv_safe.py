"""Every CSV the project writes goes through `writer`: the offices open these files in Excel or
WPS, which run a cell as a formula when it begins with =, +, -, @, a tab or a carriage return
(OWASP's CSV-injection rule). Such a text cell gets a leading single quote, and every text
cell is quoted, so a contributor named `=HYPERLINK(…)` shows as text and runs nothing.

Numbers the program computed (int, float) are written as they are: a spreadsheet reads -500 as
the number −500, it cannot carry a formula, and sums over a column still work. Text that only
looks like a number ("-500" typed into a name) is text and is neutralised.
"""

from __future__ import annotations

import csv
from typing import IO, Any, Iterable

# OWASP, "CSV Injection": the characters a spreadsheet reads as the start of a formula, their
# full-width forms (what a Chinese input method types, and what spreadsheets in East Asian locales
# read as the same signs), and the NUL that OWASP's verification standard adds.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def cell(value: Any) -> Any:
    """A value as it may go into a cell: numbers unchanged, text neutralised."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


class SafeWriter:
    """csv.writer's writerow/writerows, every cell passed through `cell`."""

    def __init__(self, fh: IO[str], **options: Any):
        # QUOTE_NONNUMERIC: every text cell is quoted (OWASP), numbers stay bare numbers.
        self._writer = csv.writer(fh, quoting=csv.QUOTE_NONNUMERIC, **options)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([cell(v) for v in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(fh: IO[str], **options: Any) -> SafeWriter:
    return SafeWriter(fh, **options)
