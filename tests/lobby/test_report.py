"""我要报事 end to end: category, place from the estate's own list, "me too", description, phone,
ticket with a tracking QR; emergencies; limits with clear messages and nothing lost."""

from __future__ import annotations

from kiosk import demo
from kiosk.db.models import Report
from kiosk.domain import reports, tickets
from kiosk.screens.lobby.report.ticket import TicketScreen
from support import drive, press, screen_text, settle
from qr_decode import decode


async def _type(pilot, text: str) -> None:
    for ch in text:
        await pilot.press(ch)
    await settle(pilot)


async def test_report_from_category_to_ticket_with_a_qr_that_scans(make_app):
    app = make_app()
    before = Report.select().count()

    async with drive(app) as pilot:
        await press(pilot, "4", "2")          # report, ordinary problem
        assert "屋顶漏雨" in screen_text(app) and "其他" in screen_text(app)
        await press(pilot, "1")               # roof leak
        await press(pilot, "3")               # 3号楼
        await press(pilot, "2")               # 2单元
        await press(pilot, "5")               # 5层
        assert type(app.screen).__name__ == "DescriptionScreen"
        await _type(pilot, "ceiling drips")
        await press(pilot, "enter")
        assert type(app.screen).__name__ == "PhoneScreen"
        await _type(pilot, "13800138000")
        await press(pilot, "enter")
        text = screen_text(app)
        assert "3号楼2单元5层" in text and "ceiling drips" in text
        assert "13800138000" not in text and "138****8000" in text
        await press(pilot, "1")
        await settle(pilot, 5)
        assert isinstance(app.screen, TicketScreen)
        ticket = app.screen.ticket
        assert ticket in screen_text(app)
        url = app.settings.track_template().format(ticket=ticket)
        assert decode(app, app.screen.query_one("#qr")) == [url]
        assert url in screen_text(app).splitlines()[app.screen.query_one("#url").region.y]
        assert app.flow is None
        await press(pilot, "0")
        assert type(app.screen).__name__ == "HomeScreen"
    assert app.errors == []
    assert Report.select().count() == before + 1
    r = Report.select().order_by(Report.id.desc()).first()
    assert (r.category, r.building.name, r.unit.name, r.floor, r.description, r.phone) == \
        ("roof_leak", "3号楼", "2单元", 5, "ceiling drips", "13800138000")


async def test_keypad_only_report_files_what_was_chosen(make_app):
    app = make_app()

    async with drive(app) as pilot:
        await press(pilot, "4", "2", "5", "1")   # road surface near 1号楼: no unit, no floor
        assert type(app.screen).__name__ == "MeTooScreen" or type(app.screen).__name__ == "DescriptionScreen"
        if type(app.screen).__name__ == "MeTooScreen":
            await press(pilot, str(len(app.screen._choices)))
        await press(pilot, "enter", "enter", "1")
        await settle(pilot, 5)
        assert isinstance(app.screen, TicketScreen)
    r = Report.select().order_by(Report.id.desc()).first()
    assert (r.category, r.building.name, r.unit, r.floor, r.phone) == ("road", "1号楼", None, None, None)
    assert "1号楼" in r.description and "路面" in r.description


async def test_me_too_adds_to_the_open_report_instead_of_a_duplicate(make_app):
    app = make_app()
    before = Report.select().count()
    target = Report.get(Report.description == "5号楼二单元四层窗户渗水。")

    async with drive(app) as pilot:
        await press(pilot, "4", "2", "2", "5", "2", "4")  # seepage, 5号楼 2单元 4层
        assert type(app.screen).__name__ == "MeTooScreen"
        text = screen_text(app)
        assert "我也遇到" in text and "5号楼2单元" in text
        assert target.ticket not in text and target.description not in text  # the reporter's, not the public's
        assert tickets.show(target.ticket) not in text  # nor grouped as a receipt shows it
        index = next(i for i, c in enumerate(app.screen._choices, 1) if c.value == target.id)
        await press(pilot, str(index))
        assert type(app.screen).__name__ == "MeTooCodeScreen"  # the household code counts it once
        for ch in demo.household_codes()[("盈谷中心小区", "5号楼", "2单元", "401")]:
            await pilot.press(ch)
        await press(pilot, "enter")
        await settle(pilot, 5)
        assert type(app.screen).__name__ == "MeTooDoneScreen"  # the count, not the filer's ticket
        assert "现在共有 4 户遇到这个问题" in screen_text(app)
        assert tickets.show(target.ticket) not in screen_text(app)
    assert Report.select().count() == before
    assert Report.get_by_id(target.id).me_too == target.me_too + 1


