"""Screens change when the clock passes a boundary, with no write at all: a notice expires or
goes live, a poll opens or closes, the day ends (kiosk.apps.schedule). With the clock frozen the
test moves it and calls `recheck()`, as the schedule's timer does; the last test lets the real
timer fire."""

from __future__ import annotations

import datetime as dt

from kiosk import clock
from kiosk.domain import notices, votes
from support import drive, screen_text, settle, until




async def _pass(pilot, app, delta: dt.timedelta) -> None:
    """Time goes by; nothing is written."""
    revision = app.live.revision
    clock.advance(delta)
    assert app.live.schedule.recheck()
    await settle(pilot)
    assert app.live.revision == revision


async def test_a_notice_leaves_home_when_it_expires(make_app):
    app = make_app()

    async with drive(app) as pilot:
        notices.post("t", "一分钟后过期", estate_id=app.estate.id, pinned=True,
                     expires_at=clock.now() + dt.timedelta(minutes=1))
        assert await until(pilot, lambda: "一分钟后过期" in screen_text(app))
        assert app.live.schedule.due == clock.now() + dt.timedelta(minutes=1)
        clock.advance(dt.timedelta(seconds=30))
        assert not app.live.schedule.recheck()  # not yet
        await _pass(pilot, app, dt.timedelta(seconds=31))
        assert "一分钟后过期" not in screen_text(app)


async def test_a_scheduled_notice_appears_at_its_time(make_app):
    app = make_app()

    async with drive(app) as pilot:
        at = clock.now() + dt.timedelta(minutes=10)
        notices.post("t", "十分钟后发布", estate_id=app.estate.id, pinned=True, publish_at=at)
        assert await until(pilot, lambda: app.live.schedule.due == at)
        assert "十分钟后发布" not in screen_text(app)
        await _pass(pilot, app, dt.timedelta(minutes=10))
        assert "十分钟后发布" in screen_text(app)


async def test_a_poll_shows_when_it_opens_and_leaves_when_it_closes(make_app):
    app = make_app()

    async with drive(app) as pilot:
        for p in votes.open_polls(app.estate.id):  # home shows one open poll: make it this one
            votes.close_poll("t", p.id)
        opens = clock.now() + dt.timedelta(minutes=5)
        closes = opens + dt.timedelta(hours=1)
        votes.create_poll("t", app.estate.id, "楼道灯改声控", ["同意", "不同意"], opens_at=opens, closes_at=closes)
        assert await until(pilot, lambda: app.live.schedule.due == opens)
        assert "楼道灯改声控" not in screen_text(app)
        await _pass(pilot, app, dt.timedelta(minutes=5))
        assert "楼道灯改声控" in screen_text(app)
        assert app.live.schedule.due == closes
        await _pass(pilot, app, dt.timedelta(hours=1))
        assert "楼道灯改声控" not in screen_text(app)


async def test_midnight_is_a_boundary(make_app):
    app = make_app()

    async with drive(app) as pilot:
        midnight = dt.datetime.combine(clock.today() + dt.timedelta(days=1), dt.time(0))
        assert app.live.schedule.due is not None and app.live.schedule.due <= midnight
        clock.freeze(midnight - dt.timedelta(seconds=1))
        app.live.schedule.recheck()  # boundaries before midnight, if any
        await settle(pilot)
        assert app.live.schedule.due == midnight
        await _pass(pilot, app, dt.timedelta(seconds=1))
        assert app.live.schedule.due > midnight  # armed again, for the next day


async def test_the_timer_fires_by_itself(make_app):
    """The real clock and the real timer: a notice expiring in two seconds leaves by itself."""
    app = make_app()
    clock.freeze(None)

    async with drive(app) as pilot:
        notices.post("t", "马上过期", estate_id=app.estate.id, pinned=True,
                     expires_at=clock.now() + dt.timedelta(seconds=3))
        assert await until(pilot, lambda: "马上过期" in screen_text(app))
        assert await until(pilot, lambda: "马上过期" not in screen_text(app), 6)


async def test_home_shown_again_says_the_time_of_now_not_of_when_it_was_left(make_app):
    """The app's clock ticks every few seconds; a screen uncovered before the next tick must not
    show the minute the resident left it."""
    app = make_app()

    async with drive(app) as pilot:
        left_at = screen_text(app).splitlines()[0]
        await pilot.press("1")
        await settle(pilot)
        clock.advance(dt.timedelta(minutes=3))
        await pilot.press("0")
        await settle(pilot)
        assert type(app.screen).__name__ == "HomeScreen"
        title = screen_text(app).splitlines()[0]
        assert title != left_at and clock.now().strftime("%H:%M") in title
    assert app.errors == []
