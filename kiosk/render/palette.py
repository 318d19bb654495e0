"""The kiosk's colours, defined once. The renderers read the names here; the apps give the same
values to Textual CSS as variables ($board, $ink …, see css_variables), so styles/*.tcss never
repeat a hex value."""

from __future__ import annotations

# The notice board: read from three metres on a dark background.
BOARD = "#0d1117"  # the stage
BAR = "#1b2430"  # the top and bottom bars
INK = "#e8e8e8"
MUTED = "#9aa0a6"
GOOD = "#5fd068"
WARN = "#ffb347"
PANEL = "#22303a"  # a box set off from the stage (a vote's outcome)
CHIP_INK = "#101418"  # dark text on a coloured chip
STALE = "#8a5a00"  # "data out of date" badge
EMERGENCY = "#b00020"
WHITE = "#ffffff"
BLACK = "#000000"

# One accent per slide kind (its heading, its chip in the top bar).
ACCENT = {
    "notices": "#4ea1ff",
    "funding": "#5fd068",
    "fixed": "#3fc1c9",
    "meetings": "#b48cff",
    "pledge": "#ffb347",
    "daily": "#ffd75f",
    "votes": "#ff7eb6",
    "emergency": WHITE,
}

# The six funding sources' bar segments, by source key (kiosk.domain.sources).
SOURCE_COLOURS = {
    "government": "#d62728",
    "subdistrict": "#ff7f0e",
    "units": "#1f77b4",
    "community": "#2ca02c",
    "owners": "#9467bd",
    "property": "#17becf",
}
# The same on 16-colour consoles: still six distinct colours.
SOURCE_COLOURS_16 = {
    "government": "red",
    "subdistrict": "yellow",
    "units": "blue",
    "community": "green",
    "owners": "magenta",
    "property": "cyan",
}

DONE = SOURCE_COLOURS["community"]  # a finished works stage


def css_variables() -> dict[str, str]:
    """For App.get_css_variables: $board, $bar, $ink, $muted, $stale, $emergency, $white, $black."""
    return {"board": BOARD, "bar": BAR, "ink": INK, "muted": MUTED, "stale": STALE,
            "emergency": EMERGENCY, "white": WHITE, "black": BLACK}
