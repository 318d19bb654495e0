"""Payments: money out of a project's funds, the write side and its lists. One staff member enters
a payment (pending) and a second one approves or rejects it, never the same person, administrators
included. Nothing is edited: a correction is a reversing entry (negative amount and shares) that a
second person approves in turn. Approved payments never take what was paid from a source beyond
what was received for it, unless an administrator entered the payment as an advance, with its
reason. What was paid is read by `spending`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from kiosk import clock
from kiosk.db.models import FundingTotal, Payment, PaymentShare, Project, Stage, Staff
from kiosk.domain import audit, ledger, spending
from kiosk.domain.errors import NotFound, TransitionRefused, ValidationError
from kiosk.domain.money import MAX_FEN, yuan
from kiosk.domain.sources import SOURCES, label
from kiosk.domain.text import clean_line
from kiosk.i18n import N_, _

STATUS_LABELS = {"pending": N_("Awaiting approval"), "approved": N_("Approved"), "rejected": N_("Rejected")}
DECISIONS = ("approved", "rejected")


def status_label(status: str) -> str:
    return _(STATUS_LABELS.get(status, status))


@dataclasses.dataclass(frozen=True)
class PaymentInfo:
    id: int
    project_id: int
    project: str
    payee: str
    purpose: str
    stage_id: int | None
    document_no: str
    amount_fen: int  # negative for a reversal
    paid_on: dt.date
    shares: tuple[tuple[str, int], ...]  # (source, fen) in SOURCES order, adding up to amount_fen
    reverses_id: int | None
    reversed_by_id: int | None
    advance_reason: str
    status: str
    entered_by: str
    entered_at: dt.datetime
    decided_by: str | None
    decided_at: dt.datetime | None
    decision_note: str
    # For a pending payment: what approving it now would pay beyond what was received, per source.
    beyond: tuple[tuple[str, int], ...] = ()

    @property
    def is_reversal(self) -> bool:
        return self.reverses_id is not None


def digest_line(p: Payment, shares: list[tuple[str, int]]) -> tuple:
    """Every column fixed at entry, and the shares, as the entry's audit digest covers them
    (`payment_audit` recomputes it from the rows)."""
    return (p.id, p.project_id, p.payee, p.purpose, p.stage_id, p.document_no, int(p.amount_fen), ledger._iso(p.paid_on),
            p.reverses_id, p.advance_reason, p.entered_by, ledger._iso(p.entered_at), int(p.entry_seq),
            [[s, int(f)] for s, f in sorted(shares)])


def _ordered(shares: dict[str, int]) -> tuple[tuple[str, int], ...]:
    return tuple((s, shares[s]) for s in SOURCES if s in shares)


def _shares_of(payment_ids: list[int]) -> dict[int, dict[str, int]]:
    out: dict[int, dict[str, int]] = {pid: {} for pid in payment_ids}
    for i in range(0, len(payment_ids), 500):
        q = (PaymentShare.select(PaymentShare.payment, PaymentShare.source, PaymentShare.amount_fen)
             .where(PaymentShare.payment.in_(payment_ids[i:i + 500])).tuples())
        for pid, source, fen in q:
            out[pid][source] = int(fen)
    return out


def _infos(rows: list[Payment]) -> list[PaymentInfo]:
    ids = [p.id for p in rows]
    shares = _shares_of(ids)
    reversed_by = dict(Payment.select(Payment.reverses, Payment.id).where(Payment.reverses.in_(ids)).tuples()) if ids else {}
    titles = dict(Project.select(Project.id, Project.title).where(Project.id.in_({p.project_id for p in rows})).tuples()) if rows else {}
    room: dict[int, dict[str, int]] = {}
    out = []
    for p in rows:
        beyond: tuple = ()
        if p.status == "pending" and p.amount_fen > 0:
            if p.project_id not in room:
                room[p.project_id] = _room(p.project_id)
            beyond = _beyond(room[p.project_id], shares[p.id])
        out.append(PaymentInfo(
            p.id, p.project_id, titles.get(p.project_id, ""), p.payee, p.purpose, p.stage_id, p.document_no,
            int(p.amount_fen), p.paid_on, _ordered(shares[p.id]), p.reverses_id, reversed_by.get(p.id),
            p.advance_reason, p.status, p.entered_by, p.entered_at, p.decided_by, p.decided_at, p.decision_note, beyond,
        ))
    return out


def get(payment_id: int) -> PaymentInfo:
    p = Payment.get_or_none(Payment.id == payment_id)
    if p is None:
        raise NotFound(_("No payment with id {id}.").format(id=payment_id))
    return _infos([p])[0]


def for_project(project_id: int, *, limit: int = 500) -> list[PaymentInfo]:
    """A project's payments, newest first, every status."""
    return _infos(list(Payment.select().where(Payment.project == project_id).order_by(Payment.id.desc()).limit(limit)))


def pending(estate_id: int | None = None, *, limit: int = 500) -> list[PaymentInfo]:
    """Payments waiting for a second person's decision, oldest first."""
    q = Payment.select().where(Payment.status == "pending")
    if estate_id is not None:
        q = q.join(Project).where(Project.estate == estate_id)
    return _infos(list(q.order_by(Payment.id).limit(limit)))


