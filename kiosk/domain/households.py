"""The household register as staff keep it: find a flat, add one, correct its floor area or its
owner, and transfer it to a new owner. (Whole registers arrive by `kiosk import households`,
domain/imports/kinds/households.py; buildings and units as people type them: domain/address.py.)

The owner key makes two flats of one owner count once in a vote (votes.py counts distinct keys).
An import names it in its own column; here a new owner gets a key of their own, or the key of
another flat of the estate that the same person owns ("same owner as 3号楼 1单元 301").

History is the audit chain: every add, correction and transfer is one entry on the household,
with what it was before (the previous owner's name and key, the old area) and, for a transfer,
its date. `history()` reads those entries back in words. Phone numbers are contact details, not
history: an entry says that the phone changed, never the number.

What a transfer does (the flat stays one household; the new owner is not bound by what the old
one did or held):
  * a ballot already cast stays: one household, one ballot, and the poll counts the flat;
  * codes the old owner holds stop working and the new owner must be given new slips — the
    household code (户码), unused vote codes of every poll and the 一户一策 statement codes;
  * in the plans of projects not yet closed, consent goes back to "undecided" and a hardship
    reduction (granted for the old owner's circumstances) is removed; a share fixed by hand
    stays, since its reason (residents see it) is about the flat. Closed projects keep theirs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import uuid

import peewee as pw

from kiosk import clock
from kiosk.db.models import AuditEntry, Building, Household, HouseholdCode, HouseholdPlan, PlanShare, Project, Unit, VoteCode
from kiosk.domain import address, audit, estates
from kiosk.domain.errors import Conflict, NotFound, ValidationError
from kiosk.domain.imports.kinds.households import FLOORS
from kiosk.domain.money import area_text
from kiosk.domain.reports import normalise_phone
from kiosk.domain.text import clean_line
from kiosk.i18n import N_, _

MAX_AREA_CM2 = 1_000_00  # 1,000 m²: no flat of an old estate is larger
LISTED = 2000  # at most this many rows in one list (narrow by building)
ACTIONS = ("household.add", "household.correct", "household.transfer")


@dataclasses.dataclass(frozen=True)
class HouseholdInfo:
    """Staff view of a flat: private (room, owner, phone)."""

    id: int
    estate_id: int
    building: str
    unit: str
    room: str
    floor: int
    area_cm2: int
    owner_key: str
    owner_name: str
    phone: str

    @property
    def label(self) -> str:
        return f"{self.building} {self.unit} {self.room}"


@dataclasses.dataclass(frozen=True)
class HistoryLine:
    at: str  # when it was recorded, as the audit entry has it
    actor: str
    text: str  # in the reader's language


def _info(h: Household) -> HouseholdInfo:
    b = h.unit.building
    return HouseholdInfo(h.id, b.estate_id, b.name, h.unit.name, h.room, h.floor, int(h.area_cm2), h.owner_key,
                         h.owner_name or "", h.phone or "")


def _row(household_id: int) -> Household:
    h = (Household.select(Household, Unit, Building).join(Unit).join(Building)
         .where(Household.id == household_id).first())
    if h is None:
        raise NotFound(_("No household with id {id}.").format(id=household_id))
    return h


def get(household_id: int) -> HouseholdInfo:
    return _info(_row(household_id))


def find(estate_id: int, building: str, unit: str, room: str) -> HouseholdInfo:
    """As people type them ("3", "一单元", "301室")."""
    return _info(address.household(estate_id, building, unit, room))


def find_text(estate_id: int, text: str) -> HouseholdInfo:
    """One line as staff type it: "3号楼 1单元 301", "3 1 301", "三号楼一单元301"."""
    return find(estate_id, *address.split(text))


def search(estate_id: int, building: str = "", unit: str = "", text: str = "", room: str = "") -> list[HouseholdInfo]:
    """The flats of an estate in register order, narrowed by a building and unit (as typed), a
    room (exactly, "301室" as 301) and text found in the room, the owner's name or the phone."""
    q = (Household.select(Household, Unit, Building).join(Unit).join(Building)
         .where(Building.estate == estate_id)
         .order_by(Building.sort, Building.id, Unit.sort, Unit.id, Household.floor, Household.room, Household.id))
    if building.strip():
        b = address.building(estate_id, building)
        q = q.where(Building.id == b.id)
        if unit.strip():
            q = q.where(Unit.id == address.unit(b, unit).id)
    if address.room_key(room):
        q = q.where(Household.room == address.room_key(room))
    needle = address.plain(text)
    if needle:
        q = q.where(Household.room.contains(needle) | Household.owner_name.contains(needle) | Household.phone.contains(needle))
    return [_info(h) for h in q.limit(LISTED)]


# ---- checks ------------------------------------------------------------------------------------

def _area(area_cm2: int) -> int:
    if not isinstance(area_cm2, int) or isinstance(area_cm2, bool) or not 0 < area_cm2 <= MAX_AREA_CM2:
        raise ValidationError(_("A floor area is more than 0 and at most {max} m².").format(max=area_text(MAX_AREA_CM2)), "area_m2")
    return area_cm2


