"""Contributions: the money ledger. Entries are never edited: a pledge is confirmed as received or
cancelled with a reason, and a correction is a cancellation plus a new entry.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import peewee as pw

from kiosk import clock
from kiosk.db.models import Building, Contribution, FundingTotal, Household, Project, Unit
from kiosk.domain import audit
from kiosk.domain.errors import Conflict, Duplicate, NotFound, TransitionRefused, ValidationError
from kiosk.domain.money import MAX_FEN
from kiosk.domain.sources import SOURCES
from kiosk.domain.text import clean_line
from kiosk.i18n import N_, _

STATUSES = ("pledged", "received", "cancelled")
STATUS_LABELS = {"pledged": N_("Pledged"), "received": N_("Received"), "cancelled": N_("Cancelled")}
# Allowed moves. A received entry may be cancelled only to correct a mistake (with a reason).
TRANSITIONS = {"pledged": {"received", "cancelled"}, "received": {"cancelled"}, "cancelled": set()}


@dataclasses.dataclass(frozen=True)
class ContributionInfo:
    id: int
    project_id: int
    source: str
    contributor: str
    household_id: int | None
    amount_fen: int
    status: str
    pledged_on: dt.date | None
    received_on: dt.date | None
    receipt_no: str | None
    note: str
    cancel_reason: str


@dataclasses.dataclass(frozen=True)
class PublicContribution:
    """What a public screen may show: organisations by name, households only as building/unit,
    owners' money without a household link by its source alone (`who` is empty)."""

    on: dt.date | None
    source: str
    amount_fen: int
    who: str


def _info(c: Contribution) -> ContributionInfo:
    return ContributionInfo(
        c.id, c.project_id, c.source, c.contributor, c.household_id, int(c.amount_fen), c.status,
        c.pledged_on, c.received_on, c.receipt_no, c.note, c.cancel_reason,
    )


def get(contribution_id: int) -> ContributionInfo:
    c = Contribution.get_or_none(Contribution.id == contribution_id)
    if c is None:
        raise NotFound(_("No contribution with id {id}.").format(id=contribution_id))
    return _info(c)


def check_project_open(project_id: int) -> None:
    p = Project.get_or_none(Project.id == project_id)
    if p is None:
        raise NotFound(_("No project with id {id}.").format(id=project_id))
    if p.status == "cancelled":
        raise ValidationError(_("Project {id} is cancelled: no money can be recorded against it.").format(id=project_id), "project")
    if p.closed_at is not None:  # its acceptance fixed the final account and the leftover
        raise ValidationError(_("Project {id} was accepted and closed: no money can be recorded against it.").format(id=project_id),
                              "project")


def check_room(adding: dict[int, int]) -> None:
    """Inside a write: refuse entries that would take a project's ledger (every entry, cancelled
    ones too) past MAX_FEN. Each amount is bounded, but enough of them would overflow the 64-bit
    SUM that every funding figure comes from, and no screen could show the project any more."""
    if not adding:
        return
    # From the running totals (every status: a status move keeps a project's sum): a few rows,
    # not a pass over every entry the project ever had, on every write.
    held = dict(
        FundingTotal.select(FundingTotal.project, pw.fn.SUM(FundingTotal.amount_fen))
        .where(FundingTotal.project.in_(list(adding))).group_by(FundingTotal.project).tuples()
    )
    for pid, amount in sorted(adding.items()):
        if int(held.get(pid) or 0) + amount > MAX_FEN:
            raise ValidationError(
                _("Project {id} cannot hold that much money in total: check the amounts.").format(id=pid), "amount")


def check_receipt_free(project_id: int, receipt_no: str) -> None:
    """Inside a write: a receipt number is recorded once per project (the database's unique index
    refuses a second one too; this says so in words, pointing at the field)."""
    if Contribution.select().where(Contribution.project == project_id, Contribution.receipt_no == receipt_no).exists():
        raise Duplicate(_("Receipt {receipt} is already recorded for this project.").format(receipt=receipt_no), "receipt_no")


