"""The change detector sees a write made by another connection right after start, before its
first poll (screens have already loaded their data by then)."""

import asyncio

from textual.app import App

from kiosk.apps.live import DataChanged, LiveData
from kiosk.domain import estates, notices


class Probe(App):
    def __init__(self) -> None:
        super().__init__()
        self.live = LiveData(interval=0.2)
        self.changes: list[int] = []

    def on_mount(self) -> None:
        self.live.start(self)

    def on_data_changed(self, message: DataChanged) -> None:
        self.changes.append(message.revision)


def test_a_write_before_the_first_poll_is_seen(db):
    e = estates.add_estate("t", "测试小区")
    app = Probe()

    async def scenario() -> int:
        async with app.run_test() as pilot:
            notices.post("t", "开工通知", estate_id=e.id)  # after the screen loaded, before the first poll
            written = db.execute_sql("SELECT revision FROM kiosk_state").fetchone()[0]
            for _ in range(100):
                await pilot.pause(0.05)
                if app.changes:
                    break
            return written

    written = asyncio.run(scenario())
    assert app.changes and app.changes[-1] == written
