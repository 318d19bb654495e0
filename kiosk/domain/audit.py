"""Audited writes: every change happens inside `write(actor)`, which opens one transaction,
bumps the change revision, and appends hash-chained audit entries before it commits.

The chain: hash = sha256(prev_hash + canonical(entry)). Changing, deleting or inserting any entry
breaks every later hash; the latest hash is printed on the daily disclosure so that a paper copy
on the notice board anchors it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import itertools
import json
from typing import Any, Iterable, Iterator

from kiosk import clock
from kiosk.db import backend
from kiosk.db.models import AuditEntry, KioskState, database

GENESIS = "0" * 64


# One encoder for every call: json.dumps with options builds a new one each time, which was
# half the cost of digesting a 200,000-row import.
_CANONICAL = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def canonical(data: Any) -> str:
    return _CANONICAL.encode(data)


def entry_hash(prev_hash: str, seq: int, at: str, actor: str, action: str, entity: str, entity_id: str, data: str) -> str:
    body = canonical([seq, at, actor, action, entity, entity_id, data])
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


def digest_rows(rows: list[tuple]) -> str:
    """A digest of record contents that an audit entry vouches for (e.g. imported amounts)."""
    encode = _CANONICAL.encode
    return digest_lines(encode(list(row)) for row in rows)


def digest_lines(lines: Iterable[str]) -> str:
    """`digest_rows` of rows already encoded, each exactly as `canonical(list(row))` (a bulk
    writer with a fixed layout builds them far faster than the encoder: see quote_json)."""
    h = hashlib.sha256()
    lines = iter(lines)
    while chunk := list(itertools.islice(lines, 10_000)):  # the same bytes as line by line, in fewer calls
        h.update(("\n".join(chunk) + "\n").encode("utf-8"))
    return h.hexdigest()


# A string as `canonical` writes it (ensure_ascii off): the encoder's own function, so the same bytes.
quote_json = json.encoder.encode_basestring


@dataclasses.dataclass
class Write:
    """Handle given to the body of a `write` block."""

    actor: str
    seq: int  # chain position before this write
    head: str
    entries: list[dict] = dataclasses.field(default_factory=list)

    def next_seq(self) -> int:
        """The seq the next `record` call will get (so rows can point at their audit entry)."""
        return self.seq + len(self.entries) + 1

    def record(self, action: str, entity: str, entity_id: Any = "", **data: Any) -> int:
        seq = self.next_seq()
        self.entries.append(
            {"seq": seq, "action": action, "entity": entity, "entity_id": "" if entity_id is None else str(entity_id), "data": data}
        )
        return seq


def changed(before: object, after: dict[str, Any]) -> dict[str, Any]:
    """The fields of `after` whose value differs from `before`'s attribute of that name. An edit
    that changes nothing writes no audit entry and moves no "last updated" (callers return early)."""
    return {k: v for k, v in after.items() if getattr(before, k) != v}


@contextlib.contextmanager
def write(actor: str) -> Iterator[Write]:
    """One transaction with its audit entries. The body must call `w.record(...)` at least once."""
    db = database
    with db.atomic():
        # First statement of the transaction: on PostgreSQL this row lock serialises writers,
        # so the chain never forks; on SQLite the IMMEDIATE transaction already holds the lock.
        db.execute_sql(backend.lock_state_sql(db.obj))
        seq, head = db.execute_sql("SELECT chain_seq, chain_hash FROM kiosk_state WHERE id = 1").fetchone()
        w = Write(actor=actor, seq=int(seq), head=head)
        yield w
        if not w.entries:
            raise RuntimeError("audited write recorded nothing")
        _append(w)


def _append(w: Write) -> None:
    at = clock.now().isoformat(sep=" ")
    prev = w.head
    rows = []
    for e in w.entries:
        data = canonical(e["data"])
        h = entry_hash(prev, e["seq"], at, w.actor, e["action"], e["entity"], e["entity_id"], data)
        rows.append(
            {"seq": e["seq"], "at": at, "actor": w.actor, "action": e["action"], "entity": e["entity"],
             "entity_id": e["entity_id"], "data": data, "prev_hash": prev, "hash": h}
        )
        prev = h
    AuditEntry.insert_many(rows).execute()
    KioskState.update(chain_seq=rows[-1]["seq"], chain_hash=prev).where(KioskState.id == 1).execute()


@dataclasses.dataclass(frozen=True)
class ChainHead:
    seq: int
    hash: str


def head() -> ChainHead:
    row = KioskState.get_by_id(1)
    return ChainHead(int(row.chain_seq), row.chain_hash)


@dataclasses.dataclass(frozen=True)
class ChainFault:
    seq: int
    problem: str


def verify_chain(batch: int = 5000, since: ChainHead | None = None) -> list[ChainFault]:
    """Walk the whole chain, or from `since` (a head verified before: that entry must still carry
    the hash recorded then, and everything after it must link to it); return every fault found."""
    faults: list[ChainFault] = []
    prev = GENESIS
    expected = 1
    last = 0
    query = AuditEntry.select().order_by(AuditEntry.seq)
    if since is not None and since.seq > 0:
        query = query.where(AuditEntry.seq >= since.seq)
        prev, expected = None, since.seq
    for e in query.iterator():
        if e.seq != expected:
            faults.append(ChainFault(expected, "missing entries before seq %d" % e.seq))
            expected = e.seq
        if prev is None:  # the checked head: its own contents are re-hashed below
            prev = e.prev_hash
            if e.seq != since.seq or e.hash != since.hash:
                faults.append(ChainFault(since.seq, "differs from the chain head recorded at the last full verify"))
        if e.prev_hash != prev:
            faults.append(ChainFault(e.seq, "prev_hash does not match the entry before"))
        h = entry_hash(e.prev_hash, e.seq, e.at, e.actor, e.action, e.entity, e.entity_id, e.data)
        if h != e.hash:
            faults.append(ChainFault(e.seq, "contents do not match its hash"))
        prev = e.hash
        last = e.seq
        expected += 1
    state = head()
    if state.seq != last or state.hash != prev:
        faults.append(ChainFault(state.seq, "chain head does not match the last entry"))
    return faults


@dataclasses.dataclass(frozen=True)
class AuditRow:
    seq: int
    at: str
    actor: str
    action: str
    entity: str
    entity_id: str
    data: dict


def entries(
    *, actor: str | None = None, entity: str | None = None, entity_id: str | None = None,
    since: str | None = None, until: str | None = None, limit: int = 200, offset: int = 0,
) -> list[AuditRow]:
    """Newest first, filtered for the staff audit browser."""
    q = AuditEntry.select().order_by(AuditEntry.seq.desc())
    if actor:
        q = q.where(AuditEntry.actor == actor)
    if entity:
        q = q.where(AuditEntry.entity == entity)
    if entity_id:
        q = q.where(AuditEntry.entity_id == str(entity_id))
    if since:
        q = q.where(AuditEntry.at >= since)
    if until:
        q = q.where(AuditEntry.at < until)
    return [
        AuditRow(e.seq, e.at, e.actor, e.action, e.entity, e.entity_id, json.loads(e.data))
        for e in q.limit(limit).offset(offset)
    ]
