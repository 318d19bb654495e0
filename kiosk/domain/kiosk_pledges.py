"""Pledges made by a resident at the lobby kiosk (我要认捐).

The household proves itself with its private household code (household_codes): nothing returned
here names its room. The pledge is an owners' contribution with status `pledged`, and gets a
reference number that the household brings to the office when it pays; staff confirm it as
received then, or cancel a doubtful one with a reason (the ledger's own cancel path).

Limits per household, so that one code cannot flood a project's figures (all in one place):
at most MAX_OPEN_PER_PROJECT kiosk pledges still unpaid per project, and MAX_PER_DAY kiosk
pledges a day in all, whatever became of them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from kiosk import clock
from kiosk.db import backend
from kiosk.db.models import Building, Contribution, Household, PledgeReference, Project, Unit, database
from kiosk.domain import audit, codes, funding, household_codes, ledger, tickets
from kiosk.domain.errors import NotFound, ValidationError
from kiosk.i18n import _

# A lobby pledge above this is almost surely a typing slip; bigger gifts go through the office.
KIOSK_PLEDGE_MAX_FEN = 100_000_00
MAX_OPEN_PER_PROJECT = 2
MAX_PER_DAY = 3
REFERENCE_RANDOM_DIGITS = 6  # and Damm's check digit: 7 digits, a typo at the office is caught
NOTE = "kiosk"


@dataclasses.dataclass(frozen=True)
class KioskPledge:
    """What the resident may see after pledging: building and unit, never the room."""

    contribution_id: int
    project_id: int
    project_title: str
    building: str
    unit: str
    amount_fen: int
    on: dt.date
    reference: str


@dataclasses.dataclass(frozen=True)
class OpenPledge:
    """For staff: an unpaid kiosk pledge, to chase or to cancel if it looks doubtful."""

    contribution_id: int
    reference: str
    project_title: str
    building: str
    unit: str
    room: str
    amount_fen: int
    created_at: dt.datetime
    kiosk: str


def check_amount(amount_fen: int) -> int:
    if not isinstance(amount_fen, int) or isinstance(amount_fen, bool) or amount_fen <= 0:
        raise ValidationError(_("Amount must be positive."), "amount")
    if amount_fen > KIOSK_PLEDGE_MAX_FEN:
        raise ValidationError(
            _("A pledge made here can be at most {amount}; for more, please visit the community office.").format(
                amount=f"¥{KIOSK_PLEDGE_MAX_FEN // 100:,}"),
            "amount",
        )
    return amount_fen


def _new_reference() -> str:
    while True:
        body = codes.digits(REFERENCE_RANDOM_DIGITS)
        reference = body + tickets.check_digit(body)
        if not PledgeReference.select().where(PledgeReference.reference == reference).exists():
            return reference


def _check_limits(household_id: int, project_id: int, now: dt.datetime) -> None:
    mine = PledgeReference.select().join(Contribution).where(PledgeReference.household == household_id)
    open_here = mine.where(PledgeReference.project == project_id, Contribution.status == "pledged").count()
    if open_here >= MAX_OPEN_PER_PROJECT:
        raise ValidationError(
            _("Your household already has {n} unpaid pledges for this project. Please pay them, or change them, "
              "at the community office.").format(n=open_here), "project")
    midnight = dt.datetime.combine(now.date(), dt.time())
    if mine.where(PledgeReference.created_at >= midnight).count() >= MAX_PER_DAY:
        raise ValidationError(
            _("Your household has pledged {n} times at the kiosk today. Please come back tomorrow, "
              "or visit the community office.").format(n=MAX_PER_DAY), "code")


def _result(c: ledger.ContributionInfo, project, holder: household_codes.Holder, reference: str) -> KioskPledge:
    return KioskPledge(c.id, project.id, project.title, holder.building, holder.unit, c.amount_fen, c.pledged_on, reference)


def pledge_at_kiosk(actor: str, estate_id: int, project_id: int, code: str, amount_fen: int, *,
                    idempotency_key: str | None = None, kiosk: str | None = None) -> KioskPledge:
    """Record a household's pledge toward an active project of its own estate, with its reference
    number. Retrying with the same idempotency key returns the first pledge."""
    check_amount(amount_fen)
    project = funding.get_project(project_id)
    if project.estate_id != estate_id or project.status not in funding.ACTIVE:
        raise ValidationError(_("This project is not taking pledges."), "project")
    holder = household_codes.check(code, estate_id)
    db = database
    with db.atomic():
        # Writers wait from here (the audited writes below take the same lock): the limits hold
        # even when two kiosks take the same code at once.
        db.execute_sql(backend.lock_state_sql(db.obj))
        if idempotency_key:
            done = (PledgeReference.select(PledgeReference, Contribution).join(Contribution)
                    .where(Contribution.idempotency_key == idempotency_key).first())
            if done is not None:
                return _result(ledger.get(done.contribution_id), project, holder, done.reference)
        now = clock.now()
        _check_limits(holder.household_id, project_id, now)
        c = ledger.record(actor, project_id, "owners", amount_fen, status="pledged", household_id=holder.household_id,
                          idempotency_key=idempotency_key, note=NOTE)
        reference = _new_reference()
        with audit.write(actor) as w:
            PledgeReference.insert(contribution=c.id, household=holder.household_id, project=project_id,
                                   reference=reference, kiosk=kiosk or "", created_at=now).execute()
            w.record("kiosk_pledge.reference", "contribution", c.id, reference=reference, **({"kiosk": kiosk} if kiosk else {}))
    return _result(c, project, holder, reference)


def _open_query(estate_id: int | None):
    q = (PledgeReference.select(PledgeReference, Contribution, Project, Household, Unit, Building)
         .join_from(PledgeReference, Contribution).join_from(PledgeReference, Project)
         .join_from(PledgeReference, Household).join(Unit).join(Building)
         .where(Contribution.status == "pledged"))
    if estate_id is not None:
        q = q.where(Project.estate == estate_id)
    return q


def open_pledges(estate_id: int | None = None, *, limit: int = 500) -> list[OpenPledge]:
    """Unpaid kiosk pledges, newest first."""
    q = _open_query(estate_id).order_by(PledgeReference.created_at.desc(), PledgeReference.id.desc()).limit(limit)
    return [OpenPledge(r.contribution_id, r.reference, r.project.title, r.household.unit.building.name,
                       r.household.unit.name, r.household.room, int(r.contribution.amount_fen), r.created_at, r.kiosk)
            for r in q]


def by_reference(reference: str) -> OpenPledge:
    """The unpaid pledge a household brings to the office by its reference number."""
    typed = codes.normalise(reference)
    r = _open_query(None).where(PledgeReference.reference == typed).first()
    if r is None:
        raise NotFound(_("No unpaid kiosk pledge has that reference number."))
    return OpenPledge(r.contribution_id, r.reference, r.project.title, r.household.unit.building.name,
                      r.household.unit.name, r.household.room, int(r.contribution.amount_fen), r.created_at, r.kiosk)


def cancel(actor: str, contribution_id: int, reason: str) -> ledger.ContributionInfo:
    """Staff cancel a doubtful kiosk pledge, saying why (the ledger keeps the entry and the reason)."""
    if not PledgeReference.select().where(PledgeReference.contribution == contribution_id).exists():
        raise NotFound(_("No kiosk pledge with id {id}.").format(id=contribution_id))
    return ledger.cancel(actor, contribution_id, reason)
