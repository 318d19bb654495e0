"""The console's household register: find a flat by building and unit typed any way, add one,
correct it (a save that changes nothing writes nothing), transfer it with a yes, read its history."""

from __future__ import annotations

from kiosk import clock, i18n
from kiosk.db.models import AuditEntry, HouseholdCode
from kiosk.domain import estates, households
from kiosk.screens.admin.household_forms import AddForm, CorrectForm, TransferForm
from kiosk.screens.admin.households import HouseholdScreen, HouseholdsScreen
from support import flat, press, settle, type_text
from support.admin import SIZE, make_app, sign_in


def _first_estate():
    return estates.list_estates()[0]


async def _open(pilot, find: str = "") -> None:
    await sign_in(pilot, "fang")
    await press(pilot, "h")
    assert isinstance(pilot.app.screen, HouseholdsScreen)
    if find:
        await press(pilot, "f")
        await type_text(pilot, find + "\r")
        await settle(pilot)


async def test_find_by_building_and_unit_as_people_type_them(demo_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, "三号楼 一单元")
        screen = app.screen
        assert screen.rows and {(h.building, h.unit) for h in screen.rows.values()} == {("3号楼", "1单元")}
        text = flat(app)
        for typed in ("3-1-301", "三号楼一单元301室"):
            await press(pilot, "f", "ctrl+u")
            await type_text(pilot, typed + "\r")
            await settle(pilot)
            assert [(h.building, h.unit, h.room) for h in screen.rows.values()] == [("3号楼", "1单元", "301")], typed
        await press(pilot, "f", "ctrl+u")
        await type_text(pilot, "9\r")
        await settle(pilot)
        refused = flat(app)
    assert "3号楼" in text and "1单元" in text
    assert "没有楼栋" in refused  # one line in words, naming the known buildings


async def test_add_then_correct_then_history(demo_db):
    estate = _first_estate()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot)
        await press(pilot, "n")
        assert isinstance(app.screen, AddForm)
        for name, value in {"building": "3", "unit": "一单元", "room": "999", "floor": "9", "area_m2": "88.5",
                            "owner_name": "周新"}.items():
            app.screen.query_one(f"#f-{name}").value = value
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, HouseholdsScreen), flat(app)
        h = households.find(estate.id, "3", "1", "999")
        assert (h.building, h.unit, h.area_cm2, h.owner_name) == ("3号楼", "1单元", 8850, "周新")

        await press(pilot, "f", "ctrl+u")
        await type_text(pilot, "3 1 999\r")
        await settle(pilot)
        await press(pilot, "c")
        assert isinstance(app.screen, CorrectForm)
        before = AuditEntry.select().count()
        await press(pilot, "ctrl+s")  # nothing changed: nothing is written
        await settle(pilot)
        assert AuditEntry.select().count() == before
        await press(pilot, "c")
        app.screen.query_one("#f-area_m2").value = "８９"  # full-width, as a Chinese IME types it
        app.screen.query_one("#f-reason").value = "按房产证"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, HouseholdsScreen)
        await press(pilot, "enter")
        assert isinstance(app.screen, HouseholdScreen)
        await settle(pilot)
        history = flat(app)
    assert households.get(h.id).area_cm2 == 8900
    assert "88.50" in history and "89.00" in history and "按房产证" in history


async def test_transfer_asks_first_and_revokes_the_old_slip(demo_db):
    estate = _first_estate()
    h = households.search(estate.id, "1", "1")[0]
    assert HouseholdCode.select().where(HouseholdCode.household == h.id).exists()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, f"1 1 {h.room}")
        await press(pilot, "t")
        assert isinstance(app.screen, TransferForm)
        app.screen.query_one("#f-owner_name").value = "钱买家"
        await press(pilot, "ctrl+s")
        asked = flat(app)
        await press(pilot, "n")  # no: nothing happens, the form stays
        assert isinstance(app.screen, TransferForm)
        assert households.get(h.id).owner_name == h.owner_name
        await press(pilot, "ctrl+s", "y")
        await settle(pilot)
        assert isinstance(app.screen, HouseholdsScreen), flat(app)
    assert "钱买家" in asked
    assert households.get(h.id).owner_name == "钱买家"
    assert not HouseholdCode.select().where(HouseholdCode.household == h.id).exists()
    assert clock.today().isoformat() in households.history(h.id)[-1].text


async def test_english(demo_db):
    i18n.set_language("en")
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot)
        text = flat(app)
        await press(pilot, "n")
        form = flat(app)
    assert "Household register" in text and "Owner" in text
    assert "Same owner as" in form
