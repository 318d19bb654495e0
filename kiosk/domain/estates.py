"""Sub-districts, communities, estates (小区), buildings, units and households."""

from __future__ import annotations

import dataclasses

import peewee as pw

from kiosk.db.models import Building, Community, Estate, Household, SubDistrict, Unit
from kiosk.domain import address, audit
from kiosk.domain.errors import NotFound, ValidationError
from kiosk.domain.text import clean_line
from kiosk.i18n import _

DEFAULT_SUB_DISTRICT = "滨河街道"


@dataclasses.dataclass(frozen=True)
class EstateInfo:
    id: int
    name: str
    community: str
    sub_district: str
    build_year: int | None
    address: str


@dataclasses.dataclass(frozen=True)
class UnitInfo:
    id: int
    name: str
    floors: int  # highest floor with a household (0 if none recorded)


@dataclasses.dataclass(frozen=True)
class BuildingInfo:
    id: int
    name: str
    units: tuple[UnitInfo, ...]


def _info(e: Estate) -> EstateInfo:
    return EstateInfo(e.id, e.name, e.community.name, e.community.sub_district.name, e.build_year, e.address)


def list_estates() -> list[EstateInfo]:
    q = (
        Estate.select(Estate, Community, SubDistrict)
        .join(Community).join(SubDistrict)
        .order_by(Estate.id)
    )
    return [_info(e) for e in q]


def get_estate(estate_id: int) -> EstateInfo:
    try:
        e = Estate.select(Estate, Community, SubDistrict).join(Community).join(SubDistrict).where(Estate.id == estate_id).get()
    except Estate.DoesNotExist:
        raise NotFound(_("No estate with id {id}.").format(id=estate_id)) from None
    return _info(e)


def resolve_estate(name: str | None) -> EstateInfo:
    """The estate named, else the first one. Refuses an unknown name with the known ones listed."""
    estates = list_estates()
    if not estates:
        raise NotFound(_("There is no estate yet: add one with `kiosk estate add NAME` or run `kiosk demo`."))
    if not name:
        return estates[0]
    for e in estates:
        if e.name == name or str(e.id) == str(name):
            return e
    raise NotFound(
        _("No estate named {name}. Known: {known}").format(name=name, known="、".join(e.name for e in estates))
    )


def add_estate(actor: str, name: str, community: str = "", build_year: int | None = None,
               sub_district: str = DEFAULT_SUB_DISTRICT, address: str = "") -> EstateInfo:
    name = clean_line(name, field="name", limit=60)
    community = clean_line(community or name, field="community", limit=60)
    sub_district = clean_line(sub_district or DEFAULT_SUB_DISTRICT, field="sub_district", limit=60)
    if build_year is not None and not (1900 <= int(build_year) <= 2100):
        raise ValidationError(_("Build year out of range: {value}").format(value=build_year), "build_year")
    with audit.write(actor) as w:
        if Estate.select().where(Estate.name == name).exists():
            raise ValidationError(_("An estate named {name} already exists.").format(name=name), "name")
        sd, _created = SubDistrict.get_or_create(name=sub_district)
        com, _created = Community.get_or_create(sub_district=sd, name=community)
        estate = Estate.create(community=com, name=name, build_year=build_year, address=address)
        w.record("estate.add", "estate", estate.id, name=name, community=community, sub_district=sub_district, build_year=build_year)
    return get_estate(estate.id)


def layout(estate_id: int) -> list[BuildingInfo]:
    """Buildings and units of an estate, in their natural order, for pickers."""
    floors = dict(
        Household.select(Household.unit, pw.fn.MAX(Household.floor))
        .join(Unit).join(Building)
        .where(Building.estate == estate_id)
        .group_by(Household.unit)
        .tuples()
    )
    out = []
    for b in Building.select().where(Building.estate == estate_id).order_by(Building.sort, Building.id):
        units = tuple(
            UnitInfo(u.id, u.name, int(floors.get(u.id) or 0))
            for u in Unit.select().where(Unit.building == b.id).order_by(Unit.sort, Unit.id)
        )
        out.append(BuildingInfo(b.id, b.name, units))
    return out


def ensure_building(estate_id: int, name: str, sort: int = 0) -> Building:
    """Inside a write: find or create a building by name."""
    b = Building.get_or_none(Building.estate == estate_id, Building.name == name)
    return b or Building.create(estate=estate_id, name=name, sort=sort)


def ensure_unit(building: Building, name: str, sort: int = 0) -> Unit:
    u = Unit.get_or_none(Unit.building == building.id, Unit.name == name)
    return u or Unit.create(building=building, name=name, sort=sort)


@dataclasses.dataclass(frozen=True)
class HouseholdRef:
    """How a household may appear publicly: building and unit only."""

    id: int
    building: str
    unit: str


def find_household(estate_id: int, building: str, unit: str, room: str) -> int:
    """As people type them: "3", "三号楼", "1", "一单元" … (domain/address.py)."""
    return address.household(estate_id, building, unit, room).id


def household_count(estate_id: int) -> int:
    return Household.select().join(Unit).join(Building).where(Building.estate == estate_id).count()
