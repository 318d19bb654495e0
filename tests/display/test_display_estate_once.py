"""The display resolves its estate once, when it starts: a later load does not look the estate
up by name again (a renamed estate would otherwise leave the TV stale for good)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from kiosk import clock
from kiosk.apps.display import DisplayApp
from kiosk.config import Settings
from kiosk.display import kinds
from kiosk.display.playlist import build
from kiosk.domain import estates, notices
from kiosk.domain.estates import EstateInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from intruder import tamper  # noqa: E402

T0 = dt.datetime(2026, 11, 25, 10, 0, 0)


async def test_a_renamed_estate_keeps_the_display_loading(db, db_path):
    clock.freeze(T0)
    estates.add_estate("t", "乙小区", "建西社区")
    e = estates.add_estate("t", "甲小区", "建西社区")
    notices.post("t", "停水通知", "周五停水。", estate_id=e.id)
    s = Settings(db=db_path, playlist=["notices"])

    try:
        app = DisplayApp(s, "甲小区", build(s.playlist, s.quiet_hours, s.interval, kinds.known()))
        async with app.run_test(size=(80, 24)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.estate, EstateInfo) and app.deck.estate.id == e.id
            first = app.deck
            tamper(db_path, f"UPDATE estate SET name = '甲小区（新）' WHERE id = {e.id}", drop_triggers=False)
            notices.post("t", "新通知", "周六开会。", estate_id=e.id)
            app.request_load()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.deck is not first and app.deck.estate.id == e.id
            assert any(n.title == "新通知" for n in app.deck.data["notices"])
    finally:
        clock.reset()
