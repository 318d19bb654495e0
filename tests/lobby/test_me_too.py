"""我也遇到 at the lobby: a household counts once per report with its code; taps without a code are
shown apart and limited per kiosk (the reproduction: one person made it "7 households" in 40 s)."""

from __future__ import annotations

from kiosk import demo
from kiosk.db.models import Report, ReportMeToo
from kiosk.domain import tickets
from kiosk.screens.lobby.report.me_too_done import MeTooDoneScreen
from support import drive, flat, press, screen_text, settle

SEEPAGE = ["4", "2", "2", "5", "2", "4"]  # seepage, 5号楼 2单元 4层: the demo's open report


async def _me_too(app, pilot, code: str) -> None:
    await press(pilot, *SEEPAGE)
    target = Report.get(Report.description == "5号楼二单元四层窗户渗水。")
    index = next(i for i, c in enumerate(app.screen._choices, 1) if c.value == target.id)
    await press(pilot, str(index))
    assert type(app.screen).__name__ == "MeTooCodeScreen"
    for ch in code:
        await pilot.press(ch)
    await press(pilot, "enter")
    await settle(pilot, 5)


async def test_a_household_counts_once_and_taps_without_a_code_are_apart_and_limited(make_app):
    app = make_app()
    target = Report.get(Report.description == "5号楼二单元四层窗户渗水。")
    code = demo.household_codes()[("盈谷中心小区", "5号楼", "2单元", "301")]
    seen = []

    async with drive(app) as pilot:
        await _me_too(app, pilot, code)
        assert isinstance(app.screen, MeTooDoneScreen)
        await press(pilot, "escape")
        await settle(pilot)
        await _me_too(app, pilot, code)  # the same household again: kindly refused, not counted
        assert type(app.screen).__name__ == "MeTooCodeScreen"
        assert "您家已计入这条报事" in screen_text(app)
        seen.append(screen_text(app))
        for _i in range(20):
            await pilot.press("backspace")
        await press(pilot, "enter")  # without a code: counted apart, at most 3 a minute on this kiosk
        await settle(pilot, 5)
        for n in range(1, 4):
            assert isinstance(app.screen, MeTooDoneScreen), screen_text(app)
            assert f"另有 {n} 人次未用户码反映" in screen_text(app)
            await press(pilot, "escape")
            await settle(pilot)
            await _me_too(app, pilot, "")
        assert type(app.screen).__name__ == "MeTooCodeScreen"
        assert "刚才按的人很多" in screen_text(app)
    assert app.errors == []
    assert Report.get_by_id(target.id).me_too == target.me_too + 1  # one household, however many taps
    assert ReportMeToo.select().where(ReportMeToo.report == target.id, ReportMeToo.household.is_null()).count() == 3
    for text in seen:
        assert code not in text and code[:4] not in text


async def test_the_receipt_shows_no_ticket_and_says_where_to_follow(make_app):
    """A ticket answers 修好了吗 (不满意 reopens): the me-too receipt, with a household code or
    without, shows the report's ticket in no form (digits, grouped, a QR code or its address)."""
    target = Report.get(Report.description == "5号楼二单元四层窗户渗水。")
    code = demo.household_codes()[("盈谷中心小区", "5号楼", "2单元", "301")]
    for lang, typed, counted, follow in (
            ("zh", code, "谢谢，您家已计入", "查看进度：首页按4（我要报事）"),
            ("zh", "", "谢谢，已记上（未输户码，单独计数）", "电视上会显示最近修好的问题"),
            ("en", "", "Thank you: counted apart, without a household code",
             "To follow it: press 4 (Report a problem) on the home screen")):
        app = make_app(lang=lang)
        async with drive(app) as pilot:
            await _me_too(app, pilot, typed)
            assert isinstance(app.screen, MeTooDoneScreen), screen_text(app)
            text, words = screen_text(app), flat(app)
            assert counted in words and follow in words
            assert target.ticket not in text and tickets.show(target.ticket) not in text
            assert "ticket=" not in text and not app.screen.query("QRCode")
        assert app.errors == []
