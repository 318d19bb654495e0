"""Change propagation: a write in one process, shown by the lobby running in another.

The lobby runs in tmux on its home screen. This process posts a pinned notice for the lobby's
estate through the domain (`notices.post`, as `kiosk notice post --pinned` does) and times from
the commit until the lobby's screen shows the new title. Writes are spaced by a random pause so
they fall at every phase of the lobby's change poll.
"""

from __future__ import annotations

import random
import time

from benchmarks.context import Context, app_available
from benchmarks.report import Row, unavailable
from benchmarks.stats import percentile
from benchmarks.terminal import Tmux

P95_S = 2.0
NAME = "propagation"


def measure(ctx: Context, term: Tmux) -> list[Row]:
    ok, why = app_available("lobby")
    if not ok:
        return [unavailable("write → shown by another process", why)]
    from kiosk.db import connection
    from kiosk.domain import estates, notices

    rng = random.Random(5)
    term.start(NAME, ctx.kiosk("lobby"), env=ctx.pane_env(), size=ctx.size)
    term.watch(NAME, lambda s: ctx.estate in s, timeout=30, quiet=0.5)
    connection.connect(ctx.db)
    delays, missed = [], 0
    try:
        estate_id = estates.resolve_estate(ctx.estate).id
        for i in range(ctx.writes):
            ctx.progress.update("propagation", i, ctx.writes)
            title = f"测速{i + 1:02d}号"
            notices.post("benchmark", title, "基准测试", estate_id=estate_id, pinned=True)
            committed = time.perf_counter()
            seen = term.watch(NAME, lambda s: title in s, timeout=10, quiet=0)
            if seen.timed_out:
                missed += 1
            delays.append(seen.at - committed)
            time.sleep(rng.uniform(0.2, 1.2))
        ctx.progress.update("propagation", ctx.writes, ctx.writes)
    finally:
        connection.close()
        term.stop(NAME)
    p50, p95 = percentile(delays, 50), percentile(delays, 95)
    note = f"{ctx.writes} pinned notices posted from the benchmark process"
    if missed:
        note += f"; {missed} never appeared within 10 s"
    return [Row("write → shown by another process", f"p50 {p50:.2f} s, p95 {p95:.2f} s", f"p95 ≤ {P95_S:.0f} s",
                p95 <= P95_S and not missed, note, data={"seconds": delays})]
