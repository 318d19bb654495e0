"""The staff audit browser: who wrote, which kinds of record exist, and whether the chain holds."""

from __future__ import annotations

import dataclasses

from kiosk.db.models import AuditEntry
from kiosk.domain import audit


def actors() -> list[str]:
    """Everyone who ever wrote something, sorted."""
    q = AuditEntry.select(AuditEntry.actor).distinct().order_by(AuditEntry.actor).tuples()
    return [a for (a,) in q]


def entity_kinds() -> list[str]:
    q = AuditEntry.select(AuditEntry.entity).distinct().order_by(AuditEntry.entity).tuples()
    return [e for (e,) in q]


@dataclasses.dataclass(frozen=True)
class ChainStatus:
    ok: bool
    entries: int
    head: str
    faults: tuple[audit.ChainFault, ...]


def chain_status() -> ChainStatus:
    """Walks the whole chain (audit.verify_chain): a few ms per thousand entries."""
    faults = tuple(audit.verify_chain())
    h = audit.head()
    return ChainStatus(not faults, h.seq, h.hash, faults)
