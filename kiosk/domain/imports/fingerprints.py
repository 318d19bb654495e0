"""Which files were imported: every import's audit entry records the SHA-256 of the file's bytes
(its fingerprint) and one of its rows (`rows_digest`: the same rows saved again by a spreadsheet
in another encoding, with other line endings, columns or row order), and a file already imported
by either is refused, naming that import. Rows without receipt numbers cannot be recognised one
by one, so the file as a whole is: an import that was killed while it committed can be run again
safely, and the refusal says that it had committed.

The audit log is the record (append-only and hash-chained), so there is nothing else to keep
in step, and imports from before this check are recognised too.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import operator

from kiosk.db.models import AuditEntry
from kiosk.domain.errors import Conflict
from kiosk.i18n import _

# Audit entity of each import's entry (every schema's `entity` is one of them).
BATCH_ENTITIES = ("household_batch", "contribution_batch", "ballot_batch")


@dataclasses.dataclass(frozen=True)
class PastImport:
    seq: int  # its audit entry
    at: str
    actor: str
    action: str  # household.import | contribution.import | ballot.import
    file: str
    sha256: str
    rows: int
    count: int  # rows written


def _past(seq, at, actor, action, data: dict) -> PastImport:
    return PastImport(int(seq), at, actor, action, data.get("file", ""), data.get("sha256", ""),
                      int(data.get("rows", 0)), int(data.get("count", 0)))


def find(*fingerprints: str) -> PastImport | None:
    """The first import of a file with these bytes or these rows (`rows_digest`), if any: one
    pass over the imports' audit entries for all the fingerprints given."""
    contains = [AuditEntry.data.contains(f) for f in fingerprints]
    q = (AuditEntry.select(AuditEntry.seq, AuditEntry.at, AuditEntry.actor, AuditEntry.action, AuditEntry.data)
         .where(AuditEntry.entity.in_(BATCH_ENTITIES), functools.reduce(operator.or_, contains))
         .order_by(AuditEntry.seq).tuples())
    wanted = set(fingerprints)
    for seq, at, actor, action, data in q:
        fields = json.loads(data)
        if wanted & {fields.get("sha256"), fields.get("rows_sha256")}:  # a fingerprint, not a digest that contains it
            return _past(seq, at, actor, action, fields)
    return None


def rows_digest(action: str, keys: list[tuple[str, ...]]) -> str:
    """The fingerprint of a file's rows whatever their order: each row's stripped cells in the
    schema's column order (what the import reads), sorted; with the kind of import."""
    lines = sorted(map("\x1f".join, keys))
    return hashlib.sha256("\x1e".join([action, *lines]).encode("utf-8", "surrogatepass")).hexdigest()


def recent(limit: int = 50) -> list[PastImport]:
    """Newest first: what `kiosk import list` shows."""
    q = (AuditEntry.select(AuditEntry.seq, AuditEntry.at, AuditEntry.actor, AuditEntry.action, AuditEntry.data)
         .where(AuditEntry.entity.in_(BATCH_ENTITIES)).order_by(AuditEntry.seq.desc()).limit(limit).tuples())
    return [_past(seq, at, actor, action, json.loads(data)) for seq, at, actor, action, data in q]


class AlreadyImported(Conflict):
    def __init__(self, label: str, past: PastImport):
        self.past = past
        super().__init__(
            _("{file} was already imported: {when} by {actor} (audit entry #{seq}, {count} of {rows} rows written). "
              "Nothing was imported again.").format(
                file=label, when=past.at[:19], actor=past.actor, seq=past.seq, count=past.count, rows=past.rows))


def refuse_if_imported(label: str, *fingerprints: str) -> None:
    """Call before parsing (a quick answer) and again inside the write (the one that counts:
    two imports of one file at once cannot both pass it)."""
    past = find(*fingerprints)
    if past is not None:
        raise AlreadyImported(label, past)
