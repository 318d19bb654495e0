"""Reading the CSV files people save from spreadsheets: UTF-8 with or without BOM, or GB18030
(what Excel saves in China), detected without asking. Line numbers are those a spreadsheet shows.

Only a regular file is read (a pipe would block an import forever), and the file is decoded as
one encoding or refused: a UTF-8 file with one GB18030 line would otherwise decode whole as
GB18030 and store every name garbled, for good.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import os
import stat

from kiosk.domain.errors import ValidationError
from kiosk.i18n import _

MAX_BYTES = 200 * 1024 * 1024
_BOM = b"\xef\xbb\xbf"


@dataclasses.dataclass(frozen=True)
class Row:
    line: int  # spreadsheet row number (header = 1)
    values: dict[str, str]


@dataclasses.dataclass(frozen=True)
class CsvFile:
    rows: list[Row]
    sha256: str  # of the exact bytes read: an import's fingerprint


def decode(data: bytes) -> str:
    """The whole file in one encoding: UTF-8 (a BOM makes it certain), else GB18030 when no
    line is UTF-8 text beyond ASCII. A file that mixes them is refused, naming the lines."""
    if b"\x00" in data[:65536]:
        raise ValidationError(_("This is not a text (CSV) file."))
    bom = data.startswith(_BOM)
    if bom:
        data = data[len(_BOM):]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    first_bad = first_utf8 = None
    for number, line in enumerate(data.split(b"\n"), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            first_bad = first_bad or number
            continue
        if first_utf8 is None and not line.isascii():
            first_utf8 = number
        if first_bad and first_utf8:
            break
    if bom:
        raise ValidationError(_("The file says it is UTF-8, but line {line} is not UTF-8 text: save it again as UTF-8.").format(line=first_bad))
    if first_utf8 is not None:
        raise ValidationError(_("The file mixes encodings: line {utf8} is UTF-8 but line {other} is not. "
                                "Save the whole file again as UTF-8 (or as GB18030).").format(utf8=first_utf8, other=first_bad))
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ValidationError(_("Line {line} is neither UTF-8 nor GB18030 text.").format(line=line)) from None


def read_bytes(path: str) -> bytes:
    """The file's bytes, if it is a regular file. A pipe, a device or a folder is refused at
    once (O_NONBLOCK: opening a pipe with no writer would wait forever), before any lock."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise ValidationError(_("Cannot read {path}: {error}").format(path=path, error=exc.strerror or exc)) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise ValidationError(_("{path} is not a regular file (a folder, a pipe or a device): give a saved CSV file.").format(path=path))
    with open(fd, "rb") as fh:
        try:
            data = fh.read(MAX_BYTES + 1)
        except OSError as exc:
            raise ValidationError(_("Cannot read {path}: {error}").format(path=path, error=exc.strerror or exc)) from None
    if len(data) > MAX_BYTES:
        raise ValidationError(_("The file is too large."))
    return data


def read(path: str, columns: tuple[str, ...], optional: tuple[str, ...] = ()) -> list[Row]:
    """Rows as dicts of stripped strings. Refuses a missing file, binary data, missing columns."""
    return load(path, columns, optional).rows


def load(path: str, columns: tuple[str, ...], optional: tuple[str, ...] = ()) -> CsvFile:
    """`read`, with the fingerprint of the bytes the rows came from."""
    data = read_bytes(path)
    return CsvFile(parse(decode(data), columns, optional), hashlib.sha256(data).hexdigest())


def parse(text: str, columns: tuple[str, ...], optional: tuple[str, ...] = ()) -> list[Row]:
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
