"""The change detector sees a write made by another connection right after start, before its
first poll (screens have already loaded their data by then)."""


import pytest
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


async def test_a_write_before_the_first_poll_is_seen(db):
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

    written = await scenario()
    assert app.changes and app.changes[-1] == written


# ---- every app: one detector, started before the app reads anything ---------------------------

@pytest.fixture
def make_lobby(db, tmp_path):
    from kiosk.apps.lobby import LobbyApp
    from kiosk.config import Settings

    estate = estates.add_estate("t", "测试小区")

    def make():
        return LobbyApp(Settings(db=db.database, log_file=str(tmp_path / "kiosk.log")), estates.get_estate(estate.id))

    return make


def _poll_timers(app) -> int:
    return sum(1 for t in app._timers if t.name == "revision-poll")


async def test_the_lobby_polls_once_and_shows_a_write_made_right_after_start(make_lobby):
    """Home has read its data; a write before the first poll must still reach the screen, with no
    lobby-specific code taking a baseline (the detector takes it when it starts)."""
    app = make_lobby()

    async def scenario() -> str:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert _poll_timers(app) == 1  # Textual calls every class's on_mount: start only once
            notices.post("t", "临时停电通知", estate_id=app.estate.id, pinned=True)
            app.live._tick()  # the first poll, done now
            for _ in range(100):
                await app.workers.wait_for_complete()
                await pilot.pause(0.02)
                if "临时停电通知" in _text(app):
                    break
            return _text(app)

    assert "临时停电通知" in await scenario()


async def test_display_and_admin_start_one_detector_with_a_baseline(db, tmp_path):
    from kiosk.apps.admin import AdminApp
    from kiosk.apps.display import DisplayApp
    from kiosk.config import Settings
    from kiosk.display import kinds
    from kiosk.display.playlist import build

    estates.add_estate("t", "测试小区")
    s = Settings(db=db.database, log_file=str(tmp_path / "kiosk.log"))
    apps = [DisplayApp(s, None, build(s.playlist, s.quiet_hours, s.interval, kinds.known())), AdminApp(s)]
    revision = db.execute_sql("SELECT revision FROM kiosk_state").fetchone()[0]

    async def scenario(app) -> tuple[int, int | None]:
        async with app.run_test() as pilot:
            await pilot.pause()
            return _poll_timers(app), app.live.revision

    for app in apps:
        assert await scenario(app) == (1, revision), type(app).__name__


def _text(app) -> str:
    return "\n".join("".join(seg.text for seg in strip._segments) for strip in app.screen._compositor.render_strips())


async def test_cached_reads_last_until_the_detector_sees_a_write(db):
    e = estates.add_estate("t", "缓存小区")
    app = Probe()
    reads: list[int] = []

    def count_notices() -> int:
        reads.append(1)
        return len(notices.live(e.id))

    async def scenario() -> list[int]:
        async with app.run_test() as pilot:
            seen = [app.live.cached("n", count_notices), app.live.cached("n", count_notices)]
            notices.post("t", "停水通知", estate_id=e.id)
            seen.append(app.live.cached("n", count_notices))  # not seen by the detector yet
            for _ in range(40):
                await pilot.pause(0.05)
                if app.changes:
                    break
            seen.append(app.live.cached("n", count_notices))
            return seen

    assert await scenario() == [0, 0, 0, 1]
    assert len(reads) == 2
