"""Sections kept between visits (kiosk/apps/kept_screens.py): opened again, a list or a project is the
same screen, not composed anew, shown as a newcomer finds it; a write anywhere, a resize, a page
turned or a refusal shown means it is composed afresh; nothing a resident typed is ever kept."""

from __future__ import annotations

import pytest

from kiosk import clock
from kiosk.apps.live import DataChanged
from kiosk.domain import changes, notices
from kiosk.screens.lobby.home import HomeScreen
from support import drive, post_notice_elsewhere, press, screen_text, settle, until


def _changed(app) -> None:
    app.post_message(DataChanged(changes.revision()))


@pytest.mark.parametrize("keys", [("1",), ("1", "1"), ("2",), ("2", "1"), ("3",), ("3", "1"), ("4",), ("6",),
                                  ("6", "1"), ("7",), ("8",)])
async def test_a_section_opened_again_is_the_same_screen_shown_from_the_top(make_app, keys):
    app = make_app()
    async with drive(app) as pilot:
        await press(pilot, *keys)
        first = app.screen
        first_text = screen_text(app)
        first_focus = first.focused.id if first.focused else None
        await press(pilot, "down", "down")  # the next resident must not find it where this one left it
        await press(pilot, "*")
        assert isinstance(app.screen, HomeScreen)
        assert first in app.kept and first.is_attached  # kept, not removed
        await press(pilot, *keys)
        assert app.screen is first
        assert (first.focused.id if first.focused else None) == first_focus
        assert screen_text(app) == first_text
    assert app.errors == []


async def test_a_write_elsewhere_means_the_list_is_composed_afresh(make_app):
    app = make_app()
    async with drive(app) as pilot:
        await press(pilot, "1", "0")
        kept = app.kept
        assert len(kept) == 1
        notices.post("test", "停水通知：明天九点到十二点", "", pinned=True)
        _changed(app)
        await settle(pilot)
        assert len(kept) == 0
        await press(pilot, "1")
        assert "停水通知" in screen_text(app)
    assert app.errors == []


async def test_a_notice_posted_by_another_process_reaches_a_list_seen_before(make_app, lobby_db):
    """The real change detector, the real command in another process (waits at most 10 s)."""
    clock.reset()  # the other process uses the real clock
    app = make_app()
    title = "新通知：明早电梯检修"
    async with drive(app) as pilot:
        await press(pilot, "1", "0")
        await post_notice_elsewhere(lobby_db, title)
        await until(pilot, lambda: title in screen_text(app), 10)  # home shows it first
        await press(pilot, "1")
        assert title in screen_text(app)
    assert app.errors == []


async def test_a_screen_stale_under_another_is_not_kept_until_it_has_read_again(make_app):
    app = make_app()
    async with drive(app) as pilot:
        await press(pilot, "1", "1")  # a notice over the list
        listing = app.screen_stack[-2]
        notices.post("test", "新贴的通知", "")
        _changed(app)
        await settle(pilot)
        await press(pilot, "*")  # home, past the stale list
        assert listing not in app.kept
        assert not listing.is_attached  # removed, as any screen left
        await press(pilot, "1")
        assert app.screen is not listing
        assert "新贴的通知" in screen_text(app)
    assert app.errors == []


async def test_a_list_left_on_another_page_opens_at_its_first(make_app):
    for i in range(12):  # more than nine notices: the list is paged
        notices.post("test", f"分页测试通知 {i}", "")
    app = make_app()
    async with drive(app) as pilot:
        await press(pilot, "1")
        first = app.screen
        page_one = screen_text(app)
        await press(pilot, "9", "0")  # next page, then back
        assert first not in app.kept
        await press(pilot, "1")
        assert app.screen is not first
        assert screen_text(app) == page_one
    assert app.errors == []


async def test_a_resize_means_composed_afresh(make_app):
    app = make_app()
    async with drive(app) as pilot:
        await press(pilot, "2", "0")
        assert len(app.kept) == 1
        await pilot.resize_terminal(140, 40)
        await settle(pilot)
        assert len(app.kept) == 0
        await press(pilot, "2")
        assert "¥" in screen_text(app)
    assert app.errors == []


async def test_nothing_typed_is_kept(make_app):
    """A form, a code, a ticket: each visit starts empty, as before."""
    app = make_app()
    async with drive(app) as pilot:
        await press(pilot, "5")  # track a report: a field
        await pilot.press(*"12345")
        await press(pilot, "*")
        assert len(app.kept) == 0
        await press(pilot, "5")
        assert "12345" not in screen_text(app)
        await press(pilot, "*", "4", "2")  # report a problem: the form's first step
        await press(pilot, "*")
        assert [type(s).__name__ for s in app.kept._screens.values()] == ["ReportStartScreen"]
    assert app.errors == []


async def test_at_most_so_many_are_kept(make_app):
    app = make_app(kept_screens=2)
    async with drive(app) as pilot:
        gone = []
        for key in "1237":
            await press(pilot, key)
            gone.append(app.screen)
            await press(pilot, "0")
        assert len(app.kept) == 2
        assert [s in app.kept for s in gone] == [False, False, True, True]
        await settle(pilot)
        assert not gone[0].is_attached and not gone[1].is_attached  # removed, not only forgotten
    assert app.errors == []


async def test_a_box_short_of_memory_keeps_none(make_app):
    app = make_app(kept_screens=0)
    async with drive(app) as pilot:
        await press(pilot, "2")
        first = app.screen
        await press(pilot, "0", "2")
        assert len(app.kept) == 0 and app.screen is not first
        assert "¥" in screen_text(app)
    assert app.errors == []


@pytest.mark.parametrize("bad", ["12", -1, True])
async def test_a_wrong_setting_keeps_the_default_and_says_so(make_app, bad, caplog):
    app = make_app(kept_screens=bad)
    assert app.kept.at_most == 12
    assert "kept_screens" in caplog.text
