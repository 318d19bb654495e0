"""No phone number, owner name or room of the demo households (nor a reporter's phone) appears on
any lobby screen: every screen reachable by digits is visited, for every demo estate, and its
text searched."""

from __future__ import annotations

import re

import pytest

from kiosk.db.models import Household, Report
from kiosk.domain import tickets
from kiosk.screens.lobby.typing import TypingScreen
from support import drive, press, screen_text, settle

MAX_DEPTH = 6
MAX_VISITS = 500
# The estate with most households, reports and projects gets the full crawl; the others a shorter one.
FULL = "盈谷中心小区"
SHORT_VISITS = 40


def private_data() -> tuple[set[str], set[str], set[str]]:
    phones = {h.phone for h in Household.select() if h.phone} | {r.phone for r in Report.select() if r.phone}
    names = {h.owner_name for h in Household.select() if h.owner_name}
    rooms = {h.room for h in Household.select()}
    return phones, names, rooms


def _without_tickets(text: str) -> str:
    """Tickets are shown grouped by three ("501 511 703"): a group is not a room."""
    def drop(m):
        return "#" if tickets.looks_like_ticket(m.group(0).replace(" ", "")) else m.group(0)

    return re.sub(r"(?<!\d)\d{3} \d{3} \d{3}(?!\d)", drop, text)


def leaks(text: str, phones, names, rooms) -> list[str]:
    found = [p for p in phones if p in text] + [n for n in names if n in text]
    text = _without_tickets(text)
    # A room is a number on its own (not part of a ticket, an amount, a date, a time or a decimal
    # such as a floor area, 102.88 m²).
    for number in re.findall(r"(?<![\d.,¥:/\-])\d{3,4}(?![\d%:/\-]|\.\d)", text):
        if number in rooms:
            found.append(f"room {number}")
    return found


def _digit_tiles(app) -> list[str]:
    keys = []
    for tile in app.screen.query("KeyTile"):
        if tile.key in "123456789" and tile.display:
            keys.append(tile.key)
    return sorted(set(keys))


async def crawl(app, pilot, max_visits: int = MAX_VISITS) -> dict[tuple[str, ...], str]:
    """Depth-first over the digit tiles from home, going back with pop_screen. Screens of a kind
    already opened three times (the same picker for another building …) only follow their first
    and last tile, or the crawl would take hours."""
    seen: dict[tuple[str, ...], str] = {}
    expanded: dict[str, int] = {}

    def record(path):
        seen[path] = f"[{type(app.screen).__name__}]\n" + screen_text(app)

    async def replay(path):
        await app.go_home()
        await press(pilot, *path)

    async def visit(path):
        record(path)
        screen = app.screen
        if isinstance(screen, TypingScreen) or len(path) >= MAX_DEPTH or len(seen) >= max_visits:
            return
        kind = type(screen).__name__
        keys = _digit_tiles(app)
        expanded[kind] = expanded.get(kind, 0) + 1
        if expanded[kind] > 3 and len(keys) > 2:
            keys = [keys[0], keys[-1]]
        for key in keys:
            depth = len(app.screen_stack)
            await press(pilot, key)
            if app.screen is screen:  # same screen (a page turned): just look at it
                record(path + (key,))
            elif len(app.screen_stack) == depth + 1 and app.screen_stack[-2] is screen:
                await visit(path + (key,))
                await app.pop_screen()
                await settle(pilot, 2)
            else:  # a flow finished (ticket, pledge): look, then come back the long way
                record(path + (key,))
                await replay(path)
                screen = app.screen

    await app.go_home()
    await visit(())
    return seen


@pytest.mark.slow
@pytest.mark.parametrize("estate", ["盈谷中心小区", "五号公寓小区", "文乐胡同14号楼", "府前西街7号楼"])
async def test_no_private_data_on_any_screen(make_app, estate):
    phones, names, rooms = private_data()
    assert phones and names and rooms
    app = make_app(estate=estate)
    pages: dict = {}

    async with drive(app, (160, 80)) as pilot:
        pages.update(await crawl(app, pilot, MAX_VISITS if estate == FULL else SHORT_VISITS))
        # and the public trail of every ticket of this estate
        for r in Report.select().where(Report.estate == app.estate.id):
            await app.go_home()
            await press(pilot, "5", *r.ticket, "enter")
            pages[("5", r.ticket)] = screen_text(app)
    assert len(pages) > 30
    problems = {path: found for path, text in pages.items() if (found := leaks(text, phones, names, rooms))}
    assert problems == {}
    if estate != FULL:
        return
    assert {t.split("]")[0] for t in pages.values() if t.startswith("[")} >= {
        "[HomeScreen", "[NoticesScreen", "[NoticeScreen", "[FundingDetailScreen", "[WorksDetailScreen",
        "[ReportStartScreen", "[EmergencyCallsScreen", "[ReportCategoryScreen", "[PlacePickScreen", "[TrackScreen",
        "[MeTooScreen", "[DescriptionScreen", "[PledgeScreen", "[PledgeQRScreen", "[HouseholdCodeScreen",
        "[VoteScreen", "[VoteCodeScreen", "[ReceiptCheckScreen", "[ResultsScreen", "[ResultScreen",
        "[PlanOverviewScreen", "[MeetingsScreen",
    }


def test_the_room_check_itself_finds_a_room():
    assert leaks("3号楼2单元 302 室", set(), set(), {"302"}) == ["room 302"]
    assert leaks("受理编号 261125302  ¥302  11-30  10:30  30.2%", set(), set(), {"302"}) == []
    ticket = "30250170" + tickets.check_digit("30250170")
    assert leaks(f"受理编号 {tickets.show(ticket)}", set(), set(), {"302"}) == []
    assert leaks("302 501 700 室", set(), set(), {"302"}) == ["room 302"]  # not a ticket: still a room
    assert leaks("建筑面积 302.50 ㎡", set(), set(), {"302"}) == []  # a floor area, not a room
    assert leaks("302. 室", set(), set(), {"302"}) == ["room 302"]
