"""The lobby's vote screens driven as residents use them, at 80×24, each pushed by a minimal app
(the staff's poll screens are tested in tests/admin, the display's slide in tests/display)."""

from __future__ import annotations

import asyncio
import datetime as dt
import functools

import pytest
from textual.app import App

from kiosk import clock, i18n
from kiosk.db.models import Ballot, Household
from kiosk.domain import codes, estates, plans, votes
from kiosk.screens.lobby.vote import VoteScreen


def sync(test):
    """Run an async Pilot test on its own event loop (no asyncio plugin needed)."""

    @functools.wraps(test)
    def run(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return run


class ScreenApp(App):
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, make) -> None:
        super().__init__()
        self.make = make

    def on_mount(self) -> None:
        self.push_screen(self.make())


def screen_text(app: App) -> str:
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(seg.text for seg in strip).rstrip() for strip in strips)


def _estate(name: str) -> int:
    return estates.resolve_estate(name).id


def _open_poll() -> votes.PollInfo:
    return votes.open_polls(_estate("盈谷中心小区"))[0]


def _private_strings() -> list[str]:
    out = []
    for h in Household.select(Household.owner_name, Household.phone):
        out += [s for s in (h.owner_name, h.phone) if s]
    return out


def assert_private(text: str) -> None:
    for s in _private_strings():
        assert s not in text, s


@sync
async def test_vote_at_the_kiosk_with_a_code(demo_db):
    p = _open_poll()
    slip = votes.issue_codes("staff", p.id, reissue=True)[0]
    before = votes.ballot_count(p.id)
    app = ScreenApp(lambda: VoteScreen(p.estate_id))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "车棚顶棚更换材料" in text and "参与：面积" in text and "需 2/3" in text
        await pilot.press("1")
        await pilot.pause()
        assert "12 位投票码" in screen_text(app)
        await pilot.press(*codes.show(slip.code), "enter")
        await pilot.pause()
        text = screen_text(app)
        assert "1 阳光板" in text and "2 彩钢板" in text and slip.building in text
        assert slip.room not in text.replace(slip.building, "")  # the room is never shown
        await pilot.press("2")
        await pilot.pause()
        assert "「彩钢板」" in screen_text(app)
        assert votes.ballot_count(p.id) == before  # nothing written before the confirmation
        await pilot.press("1")
        await pilot.pause()
        text = screen_text(app)
        [mine] = list(Ballot.select().where(Ballot.poll == p.id).order_by(Ballot.id.desc()).limit(1))
        assert codes.show(mine.receipt) in text and votes.check_receipt(mine.receipt).option == "彩钢板"
        assert votes.ballot_count(p.id) == before + 1
        assert_private(text)
        await pilot.press("0")
        await pilot.pause()
        assert isinstance(app.screen, VoteScreen)
        # The same code again: refused, nothing changes.
        await pilot.press("1")
        await pilot.pause()
        await pilot.press(*slip.code, "enter")
        await pilot.pause()
        assert "已经使用" in screen_text(app)
        assert votes.ballot_count(p.id) == before + 1


@sync
async def test_a_quick_second_key_never_lands_on_the_wrong_step(demo_db):
    p = _open_poll()
    slip = votes.issue_codes("staff", p.id, reissue=True)[1]
    app = ScreenApp(lambda: VoteScreen(p.estate_id))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        await pilot.press(*slip.code, "enter")
        await pilot.pause()
        await pilot.press("2", "1")  # choose 彩钢板, confirm — typed without a pause
        await pilot.pause()
        assert votes.check_receipt(Ballot.select().order_by(Ballot.id.desc()).first().receipt).option == "彩钢板"


@sync
async def test_wrong_codes_lock_the_form_for_a_minute(demo_db):
    p = _open_poll()
    slip = votes.issue_codes("staff", p.id, reissue=True)[2]
    clock.freeze(clock.now())
    app = ScreenApp(lambda: VoteScreen(p.estate_id))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        for _ in range(5):
            await pilot.press(*"000000000000", "enter")
            await pilot.pause()
        await pilot.press(*slip.code, "enter")
        await pilot.pause()
        assert "一分钟" in screen_text(app)
        clock.advance(dt.timedelta(seconds=61))
        await pilot.press("enter")  # the code is still typed: nothing is lost
        await pilot.pause()
        assert "1 阳光板" in screen_text(app)


