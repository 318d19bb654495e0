"""The numbered tiles of the lobby's home screen.

Each tile names the function that opens its section. The section's module is imported inside that
function, so it (and what it imports: QR, Markdown …) loads only when a resident opens it, and the
arrow from home to each section is a plain import that readers and tools can follow. Another
section adds its tile with `add_home_tile` (e.g. on the free digits 8 and 9) without touching the
home screen.
"""

from __future__ import annotations

import dataclasses
from typing import Callable

from kiosk.i18n import N_


@dataclasses.dataclass(frozen=True)
class HomeTile:
    key: str  # the digit shown on the tile
    label: str  # marked with N_, translated when shown
    hint: str
    opens: Callable  # opens(app) -> the section's first screen
    danger: bool = False

    def open(self, app):
        return self.opens(app)


def _notices(app):
    from kiosk.screens.lobby.reading import notices

    return notices.entry(app)


def _funding(app):
    from kiosk.screens.lobby.reading import funding

    return funding.entry(app)


def _works(app):
    from kiosk.screens.lobby.reading import works

    return works.entry(app)


def _report(app):
    from kiosk.screens.lobby.report import start

    return start.entry(app)


def _track(app):
    from kiosk.screens.lobby.report import track

    return track.entry(app)


def _pledge(app):
    from kiosk.screens.lobby.pledge import projects

    return projects.entry(app)


def _votes(app):
    from kiosk.screens.lobby.vote import menu

    return menu.entry(app)


def _repairs(app):
    from kiosk.screens.lobby.reading import repairs

    return repairs.entry(app)


HOME_TILES: list[HomeTile] = [
    HomeTile("1", N_("Notices"), N_("News of the estate"), _notices),
    HomeTile("2", N_("Funding"), N_("Six sources of money"), _funding),
    HomeTile("3", N_("Works progress"), N_("Stages of each project"), _works),
    HomeTile("4", N_("Report a problem"), N_("Leaks, doors, roads"), _report),
    HomeTile("5", N_("Track a report"), N_("Your ticket number"), _track),
    HomeTile("6", N_("Pledge"), N_("Scan or pledge here"), _pledge),
    HomeTile("7", N_("Votes"), N_("Vote, results, meetings"), _votes),
    HomeTile("8", N_("Emergency repairs"), N_("Your share of the cost"), _repairs),
    # 9 is free.
]


def add_home_tile(tile: HomeTile) -> None:
    """Add (or replace) the tile with this digit; tiles stay in digit order."""
    HOME_TILES[:] = sorted([t for t in HOME_TILES if t.key != tile.key] + [tile], key=lambda t: t.key)
