"""The arrow keys move across the tiles as they are drawn: ↓ goes to the tile below (not to the
next number), → to the tile beside it. Where nothing is drawn that way, the focus moves on in
number order, as Tab does (→ on the last tile of a row goes to the next row)."""

from __future__ import annotations

from textual.geometry import NULL_REGION, Region
from textual.widget import Widget

STEPS = {"up": (0, -1), "down": (0, 1), "left": (-1, 0), "right": (1, 0)}


def _beyond(here: Region, there: Region, direction: str) -> int | None:
    """How far `there` lies past `here` in `direction` (None: not that way)."""
    if direction == "down":
        gap = there.y - here.bottom
    elif direction == "up":
        gap = here.y - there.bottom
    elif direction == "right":
        gap = there.x - here.right
    else:
        gap = here.x - there.right
    return gap if gap >= 0 else None


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def nearest(here: Region, candidates: list[tuple[Widget, Region]], direction: str) -> Widget | None:
    """The widget drawn next to `here` in `direction`: the nearest row (or column) that way, then
    the one most in line with `here`."""
    horizontal = direction in ("left", "right")
    best, best_key = None, None
    for widget, there in candidates:
        gap = _beyond(here, there, direction)
        if gap is None:
            continue
        if horizontal:
            # Beside: on the same row (the rows overlap).
            if not _overlap(here.y, here.bottom, there.y, there.bottom):
                continue
            off_line = abs((there.y + there.height / 2) - (here.y + here.height / 2))
        else:
            off_line = abs((there.x + there.width / 2) - (here.x + here.width / 2))
        key = (gap, off_line, there.x, there.y)
        if best_key is None or key < best_key:
            best, best_key = widget, key
    return best


def target(screen, direction: str) -> Widget | None:
    """Where the focus goes from the focused widget, or None (then: number order)."""
    focused = screen.focused
    if focused is None:
        return None
    here = focused.region
    if here == NULL_REGION:
        return None
    candidates = [(w, w.region) for w in screen.focus_chain if w is not focused]
    return nearest(here, [(w, r) for w, r in candidates if r != NULL_REGION], direction)