@sync
async def test_check_a_receipt(demo_db):
    p = _open_poll()
    h = votes.find_household(p, "6号楼", "3单元", "503")
    if votes.already_voted_message(p.id, h):
        h = votes.find_household(p, "6号楼", "3单元", "502")
    r = votes.cast("staff", p.id, h, "阳光板", "proxy")
    app = ScreenApp(lambda: VoteScreen(p.estate_id))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await pilot.press(*r.receipt, "enter")
        await pilot.pause()
        text = screen_text(app)
        assert "已计入" in text and "阳光板" in text and "委托" in text
        await pilot.press(*"1234567890", "enter")
        await pilot.pause()
        assert "没有回执号" in screen_text(app) or r.receipt == "1234567890"


@sync
async def test_results_after_closing_only(demo_db):
    p = _open_poll()
    app = ScreenApp(lambda: VoteScreen(p.estate_id))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        text = screen_text(app)
        assert "道路铺设沥青还是水泥" in text and "沥青" in text and "通过" in text
        assert "车棚顶棚" not in text  # still open: no results yet
        assert_private(text)


@sync
async def test_household_plan_statement_with_its_code(demo_db):
    wl = _estate("文乐胡同14号楼")
    [plan] = plans.list_plans(estate_id=wl)
    line = next(x for x in plans.shares(plan.id) if x.unit == "2单元" and x.floor == 4 and x.room.endswith("01"))
    [slip] = plans.issue_codes("staff", plan.id, household_id=line.household_id)
    app = ScreenApp(lambda: VoteScreen(wl))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        text = screen_text(app)
        assert "14号楼 1单元" in text and "12/12" in text and "11/12" in text
        assert "反对" not in text  # only agreement is shown per unit
        await pilot.press("1")
        await pilot.pause()
        await pilot.press(*slip.code, "enter")
        await pilot.pause()
        text = screen_text(app)
        assert f"¥{line.share_fen // 100:,}" in text and "困难减免" in text and "2单元" in text
        assert line.room not in text
        assert_private(text)
        await pilot.press("0")
        await pilot.pause()
        assert f"¥{line.share_fen // 100:,}" not in screen_text(app)


@sync
async def test_meetings_with_decisions_and_the_votes_they_led_to(demo_db):
    yg = _estate("盈谷中心小区")
    app = ScreenApp(lambda: VoteScreen(yg))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        assert "即将召开" in screen_text(app)
        from rich.console import Console

        from kiosk.screens.lobby.meetings import meeting_record

        console = Console(width=78, record=True, file=open("/dev/null", "w"))
        console.print(meeting_record(yg))  # the whole scrolled record, as the screen shows it
        text = console.export_text()
        assert "即将召开" in text and "已召开" in text
        assert "道路铺设沥青还是水泥" in text and "沥青" in text
        assert "车库坡道施工现场办公会" in text  # the upcoming one


@sync
async def test_typed_text_is_inert_everywhere(demo_db, monkeypatch):
    yg = _estate("盈谷中心小区")
    p = votes.create_poll("staff", yg, "[@click=app.quit]退出[/] \u202e测试", ["[b]粗[/b]", "[red]红"])
    slip = next(s for s in votes.issue_codes("staff", p.id))
    app = ScreenApp(lambda: VoteScreen(yg))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "[@click=app.quit]退出[/]" in screen_text(app)
        await pilot.click("#polls")
        await pilot.press("1")
        await pilot.pause()
        await pilot.press(*slip.code, "enter")
        await pilot.pause()
        text = screen_text(app)
        assert "1 [b]粗[/b]" in text and "2 [red]红" in text and "⟨U+202E⟩" in text
        assert app.is_running


@sync
async def test_english_screens(demo_db):
    i18n.set_language("en")
    yg = _estate("盈谷中心小区")
    app = ScreenApp(lambda: VoteScreen(yg))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Turnout: area" in text and "1 Vote" in text and "5 Meetings" in text
