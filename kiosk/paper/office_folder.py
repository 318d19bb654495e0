"""Save a printed document to the office folder (the `office_folder` setting): a folder the
office's other tools take files from, such as a shared folder, so nobody copies files off the box.

A file appears whole or not at all (written beside its final name, flushed, then renamed), under
a name that says what it is and when: `funding-公示-2026-12-06-1405.pdf`, never over another."""

from __future__ import annotations

import os
import re

from kiosk import clock
from kiosk.domain.errors import DomainError
from kiosk.i18n import _, os_reason


class FolderError(DomainError):
    """The folder is not set, missing, or refuses the file: one line in the user's language."""


def file_stem(document: str) -> str:
    """A file name from a document's title: letters (Chinese too) and digits kept, the rest '-'."""
    stem = re.sub(r"[^\w]+", "-", document, flags=re.UNICODE).strip("-_")
    return stem[:60] or "document"


def save(folder: str, document: str, pdf: bytes) -> str:
    """Write `pdf` into `folder` as `<document>-<date>-<time>.pdf`; returns the path written."""
    if not folder.strip():
        raise FolderError(_("No office folder is set (office_folder in the settings file)."))
    where = os.path.abspath(os.path.expanduser(folder.strip()))
    if not os.path.isdir(where):
        raise FolderError(_("The office folder {folder} does not exist.").format(folder=folder))
    base = f"{file_stem(document)}-{clock.now():%Y-%m-%d-%H%M}"
    tmp = os.path.join(where, f".{base}.{os.getpid()}.part")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640)
        with open(fd, "wb") as fh:
            fh.write(pdf)
            fh.flush()
            os.fsync(fh.fileno())
        for n in range(1, 1000):
            path = os.path.join(where, f"{base}.pdf" if n == 1 else f"{base}-{n}.pdf")
            if _place(tmp, path):
                break
        else:
            raise FileExistsError(path)
    except OSError as exc:
        raise FolderError(_("Cannot save to the office folder {folder}: {error}").format(folder=folder, error=os_reason(exc))) from None
    finally:
        if os.path.lexists(tmp):
            os.remove(tmp)
    return path


def _place(tmp: str, path: str) -> bool:
    """Give the written file its name unless the name is taken. A hard link refuses a taken name
    atomically; a shared folder that has no hard links (SMB) gets a check, then a rename."""
    try:
        os.link(tmp, path)
        return True
    except FileExistsError:
        return False
    except OSError:
        if os.path.lexists(path):
            return False
        os.replace(tmp, path)
        return True
