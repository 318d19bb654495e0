"""What residents, staff and the notice board are shown of a vote, through the real apps: a receipt
proves that a ballot was counted, never its choice; an option is approved only by a closed,
quorate poll — never while voting goes on, never below the quorum (Civil Code art. 278)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from rich.console import Console
from textual import events

from kiosk import clock, i18n
from kiosk.config import Settings
from kiosk.display import kinds
from kiosk.domain import auth, codes, estates, votes
from support import drive, press, screen_text, settle, until
from votes_helpers import ACTOR, make_estate, simple_flats

OPTIONS = ["甲方案", "乙方案"]  # titles below never contain them, so a label on screen is a choice shown
PASSWORD = "long-enough-2026"


@dataclasses.dataclass(frozen=True)
class Polls:
    estate: str
    unanimous_open: int  # everyone voted 甲方案, still open: quorate, majority, not approved
    thin_closed: int  # a third voted, all 甲方案, closed: not quorate, not approved
    receipt: str  # a ballot of the open poll, by proxy, for 甲方案


@dataclasses.dataclass(frozen=True)
class Decided:
    estate: str
    poll: int  # 7 of 9 for 甲方案, closed: approved (the control: the mark shows when it must)


@pytest.fixture
def polls(db) -> tuple[Polls, Decided]:
    clock.freeze(dt.datetime(2026, 11, 20, 9, 0))
    auth.add_staff("t", "fang", PASSWORD)
    estate_id, ids = make_estate("表决小区", simple_flats([10000] * 9))
    open_poll = votes.create_poll(ACTOR, estate_id, "屋面防水做法", OPTIONS)
    receipt = votes.cast(ACTOR, open_poll.id, ids[0], "甲方案", "proxy", proxy_holder="王五").receipt
    for h in ids[1:]:
        votes.cast(ACTOR, open_poll.id, h, "甲方案", "paper")
    thin = votes.create_poll(ACTOR, estate_id, "楼道照明改造", OPTIONS)
    for h in ids[:3]:
        votes.cast(ACTOR, thin.id, h, "甲方案", "paper")
    votes.close_poll(ACTOR, thin.id)
    other_id, other = make_estate("对照小区", simple_flats([10000] * 9))
    decided = votes.create_poll(ACTOR, other_id, "楼道照明改造", OPTIONS)
    for h in other[:7]:
        votes.cast(ACTOR, decided.id, h, "甲方案", "paper")
    votes.close_poll(ACTOR, decided.id)
    clock.freeze(dt.datetime(2026, 11, 21, 9, 0))
    return Polls("表决小区", open_poll.id, thin.id, receipt), Decided("对照小区", decided.id)


def option_rows(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip().startswith(tuple(OPTIONS))]


def assert_nothing_approved(text: str, why: str) -> None:
    rows = option_rows(text)
    assert len(rows) == 2, text
    assert not any("通过" in row for row in rows), rows  # neither 通过 nor 未通过: undecided
    assert "获得通过" not in text and why in text, text


def assert_approved(text: str) -> None:
    first, second = option_rows(text)
    assert "通过" in first.replace("未通过", "") and "未通过" in second, (first, second)


# ---- the lobby ----------------------------------------------------------------------------------

def lobby(db_path, estate: str, tmp_path, lang: str = "zh"):
    from kiosk.apps.lobby import LobbyApp

    i18n.set_language(lang)
    return LobbyApp(Settings(db=db_path, lang=lang, log_file=str(tmp_path / "kiosk.log")), estates.resolve_estate(estate))


@pytest.mark.slow
@pytest.mark.parametrize("lang, counted, proxy", [("zh", "已计入", "委托"), ("en", "Counted", "Proxy")])
async def test_checking_a_receipt_at_the_lobby_shows_it_counted_never_the_choice(polls, db_path, tmp_path, lang, counted, proxy):
    p, _decided = polls
    app = lobby(db_path, p.estate, tmp_path, lang)

    async with drive(app) as pilot:
        await press(pilot, "7", "2", *codes.show(p.receipt), "enter")
        await until(pilot, lambda: counted in screen_text(app), 10)
        text = screen_text(app)
        assert counted in text and proxy in text and "屋面防水做法" in text
        assert not any(label in text for label in OPTIONS), text
        assert "选择" not in text and "Choice" not in text
        assert "王五" not in text  # the proxy holder is for staff only
    assert app.errors == []


@pytest.mark.slow
async def test_lobby_results_of_a_poll_closed_below_the_quorum_approve_nothing(polls, db_path, tmp_path):
    p, decided = polls

    async def result_text(estate: str) -> str:
        app = lobby(db_path, estate, tmp_path)
        async with drive(app, (80, 40)) as pilot:
            await press(pilot, "7", "3")
            assert "屋面防水做法" not in screen_text(app)  # the open poll has no public results
            await press(pilot, "1")
            await until(pilot, lambda: len(option_rows(screen_text(app))) == 2, 10)
            text = screen_text(app)
        assert app.errors == []
        return text

    assert_nothing_approved(await result_text(p.estate), "无效")
    assert_approved(await result_text(decided.estate))


# ---- the staff console --------------------------------------------------------------------------

@pytest.mark.slow
async def test_the_consoles_count_approves_nothing_while_open_or_below_the_quorum(polls, db_path):
    from kiosk.apps.admin import AdminApp
    from kiosk.screens.admin.poll_tally import TallyScreen

    p, decided = polls
    app = AdminApp(Settings(db=db_path))
    shown = {}

    async with drive(app, (80, 40)) as pilot:
        for ch in "fang\r" + PASSWORD + "\r":  # typed ahead, as a terminal delivers it
            app.post_message(events.Key({"\r": "enter", "-": "minus"}.get(ch, ch), ch))
        await until(pilot, lambda: app.user is not None, 10)
        for poll_id in (p.unanimous_open, p.thin_closed, decided.poll):
            app.push_screen(TallyScreen(poll_id))
            await until(pilot, lambda: len(option_rows(screen_text(app))) == 2, 10)
            shown[poll_id] = screen_text(app)
            app.pop_screen()
            await settle(pilot)
    assert_nothing_approved(shown[p.unanimous_open], "未结束")
    assert votes.tally(p.unanimous_open).quorate  # quorate and unanimous, and still nothing: it is open
    assert_nothing_approved(shown[p.thin_closed], "无效")
    assert_approved(shown[decided.poll])


# ---- the notice board ---------------------------------------------------------------------------

def board_text(estate: str, width: int, height: int) -> str:
    kind = kinds.get("votes")
    ctx = kinds.Context(estates.resolve_estate(estate), Settings(), clock.now())
    console = Console(width=width, height=height, record=True, color_system=None)
    for slide in kind.render(kind.load(ctx), width, height):
        console.print(slide)
    return console.export_text()


@pytest.mark.parametrize("width, height", [(80, 24), (240, 67)])
def test_the_boards_result_of_a_poll_closed_below_the_quorum_approves_nothing(polls, width, height):
    p, decided = polls
    text = board_text(p.estate, width, height)
    assert "楼道照明改造" in text and "屋面防水做法" in text  # the result, and the open vote's turnout
    assert "获得通过" not in text and "无效" in text
    assert not any("通过" in row for row in option_rows(text)), option_rows(text)
    control = [row for row in option_rows(board_text(decided.estate, width, height)) if "甲方案" in row and "通过" in row]
    assert control  # the approved option of a decided vote is marked
