"""The display's vote slide and the staff's poll screens at 80×24, each pushed by a minimal app.
The lobby's vote section is tested with the lobby itself (tests/lobby/test_votes.py)."""

from __future__ import annotations

import asyncio
import functools

from textual.app import App

from kiosk.db.models import Household
from kiosk.domain import estates, votes
from kiosk.screens.admin.polls import PollsScreen
from kiosk.screens.display.vote_slide import VoteSlideScreen


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
async def test_display_slide_shows_turnout_not_totals(demo_db):
    yg = _estate("盈谷中心小区")
    app = ScreenApp(lambda: VoteSlideScreen(yg))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        t = votes.turnout(_open_poll().id)
        assert "正在投票" in text and f"面积 {t.area_percent}%" in text and "需 2/3" in text
        assert "通过" not in text and "户数" not in text
        assert_private(text)


@sync
async def test_admin_creates_enters_ballots_and_closes(demo_db):
    from kiosk.screens.admin.paper_ballot import PaperBallotScreen
    from kiosk.screens.admin.poll_close import ClosePollScreen
    from kiosk.screens.admin.poll_form import NewPollScreen

    wl = _estate("文乐胡同14号楼")
    app = ScreenApp(lambda: PollsScreen("fang", estate_id=wl))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NewPollScreen)
        await pilot.press(*"电梯维保单位选择", "enter")
        app.screen.query_one("#options").value = "甲公司，乙公司"  # a full-width comma, as an IME types it
        from kiosk.domain import meetings

        courtyard = meetings.list_meetings(wl)[0]
        app.screen.query_one("#meeting").value = courtyard.id
        app.screen.query_one("#create").press()
        await pilot.pause()
        assert isinstance(app.screen, PollsScreen), screen_text(app)
        [p] = votes.list_polls(wl)
        assert p.title == "电梯维保单位选择" and [o.label for o in p.options] == ["甲公司", "乙公司"]
        assert p.meeting_id == courtyard.id
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PaperBallotScreen)
        form = app.screen
        for wid, value in (("building", "14号楼"), ("unit", "1单元"), ("room", "301")):
            form.query_one(f"#{wid}").value = value
        form.query_one("#cast").press()
        await pilot.pause()
        assert "请选择选票上勾选的选项" in screen_text(app) and votes.ballot_count(p.id) == 0
        form.query_one("#choice").value = p.options[1].id
        form.query_one("#cast").press()
        await pilot.pause()
        assert "乙公司" in screen_text(app) and votes.ballot_count(p.id) == 1
        form.query_one("#room").value = "301"
        form.query_one("#choice").value = p.options[0].id
        form.query_one("#channel").value = "proxy"
        form.query_one("#cast").press()
        await pilot.pause()
        assert "投过票" in screen_text(app) and votes.ballot_count(p.id) == 1
        form.query_one("#done").press()
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ClosePollScreen)
        app.screen.query_one("#confirm").press()
        await pilot.pause()
        assert votes.get_poll(p.id).state() == "closed"
        assert "已截止" in screen_text(app)