def _floor(floor: int) -> int:
    if not isinstance(floor, int) or isinstance(floor, bool) or floor not in FLOORS:
        raise ValidationError(_("A floor is a whole number from {low} to {high}.").format(low=FLOORS.start, high=FLOORS.stop - 1),
                              "floor")
    return floor


def _owner(name: str, phone: str) -> tuple[str, str | None]:
    return clean_line(name, field="owner_name", limit=60), normalise_phone(phone)


def _new_key(estate_id: int) -> str:
    """An owner key no other flat has: this owner counts once, on their own."""
    return f"E{estate_id}-{uuid.uuid4().hex[:12]}"


def _key_of(estate_id: int, same_owner_as: int | None) -> str:
    if same_owner_as is None:
        return _new_key(estate_id)
    other = _row(same_owner_as)
    if other.unit.building.estate_id != estate_id:
        raise ValidationError(_("The flat of the same owner must be in the same estate."), "same_owner")
    return other.owner_key


def _name_for(typed: str, word: str, field: str) -> str:
    """A new building or unit's name: "3" becomes 3号楼 / 3单元, as the register writes them."""
    name = clean_line(typed, field=field, limit=40)
    k = address.key(name)
    return f"{k}{word}" if k.isdigit() and address.plain(name).isdigit() else address.plain(name)


# ---- writing ----------------------------------------------------------------------------------------

def add(actor: str, estate_id: int, *, building: str, unit: str, room: str, floor: int, area_cm2: int,
        owner_name: str, phone: str = "", same_owner_as: int | None = None) -> HouseholdInfo:
    """A flat the register lacks. Its building and unit are found as typed, or added ("3" -> 3号楼)."""
    room = address.room_key(clean_line(room, field="room", limit=20))
    _floor(floor)
    _area(area_cm2)
    owner_name, phone_value = _owner(owner_name, phone)
    estates.get_estate(estate_id)
    with audit.write(actor) as w:
        try:
            b = address.building(estate_id, building)
        except NotFound:
            b = estates.ensure_building(estate_id, _name_for(building, "号楼", "building"),
                                        sort=Building.select().where(Building.estate == estate_id).count())
        try:
            u = address.unit(b, unit)
        except NotFound:
            u = estates.ensure_unit(b, _name_for(unit, "单元", "unit"), sort=Unit.select().where(Unit.building == b.id).count())
        if Household.select().where(Household.unit == u.id, Household.room == room).exists():
            raise Conflict(_("Household {building} {unit} {room} is already on the register.").format(
                building=b.name, unit=u.name, room=room))
        key = _key_of(estate_id, same_owner_as)
        h = Household.create(unit=u, room=room, floor=floor, area_cm2=area_cm2, owner_key=key, owner_name=owner_name,
                             phone=phone_value)
        w.record("household.add", "household", h.id, building=b.name, unit=u.name, room=room, floor=floor,
                 area_cm2=area_cm2, owner_name=owner_name, owner_key=key, same_owner_as=same_owner_as)
    return get(h.id)


def correct(actor: str, household_id: int, *, floor: int | None = None, area_cm2: int | None = None,
            owner_name: str | None = None, phone: str | None = None, same_owner_as: int | None = None,
            reason: str = "") -> tuple[HouseholdInfo, bool]:
    """Correct what was recorded wrong (the same owner: a mistyped name, a new phone, the area
    from the deed). Only what differs is written; a correction that changes nothing writes no
    entry (returned False). `same_owner_as`: this owner also owns that flat (they count once)."""
    reason = clean_line(reason, field="reason", limit=100, required=False)
    try:
        with audit.write(actor) as w:
            h = _row(household_id)
            after: dict = {}
            if floor is not None:
                after["floor"] = _floor(floor)
            if area_cm2 is not None:
                after["area_cm2"] = _area(area_cm2)
            if owner_name is not None:
                after["owner_name"] = _owner(owner_name, "")[0]
            if phone is not None:
                after["phone"] = normalise_phone(phone)
            if same_owner_as is not None and same_owner_as != household_id:
                after["owner_key"] = _key_of(h.unit.building.estate_id, same_owner_as)
            diff = audit.changed(h, after)
            if not diff:
                raise _Unchanged
            Household.update(**diff).where(Household.id == household_id).execute()
            w.record("household.correct", "household", household_id, before={k: getattr(h, k) for k in diff if k != "phone"},
                     after={k: v for k, v in diff.items() if k != "phone"}, phone_changed="phone" in diff, reason=reason)
    except _Unchanged:
        return get(household_id), False
    return get(household_id), True


class _Unchanged(Exception):
    """Leaves the write with nothing recorded: its transaction rolls back."""


