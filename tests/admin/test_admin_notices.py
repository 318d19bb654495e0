"""Notices through the console: post, edit (with a conflicting edit refused), pin, expire,
withdraw, and an emergency notice that the lobby's query sees at once."""

from __future__ import annotations

import datetime as dt

from support import flat, press, settle, type_text
from support.admin import SIZE, T0, make_app, sign_in

from kiosk import clock, i18n
from kiosk.domain import audit, notices
from kiosk.screens.admin.notice_form import NoticeForm
from kiosk.screens.admin.notices import NoticesScreen


async def test_post_an_emergency_notice(demo_db):
    clock.freeze(T0)

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "wuye")
        await press(pilot, "3", "n")
        form = app.screen
        assert isinstance(form, NoticeForm)
        form.query_one("#f-title").value = "[b]停水通知[/b]"
        form.query_one("#f-body").text = "今晚 22:00 至明早 6:00 停水。"
        form.query_one("#f-until").value = "2026-03-11 06:00"
        form.query_one("#f-emergency").value = True  # the yes/no choice
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, NoticesScreen)
        # Typed markup is data: shown as typed, never interpreted.
        assert "[b]停水通知[/b]" in flat(app)
    (n,) = [n for n in notices.emergencies(None)]
    assert (n.title, n.expires_at, n.estate_id) == ("[b]停水通知[/b]", dt.datetime(2026, 3, 11, 6, 0), None)
    e = audit.entries(entity="notice", entity_id=str(n.id))[0]
    assert (e.actor, e.action, e.data["emergency"]) == ("wuye", "notice.post", True)


async def test_edit_pin_expire_and_withdraw(demo_db):
    clock.freeze(T0)
    n = notices.post("demo", "旧标题", "正文", publish_at=T0 - dt.timedelta(days=1))
    other = notices.post("demo", "另一条", publish_at=T0 - dt.timedelta(days=1))

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        await press(pilot, "3")
        screen = app.screen
        table = screen.query_one("SearchTable")
        # The newest notice is first: `other`, then `n`.
        table.select_key(n.id)
        await press(pilot, "enter")
        form = app.screen
        assert isinstance(form, NoticeForm) and form.notice.id == n.id
        form.query_one("#f-title").value = "新标题"
        await press(pilot, "ctrl+s")
        assert app.screen is screen
        table.select_key(n.id)
        await press(pilot, "p")  # pin
        table.select_key(other.id)
        await press(pilot, "x", "y")  # expire now, confirmed
        table.select_key(n.id)
        await press(pilot, "w", "y")  # withdraw, confirmed
        await settle(pilot)
    got = notices.get(n.id)
    assert (got.title, got.pinned, got.withdrawn) == ("新标题", True, True)
    assert notices.get(other.id).expires_at == T0
    actions = [e.action for e in audit.entries(actor="fang", entity="notice")]
    assert actions == ["notice.withdraw", "notice.edit", "notice.edit", "notice.edit"]


async def test_conflicting_notice_edit_is_refused(demo_db):
    n = notices.post("demo", "标题", "正文")
    i18n.set_language("en")

    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        await press(pilot, "3", "enter")
        form = app.screen
        assert form.notice.id == n.id
        notices.edit("wuye", n.id, n.version, body="别人改过的正文")
        form.query_one("#f-title").value = "我的标题"
        await press(pilot, "ctrl+s")
        assert app.screen is form and "Someone else changed this notice" in flat(app)
        assert form.query_one("#f-title").value == "我的标题"
    assert notices.get(n.id).title == "标题"


async def test_notice_that_would_expire_before_publishing_is_refused_at_the_field(demo_db):
    clock.freeze(T0)

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        await press(pilot, "3", "n")
        form = app.screen
        form.query_one("#f-title").value = "通知"
        form.query_one("#f-until").value = "2026-03-01 08:00"
        await press(pilot, "ctrl+s")
        assert app.screen is form and form.query_one("#f-until").has_class("-refused")
        form.query_one("#f-until").value = "明天"
        await press(pilot, "ctrl+s")
        assert "明天" in flat(app)


async def test_text_typed_ahead_after_tab_lands_in_the_next_field(demo_db):
    """An SSH packet often carries Tab and the next field's text together."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        await press(pilot, "3", "n")
        form = app.screen
        await type_text(pilot, "停水通知\t\t明天停水\t2026-12-01 08:00\r2026-12-02 08:00")
        assert form.query_one("#f-title").value == "停水通知"
        assert form.query_one("#f-body").text == "明天停水"
        assert form.query_one("#f-publish_at").value == "2026-12-01 08:00"
        assert form.query_one("#f-until").value == "2026-12-02 08:00"