# ---- what was received, what was paid -----------------------------------------------------------

def _room(project_id: int) -> dict[str, int]:
    """Per source: received minus what approved payments already took."""
    received = dict.fromkeys(SOURCES, 0)
    q = (FundingTotal.select(FundingTotal.source, FundingTotal.amount_fen)
         .where(FundingTotal.project == project_id, FundingTotal.status == "received").tuples())
    for source, fen in q:
        received[source] = received.get(source, 0) + int(fen)
    paid = spending.paid_by_source(project_id)
    return {s: received[s] - paid.get(s, 0) for s in received}


def beyond_if_paid(project_id: int, shares: dict[str, int]) -> tuple[tuple[str, int], ...]:
    """What a payment with these shares would pay beyond what was received, per source (a form's
    warning before it enters one)."""
    return _beyond(_room(project_id), shares)


def _beyond(room: dict[str, int], shares: dict[str, int]) -> tuple[tuple[str, int], ...]:
    """The sources a payment's shares would overdraw, and by how much."""
    return tuple((s, f - room.get(s, 0)) for s, f in _ordered(shares) if f > 0 and f > room.get(s, 0))


def beyond_text(beyond: tuple[tuple[str, int], ...]) -> str:
    """'Owners' contribution ¥1,200 beyond what was received' (several sources joined)."""
    return _("; ").join(_("{source}: {amount} beyond what was received").format(source=label(s), amount=yuan(f))
                        for s, f in beyond)


# ---- writes --------------------------------------------------------------------------------------

def _staff(username: str) -> Staff:
    s = Staff.get_or_none(Staff.username == username)
    if s is None or s.disabled:
        raise ValidationError(_("Only an active staff member can record or decide payments; {name} is not one.").format(name=username), "actor")
    return s


def _check_shares(amount_fen: int, shares: dict[str, int]) -> dict[str, int]:
    if not isinstance(amount_fen, int) or isinstance(amount_fen, bool) or not (0 < amount_fen <= MAX_FEN):
        raise ValidationError(_("Amount must be positive."), "amount")
    clean: dict[str, int] = {}
    for source, fen in (shares or {}).items():
        if source not in SOURCES:
            raise ValidationError(_("Unknown source {key}; use one of: {keys}").format(key=source, keys=", ".join(SOURCES)), "shares")
        if not isinstance(fen, int) or isinstance(fen, bool) or fen < 0 or fen > MAX_FEN:
            raise ValidationError(_("A source's share must be a whole, non-negative number of fen."), "shares")
        if fen:
            clean[source] = fen
    if not clean:
        raise ValidationError(_("Name the source (or sources) the payment is paid from."), "shares")
    total = sum(clean.values())
    if total != amount_fen:
        raise ValidationError(_("The sources' shares add up to {sum}, not to the amount {amount}.").format(
            sum=yuan(total), amount=yuan(amount_fen)), "shares")
    return clean


def enter(actor: str, project_id: int, payee: str, purpose: str, document_no: str, amount_fen: int,
          paid_on: dt.date, shares: dict[str, int], stage_id: int | None = None, advance_reason: str = "") -> PaymentInfo:
    """Record a payment, pending a second person's approval. One that would pay beyond what was
    received is recorded with a warning (`beyond`) and refused at approval, unless an
    administrator enters it as an advance with its reason."""
    payee = clean_line(payee, field="payee", limit=80)
    purpose = clean_line(purpose, field="purpose", limit=200)
    document_no = clean_line(document_no, field="document_no", limit=40, required=False)
    advance_reason = clean_line(advance_reason, field="advance_reason", limit=200, required=False)
    shares = _check_shares(amount_fen, shares)
    if not isinstance(paid_on, dt.date) or isinstance(paid_on, dt.datetime):
        raise ValidationError(_("Give the date paid."), "paid_on")
    if paid_on > clock.today():
        raise ValidationError(_("The date paid cannot be in the future."), "paid_on")
    with audit.write(actor) as w:
        enterer = _staff(actor)
        if advance_reason and enterer.role != "admin":
            raise ValidationError(_("Only an administrator can record an advance beyond what was received."), "advance_reason")
        ledger.check_project_open(project_id)
        if stage_id is not None and not Stage.select().where(Stage.id == stage_id, Stage.project == project_id).exists():
            raise NotFound(_("Project {project} has no works stage {id}.").format(project=project_id, id=stage_id))
        row = _insert(w, project=project_id, payee=payee, purpose=purpose, stage=stage_id, document_no=document_no,
                      amount_fen=amount_fen, paid_on=paid_on, reverses=None, advance_reason=advance_reason,
                      entered_by=actor, shares=shares)
        beyond = _beyond(_room(project_id), shares)
        w.record("payment.enter", "payment", row.id, project=project_id, payee=payee, amount_fen=amount_fen,
                 shares=dict(_ordered(shares)), advance_reason=advance_reason,
                 beyond={s: f for s, f in beyond}, digest=audit.digest_rows([digest_line(row, list(shares.items()))]))
    return get(row.id)