def transfer(actor: str, household_id: int, *, owner_name: str, phone: str = "", on: dt.date | None = None,
             same_owner_as: int | None = None, reason: str = "") -> HouseholdInfo:
    """The flat has a new owner from `on` (the transfer date, default today; not in the future).
    The previous owner's name and key are kept in the entry; see the module's docstring for what
    happens to codes, ballots and plans."""
    on = on or clock.today()
    if on > clock.today():
        raise ValidationError(_("The transfer date cannot be in the future."), "on")
    owner_name, phone_value = _owner(owner_name, phone)
    reason = clean_line(reason, field="reason", limit=100, required=False)
    now = clock.now()
    with audit.write(actor) as w:
        h = _row(household_id)
        estate_id = h.unit.building.estate_id
        key = _key_of(estate_id, same_owner_as)
        if key == h.owner_key:
            raise ValidationError(_("A transfer is to another owner: to correct this owner's details, correct the household."),
                                  "same_owner")
        Household.update(owner_name=owner_name, phone=phone_value, owner_key=key).where(Household.id == household_id).execute()
        revoked_household_code = HouseholdCode.delete().where(HouseholdCode.household == household_id).execute()
        revoked_vote_codes = (VoteCode.update(revoked_at=now)
                              .where(VoteCode.household == household_id, VoteCode.used_at.is_null(), VoteCode.revoked_at.is_null())
                              .execute())
        open_plans = (HouseholdPlan.select(HouseholdPlan.id).join(Project)
                      .where(Project.estate == estate_id, Project.closed_at.is_null()))
        reset = (PlanShare.update(consent="undecided", consent_at=None, hardship_percent=0, hardship_reason="",
                                  updated_at=now, version=PlanShare.version + 1)
                 .where(PlanShare.household == household_id, PlanShare.plan.in_(open_plans),
                        (PlanShare.consent != "undecided") | (PlanShare.hardship_percent != 0))
                 .execute())
        statement_codes = (PlanShare.update(code_hash=None)
                           .where(PlanShare.household == household_id, PlanShare.code_hash.is_null(False)).execute())
        w.record("household.transfer", "household", household_id, on=on.isoformat(), reason=reason,
                 previous_owner=h.owner_name or "", previous_key=h.owner_key, owner_name=owner_name, owner_key=key,
                 household_code_revoked=bool(revoked_household_code), vote_codes_revoked=revoked_vote_codes,
                 plan_shares_reset=reset, statement_codes_revoked=statement_codes)
    return get(household_id)


# ---- history, in words ------------------------------------------------------------------------------

FIELD_WORDS = {"floor": N_("floor"), "area_cm2": N_("floor area"), "owner_name": N_("owner"), "owner_key": N_("owner key")}


def _value(field: str, value) -> str:
    if value is None or value == "":
        return _("(none)")
    if field == "area_cm2":
        return _("{area} m²").format(area=area_text(int(value)))
    return str(value)


def _why(text: str, data: dict) -> str:
    return _("{text} Why: {reason}").format(text=text, reason=data["reason"]) if data.get("reason") else text


def _words(action: str, data: dict) -> str:
    if action == "household.add":
        return _("Added to the register: floor {floor}, {area} m², owner {owner}.").format(
            floor=data.get("floor"), area=area_text(int(data.get("area_cm2") or 0)), owner=data.get("owner_name") or _("(none)"))
    if action == "household.correct":
        parts = [_("{field} {old} → {new}").format(field=_(FIELD_WORDS.get(k, k)), old=_value(k, v),
                                                  new=_value(k, (data.get("after") or {}).get(k)))
                 for k, v in (data.get("before") or {}).items()]
        if data.get("phone_changed"):
            parts.append(_("phone changed"))
        return _why(_("Corrected: {changes}.").format(changes=_("; ").join(parts)), data)
    if action == "household.transfer":
        text = _("Transferred on {date} from {old} to {new}.").format(
            date=data.get("on", ""), old=data.get("previous_owner") or _("(none)"), new=data.get("owner_name") or _("(none)"))
        done = []
        if data.get("household_code_revoked"):
            done.append(_("household code revoked"))
        if data.get("vote_codes_revoked"):
            done.append(_("unused vote codes revoked: {n}").format(n=data["vote_codes_revoked"]))
        if data.get("statement_codes_revoked"):
            done.append(_("plan statement codes revoked: {n}").format(n=data["statement_codes_revoked"]))
        if data.get("plan_shares_reset"):
            done.append(_("plans whose consent and hardship were reset: {n}").format(n=data["plan_shares_reset"]))
        if done:
            text = _("{text} Also: {done}.").format(text=text, done=_("; ").join(done))
        return _why(text, data)
    return action


def history(household_id: int) -> list[HistoryLine]:
    """What the register recorded about this flat, oldest first, in words."""
    _row(household_id)
    q = (AuditEntry.select(AuditEntry.at, AuditEntry.actor, AuditEntry.action, AuditEntry.data)
         .where(AuditEntry.entity == "household", AuditEntry.entity_id == str(household_id), AuditEntry.action.in_(ACTIONS))
         .order_by(AuditEntry.seq))
    return [HistoryLine(str(e.at)[:16], e.actor, _words(e.action, json.loads(e.data or "{}"))) for e in q]


def owners_count(estate_id: int) -> int:
    """Distinct owners of an estate (an owner of two flats counts once)."""
    return (Household.select(pw.fn.COUNT(Household.owner_key.distinct())).join(Unit).join(Building)
            .where(Building.estate == estate_id).scalar() or 0)
