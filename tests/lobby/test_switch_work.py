"""A screen switch does each piece of work once: every widget of the new screen gets its styles
once (not again on the screen's first resume, nor when the reading body takes the focus), the
screen is not laid out again for its own size, and the pledge QR code is encoded once per
address. The real lobby, its real screens; the work is counted, the methods wrapped, not replaced."""

from __future__ import annotations

import collections

import pytest
from textual.css.stylesheet import Stylesheet
from textual.screen import Screen

from kiosk.render import qr
from support import drive, press, screen_text, settle


@pytest.fixture
def styled(monkeypatch):
    """How many times each node got the stylesheet applied."""
    counts: collections.Counter = collections.Counter()
    real = Stylesheet.apply

    def counted(self, node, *args, **kwargs):
        counts[node] += 1
        return real(self, node, *args, **kwargs)

    monkeypatch.setattr(Stylesheet, "apply", counted)
    return counts


@pytest.fixture
def layouts(monkeypatch):
    """Full layouts, by the screen laid out."""
    counts: collections.Counter = collections.Counter()
    real = Screen._refresh_layout

    def counted(self, *args, **kwargs):
        counts[type(self).__name__] += 1
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Screen, "_refresh_layout", counted)
    return counts


@pytest.mark.parametrize("keys, name", [
    (("2", "1"), "FundingDetailScreen"),  # a reading screen: its body takes the focus
    (("3", "1"), "WorksDetailScreen"),
    (("2",), "FundingScreen"),  # a list: its first tile takes the focus
])
async def test_each_widget_of_a_new_screen_is_styled_once(make_app, styled, layouts, keys, name):
    app = make_app()
    async with drive(app) as pilot:
        for key in keys[:-1]:
            await press(pilot, key)
        before = app.screen
        styled.clear()
        layouts.clear()
        await press(pilot, keys[-1])
        await settle(pilot)
        screen = app.screen
        assert type(screen).__name__ == name, screen_text(app)
        focused = screen.focused
        assert focused is not None
        twice = [n for n, c in styled.items() if n is not focused and c > 1 and n.screen is screen]
        assert not twice, twice  # the focused widget alone is styled again, for its :focus
        assert styled[focused] <= 2
        assert layouts[type(before).__name__] == 0  # the screen below is not laid out again
    assert app.errors == []


async def test_the_pledge_qr_code_is_encoded_once_per_address(make_app, monkeypatch):
    encoded: list[str] = []
    real = qr._matrix.__wrapped__

    def counted(url, border):
        encoded.append(url)
        return real(url, border)

    qr._matrix.cache_clear()
    monkeypatch.setattr(qr, "_matrix", qr.functools.lru_cache(maxsize=64)(counted))
    app = make_app()
    async with drive(app) as pilot:
        for _ in range(2):
            await press(pilot, "6")
            await press(pilot, "1")
            assert type(app.screen).__name__ == "PledgeQRScreen", screen_text(app)
            assert app.screen.query("#qr")
            await press(pilot, "escape")
            await press(pilot, "escape")
    assert len(encoded) == 1, encoded
    assert app.errors == []
