"""`kiosk import households FILE.csv`: the flats of an estate and their owners.

Columns: estate,building,unit,room,floor,area_m2,owner_key, optionally owner_name,phone. A flat
already on record is skipped and named; the same flat twice in the file is a bad row.
"""

from __future__ import annotations

import dataclasses

from kiosk.db.models import Building, Household, Unit
from kiosk.domain import audit, estates
from kiosk.domain.imports import fields
from kiosk.domain.imports.problems import LineProblem, Problem
from kiosk.domain.imports.schema import Column, Schema, Settled
from kiosk.domain.money import parse_area
from kiosk.domain.reports import normalise_phone
from kiosk.i18n import _

FLOORS = range(-3, 61)


@dataclasses.dataclass(slots=True)  # not frozen: a frozen __init__ costs five times as much
class HouseholdRow:
    line: int
    estate_id: int
    building: str
    unit: str
    room: str
    floor: int
    area_cm2: int
    owner_key: str
    owner_name: str | None
    phone: str | None


def _floor(text: str) -> int:
    try:
        floor = fields.whole_number(text, signed=True)
    except ValueError:
        floor = None
    if floor not in FLOORS:
        raise Problem(_("bad floor {value!r}").format(value=text))
    return floor


class Households(Schema[HouseholdRow]):
    action = "household.import"
    entity = "household_batch"
    row = HouseholdRow
    chunk = 500  # insert_many binds every value: 7 columns × 500, far under SQLite's 32,766

    def __init__(self) -> None:
        self.estates = {e.name: e.id for e in estates.list_estates()}
        self.seen: dict[tuple, int] = {}  # (estate, building, unit, room) -> first line
        self.units: dict[tuple[int, str, str], int] = {}

    def columns(self) -> tuple[Column, ...]:
        return (
            Column("estate", self._estate),
            Column("building", fields.line_of_text("building", 40)),
            Column("unit", fields.line_of_text("unit", 40)),
            Column("room", fields.line_of_text("room", 20)),
            Column("floor", _floor),
            Column("area_m2", fields.domain(parse_area)),
            Column("owner_key", fields.line_of_text("owner_key", 60)),
            Column("owner_name", fields.or_none(fields.line_of_text("owner_name", 60, required=False)), required=False),
            Column("phone", fields.domain(normalise_phone), required=False),
        )

    def _estate(self, text: str) -> int:
        if text not in self.estates:
            raise Problem(_("unknown estate {value!r}").format(value=text))
        return self.estates[text]

    def check(self, row: HouseholdRow) -> HouseholdRow:
        first = self.seen.setdefault((row.estate_id, row.building, row.unit, row.room), row.line)
        if first != row.line:
            raise Problem(_("the same household appears twice (also line {line})").format(line=first))
        return row

    def settle(self, rows: list[HouseholdRow]) -> Settled[HouseholdRow]:
        wanted = {r.estate_id for r in rows}
        on_record = set()
        if wanted:
            on_record = set(Household.select(Building.estate, Building.name, Unit.name, Household.room)
                            .join(Unit).join(Building).where(Building.estate.in_(sorted(wanted))).tuples())
        todo, skipped = [], []
        for r in rows:
            if (r.estate_id, r.building, r.unit, r.room) in on_record:
                skipped.append(LineProblem(r.line, _("household {building} {unit} {room} already exists").format(
                    building=r.building, unit=r.unit, room=r.room)))
            else:
                todo.append(r)
        return Settled(todo, skipped)

    def _unit(self, r: HouseholdRow) -> int:
        key = (r.estate_id, r.building, r.unit)
        if key not in self.units:
            self.units[key] = estates.ensure_unit(estates.ensure_building(r.estate_id, r.building), r.unit).id
        return self.units[key]

    def write(self, w: audit.Write, seq: int, rows: list[HouseholdRow]) -> None:
        Household.insert_many([
            {"unit": self._unit(r), "room": r.room, "floor": r.floor, "area_cm2": r.area_cm2, "owner_key": r.owner_key,
             "owner_name": r.owner_name, "phone": r.phone} for r in rows
        ]).execute()

    def audit_fields(self, skipped: int) -> dict:
        return {"skipped": skipped}
