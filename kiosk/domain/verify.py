"""`kiosk verify`: schema, storage integrity, the guard triggers, the audit chain, and every money
entry against the audit entry that vouches for it. Each fault names what is wrong and where, so
an amount changed behind the program's back is found even if someone dropped the triggers, and
the running funding totals are checked against the ledger they sum.

Full and from the checkpoint: `run(full=True)` checks everything and, when it passes, the caller
records a checkpoint (`record_checkpoint`, an audit entry naming the chain head, the highest money
entry id and how many entries there were). `run()` checks from the last checkpoint: the chain from
the checkpoint's head on (that entry must still carry the hash recorded), money entries added or
moved since, the count of the older ones, and the cheap whole-database checks (schema, triggers,
SQLite's quick_check, the running totals, the ballots). An older row changed behind the program's
back, with its guard triggers put back afterwards, is left to the next full run.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections import defaultdict

import peewee as pw

from kiosk.db import backend, schema
from kiosk.db.models import AuditEntry, Contribution, FundingTotal, database
from kiosk.domain import audit, ledger, ledger_lines, ledger_seal, sources
from kiosk.domain.errors import ValidationError
from kiosk.i18n import _


@dataclasses.dataclass(frozen=True)
class Fault:
    where: str
    problem: str

    def __str__(self) -> str:
        return f"{self.where}: {self.problem}"


@dataclasses.dataclass(frozen=True)
class Report:
    faults: tuple[Fault, ...]
    entries: int
    contributions: int
    head: str
    since: Checkpoint | None = None  # None: everything was checked
    covered: Checkpoint | None = None  # the state this run covers at least


    @property
    def ok(self) -> bool:
        return not self.faults


@dataclasses.dataclass(frozen=True)
class Checkpoint:
    """What a full verify vouched for: the chain up to `seq` (whose hash was `hash`) and the money
    entries up to id `max_id`, `contributions` of them."""
    seq: int
    hash: str
    max_id: int
    contributions: int
    at: str = ""


CHECKPOINT = "verify_checkpoint"  # the audit entity of checkpoints


def last_checkpoint() -> Checkpoint | None:
    e = (AuditEntry.select(AuditEntry.data, AuditEntry.at).where(AuditEntry.entity == CHECKPOINT, AuditEntry.entity_id == "")
         .order_by(AuditEntry.seq.desc()).first())
    if e is None:
        return None
    data = json.loads(e.data)
    return Checkpoint(int(data["seq"]), data["hash"], int(data["max_id"]), int(data["contributions"]), e.at)


def _state() -> Checkpoint:
    """What this run covers at least, read before any check (later writes get higher ids and seqs)."""
    head = audit.head()
    top, n = Contribution.select(pw.fn.MAX(Contribution.id), pw.fn.COUNT(Contribution.id)).scalar(as_tuple=True)
    return Checkpoint(head.seq, head.hash, int(top or 0), int(n))


def record_checkpoint(actor: str, report: Report) -> None:
    """After a full run that passed: the next runs check from here."""
    if not report.ok or report.since is not None or report.covered is None:
        raise ValueError("only a full verify that passed records a checkpoint")
    c = report.covered
    with audit.write(actor) as w:
        w.record("verify.checkpoint", CHECKPOINT, "", seq=c.seq, hash=c.hash, max_id=c.max_id, contributions=c.contributions)


MIN_ANCHOR_HEX = 16  # 64 bits: no one forges a rewritten chain that matches a printed prefix


def parse_anchor(text: str) -> tuple[int, str]:
    """'617:7ca496eb923ea72e' (entry number and its hash, or the hash's first 16+ characters, as
    printed on the daily disclosure) -> (617, '7ca496eb923ea72e')."""
    seq, sep, digest = text.strip().partition(":")
    digest = digest.strip().lower()
    if (not sep or not seq.strip().lstrip("#").isdigit() or len(digest) < MIN_ANCHOR_HEX or len(digest) > 64
            or any(c not in "0123456789abcdef" for c in digest)):
        raise ValidationError(_("An anchor is the entry number and its hash as printed, like 617:7ca496eb923ea72e "
                                "(at least {n} characters of the hash).").format(n=MIN_ANCHOR_HEX), "anchor")
    return int(seq.strip().lstrip("#")), digest


def check_anchor(seq: int, digest: str) -> Fault | None:
    """A printed (entry, hash) must still be in the chain: a chain rewritten from that entry on,
    with every hash recomputed, passes every other check but not this one."""
    e = AuditEntry.get_or_none(AuditEntry.seq == seq)
    where = _("audit entry #{seq}").format(seq=seq)
    if e is None:
        return Fault(where, _("missing: the printed disclosure names an entry this database does not have"))
    if not e.hash.startswith(digest):
        return Fault(where, _("its hash differs from the printed copy: the log was rewritten since"))
    return None


def run(anchors: tuple[tuple[int, str], ...] = (), full: bool = False) -> Report:
    """Everything (`full`, or when no checkpoint was recorded yet), else from the last checkpoint."""
    db = database.obj
    faults: list[Fault] = []
    since = None if full else last_checkpoint()
    covered = _state()
    try:
        schema.check(db)
    except schema.SchemaError as exc:
        faults.append(Fault("schema", str(exc)))
    for problem in backend.integrity_problems(db, quick=since is not None):
        faults.append(Fault("storage", problem))
    for name in sorted(schema.missing_guards(db)):
        faults.append(Fault("trigger " + name, _("guard trigger is missing (run `kiosk init` to restore it)")))
    for f in audit.verify_chain(since=audit.ChainHead(since.seq, since.hash) if since else None):
        faults.append(Fault(_("audit entry #{seq}").format(seq=f.seq), f.problem))
    faults += _check_contributions(since)
    if db.table_exists("funding_total"):
        faults += _check_totals()
    if db.table_exists("ballot"):
        from kiosk.domain import ballot_audit

        faults += [Fault(where, problem) for where, problem in ballot_audit.faults()]
    from kiosk.domain import payment_audit

    faults += [Fault(where, problem) for where, problem in payment_audit.faults()]
    from kiosk.domain import emergency_audit

    faults += [Fault(where, problem) for where, problem in emergency_audit.faults()]
    from kiosk.domain import acceptance_audit

    faults += [Fault(where, problem) for where, problem in acceptance_audit.faults()]
    from kiosk.domain import pledge_audit

    faults += [Fault(where, problem) for where, problem in pledge_audit.faults()]
    for seq, digest in anchors:
        fault = check_anchor(seq, digest)
        if fault:
            faults.append(fault)
    head = audit.head()
    n = Contribution.select().count()
    return Report(tuple(faults), head.seq, n, head.hash, since, covered)


def _check_totals() -> list[Fault]:
    """The running totals every funding figure is read from must equal the ledger summed."""
    ledger_sums = {
        (pid, source, status): (int(total), int(n)) for pid, source, status, total, n in
        Contribution.select(Contribution.project, Contribution.source, Contribution.status,
                            pw.fn.SUM(Contribution.amount_fen), pw.fn.COUNT(Contribution.id))
        .group_by(Contribution.project, Contribution.source, Contribution.status).tuples()
    }
    kept = {
        (pid, source, status): (int(total), int(n)) for pid, source, status, total, n in
        FundingTotal.select(FundingTotal.project, FundingTotal.source, FundingTotal.status,
                            FundingTotal.amount_fen, FundingTotal.entries).tuples()
        if int(n) or int(total)  # a status every entry has left reads 0, 0
    }
    faults = []
    for key in sorted(ledger_sums.keys() | kept.keys()):
        if ledger_sums.get(key) != kept.get(key):
            pid, source, status = key
            status_label = _(ledger.STATUS_LABELS[status]) if status in ledger.STATUS_LABELS else status
            faults.append(Fault(_("project {id}").format(id=pid),
                                _("the running total {source} / {status} differs from its ledger entries").format(
                                    source=sources.label(source), status=status_label)))
    return faults


def _check_contributions(since: Checkpoint | None = None) -> list[Fault]:
    """Every column of every money entry against the audit log: the fields fixed at creation
    against the digests of the entry that recorded it (`digest`, and `details` for dates, note,
    idempotency key and creation time; entries older than version 5 against the upgrade's seal),
    and status, received_on and cancel_reason against the moves recorded since.
    From a checkpoint: the entries added since in full, the older ones moved since for their
    status, and that the older ones are still as many as the checkpoint counted."""
    faults: list[Fault] = []
    creators: dict[int, dict] = {}
    moves: dict[int, list[tuple[str, dict]]] = defaultdict(list)
    moved_since: set[int] = set()
    q = (AuditEntry.select(AuditEntry.seq, AuditEntry.action, AuditEntry.entity_id, AuditEntry.data)
         .where(AuditEntry.entity.in_(("contribution", "contribution_batch")))
         .order_by(AuditEntry.seq).tuples())
    for seq, action, entity_id, data in q:
        if action in ("contribution.record", "contribution.import"):
            creators[seq] = json.loads(data)
        elif action in ("contribution.received", "contribution.cancelled"):
            moves[int(entity_id)].append((action.split(".", 1)[1], json.loads(data)))
            if since is not None and seq > since.seq:
                moved_since.add(int(entity_id))
    # A receipt number given on 确认到账 was not there when the entry was recorded (nor digested).
    receipt_moves = {cid: data["receipt_no"] for cid, done in moves.items() for to, data in done
                     if to == "received" and data.get("receipt_no")}
    groups: dict[int, list[str]] = defaultdict(list)  # audit entry -> its entries' digest lines, encoded
    detail_groups: dict[int, list[tuple[int, str]]] = defaultdict(list)  # -> (id, detail line encoded)
    first_ids: dict[int, list[int]] = {}  # -> its first few entry ids, to name them
    movable: dict[int, tuple] = {}
    rows = (Contribution.select(Contribution.id, Contribution.project, Contribution.source, Contribution.amount_fen,
                                Contribution.household, Contribution.contributor, Contribution.receipt_no,
                                Contribution.created_status, Contribution.status, Contribution.entry_seq,
                                Contribution.pledged_on, Contribution.received_on, Contribution.note,
                                Contribution.idempotency_key, Contribution.created_at, Contribution.cancel_reason)
            .order_by(Contribution.id))
    queries = [rows]
    if since is not None:
        older = Contribution.select(pw.fn.COUNT(Contribution.id)).where(Contribution.id <= since.max_id).scalar()
        if int(older or 0) != since.contributions:
            faults.append(Fault(_("money entries up to {id}").format(id=since.max_id),
                                _("{found} of them, the last full verify counted {expected}").format(
                                    found=older, expected=since.contributions)))
        queries = [rows.where(Contribution.id > since.max_id)]
        old_moved = sorted(cid for cid in moved_since if cid <= since.max_id)
        for i in range(0, len(old_moved), 500):  # moved since: only their status is checked below
            queries.append(rows.where(Contribution.id.in_(old_moved[i:i + 500])))
    # Raw cursor rows: these columns are stored as plain ints and strings, and skipping peewee's
    # per-value conversion halves the time on a large ledger. Each entry's two digest lines are
    # written straight in their encoded layout (ledger_lines, the same bytes the writer recorded).
    digest_json, detail_json, when_json = ledger_lines.digest_json, ledger_lines.detail_json, ledger_lines.when_json
    when: dict = {None: "null"}  # a ledger holds few distinct dates and creation times
    for (cid, project, source, amount, household, contributor, receipt, created, status, entry,
         pledged_on, received_on, note, key, created_at, cancel_reason) in (r for q in queries for r in database.execute(q)):
        movable[cid] = (created, status, received_on, cancel_reason, receipt)
        if since is not None and cid <= since.max_id:
            continue
        entry = int(entry)
        if entry not in first_ids:
            first_ids[entry] = []
        if len(first_ids[entry]) < 5:
            first_ids[entry].append(cid)
        groups[entry].append(digest_json(cid, project, source, int(amount), household, contributor,
                                         None if cid in receipt_moves else receipt, created))
        on = (pledged_on, received_on if created == "received" else None, created_at)
        try:
            texts = [when[v] for v in on]
        except (KeyError, TypeError):  # TypeError: a value that is no dict key (a tampered column)
            texts = [when_json(v) for v in on]
            for v, t in zip(on, texts):
                if isinstance(v, (str, dt.date)):
                    when[v] = t
        detail_groups[entry].append((cid, detail_json(cid, texts[0], texts[1], note, key, texts[2])))
    sealed: list[tuple] = []
    for entry, lines in groups.items():
        data = creators.get(entry)
        ids = first_ids[entry]
        if data is None:
            faults.append(Fault(_("contribution {ids}").format(ids=", ".join(map(str, ids))), _("no audit entry recorded it")))
            continue
        where = _("contribution {id}").format(id=ids[0]) if len(lines) == 1 else _("import batch (audit entry #{seq}, {file})").format(seq=entry, file=data.get("file", ""))
        if data.get("count") != len(lines) or audit.digest_lines(lines) != data.get("digest"):
            faults.append(Fault(where, _("amounts or fields differ from what audit entry #{seq} recorded").format(seq=entry)))
        elif "details" not in data:
            sealed += detail_groups[entry]
        elif audit.digest_lines(text for _cid, text in detail_groups[entry]) != data["details"]:
            faults.append(Fault(where, _("dates or notes differ from what audit entry #{seq} recorded").format(seq=entry)))
    faults += _check_seal(sorted(sealed))
    for entry, data in creators.items():
        if since is not None and entry <= since.seq:
            continue
        if entry not in groups and data.get("count", 0) > 0:
            faults.append(Fault(_("audit entry #{seq}").format(seq=entry), _("the money entries it recorded are missing")))
    for cid, (created, status, received_on, cancel_reason, receipt) in movable.items():
        if status == created and cancel_reason == "" and cid not in moves and (created != "pledged" or received_on is None):
            continue  # never moved and still as created: nothing below could differ
        received_on = ledger._iso(received_on)
        expected = created
        recorded_on, reason = None, ""
        for to, data in moves.get(cid, ()):
            expected = to
            if to == "received":
                recorded_on = data.get("received_on")
            else:
                reason = data.get("cancel_reason", "")
        where = _("contribution {id}").format(id=cid)
        if status != expected:
            faults.append(Fault(where, _("status is {found}, the audit log says {expected}").format(found=status, expected=expected)))
        elif created == "pledged" and received_on != recorded_on:
            faults.append(Fault(where, _("its date received differs from the audit log")))
        elif cancel_reason != reason:
            faults.append(Fault(where, _("its reason for cancelling differs from the audit log")))
        elif cid in receipt_moves and receipt != receipt_moves[cid]:
            faults.append(Fault(where, _("its receipt number differs from the audit log")))
    return faults


def _check_seal(lines: list[tuple[int, str]]) -> list[Fault]:
    """Entries recorded before version 5 against the upgrade's seal of their details: (id, the
    entry's detail line encoded), in id order."""
    if not lines:
        return []
    found = ledger_seal.seal()
    where = _("contribution {ids}").format(ids=", ".join(str(line[0]) for line in lines[:5]))
    if found is None:
        return [Fault(where, _("no audit entry vouches for their dates and notes"))]
    seq, data = found
    if data.get("count") != len(lines) or audit.digest_lines(text for _cid, text in lines) != data.get("details"):
        return [Fault(where, _("dates or notes differ from what audit entry #{seq} recorded").format(seq=seq))]
    return []
