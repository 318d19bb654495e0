"""应急维修公示 in the lobby: reachable from home (8), the fixed demo's roof leak with its cost and its
shares by floor area (no room, no owner, no phone), a household's own share found by typing its
building, unit and room, and the repair gone once its disclosure period ends."""

from __future__ import annotations

import datetime as dt

from kiosk import clock
from kiosk.db.models import Household
from kiosk.domain import emergency
from kiosk.domain.money import area_text, yuan
from support import drive, press, screen_text


def _repair():
    (r,) = emergency.list_repairs()
    return r


async def _open(pilot) -> None:
    await press(pilot, "8")  # home: 应急维修
    await press(pilot, "1")  # the one repair being disclosed


async def test_the_demo_repair_with_its_shares_and_nothing_private(make_app):
    app = make_app()
    r = _repair()
    d = emergency.disclosure(r.id)
    async with drive(app, size=(100, 40)) as pilot:
        await _open(pilot)
        text = screen_text(app)
        assert r.title in text and "屋面防水损坏" in text and yuan(r.cost_fen) in text
        assert "每户分摊" in text and yuan(d.groups[0].share_fen) in text and area_text(d.groups[0].area_cm2) in text
        private = [h for h in Household.select().where(Household.id.in_([s.household_id for s in emergency.shares(r.id)]))]
        assert not [h.phone for h in private if h.phone and h.phone in text]
        assert not [h.owner_name for h in private if h.owner_name and len(h.owner_name) > 1 and h.owner_name in text]


async def test_a_household_types_its_place_and_sees_its_share(make_app):
    app = make_app("en")
    r = _repair()
    mine = emergency.shares(r.id)[4]
    typed = "{b}-{u}-{room}".format(b=mine.building.rstrip("号楼"), u=mine.unit.rstrip("单元"), room=mine.room)
    async with drive(app, size=(80, 24)) as pilot:
        await _open(pilot)
        await press(pilot, "1")  # My share
        app.screen.query_one("Input").value = typed
        await press(pilot, "enter")
        text = screen_text(app)
        assert f"Your share: {yuan(mine.share_fen)}" in text and area_text(mine.area_cm2) in text
        app.screen.query_one("Input").value = "9-9-999"
        await press(pilot, "enter")
        text = screen_text(app)
        assert "not shared by that household" in text and "Your share" not in text


async def test_the_place_typed_in_chinese_or_with_dashes_finds_the_same_share(make_app):
    """三号楼一单元502 and 3-1-502 are the same flat: the lookup reads both with the register's parser."""
    app = make_app()
    r = _repair()
    mine = emergency.shares(r.id)[4]
    b, u = mine.building.removesuffix("号楼"), mine.unit.removesuffix("单元")
    numerals = "〇一二三四五六七八九"
    assert b.isdigit() and u.isdigit() and len(b) == len(u) == 1, (mine.building, mine.unit)
    shown = []
    async with drive(app, size=(80, 24)) as pilot:
        await _open(pilot)
        await press(pilot, "1")  # 本户分摊
        for typed in (f"{numerals[int(b)]}号楼{numerals[int(u)]}单元{mine.room}", f"{b}-{u}-{mine.room}"):
            app.screen.query_one("Input").value = typed
            await press(pilot, "enter")
            text = screen_text(app)
            assert yuan(mine.share_fen) in text and area_text(mine.area_cm2) in text, typed
            shown.append(next(line for line in text.splitlines() if yuan(mine.share_fen) in line).strip())
    assert shown[0] == shown[1]


async def test_gone_after_its_period(make_app):
    r = _repair()
    clock.freeze(dt.datetime.combine(r.disclose_until + dt.timedelta(days=1), dt.time(9)))
    app = make_app()
    async with drive(app, size=(80, 24)) as pilot:
        await press(pilot, "8")
        text = screen_text(app)
        assert "目前没有正在公示的应急维修" in text and r.title not in text
