"""The decoded text as a table: the header row mapped onto a schema's columns, then, column by
column, one stripped cell per non-empty record, with each record's spreadsheet line number."""

from __future__ import annotations

import csv
import dataclasses
import io
import itertools
from typing import Collection, Sequence

from kiosk.domain.errors import ValidationError
from kiosk.i18n import _


@dataclasses.dataclass(slots=True)
class Columns:
    lines: list[int]  # spreadsheet row number of each non-empty record (header = 1)
    values: list[tuple[str, ...]]  # per requested column, in the order asked for: one cell a record, "" when absent

    def rows(self) -> list[tuple[str, ...]]:
        """The same cells record by record: one tuple a row, in the columns' order."""
        return list(zip(*self.values)) if self.values else [()] * len(self.lines)


def columns(text: str, wanted: Sequence[str], optional: Collection[str] = ()) -> Columns:
    """The cells of the `wanted` columns. Refuses an empty file, a missing column that is not
    optional, and text the csv module cannot read (naming the line). Column by column, so that
    a 200,000-row file is stripped and checked by C-level passes, not a Python step a row."""
    if not text.strip():
        raise ValidationError(_("The file is empty."))
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        try:
            header = next(reader)
        except StopIteration:
            raise ValidationError(_("The file is empty.")) from None
        index = _index(header, wanted, optional)
        after_header = reader.line_num
        records = list(reader)
        if reader.line_num - after_header == len(records):  # no quoted cell spans lines: a record a line
            lines = list(range(after_header + 1, after_header + 1 + len(records)))
        else:  # read again, noting the line each record ends on, as a spreadsheet shows it
            reader = csv.reader(io.StringIO(text, newline=""))
            next(reader)
            records, lines = [], []
            for record in reader:
                records.append(record)
                lines.append(reader.line_num)
    except csv.Error as exc:
        raise ValidationError(_("Line {line}: {error}").format(line=reader.line_num, error=_csv_problem(exc))) from None
    # A blank record (an empty line, or nothing but commas and spaces) is not a row.
    filled = list(map(str.strip, map("".join, records)))
    if not all(filled):
        records, lines = list(itertools.compress(records, filled)), list(itertools.compress(lines, filled))
    if records and None not in index and set(map(len, records)) == {len(header)}:  # the common case
        by_column = list(zip(*records))
        values = [tuple(map(str.strip, by_column[i])) for i in index]
    else:
        values = [tuple(r[i].strip() if i is not None and i < len(r) else "" for r in records) for i in index]
    return Columns(lines, values)


def _index(header: list[str], wanted: Sequence[str], optional: Collection[str]) -> list[int | None]:
    """Where each wanted column is in the header (None: an optional column left out)."""
    header = [h.strip().lower() for h in header]
    missing = [c for c in wanted if c not in header and c not in optional]
    if missing:
        raise ValidationError(_("Missing columns: {missing}. Expected: {expected}").format(
            missing=", ".join(missing), expected=",".join(wanted)))
    # A name given twice in the header: its last column counts.
    where = {name: i for i, name in enumerate(header) if name}
    return [where.get(name) for name in wanted]


def _csv_problem(exc: csv.Error) -> str:
    if "field larger than field limit" in str(exc):
        return _("a cell is longer than {n} characters").format(n=csv.field_size_limit())
    return str(exc)
