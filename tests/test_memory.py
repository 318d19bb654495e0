"""kiosk.memory: the collector paused around bulk jobs, and full collections kept off key presses."""

from __future__ import annotations

import gc

import pytest

from kiosk import memory


@pytest.fixture
def collector():
    """The process's collector settings put back afterwards (other tests share the process)."""
    threshold, enabled = gc.get_threshold(), gc.isenabled()
    gc.enable()
    yield
    gc.set_threshold(*threshold)
    (gc.enable if enabled else gc.disable)()


def _young_collections(n: int) -> None:
    for _ in range(n):
        gc.collect(1)


def test_the_collector_is_paused_for_a_block_and_comes_back_as_it_was(collector):
    with memory.collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    with memory.collector_paused():
        pass
    assert not gc.isenabled()  # it was off before: it stays off


def test_full_collections_wait_for_a_quiet_moment_but_not_for_ever(collector, monkeypatch):
    memory.full_collections_deferred()
    assert gc.get_threshold()[2] >= 1 << 30  # the automatic collector never starts a full one
    gc.collect()
    assert not memory.collect_when_quiet()  # nothing since the last full collection
    clock = [1000.0]
    monkeypatch.setattr(memory.time, "monotonic", lambda: clock[0])
    memory.input_seen()
    _young_collections(3)
    clock[0] += memory.QUIET_S / 2
    assert not memory.collect_when_quiet()  # a key came just now: not on its way
    assert gc.get_count()[2] >= 3
    clock[0] += memory.QUIET_S
    assert memory.collect_when_quiet()  # quiet: collected
    assert gc.get_count()[2] == 0
    memory.input_seen()
    _young_collections(memory.MOST_DEFERRED)
    assert memory.collect_when_quiet()  # busy all along, but garbage must not pile up


def test_a_full_collection_when_a_screen_has_gone_only_if_there_is_anything_for_it(collector):
    memory.full_collections_deferred()
    gc.collect()
    assert not memory.collect_pending()
    _young_collections(2)
    assert memory.collect_pending()
    assert gc.get_count()[2] == 0


async def test_leaving_a_screen_collects_its_widgets_once_the_one_under_it_is_drawn(collector):
    import weakref

    from textual.screen import Screen
    from textual.widgets import Static

    from kiosk.apps.common import KioskBaseApp
    from kiosk.config import Settings

    class Section(Screen):
        def compose(self):
            yield Static("section")

    class Probe(KioskBaseApp):
        def compose(self):
            yield Static("home")

    memory.full_collections_deferred()
    app = Probe(Settings())
    async with app.run_test() as pilot:
        section = Section()
        gone = weakref.ref(section)
        await app.push_screen(section)
        await pilot.pause()
        del section
        _young_collections(1)  # something for a full collection to do
        await app.pop_screen()
        await pilot.pause()
        await pilot.pause()
        assert gone() is None  # its widgets held it in cycles: only a full collection frees it
        assert gc.get_count()[2] == 0
