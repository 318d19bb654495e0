"""The notice-board loop: CPU while it runs unattended, and memory over an hour in fast-forward.

CPU, idle: `kiosk display --interval 3600` in tmux (120×40), one slide with nothing changing (no
slide change, no write), left alone for a warm-up, then utime+stime from /proc/PID/stat over the
measuring window (20 s), as a share of one core: what timers and refreshes cost when nothing happens.

Soak: the same loop with KIOSK_CLOCK_SPEED=60 (kiosk time runs 60× faster) and 10 s slides in
kiosk time (a sixth of a real second), so one real minute is an hour of the loop: 360 slide changes. Every few seconds this
process writes (a notice, a contribution), so the display also reloads as it would in a day.
Memory is VmRSS after a warm-up (five minutes of kiosk time) and at the end; it must not grow
by more than a tenth.
"""

from __future__ import annotations

import time

from benchmarks.context import Context, app_available
from benchmarks.report import Row, unavailable
from benchmarks.terminal import Tmux, cpu_seconds, proc_status

CPU_PERCENT = 0.5
IDLE_INTERVAL_S = 3600.0  # the playlist's longest: the slide never changes while measured
GROWTH = 1.10
SIZE = (120, 40)
INTERVAL_S = 10.0


def _start(term: Tmux, ctx: Context, name: str, interval: float, **env: str) -> int:
    term.start(name, ctx.kiosk("display", "--interval", f"{interval:g}"), env=ctx.pane_env(**env), size=SIZE)
    term.watch(name, lambda s: s.strip() != "", timeout=30, quiet=0.5)
    return term.pid(name)


def _wait(ctx: Context, label: str, seconds: float, term: Tmux, name: str, tick=None) -> bool:
    """Sleep `seconds` showing progress; False if the display died meanwhile."""
    end = time.perf_counter() + seconds
    last_tick = time.perf_counter()
    while (left := end - time.perf_counter()) > 0:
        ctx.progress.update(label, seconds - left, seconds)
        time.sleep(min(1.0, left))
        if tick and time.perf_counter() - last_tick >= 5:
            tick()
            last_tick = time.perf_counter()
    ctx.progress.update(label, seconds, seconds)
    return not term.dead(name)


def cpu(ctx: Context, term: Tmux) -> list[Row]:
    ok, why = app_available("display")
    if not ok:
        return [unavailable("display idle CPU", why)]
    name = "display-cpu"
    pid = _start(term, ctx, name, IDLE_INTERVAL_S)
    try:
        alive = _wait(ctx, "display warm-up", 5 if ctx.quick else 10, term, name)
        c0, t0 = cpu_seconds(pid), time.perf_counter()
        alive = alive and _wait(ctx, f"display CPU over {ctx.cpu_seconds:.0f} s", ctx.cpu_seconds, term, name)
        if not alive:
            return [Row("display idle CPU", "the display exited", f"≤ {CPU_PERCENT:g}% of a core", False,
                        term.capture(name)[-300:])]
        c1, t1 = cpu_seconds(pid), time.perf_counter()
        rss = proc_status(pid).get("VmRSS", 0)
    finally:
        term.stop(name)
    pct = 100 * (c1 - c0) / (t1 - t0)
    return [Row("display idle CPU (one slide, nothing changing)", f"{pct:.2f}% of a core", f"≤ {CPU_PERCENT:g}%", pct <= CPU_PERCENT,
                f"utime+stime over {t1 - t0:.0f} s; RSS {rss / 1024:.1f} MB", data={"percent": pct, "rss_kb": rss})]


def soak(ctx: Context, term: Tmux) -> list[Row]:
    ok, why = app_available("display")
    if not ok:
        return [unavailable("display memory, 1 h soak", why)]
    from kiosk.db import connection
    from kiosk.db.models import Project
    from kiosk.domain import estates, ledger, notices

    name = "display-soak"
    speed = ctx.clock_speed
    # The interval is in kiosk time, like everything the loop schedules (the playlist refuses
    # less than a second, so a real-time 10/60 s would not start).
    pid = _start(term, ctx, name, INTERVAL_S, KIOSK_CLOCK_SPEED=f"{speed:g}")
    connection.connect(ctx.db)
    writes = [0]
    try:
        estate_id = estates.resolve_estate(ctx.estate).id
        project = Project.select(Project.id).where(Project.estate == estate_id, Project.status != "cancelled").scalar()

        def write() -> None:
            writes[0] += 1
            notices.post("benchmark", f"浸泡测试通知 {writes[0]}", "", estate_id=estate_id)
            if project:
                ledger.record("benchmark", project, "owners", 10_000, contributor="浸泡测试")

        warm = 5.0 * 60 / speed  # five minutes of kiosk time
        alive = _wait(ctx, "soak warm-up", warm, term, name, write)
        before = proc_status(pid)
        seconds = ctx.soak_seconds
        alive = alive and _wait(ctx, f"display soak ({seconds * speed / 3600:.2g} h of kiosk time)", seconds, term, name, write)
        after = proc_status(pid)
        screen = term.capture(name)
    finally:
        connection.close()
        term.stop(name)
    if not alive:
        return [Row("display memory, soak", "the display exited", f"≤ {GROWTH:.2f}× after warm-up", False, screen[-300:])]
    rss0, rss1 = before.get("VmRSS", 0), after.get("VmRSS", 0)
    growth = rss1 / rss0 if rss0 else float("nan")
    hours = (warm + seconds) * speed / 3600
    return [Row(f"display memory, {hours:.2g} h soak", f"{rss0 / 1024:.1f} → {rss1 / 1024:.1f} MB = {growth:.2f}×",
                f"≤ {GROWTH:.2f}×", growth <= GROWTH,
                f"clock ×{speed:g}, slides every {INTERVAL_S / speed:.3g} s, {writes[0]} writes meanwhile; peak {after.get('VmHWM', 0) / 1024:.1f} MB",
                data={"rss_kb": [rss0, rss1], "hwm_kb": after.get("VmHWM", 0), "writes": writes[0]})]