def next_id() -> int:
    """Inside a write (which holds the write lock): ids are assigned here so that an audit digest
    can name the exact rows it vouches for."""
    top = Contribution.select(pw.fn.MAX(Contribution.id)).scalar()
    return int(top or 0) + 1


def digest_line(row: dict) -> tuple:
    """The immutable fields of an entry, as an audit digest covers them."""
    return (row["id"], row["project"], row["source"], row["amount_fen"], row.get("household"),
            row.get("contributor", ""), row.get("receipt_no"), row["created_status"])


def _iso(value) -> str | None:
    """Dates as the audit log writes them; SQLite hands back the text it stored, which is the same."""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def detail_line(row: dict) -> tuple:
    """Every other column of an entry as created, for a second digest (`details`), so that no
    column changes unseen. A pledge's received_on is not in it: confirming sets it, and the
    move's own audit entry records the date."""
    received_on = row.get("received_on") if row["created_status"] == "received" else None
    return (row["id"], _iso(row.get("pledged_on")), _iso(received_on), row.get("note", ""),
            row.get("idempotency_key"), _iso(row["created_at"]))


def record(actor: str, project_id: int, source: str, amount_fen: int, *, status: str = "pledged",
           contributor: str = "", household_id: int | None = None, on: dt.date | None = None,
           receipt_no: str | None = None, idempotency_key: str | None = None, note: str = "") -> ContributionInfo:
    """Record a pledge or a receipt. Retrying with the same idempotency key returns the first entry."""
    if source not in SOURCES:
        raise ValidationError(_("Unknown source {key}; use one of: {keys}").format(key=source, keys=", ".join(SOURCES)), "source")
    if not isinstance(amount_fen, int) or isinstance(amount_fen, bool) or not (0 < amount_fen <= MAX_FEN):
        raise ValidationError(_("Amount must be positive."), "amount")
    if status not in ("pledged", "received"):
        raise ValidationError(_("A new entry is either pledged or received."), "status")
    contributor = clean_line(contributor, field="contributor", limit=80, required=household_id is None)
    receipt_no = clean_line(receipt_no, field="receipt_no", limit=40, required=False) or None
    note = clean_line(note, field="note", limit=200, required=False)
    on = on or clock.today()
    if idempotency_key:
        existing = Contribution.get_or_none(Contribution.idempotency_key == idempotency_key)
        if existing is not None:
            return _info(existing)
    with audit.write(actor) as w:
        if idempotency_key:
            existing = Contribution.get_or_none(Contribution.idempotency_key == idempotency_key)
            if existing is not None:
                w.record("contribution.retry", "contribution", existing.id, idempotency_key=idempotency_key)
                return _info(existing)
        check_project_open(project_id)
        if household_id is not None and not Household.select().where(Household.id == household_id).exists():
            raise NotFound(_("No household with id {id}.").format(id=household_id))
        if receipt_no:
            check_receipt_free(project_id, receipt_no)
        check_room({project_id: amount_fen})
        seq = w.next_seq()
        row = {
            "id": next_id(), "project": project_id, "source": source, "contributor": contributor,
            "household": household_id, "amount_fen": amount_fen, "status": status, "created_status": status,
            "pledged_on": on if status == "pledged" else None, "received_on": on if status == "received" else None,
            "receipt_no": receipt_no, "idempotency_key": idempotency_key or None, "note": note,
            "created_at": clock.now(), "entry_seq": seq,
        }
        Contribution.insert(row).execute()
        w.record("contribution.record", "contribution", row["id"], project=project_id, source=source,
                 amount_fen=amount_fen, status=status, receipt_no=receipt_no, count=1,
                 digest=audit.digest_rows([digest_line(row)]), details=audit.digest_rows([detail_line(row)]))
    return get(row["id"])


