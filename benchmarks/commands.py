"""Staff commands on the big database, timed as staff run them: a fresh `kiosk` process each,
Python start-up included.

- `kiosk export report` (JSON, every estate), median of a few runs;
- `kiosk import contributions` of a generated CSV (200,000 rows at scale 1), once: it adds them;
- `kiosk verify --full` right after the build (it records the checkpoint), then, after everything
  else has written, `kiosk verify` (what changed since that checkpoint) and `kiosk verify --full`;
- the reviewers' case: the demo database plus the same 200,000-row import, then an export.
"""

from __future__ import annotations

import json
import os
import re
import subprocess

from benchmarks import csvgen
from benchmarks.context import Context
from benchmarks.report import Row
from benchmarks.stats import median

EXPORT_S = 1.0
EXPORT_S_10X = 2.0  # ten times the sub-district
IMPORT_S_PER_200K = 5.0
VERIFY_S = 3.0  # from the last checkpoint
VERIFY_FULL_S = 10.0  # ours: --full checks every row, and integrity_check every index


def _fail(name: str, result: subprocess.CompletedProcess) -> Row:
    tail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["?"]
    return Row(name, f"exit {result.returncode}", "", False, tail[0])


def export(ctx: Context, runs: int, label: str = "kiosk export report", target_s: float = EXPORT_S) -> Row:
    times = []
    out = os.path.join(ctx.out, "report.json")
    for i in range(runs):
        ctx.progress.update(label, i, runs)
        seconds, result = ctx.run_kiosk("export", "report", "--format", "json", "--out", out)
        if result.returncode != 0:
            return _fail(label, result)
        times.append(seconds)
    ctx.progress.update(label, runs, runs)
    with open(out, encoding="utf-8") as fh:
        report = json.load(fh)
    projects = sum(len(e["projects"]) for e in report["estates"])
    s = median(times)
    return Row(label, f"{s:.2f} s", f"≤ {target_s:.0f} s", s <= target_s,
               f"JSON, {len(report['estates'])} estates, {projects} projects; median of {runs}", data={"seconds": times})


def import_csv(ctx: Context, project_ids: list[int], rows: int, label: str = "kiosk import contributions") -> Row:
    path = os.path.join(ctx.out, "contributions.csv")
    ctx.progress.step(f"writing a {rows:,}-row contributions CSV")
    csvgen.write(path, project_ids, rows)
    ctx.progress.step(f"{label} ({rows:,} rows)")
    seconds, result = ctx.run_kiosk("import", "contributions", path)
    if result.returncode != 0:
        return _fail(label, result)
    target = IMPORT_S_PER_200K * max(1.0, rows / 200_000)  # a smaller file gets no tighter target
    # A file whose receipts are already recorded imports without error and writes nothing: timing
    # that would be timing nothing.
    found = re.search(r"Imported ([\d,]+) of", result.stdout)
    written = int(found.group(1).replace(",", "")) if found else None
    if written != rows:
        return Row(f"{label} ({rows:,} rows)", f"{seconds:.2f} s", f"≤ {target:.3g} s", False,
                   f"wrote {written} of {rows:,} rows: {result.stdout.strip()[-200:]}", data={"seconds": seconds, "written": written})
    return Row(f"{label} ({rows:,} rows)", f"{seconds:.2f} s = {rows / seconds:,.0f} rows/s", f"≤ {target:.3g} s",
               seconds <= target, data={"seconds": seconds, "rows": rows})


def verify(ctx: Context, full: bool = False) -> Row:
    """`kiosk verify --full` (every row; records the checkpoint) or `kiosk verify` (from it)."""
    seconds, result = ctx.run_kiosk("verify", *(["--full"] if full else []))
    ok = result.returncode == 0
    lines = result.stdout.strip().splitlines() or [""]
    summary = next((line for line in lines if line.startswith("OK")), lines[-1]).split(";")[0]
    if not full:
        summary += " in the database; " + ("checked from the last --full" if "since the full verify" in result.stdout
                                           else "no checkpoint yet: everything checked")
    name, limit = ("kiosk verify --full (every row)", VERIFY_FULL_S) if full else ("kiosk verify (since the last --full)", VERIFY_S)
    return Row(name, f"{seconds:.2f} s" + ("" if ok else ", FAULTS"), f"≤ {limit:.0f} s, no fault",
               ok and seconds <= limit, summary if ok else (result.stdout + result.stderr).strip()[-200:],
               data={"seconds": seconds, "exit": result.returncode})


def demo_case(ctx: Context, rows: int, term=None) -> list[Row]:
    """What reviewers run: `kiosk demo`, import 200,000 contributions, export; and, in a real
    terminal (`term`), the lobby's first paint and peak memory on that database against the bare
    app measured again alongside it."""
    demo = Context(**{**ctx.__dict__, "db": os.path.join(ctx.out, "demo.db")})
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(demo.db + suffix):
            os.remove(demo.db + suffix)
    ctx.progress.step("kiosk demo (for the reviewers' case)")
    _s, result = demo.run_kiosk("demo")
    if result.returncode != 0:
        return [_fail("demo database", result)]
    from kiosk.db import connection
    from kiosk.db.models import Project
    from kiosk.domain import estates

    connection.connect(demo.db)
    try:
        ids = [p.id for p in Project.select(Project.id).where(Project.status != "cancelled")]
        demo.estate = estates.resolve_estate(None).name  # what plain `kiosk` shows
    finally:
        connection.close()
    rows_out = [import_csv(demo, ids, rows, "demo + import contributions"), export(demo, 3, "demo + export report")]
    rows_out.append(verify(demo, full=True))
    rows_out[-1].name = "demo + verify --full"
    if term is not None:
        from benchmarks import startup

        for row in startup.measure(demo, term):
            row.name = "demo + " + row.name
            rows_out.append(row)
    return rows_out