def _insert(w: audit.Write, *, shares: dict[str, int], **fields) -> Payment:
    row = Payment.create(**fields, status="pending", entered_at=clock.now(), entry_seq=w.next_seq())
    PaymentShare.insert_many([{"payment": row.id, "source": s, "amount_fen": f} for s, f in shares.items()]).execute()
    return Payment.get_by_id(row.id)  # as stored: the digest covers what verify will read back


def decide_refusal(actor: str, p: Payment | PaymentInfo) -> str:
    """Why `actor` may not approve or reject payment `p` ('' when they may): the one who entered
    a payment never decides it, and a decision is made once."""
    if p.status != "pending":
        return _("Payment {id} was already decided ({status}).").format(id=p.id, status=status_label(p.status))
    if p.entered_by == actor:
        return _("You entered payment {id}: a second staff member must approve or reject it.").format(id=p.id)
    return ""


def _decide(actor: str, payment_id: int, to: str, note: str) -> PaymentInfo:
    with audit.write(actor) as w:
        _staff(actor)
        p = Payment.get_or_none(Payment.id == payment_id)
        if p is None:
            raise NotFound(_("No payment with id {id}.").format(id=payment_id))
        refusal = decide_refusal(actor, p)
        if refusal:
            raise TransitionRefused(refusal)
        if to == "approved" and p.amount_fen > 0:
            shares = _shares_of([p.id])[p.id]
            beyond = _beyond(_room(p.project_id), shares)
            enterer = Staff.get_or_none(Staff.username == p.entered_by)
            advance = bool(p.advance_reason) and enterer is not None and enterer.role == "admin"
            if beyond and not advance:
                raise ValidationError(_("Payment {id} cannot be approved: {why}.").format(id=p.id, why=beyond_text(beyond)), "amount")
        if to == "approved" and p.reverses_id is not None:
            original = Payment.get_by_id(p.reverses_id)
            if original.status != "approved":  # never reached while the guards hold: approved stays approved
                raise TransitionRefused(_("Payment {id} is not approved: there is nothing to reverse.").format(id=original.id))
        now = clock.now()
        Payment.update(status=to, decided_by=actor, decided_at=now, decision_note=note).where(
            Payment.id == p.id, Payment.status == "pending").execute()
        decided = Payment.get_by_id(p.id)
        w.record(f"payment.{to}", "payment", p.id, project=p.project_id, amount_fen=int(p.amount_fen),
                 decided_by=actor, decided_at=ledger._iso(decided.decided_at), note=note)
    return get(payment_id)


def approve(actor: str, payment_id: int, note: str = "") -> PaymentInfo:
    """A second staff member approves: from now on the payment counts as paid."""
    return _decide(actor, payment_id, "approved", clean_line(note, field="note", limit=200, required=False))


def reject(actor: str, payment_id: int, note: str) -> PaymentInfo:
    """A second staff member rejects, saying why: the payment never counts."""
    return _decide(actor, payment_id, "rejected", clean_line(note, field="note", limit=200))


def reverse_refusal(p: PaymentInfo) -> str:
    """Why payment `p` cannot be reversed ('' when it can): only an approved payment, never a
    reversal, and a payment once."""
    if p.reverses_id is not None:
        return _("Payment {id} is itself a reversal: it cannot be reversed.").format(id=p.id)
    if p.status != "approved":
        return _("Only an approved payment can be reversed; payment {id} is {status}.").format(
            id=p.id, status=status_label(p.status))
    if p.reversed_by_id is not None:
        return _("Payment {id} already has a reversing entry ({other}).").format(id=p.id, other=p.reversed_by_id)
    return ""


def reverse(actor: str, payment_id: int, reason: str) -> PaymentInfo:
    """Undo an approved payment: a new entry with its amount and shares negated, pending a second
    person's approval like any payment. A reversal is never reversed, and a payment only once."""
    reason = clean_line(reason, field="reason", limit=200)
    with audit.write(actor) as w:
        _staff(actor)
        p = Payment.get_or_none(Payment.id == payment_id)
        if p is None:
            raise NotFound(_("No payment with id {id}.").format(id=payment_id))
        refusal = reverse_refusal(_infos([p])[0])
        if refusal:
            raise TransitionRefused(refusal)
        shares = {s: -f for s, f in _shares_of([p.id])[p.id].items()}
        row = _insert(w, project=p.project_id, payee=p.payee, purpose=reason, stage=p.stage_id, document_no=p.document_no,
                      amount_fen=-int(p.amount_fen), paid_on=clock.today(), reverses=p.id, advance_reason="",
                      entered_by=actor, shares=shares)
        w.record("payment.enter", "payment", row.id, project=p.project_id, payee=p.payee, amount_fen=int(row.amount_fen),
                 shares=dict(_ordered(shares)), reverses=p.id, reason=reason,
                 digest=audit.digest_rows([digest_line(row, list(shares.items()))]))
    return get(row.id)
