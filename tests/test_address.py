"""Buildings, units and rooms as people type them (domain/address.py), on both back-ends: one
parser for the console's forms, the CLI and every lookup of a typed household."""

from __future__ import annotations

import pytest

from kiosk.db.models import Household, database
from kiosk.domain import address, estates
from kiosk.domain.errors import NotFound, ValidationError


@pytest.fixture
def estate(db):
    e = estates.add_estate("fang", "测试小区")
    with database.atomic():
        for b_name in ("3号楼", "12号楼", "A座"):
            b = estates.ensure_building(e.id, b_name)
            for u_name in ("1单元", "2单元"):
                u = estates.ensure_unit(b, u_name)
                Household.create(unit=u, room="301", floor=3, area_cm2=7000, owner_key=f"{b_name}{u_name}")
    return e


@pytest.mark.parametrize("typed", ["1", "1单元", "一单元", "１单元", "1 单元", "01", " 1单元 ", "第一单元", "Unit 1"])
def test_units_as_people_type_them(estate, typed):
    b = address.building(estate.id, "3号楼")
    assert address.unit(b, typed).name == "1单元"


@pytest.mark.parametrize("typed, name", [
    ("3", "3号楼"), ("3号楼", "3号楼"), ("三号楼", "3号楼"), ("３号楼", "3号楼"), ("03", "3号楼"), ("3 号楼", "3号楼"),
    ("3楼", "3号楼"), ("12", "12号楼"), ("十二号楼", "12号楼"), ("a座", "A座"), ("A", "A座"),
])
def test_buildings_as_people_type_them(estate, typed, name):
    assert address.building(estate.id, typed).name == name


@pytest.mark.parametrize("text, number", [("一", 1), ("十", 10), ("十一", 11), ("二十", 20), ("二十三", 23), ("两", 2),
                                          ("一〇一", 101), ("十十", None), ("百", None), ("", None)])
def test_chinese_numbers(text, number):
    assert address.chinese_number(text) == number


def test_a_household_typed_any_way(estate):
    want = estates.find_household(estate.id, "3号楼", "1单元", "301")
    for parts in [("3", "1", "301"), ("三号楼", "一单元", "301室"), ("３", "１单元", "３０１"), ("3号楼", "01", " 301 ")]:
        assert estates.find_household(estate.id, *parts) == want
    assert estates.find_household(estate.id, *address.split("3号楼1单元301")) == want
    assert estates.find_household(estate.id, *address.split("三号楼 一单元 301")) == want
    assert estates.find_household(estate.id, *address.split("3-1-301")) == want
    assert estates.find_household(estate.id, *address.split("３－１－３０１")) == want


def test_same_without_a_list():
    assert address.same("三号楼", "3号楼") and address.same("1", "1单元") and address.same(" 1 单元", "1单元")
    assert not address.same("2", "12号楼") and not address.same("", "1单元")


def test_what_does_not_fit_is_refused_in_words(estate):
    with pytest.raises(NotFound, match="3号楼"):  # the known buildings are named
        address.building(estate.id, "9")
    with pytest.raises(NotFound, match="1单元"):
        address.unit(address.building(estate.id, "3"), "5")
    with pytest.raises(NotFound):
        estates.find_household(estate.id, "3", "1", "999")
    with pytest.raises(ValidationError) as err:
        address.building(estate.id, "  ")
    assert err.value.field == "building"
    with pytest.raises(ValidationError, match="3号楼 2单元 301"):
        address.split("3号楼")


def test_a_key_that_fits_two_names_is_not_guessed(db):
    e = estates.add_estate("fang", "两个一号")
    with database.atomic():
        estates.ensure_building(e.id, "1号楼")
        estates.ensure_building(e.id, "1栋")
    with pytest.raises(ValidationError, match="1号楼"):
        address.building(e.id, "一")
    assert address.building(e.id, "1栋").name == "1栋"  # typed as written: no doubt
