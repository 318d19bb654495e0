"""Cold start to the first full paint, and peak memory: the lobby against a bare Textual app.

Both run the same way in the same run, alternating, in a real terminal (tmux, 80×24): from
asking tmux to start the process until the screen shows the app's marker (the estate's name for
the lobby) and then stays unchanged for a moment — a screen that paints in steps counts from its
last step. Peak memory is VmHWM of that process two seconds after its first paint (after the
first change poll, which opens a second database connection in a worker thread). One start of
each is thrown away first (a cold disk cache is not what a kiosk sees after its first boot).
The source tree is byte-compiled first, as `pip install` leaves an installed kiosk.

A third app starts in the same rotation: the stack's floor (floor_app: peewee and cysqlite, the
database opened, one row read, one Static). Its rows have no target; they show how much of each
ratio the required dependencies take before any of the kiosk's own code runs.
"""

from __future__ import annotations

import sys
import time

from benchmarks import bare_app, floor_app
from benchmarks.context import Context, app_available
from benchmarks.report import Row, unavailable
from benchmarks.stats import median
from benchmarks.terminal import Tmux, proc_status

FIRST_PAINT_RATIO = 1.2
MEMORY_RATIO = 1.3
QUIET_S = 0.5
SETTLE_S = 2.0


def _one(term: Tmux, ctx: Context, name: str, argv: list[str], marker: str) -> tuple[float, int, str]:
    t0 = term.start(name, argv, env=ctx.pane_env(), size=ctx.size)
    seen = term.watch(name, lambda s: marker in s, timeout=30, quiet=QUIET_S)
    if seen.timed_out and marker not in seen.screen:
        screen = seen.screen
        term.stop(name)
        raise RuntimeError(f"{marker!r} never appeared; the screen shows:\n{screen}")
    time.sleep(max(0.0, seen.at + SETTLE_S - time.perf_counter()))
    peak = proc_status(term.pid(name)).get("VmHWM", 0)
    term.stop(name)
    return seen.at - t0, peak, seen.screen


def measure(ctx: Context, term: Tmux) -> list[Row]:
    lobby_ok, why = app_available("lobby")
    bare_argv = [*ctx.prefix, sys.executable, "-m", "benchmarks.bare_app"]
    lobby_argv = ctx.kiosk("lobby")
    runs = {"bare": ([], []), "lobby": ([], [])}
    apps = [("bare", bare_argv, bare_app.MARKER)]
    if lobby_ok:
        floor_argv = [*ctx.prefix, sys.executable, "-m", "benchmarks.floor_app", ctx.db]
        runs["floor"] = ([], [])
        apps += [("floor", floor_argv, floor_app.MARKER), ("lobby", lobby_argv, ctx.estate)]
    total = (ctx.repeats + 1) * len(apps)
    k = 0
    for i in range(ctx.repeats + 1):
        for label, argv, marker in apps:
            ctx.progress.update(f"cold starts ({label})", k, total)
            k += 1
            seconds, peak, _screen = _one(term, ctx, f"start-{label}-{i}", argv, marker)
            if i > 0:  # the first of each warms the disk cache
                runs[label][0].append(seconds)
                runs[label][1].append(peak)
    ctx.progress.update("cold starts", total, total)
    bare_s, bare_kb = median(runs["bare"][0]), median(runs["bare"][1])
    rows = [Row("bare Textual app: first paint, peak memory", f"{bare_s:.3f} s, {bare_kb / 1024:.1f} MB",
                note=f"median of {ctx.repeats} cold starts, alternating with the lobby's (the yardstick for the two ratios below)",
                data={"seconds": runs["bare"][0], "peak_kb": runs["bare"][1]})]
    if not lobby_ok:
        return rows + [unavailable("first paint, lobby / bare", why), unavailable("peak memory, lobby / bare", why)]
    lobby_s, lobby_kb = median(runs["lobby"][0]), median(runs["lobby"][1])
    paint, memory = lobby_s / bare_s, lobby_kb / bare_kb
    rows.append(Row("first paint, lobby / bare", f"{lobby_s:.3f} s = {paint:.2f}×", f"≤ {FIRST_PAINT_RATIO}×",
                    paint <= FIRST_PAINT_RATIO, data={"seconds": runs["lobby"][0], "ratio": paint}))
    rows.append(Row("peak memory, lobby / bare", f"{lobby_kb / 1024:.1f} MB = {memory:.2f}×", f"≤ {MEMORY_RATIO}×",
                    memory <= MEMORY_RATIO, data={"peak_kb": runs["lobby"][1], "ratio": memory}))
    return rows + _floor_rows(runs, bare_s, bare_kb, lobby_s, lobby_kb)


def _floor_rows(runs: dict, bare_s: float, bare_kb: float, lobby_s: float, lobby_kb: float) -> list[Row]:
    """The stack's floor (benchmarks/floor_app.py) against the bare app, and what the targets
    leave for the kiosk's own code above it: information, no target of its own."""
    floor_s, floor_kb = median(runs["floor"][0]), median(runs["floor"][1])
    room_ms = (FIRST_PAINT_RATIO * bare_s - floor_s) * 1000
    room_mb = (MEMORY_RATIO * bare_kb - floor_kb) / 1024
    return [
        Row("first paint, stack floor / bare", f"{floor_s:.3f} s = {floor_s / bare_s:.2f}×",
            note=f"peewee + cysqlite + one read, one Static; room left under ≤ {FIRST_PAINT_RATIO}×: {room_ms:.0f} ms, "
                 f"the lobby takes {(lobby_s - floor_s) * 1000:.0f} ms above the floor",
            data={"seconds": runs["floor"][0], "ratio": floor_s / bare_s, "room_ms": room_ms}),
        Row("peak memory, stack floor / bare", f"{floor_kb / 1024:.1f} MB = {floor_kb / bare_kb:.2f}×",
            note=f"room left under ≤ {MEMORY_RATIO}×: {room_mb:.1f} MB, the lobby takes {(lobby_kb - floor_kb) / 1024:.1f} MB above the floor",
            data={"peak_kb": runs["floor"][1], "ratio": floor_kb / bare_kb, "room_mb": room_mb}),
    ]
