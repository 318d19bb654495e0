"""Reading the file people save from a spreadsheet, once: its bytes, their fingerprint, and the
text in one encoding — UTF-8 with or without BOM, or GB18030 (what Excel saves in China),
detected without asking.

Only a regular file is read (a pipe would block an import forever), and the file is decoded as
one encoding or refused: a UTF-8 file with one GB18030 line would otherwise decode whole as
GB18030 and store every name garbled, for good.
"""

from __future__ import annotations

import codecs
import dataclasses
import hashlib
import os
import stat

from kiosk.domain.errors import ValidationError
from kiosk.i18n import _, os_reason

MAX_BYTES = 200 * 1024 * 1024


@dataclasses.dataclass(frozen=True)
class SourceFile:
    label: str  # the file's name as messages and the audit entry show it
    text: str  # decoded, without BOM
    sha256: str  # of the exact bytes read: the import's fingerprint


def load(path: str) -> SourceFile:
    data = read_bytes(path)
    return SourceFile(label(path), decode(data), hashlib.sha256(data).hexdigest())


def label(path: str) -> str:
    """The file's name: bytes in it that are not UTF-8 become U+FFFD instead of failing the
    whole import when it is recorded."""
    return os.path.basename(path).encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def read_bytes(path: str) -> bytes:
    """The file's bytes, if it is a regular file. A pipe, a device or a folder is refused at
    once (O_NONBLOCK: opening a pipe with no writer would wait forever), before any lock."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise ValidationError(_("Cannot read {path}: {error}").format(path=path, error=os_reason(exc))) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise ValidationError(_("{path} is not a regular file (a folder, a pipe or a device): give a saved CSV file.").format(path=path))
    with open(fd, "rb") as fh:
        try:
            data = fh.read(MAX_BYTES + 1)
        except OSError as exc:
            raise ValidationError(_("Cannot read {path}: {error}").format(path=path, error=os_reason(exc))) from None
    if len(data) > MAX_BYTES:
        raise ValidationError(_("The file is too large."))
    return data


def decode(data: bytes) -> str:
    """The whole file in one encoding: UTF-8 (a BOM makes it certain), else GB18030 when no
    line is UTF-8 text beyond ASCII. A file that mixes them is refused, naming the first line
    that does not fit."""
    if b"\x00" in data[:65536]:
        raise ValidationError(_("This is not a text (CSV) file."))
    bom = data.startswith(codecs.BOM_UTF8)
    if bom:
        data = data[len(codecs.BOM_UTF8):]
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
