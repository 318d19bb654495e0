"""The decoded text as a table: the header row mapped onto a schema's columns, then each
non-empty record with its spreadsheet line number and one stripped cell per column."""

from __future__ import annotations

import csv
import dataclasses
import io
import operator
from typing import Collection, Iterator, Sequence

from kiosk.domain.errors import ValidationError
from kiosk.i18n import _


@dataclasses.dataclass(slots=True)  # not frozen: a frozen __init__ costs five times as much
class Cells:
    line: int  # spreadsheet row number (header = 1)
    values: tuple[str, ...]  # one per requested column, in the order asked for; "" when absent


def cells(text: str, wanted: Sequence[str], optional: Collection[str] = ()) -> Iterator[Cells]:
    """Yields the cells of the `wanted` columns, row by row, in that order. Refuses an empty
    file, a missing column that is not optional, and text the csv module cannot read (naming
    the line)."""
    if not text.strip():
        raise ValidationError(_("The file is empty."))
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise ValidationError(_("The file is empty.")) from None
    except csv.Error as exc:
        raise ValidationError(_("Line {line}: {error}").format(line=reader.line_num, error=_csv_problem(exc))) from None
    header = [h.strip().lower() for h in header]
    missing = [c for c in wanted if c not in header and c not in optional]
    if missing:
        raise ValidationError(_("Missing columns: {missing}. Expected: {expected}").format(
            missing=", ".join(missing), expected=",".join(wanted)))
    # A name given twice in the header: its last column counts.
    where = {name: i for i, name in enumerate(header) if name}
    index = [where.get(name) for name in wanted]
    width = len(header)
    if all(i is not None for i in index):  # the common case: every column given, picked in C
        pick = operator.itemgetter(*index, *index[:1])  # two or more keys: it always returns a tuple
        count = len(index)
    else:
        pick, count = None, 0
    strip = str.strip
    try:
        for record in reader:
            if not "".join(record).strip():
                continue
            if pick is not None and len(record) == width:
                values = tuple(map(strip, pick(record)[:count]))
            else:
                values = tuple(record[i].strip() if i is not None and i < len(record) else "" for i in index)
            yield Cells(reader.line_num, values)
    except csv.Error as exc:
        raise ValidationError(_("Line {line}: {error}").format(line=reader.line_num, error=_csv_problem(exc))) from None


def _csv_problem(exc: csv.Error) -> str:
    if "field larger than field limit" in str(exc):
        return _("a cell is longer than {n} characters").format(n=csv.field_size_limit())
    return str(exc)
