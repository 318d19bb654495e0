"""The lobby on real screens: at every size of the matrix (80x24 to 200x50, a 16:9 screen at a
readable font (128x24), portrait 60x80 and 72x64) home shows lines in each panel, every tile is whole
with its hint, no legend entry loses its label, no line starts with closing punctuation — read from
the widgets' regions and the cells on screen, not from fixed positions; and an SVG snapshot of
home, funding, a project page, the vote menu and the pledge QR screen at each size.
Update the snapshots after an intended change: pytest tests/lobby/test_layout_matrix.py --snapshot-update"""

from __future__ import annotations

import pytest
from rich.text import Text

from kiosk.domain.sources import SOURCES, short_label
from kiosk.render.safe import one_line
from kiosk.render.wrap import CLOSING
from kiosk.widgets.key_tile import KeyTile
from kiosk.widgets.project_summary import ProjectSummary
from support import press, screen_lines, settle

SIZES = [(80, 24), (100, 30), (128, 24), (120, 34), (160, 45), (200, 50), (60, 80), (72, 64), (120, 40)]
SCREENS = {
    "home": [],
    "funding": ["2", "1"],
    "project": ["3", "1"],
    "vote_menu": ["7"],
    "pledge_qr": ["6", "2"],
}
SIZE_IDS = [f"{w}x{h}" for w, h in SIZES]


async def _open(pilot, keys):
    await settle(pilot)
    await press(pilot, *keys)
    await settle(pilot)


def _visible_rows(widget) -> int:
    """Rows of `widget` that its containers let show (clipped by every scrolling parent)."""
    region = widget.region
    node = widget.parent
    while node is not None and node is not widget.screen:
        if getattr(node, "region", None) is not None and node.region.height:
            region = region.intersection(node.content_region if node.is_scrollable else node.region)
        node = node.parent
    return region.height if region.width else 0


def _tile_problems(app) -> list[str]:
    problems = []
    for tile in app.screen.query(KeyTile):
        if tile.has_class("-compact") or not tile.display:
            continue
        rendered = tile.render().plain.split("\n")
        label, hint = one_line(tile.label), one_line(tile.hint)
        if label not in rendered[0] and label not in "".join(rendered):
            problems.append(f"tile {tile.key}: label cut: {rendered}")
        # The hint whole: on the second line, or on the lines after the label of a tile that grows.
        if hint and hint.replace(" ", "") not in "".join(rendered[1:]).replace(" ", ""):
            problems.append(f"tile {tile.key}: hint cut: {rendered}")
        needed = len(rendered)
        if tile.content_region.height < needed:
            problems.append(f"tile {tile.key}: {tile.content_region.height} rows for {needed} lines")
    return problems


def _closing_at_line_start(app) -> list[str]:
    """Text pieces (separated by runs of spaces or frame characters) that begin with "。" etc."""
    found = []
    for row in screen_lines(app)[1:-1]:  # the title and key bars aside
        piece = row.strip(" │┃╭╮╰╯─━┏┓┗┛▀▄█▌▐▊")
        if piece and piece[0] in CLOSING and piece[0] not in "%.·…—":
            found.append(row)
    return found


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
async def test_home_panels_show_their_lines_and_tiles_their_hints(make_app, size, lang):
    app = make_app(lang)
    async with app.run_test(size=size) as pilot:
        await _open(pilot, [])
        notices = app.screen.query_one("#home-notice-list")
        # The heading and at least one notice (the demo has four) are on screen.
        assert _visible_rows(notices) >= 2, (size, notices.region)
        rows = "\n".join(screen_lines(app))
        first_notice = one_line(app.screen.live_notices[0].title)
        assert first_notice[:8] in rows, size
        # At least one project whole: its title, its figures and its bars.
        summaries = list(app.screen.query(ProjectSummary))
        assert summaries, size
        whole = [s for s in summaries if _visible_rows(s) >= s.region.height >= 2]
        assert whole, (size, [(s.region, _visible_rows(s)) for s in summaries])
        assert one_line(whole[0].title)[:8] in rows
        # Every tile on screen from edge to edge, with its label and hint.
        for tile in app.screen.query("#home-tiles KeyTile"):
            assert _visible_rows(tile) == tile.region.height, (size, tile.key)
        assert _tile_problems(app) == []
        assert _closing_at_line_start(app) == []
    assert app.errors == []


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.parametrize("name", ["funding", "project", "vote_menu", "pledge_qr"])
async def test_screens_keep_tiles_labels_and_punctuation_whole(make_app, size, name, lang):
    app = make_app(lang)
    async with app.run_test(size=size) as pilot:
        await _open(pilot, SCREENS[name])
        assert type(app.screen).__name__ != "HomeScreen"
        assert _tile_problems(app) == []
        assert _closing_at_line_start(app) == []
        if name == "funding":
            rows = screen_lines(app)
            for key in SOURCES:  # a swatch and its label on one line
                assert any(f"██ {short_label(key)}" in row for row in rows), (size, key)
    assert app.errors == []


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_the_funding_legend_at_80_columns_keeps_each_label_with_its_swatch(make_app, lang):
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(pilot, SCREENS["funding"])
        legend = app.screen.query_one(".legend")
        lines = [row[legend.region.x:legend.region.right].rstrip() for row in
                 screen_lines(app)[legend.region.y:legend.region.bottom]]
        labels = [short_label(key) for key in SOURCES]
        for label in labels:
            assert any(f"██ {label}" in line for line in lines), (label, lines)
        for line in lines:  # each line starts with a swatch, never with a label's tail
            assert line.lstrip().startswith(("██", "▒▒")), lines
        assert Text("\n".join(lines)).cell_len


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
@pytest.mark.parametrize("name", sorted(SCREENS))
def test_snapshot(snap_compare, make_app, size, name):
    async def open_screen(pilot):
        await _open(pilot, SCREENS[name])

    assert snap_compare(make_app("zh"), run_before=open_screen, terminal_size=size)


def test_snapshot_english_funding_at_80_columns(snap_compare, make_app):
    async def open_screen(pilot):
        await _open(pilot, SCREENS["funding"])

    assert snap_compare(make_app("en"), run_before=open_screen, terminal_size=(80, 24))
