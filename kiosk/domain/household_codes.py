"""A household's private code (户码): one printed slip per household, issued by staff, that proves
the household at the kiosk for a pledge, a "me too" and its 一户一策 statement. (Vote codes stay
one per household per poll: a ballot must not hang on a code that serves every day.)

Stored only as a hash (codes.code_hash), so a copy of the database holds no usable code. Reissuing
(a lost slip) makes the old slip worthless. A wrong code gets one vague answer, whatever was wrong.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from kiosk import clock
from kiosk.db.models import Building, Household, HouseholdCode, Unit
from kiosk.domain import audit, codes
from kiosk.domain.errors import Conflict, NotFound
from kiosk.i18n import _

PURPOSE = "household"
WRONG_CODE = "This code is not valid. Check the slip and try again."  # marked in plans.py


@dataclasses.dataclass(frozen=True)
class Slip:
    """What staff print once and hand to the household; the code is never readable again."""

    household_id: int
    building: str
    unit: str
    room: str
    code: str

    @property
    def label(self) -> str:
        return f"{self.building}{self.unit}{self.room}"


@dataclasses.dataclass(frozen=True)
class Holder:
    """The household a code names, as a lobby may know it: no room."""

    household_id: int
    estate_id: int
    building: str
    unit: str


@dataclasses.dataclass(frozen=True)
class CodeState:
    """For staff: which households of an estate hold a code, since when."""

    household_id: int
    building: str
    unit: str
    room: str
    issued_at: dt.datetime | None


def in_slip_order(estate_id: int):
    """Households of an estate in the order slips are issued and printed."""
    return (Household.select(Household, Unit, Building).join(Unit).join(Building)
            .where(Building.estate == estate_id)
            .order_by(Building.sort, Building.id, Unit.sort, Unit.id, Household.floor, Household.room, Household.id))


def _fresh_hash() -> tuple[str, str]:
    while True:
        code = codes.new_code()
        digest = codes.code_hash(PURPOSE, code)
        if not HouseholdCode.select().where(HouseholdCode.code_hash == digest).exists():
            return code, digest


def issue(actor: str, estate_id: int, *, household_id: int | None = None, reissue: bool = False,
          deliver=None) -> list[Slip]:
    """Codes for every household of the estate that has none (or for all, with `reissue`), or for
    one household (always a new code: the old slip stops working).

    `deliver(slips)` runs before the commit (the printable slips written): when it fails, nothing
    was issued and the old slips still work."""
    with audit.write(actor) as w:
        targets = list(in_slip_order(estate_id))
        if household_id is not None:
            targets = [h for h in targets if h.id == household_id]
            if not targets:
                raise NotFound(_("No household with id {id}.").format(id=household_id))
            reissue = True
        held = {r.household_id for r in HouseholdCode.select(HouseholdCode.household)
                .where(HouseholdCode.household.in_([h.id for h in targets]))}
        if not reissue:
            targets = [h for h in targets if h.id not in held]
            if not targets:
                raise Conflict(_("Every household of this estate already has its code. To replace a lost slip, "
                                 "reissue that household's code."))
        now = clock.now()
        slips = []
        for h in targets:
            code, digest = _fresh_hash()
            (HouseholdCode.insert(household=h.id, code_hash=digest, issued_at=now)
             .on_conflict(conflict_target=[HouseholdCode.household],
                          update={HouseholdCode.code_hash: digest, HouseholdCode.issued_at: now})
             .execute())
            slips.append(Slip(h.id, h.unit.building.name, h.unit.name, h.room, code))
        w.record("household.codes", "estate", estate_id, issued=len(slips), replaced=len(held & {s.household_id for s in slips}),
                 household_id=household_id)
        if deliver is not None:
            deliver(slips)
    return slips


def household_of(code: str) -> int | None:
    """The household a code names, in any estate (None: no such code). No limit on tries here:
    callers count wrong codes (the lobby per kiosk)."""
    if not codes.looks_like(code, codes.CODE_DIGITS):
        return None
    row = HouseholdCode.get_or_none(HouseholdCode.code_hash == codes.code_hash(PURPOSE, code))
    return row.household_id if row else None


def check(code: str, estate_id: int) -> Holder:
    """The household of this estate the code names; any wrong code gets the same answer."""
    household_id = household_of(code)
    h = None
    if household_id is not None:
        h = (Household.select(Household, Unit, Building).join(Unit).join(Building)
             .where(Household.id == household_id, Building.estate == estate_id).first())
    if h is None:
        raise NotFound(_(WRONG_CODE))
    return Holder(h.id, estate_id, h.unit.building.name, h.unit.name)


def states(estate_id: int) -> list[CodeState]:
    issued = dict(HouseholdCode.select(HouseholdCode.household, HouseholdCode.issued_at)
                  .join(Household).join(Unit).join(Building).where(Building.estate == estate_id).tuples())
    return [CodeState(h.id, h.unit.building.name, h.unit.name, h.room, issued.get(h.id)) for h in in_slip_order(estate_id)]

