"""Emergency repairs from the maintenance fund (住宅专项维修资金应急使用).

In the six situations Beijing's rules name, the repair is done first, without the owners' vote
that an ordinary use of the fund needs, and the owners are told afterwards, at a prominent place
of the estate, what was repaired, when, what it cost and each household's share (docs/emergency-
repairs.md cites the rules). Here a repair is a project of kind "emergency" with its row in
emergency_repair; the households it serves are its shares, each carrying its floor area; the
cost is shared by floor area with the largest remainder method, so the shares add up to the cost
to the fen. The disclosure runs from `disclose` through `disclose_until` (inclusive).

Public reads never carry a name, a phone or a room: a household's share is found by its place
(building, unit, room) by staff or by the household itself, and what everyone may read is the
shares grouped by floor area (the area decides the share).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata

from kiosk import clock
from kiosk.db.models import Building, EmergencyRepair, EmergencyShare, Estate, Household, Project, Unit
from kiosk.domain import address, audit
from kiosk.domain.errors import NotFound, TransitionRefused, ValidationError
from kiosk.domain.money import MAX_FEN
from kiosk.domain.numbers import apportion
from kiosk.domain.text import clean_line, clean_text
from kiosk.i18n import N_, _

KIND = "emergency"
# The six situations (北京市物业管理办法 第三十四条; see docs/emergency-repairs.md), in its order.
SITUATIONS: dict[str, str] = {
    "roof_leak": N_("Roof waterproofing damaged, causing leaks"),
    "lift": N_("Lift failure endangering people"),
    "water_pump": N_("High-rise water pump broken, cutting the water supply"),
    "facade": N_("Façade at risk of falling"),
    "drain": N_("Drain collapsed, blocked or burst"),
    "fire_safety": N_("Fire-safety system out of order"),
}
DEFAULT_DAYS = 30  # the kiosk's choice: the rules read require a disclosure but name no period
MAX_DAYS = 366


def situation_label(key: str) -> str:
    return _(SITUATIONS[key]) if key in SITUATIONS else key


@dataclasses.dataclass(frozen=True)
class RepairInfo:
    id: int
    project_id: int
    estate_id: int
    title: str
    description: str
    situation: str
    found_on: dt.date
    repaired_on: dt.date | None
    cost_fen: int
    households: int
    area_cm2: int  # the households' floor area together
    disclosed_at: dt.datetime | None
    disclose_until: dt.date | None

    @property
    def situation_label(self) -> str:
        return situation_label(self.situation)

    @property
    def costed(self) -> bool:
        return self.repaired_on is not None

    def shown_on(self, day: dt.date) -> bool:
        """Within its disclosure period on `day`."""
        return self.disclosed_at is not None and self.disclosed_at.date() <= day <= self.disclose_until


@dataclasses.dataclass(frozen=True)
class ShareInfo:
    """One household's share. `room` is for staff and for the household's own look-up only."""

    household_id: int
    building: str
    unit: str
    room: str
    area_cm2: int
    share_fen: int


@dataclasses.dataclass(frozen=True)
class AreaGroup:
    """Households of the same floor area and the same share: what anyone may read."""

    area_cm2: int
    share_fen: int
    households: int


@dataclasses.dataclass(frozen=True)
class Disclosure:
    """What residents are owed while the period runs: the repair and its shares by floor area."""

    repair: RepairInfo
    groups: tuple[AreaGroup, ...]

    @property
    def share_range(self) -> tuple[int, int]:
        """The smallest and the largest household share, in fen ((0, 0) with none)."""
        return (min((g.share_fen for g in self.groups), default=0), max((g.share_fen for g in self.groups), default=0))


# ---- reads ---------------------------------------------------------------------------------

def _infos(query) -> list[RepairInfo]:
    rows = list(query)
    totals: dict[int, tuple[int, int]] = {}
    if rows:
        from peewee import fn

        for rid, n, area in (EmergencyShare.select(EmergencyShare.repair, fn.COUNT(EmergencyShare.id),
                                                   fn.SUM(EmergencyShare.area_cm2))
                             .where(EmergencyShare.repair.in_([r.id for r in rows]))
                             .group_by(EmergencyShare.repair).tuples()):
            totals[rid] = (int(n), int(area or 0))
    return [
        RepairInfo(r.id, r.project_id, r.project.estate_id, r.project.title, r.project.description, r.situation,
                   r.found_on, r.repaired_on, int(r.cost_fen), *totals.get(r.id, (0, 0)), r.disclosed_at,
                   r.disclose_until)
        for r in rows
    ]


def _select():
    return EmergencyRepair.select(EmergencyRepair, Project).join(Project)


def get(repair_id: int) -> RepairInfo:
    found = _infos(_select().where(EmergencyRepair.id == repair_id))
    if not found:
        raise NotFound(_("No emergency repair with id {id}.").format(id=repair_id))
    return found[0]


def list_repairs(estate_id: int | None = None) -> list[RepairInfo]:
    """Every emergency repair (staff), newest first."""
    q = _select().order_by(EmergencyRepair.found_on.desc(), EmergencyRepair.id.desc())
    if estate_id is not None:
        q = q.where(Project.estate == estate_id)
    return _infos(q)


def current(estate_id: int | None, day: dt.date | None = None) -> list[RepairInfo]:
    """The estate's (None: every estate's) repairs whose disclosure runs today: newest first."""
    day = day or clock.today()
    q = (_select().where(EmergencyRepair.disclosed_at.is_null(False), EmergencyRepair.disclose_until >= day)
         .order_by(EmergencyRepair.disclosed_at.desc(), EmergencyRepair.id.desc()))
    if estate_id is not None:
        q = q.where(Project.estate == estate_id)
    return [r for r in _infos(q) if r.shown_on(day)]


def shares(repair_id: int) -> list[ShareInfo]:
    """Every household's share, by building, unit and room (staff, and the household's look-up)."""
    q = (EmergencyShare.select(EmergencyShare, Household, Unit, Building)
         .join(Household).join(Unit).join(Building)
         .where(EmergencyShare.repair == repair_id)
         .order_by(Building.sort, Building.id, Unit.sort, Unit.id, Household.floor, Household.room, Household.id))
    return [ShareInfo(s.household_id, s.household.unit.building.name, s.household.unit.name, s.household.room,
                      s.area_cm2, int(s.share_fen)) for s in q]


def area_groups(share_list: list[ShareInfo]) -> tuple[AreaGroup, ...]:
    counts: dict[tuple[int, int], int] = {}
    for s in share_list:
        counts[(s.area_cm2, s.share_fen)] = counts.get((s.area_cm2, s.share_fen), 0) + 1
    return tuple(AreaGroup(a, f, n) for (a, f), n in sorted(counts.items()))


def disclosure(repair_id: int, day: dt.date | None = None) -> Disclosure:
    """The public disclosure of one repair; NotFound outside its period (nothing to show)."""
    repair = get(repair_id)
    if not repair.shown_on(day or clock.today()):
        raise NotFound(_("This emergency repair is not being disclosed now."))
    return Disclosure(repair, area_groups(shares(repair_id)))


def current_disclosures(estate_id: int | None, day: dt.date | None = None) -> list[Disclosure]:
    """Those of one estate (None: of every estate, as the export lists them: one query, not one per estate)."""
    return [Disclosure(r, area_groups(shares(r.id))) for r in current(estate_id, day)]


def share_of(repair_id: int, building: str, unit: str, room: str, day: dt.date | None = None) -> ShareInfo | None:
    """A household's own share, found by its place while the disclosure runs (None: not served).
    Each part is read as people type it (domain/address: 3, 3号楼, 三号楼; 1, 一单元)."""
    disclosure(repair_id, day)  # refuses outside the period
    rows = shares(repair_id)
    try:
        b = address.pick(building, list(dict.fromkeys(s.building for s in rows)), field="building")
        u = address.pick(unit, list(dict.fromkeys(s.unit for s in rows if s.building == b)), field="unit")
    except NotFound:
        return None  # a place the repair does not serve: not a list of the places it does
    r = address.room_key(room)
    return next((s for s in rows if s.building == b and s.unit == u and address.room_key(s.room) == r), None)


def find_share(repair_id: int, typed: str, day: dt.date | None = None) -> ShareInfo | None:
    """As a resident types it at the kiosk: building, unit and room, e.g. 3-1-502, 3 1 502 or
    三号楼一单元502. Refuses what does not name all three."""
    try:
        parts = address.split(typed)
    except ValidationError:
        raise ValidationError(_("Type building, unit and room, e.g. 3-1-502."), "place") from None
    return share_of(repair_id, *parts, day=day)


def parse_served(estate_id: int, text: str) -> dict[str, list[int]]:
    """"3号楼, 5号楼/2单元" as staff type it -> {"buildings": [...], "units": [...]} of ids, for
    `start`: whole buildings, or BUILDING/UNIT for one unit; a name may be given by its number."""
    out: dict[str, list[int]] = {"buildings": [], "units": []}
    for token in re.split(r"[,，、;；\s]+", unicodedata.normalize("NFKC", text or "").strip()):
        if not token:
            continue
        b_text, _sep, u_text = token.partition("/")
        try:
            building = address.building(estate_id, b_text)
            unit = address.unit(building, u_text) if u_text else None
        except NotFound:
            raise ValidationError(_("No building or unit {value} in this estate: give buildings, or BUILDING/UNIT, "
                                    "e.g. 3号楼, 5号楼/2单元.").format(value=token), "served") from None
        except ValidationError as exc:  # a number that fits two names: address says which
            raise ValidationError(str(exc), "served") from None
        if unit is not None:
            out["units"].append(unit.id)
        else:
            out["buildings"].append(building.id)
    if not out["buildings"] and not out["units"]:
        raise ValidationError(_("Name the buildings, units or households the repair serves."), "served")
    return out


# ---- writes --------------------------------------------------------------------------------

def _served(estate_id: int, buildings, units, households) -> list[Household]:
    """The households a repair serves: whole buildings, whole units, single households."""
    q = Household.select(Household, Unit).join(Unit).join(Building).where(Building.estate == estate_id)
    picked: dict[int, Household] = {}
    for ids, field in ((buildings, Building.id), (units, Unit.id), (households, Household.id)):
        ids = [int(i) for i in ids or ()]
        if not ids:
            continue
        found = list(q.where(field.in_(ids)))
        if field is Household.id and len(found) != len(set(ids)):
            raise NotFound(_("A household named is not in this estate."))
        if field is not Household.id:
            seen = {h.unit.building_id if field is Building.id else h.unit_id for h in found}
            if seen != set(ids):
                raise NotFound(_("A building or unit named is not in this estate, or has no households."))
        picked.update((h.id, h) for h in found)
    if not picked:
        raise ValidationError(_("Name the buildings, units or households the repair serves."), "served")
    if any(h.area_cm2 <= 0 for h in picked.values()):
        raise ValidationError(_("A household served has no floor area on record."), "served")
    return list(picked.values())


def start(actor: str, estate_id: int, situation: str, title: str, found_on: dt.date, *,
          buildings=(), units=(), households=(), description: str = "") -> RepairInfo:
    """Record an emergency repair as it starts: its situation, the households it serves."""
    if situation not in SITUATIONS:
        raise ValidationError(_("Unknown emergency situation {key}; use one of: {keys}").format(
            key=situation, keys=", ".join(SITUATIONS)), "situation")
    title = clean_line(title, field="title", limit=80)
    description = clean_text(description, field="description", limit=4000, required=False)
    if found_on > clock.today():
        raise ValidationError(_("The date found cannot be in the future."), "found_on")
    now = clock.now()
    with audit.write(actor) as w:
        if not Estate.select().where(Estate.id == estate_id).exists():
            raise NotFound(_("No estate with id {id}.").format(id=estate_id))
        served = _served(estate_id, buildings, units, households)
        p = Project.create(estate=estate_id, title=title, description=description, status="in_progress",
                           target_fen=0, kind=KIND, created_at=now, updated_at=now)
        r = EmergencyRepair.create(project=p.id, situation=situation, found_on=found_on, created_at=now, updated_at=now)
        EmergencyShare.insert_many([{"repair": r.id, "household": h.id, "area_cm2": h.area_cm2, "share_fen": 0}
                                    for h in served]).execute()
        w.record("emergency.start", "emergency_repair", r.id, project=p.id, estate=estate_id, situation=situation,
                 title=title, found_on=found_on.isoformat(), households=sorted(h.id for h in served))
    return get(r.id)


def record_cost(actor: str, repair_id: int, cost_fen: int, repaired_on: dt.date) -> RepairInfo:
    """The repair's final cost, shared by floor area among the households it serves. May be
    corrected until the disclosure begins, never after (what residents read stays what it was)."""
    if not isinstance(cost_fen, int) or isinstance(cost_fen, bool) or not 0 < cost_fen <= MAX_FEN:
        raise ValidationError(_("Amount out of range."), "cost")
    if repaired_on > clock.today():
        raise ValidationError(_("The repair date cannot be in the future."), "repaired_on")
    with audit.write(actor) as w:
        r = EmergencyRepair.get_or_none(EmergencyRepair.id == repair_id)
        if r is None:
            raise NotFound(_("No emergency repair with id {id}.").format(id=repair_id))
        if r.disclosed_at is not None:
            raise TransitionRefused(_("This repair is already disclosed: its cost can no longer change."))
        if repaired_on < r.found_on:
            raise ValidationError(_("The repair date cannot be before the date it was found."), "repaired_on")
        rows = list(EmergencyShare.select().where(EmergencyShare.repair == repair_id).order_by(EmergencyShare.id))
        parts = apportion(cost_fen, [s.area_cm2 for s in rows])
        for s, part in zip(rows, parts):
            EmergencyShare.update(share_fen=part).where(EmergencyShare.id == s.id).execute()
        now = clock.now()
        EmergencyRepair.update(cost_fen=cost_fen, repaired_on=repaired_on, updated_at=now,
                               version=EmergencyRepair.version + 1).where(EmergencyRepair.id == repair_id).execute()
        Project.update(target_fen=cost_fen, status="completed", updated_at=now,
                       version=Project.version + 1).where(Project.id == r.project_id).execute()
        w.record("emergency.cost", "emergency_repair", repair_id, cost_fen=cost_fen, repaired_on=repaired_on.isoformat(),
                 shares={str(s.household_id): part for s, part in zip(rows, parts)})
    return get(repair_id)


def disclose(actor: str, repair_id: int, days: int = DEFAULT_DAYS) -> RepairInfo:
    """Begin the disclosure today, shown for `days` days (today counts as the first)."""
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= MAX_DAYS:
        raise ValidationError(_("Days must be a whole number from 1 to {max}.").format(max=MAX_DAYS), "days")
    now = clock.now()
    until = now.date() + dt.timedelta(days=days - 1)
    with audit.write(actor) as w:
        r = EmergencyRepair.get_or_none(EmergencyRepair.id == repair_id)
        if r is None:
            raise NotFound(_("No emergency repair with id {id}.").format(id=repair_id))
        if r.repaired_on is None:
            raise TransitionRefused(_("Record the repair's cost before disclosing it."))
        if r.disclosed_at is not None:
            raise TransitionRefused(_("This repair is already disclosed."))
        EmergencyRepair.update(disclosed_at=now, disclose_until=until, updated_at=now,
                               version=EmergencyRepair.version + 1).where(EmergencyRepair.id == repair_id).execute()
        w.record("emergency.disclose", "emergency_repair", repair_id, days=days, until=until.isoformat())
    return get(repair_id)
