"""The files on the box an import may take: the CSV files of a few folders (the office folder,
the staff member's home), newest first, so staff pick one instead of typing its path. Only
regular files are listed (reading.py refuses the rest when a path is typed)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import stat

SUFFIXES = (".csv", ".txt")
LISTED = 200


@dataclasses.dataclass(frozen=True)
class FileOnBox:
    path: str
    name: str
    size: int  # bytes
    modified: dt.datetime


def listing(folders: list[str]) -> list[FileOnBox]:
    """CSV files directly in each folder that exists (a folder that cannot be read is passed
    over), newest first, each once."""
    seen: dict[str, FileOnBox] = {}
    for folder in folders:
        where = os.path.abspath(os.path.expanduser(folder.strip())) if folder and folder.strip() else ""
        if not where:
            continue
        try:
            entries = list(os.scandir(where))
        except OSError:
            continue
        for e in entries:
            if not e.name.lower().endswith(SUFFIXES) or e.name.startswith("."):
                continue
            try:
                st = e.stat(follow_symlinks=True)
            except OSError:
                continue
            if stat.S_ISREG(st.st_mode):
                path = os.path.realpath(e.path)
                seen.setdefault(path, FileOnBox(e.path, e.name, st.st_size, dt.datetime.fromtimestamp(st.st_mtime)))
    return sorted(seen.values(), key=lambda f: f.modified, reverse=True)[:LISTED]
