"""Entries from before schema version 5 have no `details` digest (dates, note, idempotency key,
creation time) in the audit entry that recorded them. The upgrade seals them as they stand with
one audit entry, so that from then on `kiosk verify` sees any change to those columns too. What
was changed before the upgrade cannot be told: the seal vouches for the ledger as it was found.
"""

from __future__ import annotations

import json

from kiosk.db.models import AuditEntry, Contribution, database
from kiosk.domain import audit, ledger

ACTION = "contribution.seal"
ENTITY = "contribution_seal"
DETAIL_FIELDS = (Contribution.id, Contribution.pledged_on, Contribution.received_on, Contribution.note,
                 Contribution.idempotency_key, Contribution.created_at, Contribution.created_status)


def detail_line(cid, pledged_on, received_on, note, idempotency_key, created_at, created_status) -> tuple:
    """ledger.detail_line of a stored row (the columns in DETAIL_FIELDS' order)."""
    return ledger.detail_line({"id": cid, "pledged_on": pledged_on, "received_on": received_on, "note": note,
                               "idempotency_key": idempotency_key, "created_at": created_at,
                               "created_status": created_status})


def seal_existing(actor: str) -> int:
    """Record one audit entry vouching for every entry's details as they stand (run by the
    upgrade to version 5, when no entry has its own). Returns how many it covers."""
    rows = database.execute(Contribution.select(*DETAIL_FIELDS).order_by(Contribution.id))
    lines = [detail_line(*row) for row in rows]
    if not lines:
        return 0
    with audit.write(actor) as w:
        w.record(ACTION, ENTITY, "", count=len(lines), last_id=lines[-1][0], details=audit.digest_rows(lines))
    return len(lines)


def seal() -> tuple[int, dict] | None:
    """(audit seq, data) of the seal, if this database was upgraded with entries in it."""
    row = (AuditEntry.select(AuditEntry.seq, AuditEntry.data).where(AuditEntry.entity == ENTITY, AuditEntry.action == ACTION)
           .order_by(AuditEntry.seq).limit(1).tuples().first())
    return (int(row[0]), json.loads(row[1])) if row else None
