"""我要认捐: the QR scans from the screen, the URL is printed with it, and a household can pledge
at the kiosk without its room ever being displayed."""

from __future__ import annotations

from kiosk import demo
from kiosk.db.models import Contribution, Household, PledgeReference
from kiosk.domain import funding
from support import drive, press, screen_text, settle
from qr_decode import decode


async def _type(pilot, text: str) -> None:
    for ch in text:
        await pilot.press(ch)
    await settle(pilot)


async def test_pledge_qr_scans_from_the_screen_at_80x24_with_url(make_app):
    app = make_app(pledge_url="https://pledge.example.org/p?project={project_id}&estate={estate_id}")

    async with drive(app) as pilot:
        await press(pilot, "6")
        assert type(app.screen).__name__ == "PledgeScreen"  # two projects take pledges
        await press(pilot, "2")
        qr = app.screen.query_one("#qr")
        assert qr.region.bottom <= 23 and qr.region.right <= 80  # wholly on an 80x24 screen
        url = f"https://pledge.example.org/p?project=2&estate={app.estate.id}"
        assert decode(app, qr) == [url]
        assert url in screen_text(app)
    assert app.errors == []


async def test_pledge_qr_also_scans_on_a_big_terminal_in_english(make_app):
    app = make_app("en")

    async with drive(app, (200, 50)) as pilot:
        await press(pilot, "6", "1")
        assert decode(app, app.screen.query_one("#qr")) == ["https://kiosk.example.org/pledge?project=1"]


def _code(room: str = "503", building: str = "4号楼", unit: str = "3单元") -> str:
    return demo.household_codes()[("盈谷中心小区", building, unit, room)]


async def test_pledge_at_the_kiosk_by_household_code_never_shows_code_or_room(make_app):
    app = make_app()
    before = funding.snapshot(2).pledged_fen
    code = _code()
    seen: list[str] = []

    async with drive(app) as pilot:
        await press(pilot, "6", "2")
        assert "户码" in screen_text(app) and "社区办公室" in screen_text(app)  # what is needed, and without it
        await press(pilot, "1")                     # project 2, pledge here
        assert type(app.screen).__name__ == "HouseholdCodeScreen"
        await _type(pilot, code)
        seen.append(screen_text(app))
        await press(pilot, "enter")
        assert type(app.screen).__name__ == "AmountScreen"
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
        reference = app.screen.pledge.reference
        assert "¥388" in screen_text(app) and "4号楼3单元" in screen_text(app) and reference in screen_text(app)
    assert app.errors == []
    assert funding.snapshot(2).pledged_fen == before + 388_00
    c = Contribution.select().order_by(Contribution.id.desc()).first()
    assert (c.status, c.source, c.amount_fen, Household.get_by_id(c.household_id).room) == ("pledged", "owners", 388_00, "503")
    assert PledgeReference.get(PledgeReference.contribution == c.id).reference == reference_of(c.id)
    for text in seen:
        assert "503" not in text and code not in text and code[:4] not in text


def reference_of(contribution_id: int) -> str:
    return PledgeReference.get(PledgeReference.contribution == contribution_id).reference


async def test_wrong_codes_are_refused_vaguely_and_counted_per_kiosk(make_app):
    app = make_app()
    good = _code()

    async with drive(app) as pilot:
        await press(pilot, "6", "2", "1")
        for attempt in range(5):
            await _type(pilot, "98765432101" + str(attempt))
            await press(pilot, "enter")
            assert type(app.screen).__name__ == "HouseholdCodeScreen"
            assert "98765432101" not in screen_text(app) and "这个号码无效" in screen_text(app)
            for _i in range(12):
                await pilot.press("backspace")
        # Five wrong in a row: even the right code waits a minute (on this kiosk).
        await _type(pilot, good)
        await press(pilot, "enter")
        assert type(app.screen).__name__ == "HouseholdCodeScreen"
        assert "请一分钟后再试" in screen_text(app)
    assert app.errors == []
