"""Key press → next screen fully painted, for every lobby screen, in a real terminal.

The lobby runs in tmux at 80×24. Its sections are found the way a resident finds them: each
digit 1–9 is pressed on the home screen; a digit that changes the screen opens a section, and
the first of 0, Backspace or Escape that brings the home screen back is the way home. Then each
section is opened and left `presses` times. A switch is timed from the moment the key is sent
until the screen matches that section's settled screen and then stays unchanged for a quarter
of a second; the time is when that final screen was first seen (so a screen that paints in two
steps counts from the second). Polling is every 3 ms through a tmux control client.
"""

from __future__ import annotations

import unicodedata

from benchmarks.context import Context, app_available
from benchmarks.report import Row, unavailable
from benchmarks.stats import percentile
from benchmarks.terminal import Tmux, similarity

P95_MS = 50.0
DIGITS = "123456789"
# Escape last: a terminal cannot tell a lone ESC from the start of an escape sequence, so Textual
# waits about 100 ms before it believes it (any app, any screen).
BACK_KEYS = ("0", "BSpace", "Escape")
QUIET_S = 0.25
SAME = 0.9  # share of lines that must match to call it the same screen (a clock may tick)
OTHER = 0.8  # below this share it is another screen
NAME = "screens"


def _title(screen: str, home: str) -> str:
    seen = set(home.splitlines())
    for line in screen.splitlines():
        text = " ".join(line.split())
        if text and line not in seen:
            out, width = "", 0
            for c in text:
                width += 2 if unicodedata.east_asian_width(c) in "WF" else 1
                if width > 18:
                    return out + "…"
                out += c
            return out
    return "?"


def _start(term: Tmux, ctx: Context) -> str:
    term.start(NAME, ctx.kiosk("lobby"), env=ctx.pane_env(), size=ctx.size)
    seen = term.watch(NAME, lambda s: ctx.estate in s, timeout=30, quiet=0.5)
    if ctx.estate not in seen.screen:
        raise RuntimeError(f"the lobby never showed {ctx.estate!r}:\n{seen.screen}")
    return seen.screen


def _go_home(term: Tmux, home: str, keys=BACK_KEYS) -> str | None:
    for key in keys:
        term.keys(NAME, key)
        seen = term.watch(NAME, lambda s: similarity(s, home) >= SAME, timeout=2, quiet=QUIET_S)
        if not seen.timed_out:
            return key
    return None


def discover(term: Tmux, ctx: Context, home: str) -> tuple[list[tuple[str, str, str]], list[tuple[str, str]], str | None, str]:
    """[(digit, title, settled screen)], [(digit, title)] of screens with no way home, the key
    that goes home, and the home screen."""
    found, stuck, back = [], [], None
    for digit in DIGITS:
        ctx.progress.update("finding the lobby's screens", DIGITS.index(digit), len(DIGITS))
        term.keys(NAME, digit)
        seen = term.watch(NAME, lambda s: similarity(s, home) < OTHER, timeout=2, quiet=0.5)
        if seen.timed_out and similarity(seen.screen, home) >= OTHER:
            continue  # nothing behind this digit
        title = _title(seen.screen, home)
        key = _go_home(term, home, (back,) if back else BACK_KEYS)
        if key is None:
            stuck.append((digit, title))
            term.stop(NAME)  # no key leads home from here: start again
            home = _start(term, ctx)
        else:
            back = key
            found.append((digit, title, seen.screen))
    ctx.progress.update("finding the lobby's screens", 1, 1)
    return found, stuck, back, home


def measure(ctx: Context, term: Tmux) -> list[Row]:
    ok, why = app_available("lobby")
    if not ok:
        return [unavailable("screen switches (every lobby screen)", why)]
    home = _start(term, ctx)
    try:
        screens, stuck, back, home = discover(term, ctx, home)
        rows = [Row(f"key {d} → {t}", "no way back home", f"p95 ≤ {P95_MS:.0f} ms", False,
                    "none of 0, Backspace, Escape returned to the home screen") for d, t in stuck]
        if not screens:
            return rows or [Row("screen switches", "no screen found", f"p95 ≤ {P95_MS:.0f} ms", False,
                                "no digit 1–9 changed the home screen")]
        opened: dict[str, list[float]] = {d: [] for d, _t, _s in screens}
        closed: list[float] = []
        misses = 0
        total = ctx.presses * len(screens)
        for rep in range(ctx.presses):
            for i, (digit, _title_, ref) in enumerate(screens):
                ctx.progress.update(f"screen switches ({len(screens)} screens × {ctx.presses})", rep * len(screens) + i, total)
                t0 = term.keys(NAME, digit)
                seen = term.watch(NAME, lambda s: similarity(s, ref) >= SAME, timeout=5, quiet=QUIET_S)
                misses += seen.timed_out
                opened[digit].append((seen.at - t0) * 1000)
                t0 = term.keys(NAME, back)
                seen = term.watch(NAME, lambda s: similarity(s, home) >= SAME, timeout=5, quiet=QUIET_S)
                misses += seen.timed_out
                closed.append((seen.at - t0) * 1000)
        ctx.progress.update("screen switches", total, total)
    finally:
        term.stop(NAME)
    for digit, title, _ref in screens:
        ms = opened[digit]
        p50, p95 = percentile(ms, 50), percentile(ms, 95)
        rows.append(Row(f"key {digit} → {title}", f"p50 {p50:.0f} ms, p95 {p95:.0f} ms", f"p95 ≤ {P95_MS:.0f} ms",
                        p95 <= P95_MS, data={"ms": ms}))
    p50, p95 = percentile(closed, 50), percentile(closed, 95)
    rows.append(Row(f"key {back} → home", f"p50 {p50:.0f} ms, p95 {p95:.0f} ms", f"p95 ≤ {P95_MS:.0f} ms", p95 <= P95_MS,
                    f"{ctx.presses} presses per screen" + (f"; {misses} switches never settled (counted at timeout)" if misses else ""),
                    data={"ms": closed}))
    return rows
