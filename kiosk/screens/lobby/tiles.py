"""The numbered tiles of the lobby's home screen.

Each tile names its screen as "module:Class" so the screen's module (and what it imports: QR,
Markdown …) loads only when a resident opens it. Another section adds its tile with `add_home_tile`
(e.g. on the free digits 8 and 9) without touching the home screen.
"""

from __future__ import annotations

import dataclasses
import importlib

from kiosk.i18n import N_


@dataclasses.dataclass(frozen=True)
class HomeTile:
    key: str  # the digit shown on the tile
    label: str  # marked with N_, translated when shown
    hint: str
    screen: str  # "package.module:entry": a function entry(app) -> Screen
    danger: bool = False

    def open(self, app):
        module, _sep, name = self.screen.partition(":")
        return getattr(importlib.import_module(module), name)(app)


HOME_TILES: list[HomeTile] = [
    HomeTile("1", N_("Notices"), N_("News of the estate"), "kiosk.screens.lobby.reading.notices:entry"),
    HomeTile("2", N_("Funding"), N_("Six sources of money"), "kiosk.screens.lobby.reading.funding:entry"),
    HomeTile("3", N_("Works progress"), N_("Progress of the projects"), "kiosk.screens.lobby.reading.works:entry"),
    HomeTile("4", N_("Report a problem"), N_("Leaks, doors, roads"), "kiosk.screens.lobby.report.start:entry"),
    HomeTile("5", N_("Track a report"), N_("Your ticket number"), "kiosk.screens.lobby.report.track:entry"),
    HomeTile("6", N_("Pledge"), N_("Scan or pledge here"), "kiosk.screens.lobby.pledge.projects:entry"),
    HomeTile("7", N_("Votes"), N_("Vote, results, meetings"), "kiosk.screens.lobby.vote.menu:entry"),
    # 8 and 9 are free.
]


def add_home_tile(tile: HomeTile) -> None:
    """Add (or replace) the tile with this digit; tiles stay in digit order."""
    HOME_TILES[:] = sorted([t for t in HOME_TILES if t.key != tile.key] + [tile], key=lambda t: t.key)
