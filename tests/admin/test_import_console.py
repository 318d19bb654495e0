"""Importing a file already on the box from the console: picked from the office folder listing
or typed, previewed with every bad line and nothing written, imported after a yes."""

from __future__ import annotations

import os

from kiosk.db.models import AuditEntry, Household
from kiosk.domain import estates
from kiosk.screens.admin.imports import ImportScreen
from support import flat, press, settle, type_text, until
from support.admin import SIZE, make_app, sign_in

HEADER = "estate,building,unit,room,floor,area_m2,owner_key,owner_name\n"


async def _open(pilot) -> None:
    await sign_in(pilot, "fang")
    await press(pilot, "h", "i")
    assert isinstance(pilot.app.screen, ImportScreen)


async def test_a_bad_file_is_previewed_line_by_line_and_nothing_is_written(demo_db, tmp_path):
    estate = estates.list_estates()[0].name
    bad = tmp_path / "名册.csv"
    bad.write_text(HEADER + f"{estate},9号楼,1单元,101,1,58.7,N1,甲\n"
                            f"{estate},9号楼,1单元,102,99,58.7,N2,乙\n"
                            f"不存在的小区,9号楼,1单元,103,1,58.7,N3,丙\n"
                            f"{estate},9号楼,1单元,104,1,五十,N4,丁\n", encoding="utf-8")
    imports_done = AuditEntry.select().where(AuditEntry.action == "household.import")
    households, entries = Household.select().count(), imports_done.count()
    app = make_app(office_folder=str(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot)
        assert "名册.csv" in flat(app)  # listed from the office folder
        await press(pilot, "enter")  # the file under the cursor: previewed
        await until(pilot, lambda: "99" in flat(app))
        shown = str(app.screen.query_one("#preview").render())
        await press(pilot, "ctrl+s")  # refused: there are bad rows
        await settle(pilot)
        assert isinstance(app.screen, ImportScreen)
    for line in ("3", "4", "5"):
        assert f"第 {line} 行" in shown or f"line {line}" in shown, shown
    assert "第 2 行" not in shown
    assert Household.select().count() == households and imports_done.count() == entries


async def test_a_typed_path_is_imported_after_a_yes(demo_db, tmp_path):
    estate = estates.list_estates()[0].name
    good = tmp_path / "new.csv"
    good.write_text(HEADER + "".join(f"{estate},9号楼,1单元,{100 + i},1,58.7,N{i},户{i}\n" for i in range(1, 31)),
                    encoding="gb18030")
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    before = Household.select().count()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot)
        app.screen.query_one("#f-path").value = str(fifo)
        app.screen.query_one("#f-path").focus()
        await press(pilot, "enter")
        await until(pilot, lambda: "pipe.csv" in str(app.screen.query_one("#preview").render()))
        refused = str(app.screen.query_one("#preview").render())
        app.screen.query_one("#f-path").value = str(good)
        await press(pilot, "enter")
        await until(pilot, lambda: "30" in str(app.screen.query_one("#preview").render()))
        await press(pilot, "ctrl+s")
        asked = flat(app)
        await press(pilot, "y")
        await until(pilot, lambda: Household.select().count() == before + 30)
        await settle(pilot)
        done = str(app.screen.query_one("#preview").render())
    assert "\n" not in refused.strip() and "pipe.csv" in refused
    assert "30" in asked
    assert Household.select().count() == before + 30 and "30" in done


async def test_with_no_file_to_pick_what_staff_type_goes_to_the_path(demo_db, tmp_path, monkeypatch):
    """The screen says "type the file's path above" when no folder holds a CSV file: the keys typed
    next go to that path (not to the empty list), and Enter previews it."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    (tmp_path / "home").mkdir()
    (tmp_path / "office").mkdir()
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    app = make_app(office_folder=str(tmp_path / "office"))
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot)
        await until(pilot, lambda: "CSV" in str(app.screen.query_one("#preview").render()))
        await type_text(pilot, str(fifo))
        await press(pilot, "enter")
        await until(pilot, lambda: "pipe.csv" in str(app.screen.query_one("#preview").render()))
        typed = app.screen.query_one("#f-path").value
    assert typed == str(fifo)
