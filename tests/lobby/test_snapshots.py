"""SVG snapshots of the main lobby screens at 80x24, in Chinese and in English, on the demo
database built at a fixed moment (the clock is stopped, so the title bar's time is fixed too).
Update after an intended change with: pytest tests/lobby/test_snapshots.py --snapshot-update"""

from __future__ import annotations

import pytest

from support import press, settle

SCREENS = {
    "home": [],
    "notices": ["1"],
    "notice": ["1", "1"],
    "funding": ["2", "1"],
    "works": ["3", "1"],
    "report_start": ["4"],
    "report_category": ["4", "2"],
    "emergency_calls": ["4", "1"],
    "me_too": ["4", "2", "2", "5", "2", "4"],
    "pledge_qr": ["6", "2"],
    "track": ["5", "8", "8", "1", "4", "6", "2", "7", "1", "3", "enter"],  # the demo's 5号楼 seepage report
    "votes": ["7"],
    "vote_result": ["7", "3", "1"],
}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", sorted(SCREENS))
def test_screen(snap_compare, make_app, lang, name):
    async def keys(pilot):  # each screen's read (in a worker) shown before the next key
        await settle(pilot)
        await press(pilot, *SCREENS[name])

    assert snap_compare(make_app(lang), run_before=keys, terminal_size=(80, 24))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pause_screen(snap_compare, make_app, lang):
    async def fail(pilot):
        pilot.app.recover(RuntimeError("injected"))
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(make_app(lang), run_before=fail, terminal_size=(80, 24))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_emergency_notice(snap_compare, make_app, lang):
    from kiosk.domain import notices

    app = make_app(lang)
    notices.post("test", "燃气泄漏，请勿使用明火", "3号楼燃气管道检修，请开窗通风，不要使用明火。", emergency=True)
    assert snap_compare(app, run_before=settle, terminal_size=(80, 24))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_home_on_a_tv(snap_compare, make_app, lang):
    assert snap_compare(make_app(lang), run_before=settle, terminal_size=(240, 67))
