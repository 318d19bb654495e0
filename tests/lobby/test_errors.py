"""An unexpected error never shows a traceback: the pause screen says 暂停服务，请稍后, the
traceback goes to the log, and the kiosk returns home by itself."""

from __future__ import annotations

import logging

import pytest

from kiosk.domain import funding
from kiosk.screens.lobby.pause import PauseScreen
from kiosk.widgets.project_summary import ProjectSummary
from support import drive, press, screen_text, settle


def _boom(*args, **kwargs):
    raise RuntimeError("injected failure 4711")


async def _assert_paused_then_home(app, pilot, caplog, undo):
    await settle(pilot, 5)
    assert isinstance(app.screen, PauseScreen)
    text = screen_text(app)
    assert "暂停服务，请稍后" in text
    assert "Traceback" not in text and "4711" not in text and "RuntimeError" not in text
    assert any("4711" in (r.exc_text or "") or (r.exc_info and "4711" in str(r.exc_info[1])) for r in caplog.records)
    assert app.is_running
    undo()
    app.screen.call_later(app.screen.done)  # as its timer does: on the pause screen's own loop
    await settle(pilot, 5)
    assert type(app.screen).__name__ == "HomeScreen"
    await press(pilot, "3")
    assert type(app.screen).__name__ == "WorksScreen"  # fully working again


@pytest.mark.parametrize("where", ["compose", "handler", "render", "app"])
async def test_injected_error_shows_pause_and_recovers(make_app, monkeypatch, caplog, where):
    caplog.set_level(logging.ERROR, logger="kiosk")
    app = make_app()

    async with drive(app) as pilot:
        if where == "compose":  # a screen that cannot read its data
            monkeypatch.setattr(funding, "snapshot", _boom)
            await press(pilot, "2", "1")
        elif where == "handler":  # a key handler that raises
            from kiosk.screens.lobby.reading import notices as notices_screen

            monkeypatch.setattr(notices_screen.NoticesScreen, "picked", _boom)
            await press(pilot, "1", "1")
        elif where == "render":  # a widget that cannot draw itself
            monkeypatch.setattr(ProjectSummary, "render", _boom)
            await app.screen.reload()
        else:  # the app's own live-data handler
            monkeypatch.setattr(app, "check_emergencies", _boom)
            from kiosk.apps.live import DataChanged

            app.post_message(DataChanged(999))
        await _assert_paused_then_home(app, pilot, caplog, monkeypatch.undo)
    assert app.errors and "4711" in str(app.errors[0])


async def test_a_storm_of_errors_exits_for_the_service_manager(make_app, caplog):
    """Errors over and over (a broken installation): exit with a status, no traceback printed."""
    from kiosk.apps import lobby

    app = make_app()

    async with drive(app) as pilot:
        for _ in range(lobby.MAX_ERRORS_PER_MINUTE + 1):
            app.recover(RuntimeError("again"))
        await settle(pilot)
    assert app.return_code == lobby.EXIT_RESTART