async def test_emergencies_show_numbers_not_a_form(make_app):
    app = make_app()

    async with drive(app) as pilot:
        await press(pilot, "4")
        assert "119" in screen_text(app)  # the numbers already show on the first choice
        await press(pilot, "1")
        assert type(app.screen).__name__ == "EmergencyCallsScreen"
        text = screen_text(app)
        for words in ("闻到燃气味", "起火冒烟", "有人困在电梯里", "电线裸露", "96777", "119"):
            assert words in text
        assert not app.screen.query("Input")
    assert app.errors == []


async def test_rate_limit_says_why_and_keeps_everything(make_app):
    app = make_app(reports_per_minute=1)

    async with drive(app) as pilot:
        for attempt in range(2):
            await press(pilot, "4", "2", "3", "2", "1")  # unit door, 2号楼 1单元
            if type(app.screen).__name__ == "MeTooScreen":
                await press(pilot, str(len(app.screen._choices)))
            await _type(pilot, f"door {attempt}")
            await press(pilot, "enter", "enter", "1")
            await settle(pilot, 5)
            if attempt == 0:
                assert isinstance(app.screen, TicketScreen)
                await press(pilot, "0")
        assert type(app.screen).__name__ == "ReportConfirmScreen"
        assert "这一分钟报事太多了" in screen_text(app)
        assert app.flow.draft.description == "door 1"
        await press(pilot, "0")  # back to the phone, then the description: still there
        await press(pilot, "escape")
        assert app.screen.query_one("#field").value == "door 1"
    assert app.errors == []


async def test_bad_phone_is_refused_with_a_message_and_kept(make_app):
    app = make_app()

    async with drive(app) as pilot:
        await press(pilot, "4", "2", "9", "1", "1")  # other, 1号楼 1单元
        if type(app.screen).__name__ == "MeTooScreen":
            await press(pilot, str(len(app.screen._choices)))
        await press(pilot, "enter")
        await _type(pilot, "12345")
        await press(pilot, "enter")
        assert type(app.screen).__name__ == "PhoneScreen"
        assert "电话号码不对" in screen_text(app)
        assert app.screen.query_one("Input").value == "12345"
    assert app.errors == []


async def test_description_stops_at_the_limit_and_says_so(make_app):
    app = make_app()

    async with drive(app) as pilot:
        await press(pilot, "4", "2", "9", "1", "1")
        if type(app.screen).__name__ == "MeTooScreen":
            await press(pilot, str(len(app.screen._choices)))
        field = app.screen.query_one("#field")
        too_long = "漏" * (reports.DESCRIPTION_LIMIT + 50)
        field.insert_text_at_cursor(too_long)
        await settle(pilot)
        # The field keeps what fits and says why the rest is not there.
        assert field.value == too_long[: reports.DESCRIPTION_LIMIT]
        assert f"最多 {reports.DESCRIPTION_LIMIT} 个字" in screen_text(app)
        await press(pilot, "a")  # full: one more key adds nothing and says so again
        assert field.value == too_long[: reports.DESCRIPTION_LIMIT]
        await press(pilot, "enter")
        assert type(app.screen).__name__ == "PhoneScreen"
    assert app.errors == []


async def test_track_shows_the_public_trail(make_app):
    app = make_app()
    r = Report.get(Report.description == "二单元北侧墙体渗水，墙皮脱落。")

    async with drive(app) as pilot:
        await press(pilot, "5")
        await _type(pilot, r.ticket)
        await press(pilot, "enter")
        text = screen_text(app)
        assert "维修中" in text and "已受理，物业将上门查看。" in text and "5号楼2单元" in text
        assert r.phone not in text and r.description not in text
        await _type(pilot, "9")  # the check digit no longer fits: a typo, said before any lookup
        await press(pilot, "enter")
        assert "受理编号有误" in screen_text(app)
    assert app.errors == []
