"""查询进度 and 我也遇到 keep residents' words private: a lookup replaces the previous one's lines,
only this estate's tickets are found, typos are caught by the check digit, wrong tickets lock the
lookup for a minute, and the "me too" list shows no description and no ticket."""

from __future__ import annotations

import datetime as dt

from kiosk import clock
from kiosk.db.models import Building, Report
from kiosk.domain import estates, reports, tickets
from kiosk.screens.lobby.report.me_too_done import MeTooDoneScreen
from kiosk.screens.lobby.vote.code_step import MAX_WRONG_CODES
from support import drive, press, screen_text

PRIVATE = "张三 13800138000 住502室"


async def _look_up(pilot, typed: str, *, keys: bool = False) -> None:
    """Type `typed` key by key (`keys`), or put it in the field at once (faster), then Enter."""
    field = pilot.app.screen.query_one("Input")
    field.value = "" if keys else typed
    for ch in typed if keys else "":
        await pilot.press("space" if ch == " " else ch)
    await press(pilot, "enter")


def _unknown(n: int = 0) -> str:
    body = f"{98765430 + n:08d}"
    return body + tickets.check_digit(body)


def _trail_text(app) -> str:
    return "\n".join(str(w.render()) for w in app.screen.query_one("#trail").children)


async def test_a_second_lookup_replaces_the_first(make_app):
    app = make_app()
    seepage, road = reports.category_label("seepage"), reports.category_label("road")
    first = Report.get(Report.description == "二单元北侧墙体渗水，墙皮脱落。")
    second = Report.get(Report.description == "楼前路面坑洼，雨后积水。")

    async with drive(app) as pilot:
        await press(pilot, "5")
        await _look_up(pilot, tickets.show(first.ticket), keys=True)
        text = screen_text(app)
        assert tickets.show(first.ticket) in text and seepage in text and "已受理，物业将上门查看。" in text
        await _look_up(pilot, _unknown())  # not found: nothing of the first stays
        text = screen_text(app)
        assert "没有找到受理编号" in text
        assert tickets.show(first.ticket) not in text and seepage not in text and "维修中" not in text
        assert _trail_text(app) == ""
        await _look_up(pilot, second.ticket)
        assert road in screen_text(app) and seepage not in screen_text(app)
        await _look_up(pilot, first.ticket)  # found after found: only the second lookup's lines
        text = screen_text(app)
        assert seepage in text and road not in text and "办结" not in text
        await _look_up(pilot, first.ticket[:-1] + str((int(first.ticket[-1]) + 1) % 10))  # a typo
        text = screen_text(app)
        assert "受理编号有误" in text and seepage not in text and _trail_text(app) == ""
    assert app.errors == []


async def test_another_estates_ticket_is_not_found_here(make_app):
    app = make_app()
    theirs = Report.select().where(Report.estate != app.estate.id).first()
    assert theirs is not None

    async with drive(app) as pilot:
        await press(pilot, "5")
        await _look_up(pilot, theirs.ticket)
        foreign = app.screen.query_one("#message").render()
        await _look_up(pilot, _unknown())
        unknown = app.screen.query_one("#message").render()
        assert str(foreign).replace(tickets.show(theirs.ticket), "#") == str(unknown).replace(tickets.show(_unknown()), "#")
        assert "没有找到受理编号" in str(foreign)
        assert _trail_text(app) == ""
    assert app.errors == []


async def test_wrong_tickets_lock_the_lookup_for_a_minute_and_typos_do_not_count(make_app):
    app = make_app()
    seepage = reports.category_label("seepage")
    mine = Report.get(Report.description == "二单元北侧墙体渗水，墙皮脱落。")

    async with drive(app) as pilot:
        await press(pilot, "5")
        for n in range(6):  # typos are caught before any lookup and cost nothing
            await _look_up(pilot, "12345678" + str((int(tickets.check_digit("12345678")) + 1 + n % 9) % 10))
        await _look_up(pilot, mine.ticket)
        assert seepage in screen_text(app)
        for n in range(MAX_WRONG_CODES):
            await _look_up(pilot, _unknown(n))
        await _look_up(pilot, mine.ticket)  # even the right ticket waits
        assert "请等一分钟" in screen_text(app) and _trail_text(app) == ""
        await app.go_home()
        await press(pilot, "5")  # leaving and coming back does not reset it
        await _look_up(pilot, mine.ticket)
        assert "请等一分钟" in screen_text(app)
        clock.advance(dt.timedelta(minutes=1, seconds=1))
        await _look_up(pilot, mine.ticket)
        assert seepage in screen_text(app)
    assert app.errors == []


async def test_the_me_too_list_shows_no_resident_words_nor_tickets(make_app):
    app = make_app()
    b5 = next(b for b in estates.layout(app.estate.id) if b.name == "5号楼")
    planted = reports.submit("lobby", app.estate.id, "seepage", b5.id, PRIVATE, unit_id=b5.units[1].id, phone="13900001111")
    published = reports.submit("lobby", app.estate.id, "seepage", b5.id, "李四 住503室 窗户渗水")
    reports.publish_summary("fang", published.id, "窗户渗水，住503室，电话13912345678")

    async with drive(app, (100, 40)) as pilot:
        await press(pilot, "4", "2", "2", "5", "2", "4")  # seepage, 5号楼 2单元 4层
        assert type(app.screen).__name__ == "MeTooScreen"
        text = screen_text(app)
        for secret in ("张三", "13800138000", "502", "13900001111", "李四", "503", "13912345678"):
            assert secret not in text
        for r in (planted, published):
            assert r.ticket not in text and tickets.show(r.ticket) not in text
        assert "窗户渗水，住***室，电话139****5678" in text  # the summary staff published, masked
        index = next(i for i, c in enumerate(app.screen._choices, 1) if c.value == planted.id)
        await press(pilot, str(index), "enter")  # "me too" without a household code
        for _ in range(100):
            if isinstance(app.screen, MeTooDoneScreen):
                break
            await pilot.pause(0.05)
        assert isinstance(app.screen, MeTooDoneScreen)
        # Its receipt neither: the ticket answers 修好了吗, so it is the filer's alone.
        assert planted.ticket not in screen_text(app) and tickets.show(planted.ticket) not in screen_text(app)
    assert app.errors == []
    # Without a household code the tap is kept apart from the households' count.
    assert Report.get_by_id(planted.id).me_too == 0
    assert reports.unregistered_me_too([planted.id]) == {planted.id: 1}


async def test_a_description_and_a_staff_note_stay_private_on_the_track_screen(make_app):
    app = make_app()
    building = Building.get(Building.estate == app.estate.id)
    r = reports.submit("lobby", app.estate.id, "other", building.id, PRIVATE, phone="13900001111")
    reports.transition("wuye", r.id, "accepted", "已联系住户，电话13800138000，3-502")

    async with drive(app, (100, 40)) as pilot:
        await press(pilot, "5")
        await _look_up(pilot, r.ticket)
        text = screen_text(app)
        assert tickets.show(r.ticket) in text and "已联系住户，电话138****8000，3-***" in text
        text = text.replace(tickets.show(r.ticket), "")  # random digits: "502" may be among them
        for secret in ("张三", "13800138000", "502", "13900001111"):
            assert secret not in text
    assert app.errors == []
