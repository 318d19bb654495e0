"""The TV's funding slide read from the screen's cells: the big "funded" figure is received /
target rounded down (99.9, never 100, ¥200 short of the target), and the bar under it fills
floor(figure x width) cells; pledges past the target are drawn apart (▒), named as pledged, and
never move the figure or the received cells."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from rich.console import Console
from support import settle
from test_display_app import T0, make_app

from kiosk import clock
from kiosk.domain import estates, funding, ledger
from kiosk.render.slides.bignum import BlockNumber
from kiosk.render.slides.common import ACCENT, BigDigits


@pytest.fixture
def projects(db):
    clock.freeze(T0 - dt.timedelta(days=1))
    e = estates.add_estate("t", "丙小区")
    almost = funding.create_project("t", e.id, "屋面防水", 300_000_00, status="fundraising")
    ledger.record("t", almost.id, "government", 299_800_00, status="received", contributor="区政府", receipt_no="G1")
    beyond = funding.create_project("t", e.id, "道路修复", 200_000_00, status="fundraising")
    ledger.record("t", beyond.id, "government", 100_000_00, status="received", contributor="区政府", receipt_no="G2")
    ledger.record("t", beyond.id, "units", 52_600_00, status="received", contributor="某有限公司", receipt_no="U1")
    ledger.record("t", beyond.id, "units", 333_300_00, contributor="另一有限公司")  # pledged, not received
    clock.freeze(T0)
    return e


def cells(app) -> list[list[tuple[str, str | None]]]:
    """The screen as rows of (character, background colour), one entry per terminal cell."""
    rows = []
    for strip in app.screen._compositor.render_strips():
        row = []
        for seg in strip._segments:
            bg = seg.style.bgcolor.name if seg.style and seg.style.bgcolor else None
            for ch in seg.text:
                row.append((ch, bg))
                if seg.cell_length > len(seg.text) and ord(ch) > 0x2E80:  # a wide character's second cell
                    row.append(("\0", bg))  # keeps string index = cell column
        rows.append(row)
    return rows


def _bitmap(renderable, colour: str) -> list[str]:
    console = Console(width=300, color_system="truecolor", legacy_windows=False)
    lines = console.render_lines(renderable, console.options, pad=False)
    return ["".join(("#" if s.style and s.style.bgcolor and s.style.bgcolor.triplet and
                     s.style.bgcolor.triplet.hex == colour else ".") * s.cell_length for s in line) for line in lines]


def _screen_bitmap(grid, colour: str) -> list[str]:
    return ["".join("#" if bg and bg.lower() == colour else "." for _ch, bg in row) for row in grid]


def _contains(screen: list[str], pattern: list[str]) -> bool:
    """Is the pixel figure `pattern` (its lit cells exactly) somewhere on the screen?"""
    pattern = [p.rstrip(".") for p in pattern]
    for y in range(len(screen) - len(pattern) + 1):
        for x in (m.start() for m in re.finditer(re.escape(pattern[0]), screen[y])):
            if all(screen[y + i][x: x + len(p)] == p for i, p in enumerate(pattern)):
                return True
    return False


def _text_figure(lines: list[str], figure: str) -> bool:
    """Textual's three-line digits of `figure` stacked at one column somewhere on the screen."""
    console = Console(width=200)
    digits = [line.rstrip() for line in console.render_lines(BigDigits(figure, "bold"), console.options, pad=False)
              for line in ["".join(s.text for s in line)]]
    for y in range(len(lines) - 2):
        for x in (m.start() for m in re.finditer(re.escape(digits[0]), lines[y])):
            if all(lines[y + i][x: x + len(d)] == d for i, d in enumerate(digits)):
                return True
    return False


def _bars(lines: list[str]) -> list[str]:
    """The funding bar's rows: every bar above the works progress (the slide's last block)."""
    works = next(i for i, line in enumerate(lines) if "工程进度" in line.replace("\0", ""))
    return [m.group(0) for line in lines[:works] for m in re.finditer(r"[█▒░]{12,}", line)]


async def _slides(app, pilot):
    """Each project's slide in turn: (lines of text, grid of cells)."""
    shown = []
    for _i in range(2):
        await settle(pilot, workers=True)
        grid = cells(app)
        shown.append((["".join(ch for ch, _bg in row) for row in grid], grid))
        clock.advance(dt.timedelta(seconds=10))
        app.tick()
        await pilot.pause()
    return shown


def _check_bar(bar: str, figure: str) -> None:
    units = int(figure.replace(".", "")) * (10 if "." not in figure else 1)
    assert bar.count("█") == units * len(bar) // 1000, (bar, figure)
    assert set(bar[: bar.count("█")]) == {"█"}


@pytest.mark.parametrize("size", [(240, 67), (80, 24), (160, 36)])
async def test_funding_slide_figure_and_bar_agree(db, projects, size):
    app = make_app(db, interval=10, playlist=["funding"])
    async with app.run_test(size=size) as pilot:
        seen = {}
        for lines, grid in await _slides(app, pilot):
            text = "\n".join(lines).replace("\0", "")
            title = "屋面防水" if "屋面防水" in text else "道路修复"
            seen[title] = (lines, grid)
        assert set(seen) == {"屋面防水", "道路修复"}
        colour = ACCENT["funding"]
        for title, figure, wrong in (("屋面防水", "99.9", "100"), ("道路修复", "76.3", "242.9")):
            lines, grid = seen[title]
            # Whatever font the layout chose (block pixels on a TV, three-line digits else),
            # the figure on the screen is the right one and the wrong one is nowhere.
            screen = _screen_bitmap(grid, colour)

            def shown(value: str) -> bool:
                return _text_figure(lines, value) or any(
                    _contains(screen, _bitmap(BlockNumber(value, colour, scale=k), colour)) for k in (4, 2))

            assert shown(figure) and not shown(wrong), title
            bars = _bars(lines)
            assert bars, title
            for bar in bars:
                _check_bar(bar, figure)
            if title == "道路修复":
                text = "\n".join(lines)
                assert all(b.count("▒") == len(b) - b.count("█") > 0 for b in bars)  # capped at the end
                assert "已认捐未到账" in text.replace("\0", "").replace(" ", "")
            else:
                assert all(b.endswith("░") for b in bars)