def _move(actor: str, contribution_id: int, to: str, **fields) -> ContributionInfo:
    with audit.write(actor) as w:
        c = Contribution.get_or_none(Contribution.id == contribution_id)
        if c is None:
            raise NotFound(_("No contribution with id {id}.").format(id=contribution_id))
        if to not in TRANSITIONS[c.status]:
            raise TransitionRefused(
                _("An entry that is {now} cannot become {to}.").format(now=_(STATUS_LABELS[c.status]), to=_(STATUS_LABELS[to]))
            )
        if fields.get("receipt_no"):
            check_receipt_free(c.project_id, fields["receipt_no"])
        n = Contribution.update(status=to, **fields).where(Contribution.id == c.id, Contribution.status == c.status).execute()
        if n != 1:  # pragma: no cover - the write lock makes this unreachable
            raise Conflict(_("Someone else changed this entry at the same time. Reload and try again."))
        w.record(f"contribution.{to}", "contribution", c.id, status=to, previous=c.status,
                 **{k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in fields.items()})
    return get(contribution_id)


def confirm(actor: str, contribution_id: int, *, receipt_no: str | None = None, on: dt.date | None = None) -> ContributionInfo:
    """A pledge was paid: pledged -> received; its receipt number is recorded then when it had none
    (unique in the project, as every receipt number; the move's audit entry names it)."""
    fields = {"received_on": on or clock.today()}
    receipt_no = clean_line(receipt_no, field="receipt_no", limit=40, required=False) or None
    if receipt_no:
        c = Contribution.get_or_none(Contribution.id == contribution_id)
        if c is not None and c.receipt_no and c.receipt_no != receipt_no:
            raise ValidationError(_("This entry already has receipt {receipt}.").format(receipt=c.receipt_no), "receipt_no")
        if c is not None and not c.receipt_no:
            fields["receipt_no"] = receipt_no
    return _move(actor, contribution_id, "received", **fields)


def cancel(actor: str, contribution_id: int, reason: str) -> ContributionInfo:
    reason = clean_line(reason, field="reason", limit=200)
    return _move(actor, contribution_id, "cancelled", cancel_reason=reason)


def list_for_project(project_id: int, *, status: str | None = None, limit: int = 200, offset: int = 0) -> list[ContributionInfo]:
    q = Contribution.select().where(Contribution.project == project_id)
    if status:
        q = q.where(Contribution.status == status)
    return [_info(c) for c in q.order_by(Contribution.id.desc()).limit(limit).offset(offset)]


def latest_received(project_id: int, limit: int = 8) -> list[PublicContribution]:
    """Newest receipts, safe for public screens (no names or rooms of households)."""
    q = (
        Contribution.select(Contribution, Household, Unit, Building)
        .join(Household, pw.JOIN.LEFT_OUTER).join(Unit, pw.JOIN.LEFT_OUTER).join(Building, pw.JOIN.LEFT_OUTER)
        .where(Contribution.project == project_id, Contribution.status == "received")
        .order_by(Contribution.received_on.desc(), Contribution.id.desc())
        .limit(limit)
    )
    out = []
    for c in q:
        if c.household_id is not None:
            who = f"{c.household.unit.building.name}{c.household.unit.name}"
        elif c.source == "owners":
            who = ""  # an owner's name typed as the contributor is private: the source says enough
        else:
            who = c.contributor
        out.append(PublicContribution(c.received_on, c.source, int(c.amount_fen), who))
    return out


def received_between_query(start: dt.date, end: dt.date, estate_id: int | None = None) -> pw.Select:
    q = (
        Contribution.select(Contribution.source, pw.fn.SUM(Contribution.amount_fen))
        .where(Contribution.status == "received", Contribution.received_on >= start, Contribution.received_on <= end)
    )
    if estate_id is not None:
        q = q.join(Project).where(Project.estate == estate_id)
    return q.group_by(Contribution.source)


def received_between(start: dt.date, end: dt.date, estate_id: int | None = None) -> dict[str, int]:
    """Money received per source in [start, end] — for the daily disclosure."""
    totals = {k: 0 for k in SOURCES}
    for source, total in received_between_query(start, end, estate_id).tuples():
        totals[source] = int(total or 0)
    return totals
