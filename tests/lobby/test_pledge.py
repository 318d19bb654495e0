"""我要认捐: the QR scans from the screen, the URL is printed with it, and a household can pledge
at the kiosk without its room ever being displayed."""

from __future__ import annotations

from kiosk.db.models import Contribution, Household
from kiosk.domain import funding
from lobby_helpers import press, run, screen_text, settle
from qr_decode import decode


async def _type(pilot, text: str) -> None:
    for ch in text:
        await pilot.press(ch)
    await settle(pilot)


def test_pledge_qr_scans_from_the_screen_at_80x24_with_url(make_app):
    app = make_app(pledge_url="https://pledge.example.org/p?project={project_id}&estate={estate_id}")

    async def go():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await press(pilot, "6")
            assert type(app.screen).__name__ == "PledgeScreen"  # two projects take pledges
            await press(pilot, "2")
            qr = app.screen.query_one("#qr")
            assert qr.region.bottom <= 23 and qr.region.right <= 80  # wholly on an 80x24 screen
            url = f"https://pledge.example.org/p?project=2&estate={app.estate.id}"
            assert decode(app, qr) == [url]
            assert url in screen_text(app)

    run(go())
    assert app.errors == []


def test_pledge_qr_also_scans_on_a_big_terminal_in_english(make_app):
    app = make_app("en")

    async def go():
        async with app.run_test(size=(200, 50)) as pilot:
            await settle(pilot)
            await press(pilot, "6", "1")
            assert decode(app, app.screen.query_one("#qr")) == ["https://kiosk.example.org/pledge?project=1"]

    run(go())


def test_pledge_at_the_kiosk_never_shows_the_room(make_app):
    app = make_app()
    before = funding.snapshot(2).pledged_fen
    seen: list[str] = []

    async def go():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await press(pilot, "6", "2", "1")           # project 2, pledge here
            seen.append(screen_text(app))
            await press(pilot, "4", "3")                # 4号楼 3单元
            seen.append(screen_text(app))
            assert type(app.screen).__name__ == "RoomScreen"
            await _type(pilot, "503")
            seen.append(screen_text(app))
            await press(pilot, "enter")
            seen.append(screen_text(app))
            await press(pilot, "7")                     # another amount
            await _type(pilot, "388")
            await press(pilot, "enter")
            seen.append(screen_text(app))
            assert type(app.screen).__name__ == "PledgeConfirmScreen"
            await press(pilot, "1", "1")                # pressed twice: still one pledge
            await settle(pilot, 5)
            seen.append(screen_text(app))
            assert type(app.screen).__name__ == "PledgeDoneScreen"
            assert "¥388" in screen_text(app) and "4号楼3单元" in screen_text(app)

    run(go())
    assert app.errors == []
    assert funding.snapshot(2).pledged_fen == before + 388_00
    c = Contribution.select().order_by(Contribution.id.desc()).first()
    assert (c.status, c.source, c.amount_fen, Household.get_by_id(c.household_id).room) == ("pledged", "owners", 388_00, "503")
    for text in seen:
        assert "503" not in text


def test_wrong_room_says_so_without_showing_it(make_app):
    app = make_app()

    async def go():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await press(pilot, "6", "2", "1", "4", "3")
            await _type(pilot, "9876")
            await press(pilot, "enter")
            # Checked as soon as it is typed, not at the last step; the typed room is kept (as dots).
            assert type(app.screen).__name__ == "RoomScreen"
            text = screen_text(app)
            assert "这个单元没有这个房号" in text and "9876" not in text
            assert app.screen.query_one("Input").value == "9876"
            assert "9876" not in screen_text(app)

    run(go())
    assert app.errors == []
