"""One-time vote codes written to a file as they are issued (`kiosk poll codes`, `kiosk print
ballots`, the staff console): the printable PDF that the caller's `render(slips) -> bytes` builds
(ballot papers or slips, kiosk/paper), or without it a CSV.

The plain codes exist only in this file (the database keeps their hashes), so the file is opened
before any code is issued (a path that cannot be written issues nothing), it is readable by its
owner only, and it is removed again if issuing fails."""

from __future__ import annotations

import io
import os

from kiosk.domain import codes, csv_safe, votes
from kiosk.domain.errors import ValidationError
from kiosk.i18n import _, os_reason

HEADER = ["building", "unit", "room", "code"]


def write_slips(actor: str, poll_id: int, path: str, *, reissue: bool = False, overwrite: bool = False,
                household_id: int | None = None, render=None) -> int:
    """Issue codes for the poll's households that have not voted and write them to `path`.
    Returns how many were written. Refuses an existing file unless `overwrite`."""
    return write_codes(path, lambda deliver: votes.issue_codes(actor, poll_id, reissue=reissue, household_id=household_id,
                                                               deliver=deliver), overwrite=overwrite, render=render)


def write_codes(path: str, issue, *, overwrite: bool = False, render=None) -> int:
    """Write the slips that `issue(deliver)` issues (votes' or plans' issue_codes) to `path`: the file
    is opened before anything is issued and written before the codes are committed, so a path or
    a disk that fails issues nothing."""
    out = os.path.abspath(os.path.expanduser(path.strip()))
    if not path.strip():
        raise ValidationError(_("This field is required."), "out")
    if os.path.exists(out) and not overwrite:
        raise ValidationError(_("{file} already exists: choose another name.").format(file=path), "out")
    try:
        fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    except OSError as exc:
        raise ValidationError(_("Cannot write {file}: {error}").format(file=path, error=os_reason(exc)), "out") from None
    with open(fd, "wb") as fh:

        def deliver(slips) -> None:
            # Written and on the disk before the codes are committed: a full disk issues nothing.
            fh.write(render(slips) if render is not None else csv_bytes(slips))
            fh.flush()
            os.fsync(fh.fileno())

        try:
            slips = issue(deliver)
        except OSError as exc:
            _discard(fh, out)
            raise ValidationError(_("Cannot write {file}: {error}").format(file=path, error=os_reason(exc)), "out") from None
        except BaseException:
            _discard(fh, out)
            raise
    return len(slips)


def csv_bytes(slips) -> bytes:
    out = io.StringIO(newline="")
    writer = csv_safe.writer(out)
    writer.writerow(HEADER)
    for s in slips:
        writer.writerow([s.building, s.unit, s.room, codes.show(s.code)])
    return out.getvalue().encode("utf-8-sig")


def _discard(fh, out: str) -> None:
    """The half-written file goes (a regular file only: never a device such as /dev/full)."""
    try:
        fh.close()
    except OSError:
        pass  # what could not be flushed is dropped with the file
    if os.path.isfile(out):
        os.remove(out)
