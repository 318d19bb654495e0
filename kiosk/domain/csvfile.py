"""Reading the CSV files people save from spreadsheets: UTF-8 with or without BOM, or GB18030
(what Excel saves in China), detected without asking. Line numbers are those a spreadsheet shows.
"""

from __future__ import annotations

import csv
import dataclasses
import io

from kiosk.domain.errors import ValidationError
from kiosk.i18n import _

MAX_BYTES = 200 * 1024 * 1024


@dataclasses.dataclass(frozen=True)
class Row:
    line: int  # spreadsheet row number (header = 1)
    values: dict[str, str]


def decode(data: bytes) -> str:
    if b"\x00" in data[:65536]:
        raise ValidationError(_("This is not a text (CSV) file."))
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise ValidationError(_("The file is neither UTF-8 nor GB18030 text.")) from None


def read(path: str, columns: tuple[str, ...], optional: tuple[str, ...] = ()) -> list[Row]:
    """Rows as dicts of stripped strings. Refuses a missing file, binary data, missing columns."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ValidationError(_("Cannot read {path}: {error}").format(path=path, error=exc.strerror or exc)) from None
    if len(data) > MAX_BYTES:
        raise ValidationError(_("The file is too large."))
    text = decode(data)
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
    missing = [c for c in columns if c not in header]
    if missing:
        raise ValidationError(
            _("Missing columns: {missing}. Expected: {expected}").format(missing=", ".join(missing), expected=",".join(columns + optional))
        )
    rows = []
    width = len(header)
    plain = all(header)  # no unnamed column: a full-width record zips straight into its dict
    try:
        for record in reader:
            line = reader.line_num
            if not "".join(record).strip():
                continue
            if plain and len(record) == width:
                values = dict(zip(header, map(str.strip, record)))
            else:
                values = {h: (record[i].strip() if i < len(record) else "") for i, h in enumerate(header) if h}
            rows.append(Row(line, values))
    except csv.Error as exc:
        raise ValidationError(_("Line {line}: {error}").format(line=reader.line_num, error=_csv_problem(exc))) from None
    return rows


def _csv_problem(exc: csv.Error) -> str:
    if "field larger than field limit" in str(exc):
        return _("a cell is longer than {n} characters").format(n=csv.field_size_limit())
    return str(exc)


class RowErrors(ValidationError):
    """Every bad row of a file, each with its spreadsheet line number. Nothing was written."""

    def __init__(self, path: str, problems: list[tuple[int, str]]):
        self.problems = problems
        shown = "\n".join(_("  line {line}: {problem}").format(line=ln, problem=p) for ln, p in problems[:50])
        more = len(problems) - 50
        tail = ("\n" + _("  … and {n} more").format(n=more)) if more > 0 else ""
        super().__init__(
            _("{path}: {n} bad rows, nothing was imported:").format(path=path, n=len(problems)) + "\n" + shown + tail
        )
