"""python -m benchmarks [--scale 1.0] [--quick] [--out benchmarks/out/results.json]

Builds a synthetic sub-district, runs every measurement, prints one table (with the machine's
details) and writes the raw figures as JSON. See docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import json
import os
import shutil
import sys
import traceback
from typing import Callable

from benchmarks import (commands, display, generate, machine, postgres, propagation, screens, slow_cpu, startup, tenfold, web,
                        writers)
from benchmarks.context import ROOT, Context
from benchmarks.report import Progress, Row, table, unavailable
from benchmarks.terminal import Tmux, TerminalError
from benchmarks.terminal import available as tmux_available

SECTIONS = ("startup", "screens", "smallbox", "postgres", "propagation", "import", "export", "web", "writers", "display", "verify",
            "demo", "tenfold")
SMALL_BOX = ("taskset", "-c", "0")
BUILD_S = 60.0


def _args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n", 1)[1],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--scale", type=float, help="size of the sub-district (1.0: 30 estates, 20,000 households, "
                                                "200,000 contributions …; default 1.0, or 0.05 with --quick)")
    p.add_argument("--quick", action="store_true", help="small scale and few repetitions: a smoke run for CI (about 2 minutes)")
    p.add_argument("--out", default=os.path.join(ROOT, "benchmarks", "out", "results.json"), metavar="FILE.json",
                   help="where the raw figures go; the database and scratch files go beside it")
    p.add_argument("--only", metavar="LIST", help="comma-separated sections: " + ",".join(SECTIONS))
    p.add_argument("--strict", action="store_true", help="exit 1 when any row fails its target")
    p.add_argument("--pg", metavar="URL", default=os.environ.get("KIOSK_BENCH_PG"),
                   help="a PostgreSQL server (postgresql://user:password@host:port/postgres; default $KIOSK_BENCH_PG) "
                        "for the screen switches behind 5 ms of round trip; a database 'kiosk_benchmark' is made there")
    p.add_argument("--tenfold", action="store_true",
                   help="also build ten times the sub-district (2,000,000 contributions; minutes) for the flat-cost rows")
    return p.parse_args(argv)


def small_box(ctx: Context, term) -> list[Row]:
    """Start-up and screen switches with every app (and the bare one) on one core."""
    import dataclasses

    if not shutil.which(SMALL_BOX[0]):
        return [unavailable("small box (one core)", "taskset is not installed")]
    one = dataclasses.replace(ctx, prefix=SMALL_BOX, repeats=max(3, ctx.repeats // 2), presses=max(3, ctx.presses // 4))
    rows = startup.measure(one, term) + screens.measure(one, term)
    for row in rows:
        row.name = "1 core: " + row.name
    return rows + _slow_box(ctx, term)


def _slow_box(ctx: Context, term) -> list[Row]:
    """The same on one core held to a share of its time: what a Raspberry Pi-class box gives.
    Information for a deployer, not a target (the targets are for the machine the kiosk serves)."""
    import dataclasses

    name = f"1 core at {slow_cpu.SHARE:.0%} of its time"
    with slow_cpu.SlowCpu() as slow:
        if slow.prefix is None:
            return [unavailable(f"small box ({name})", slow.why)]
        factor = slow.slowdown()
        few = dataclasses.replace(ctx, prefix=slow.prefix, repeats=3, presses=3)
        rows = startup.measure(few, term) + screens.measure(few, term)
    for row in rows:
        row.name = f"{name}: {row.name}"
        if row.ok is not None:
            row.target, row.ok = f"({row.target})", None
    slowed = Row(f"{name}: a pure-Python loop, time against 1 core", f"{factor:.1f}×", "", None,
                 "the quota's slow-down; compare with a benchmark of the board to be deployed")
    return [slowed, *rows]


def main(argv: list[str] | None = None) -> int:
    args = _args(argv)
    scale = args.scale if args.scale is not None else (0.05 if args.quick else 1.0)
    only = set(args.only.split(",")) if args.only else set(SECTIONS) - {"tenfold"}
    if args.tenfold:
        only.add("tenfold")
    unknown = only - set(SECTIONS)
    if unknown:
        print(f"unknown section(s): {', '.join(sorted(unknown))}; choose from {', '.join(SECTIONS)}", file=sys.stderr)
        return 2
    out_dir = os.path.dirname(os.path.abspath(args.out))
    os.makedirs(out_dir, exist_ok=True)
    progress = Progress()
    ctx = Context(out=out_dir, db=os.path.join(out_dir, "subdistrict.db"), quick=args.quick, progress=progress)
    if args.quick:
        ctx.repeats, ctx.presses, ctx.writes = 3, 3, 5
        ctx.cpu_seconds, ctx.soak_seconds = 10.0, 10.0
    # An installed kiosk is byte-compiled (pip does it); a checkout run with
    # PYTHONDONTWRITEBYTECODE=1 would compile every module at every start instead.
    progress.step("byte-compiling kiosk/ and benchmarks/ (as an installed package is)")
    for package in ("kiosk", "benchmarks"):
        compileall.compile_dir(os.path.join(ROOT, package), quiet=1)
    details = machine.details()
    started = dt.datetime.now()
    rows: list[Row] = []

    def section(name: str, label: str, run: Callable[[], list[Row]]) -> None:
        if name not in only:
            return
        progress.step(label)
        try:
            rows.extend(run())
        except Exception as exc:
            with open(os.path.join(out_dir, "errors.log"), "a", encoding="utf-8") as fh:
                fh.write(f"--- {label} {dt.datetime.now().isoformat()}\n{traceback.format_exc()}\n")
            rows.append(Row(label, "error", "", False, f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
                            f" (traceback in {os.path.join(out_dir, 'errors.log')})"))

    # The sub-district.
    sc = generate.Scale.of(scale)
    progress.step(f"building the sub-district at scale {scale:g}: {sc.estates} estates, {sc.households:,} households, "
                  f"{sc.projects} projects, {sc.contributions:,} contributions, {sc.reports:,} reports, {sc.notices:,} notices")
    summary = generate.build(ctx.db, sc, lambda what, done, total: progress.update(f"generating {what}", done, total))
    ctx.estate = summary.estate_name
    c = summary.counts
    rows.append(Row("build the sub-district", f"{summary.seconds:.1f} s", f"≤ {BUILD_S:.0f} s", summary.seconds <= BUILD_S,
                    f"{c['estates']} estates, {c['households']:,} households, {c['projects']} projects, "
                    f"{c['contributions']:,} contributions, {c['reports']:,} reports, {c['notices']:,} notices",
                    data={"counts": c, "seconds": summary.seconds}))
    if "verify" in only:  # the checkpoint that the plain `kiosk verify` at the end starts from
        section("verify", "kiosk verify --full (records the checkpoint)", lambda: [commands.verify(ctx, full=True)])
        rows[-1].name += ", after the build"
    if summary.poll.startswith("ok"):
        rows.append(Row("poll", summary.poll[4:], "", None))
    else:
        rows.append(unavailable("poll", summary.poll if summary.poll != "not available" else
                                "the vote tables, `kiosk poll` or the ballot import are not in this tree yet"))

    term = None
    if only & {"startup", "screens", "smallbox", "postgres", "propagation", "display", "demo", "tenfold"}:
        if tmux_available():
            term = Tmux(out_dir)
        else:
            rows.append(unavailable("terminal measurements", "tmux is not installed"))
    try:
        if term:
            section("startup", "cold start and peak memory (lobby vs bare Textual app)", lambda: startup.measure(ctx, term))
            section("screens", "key press to next screen", lambda: screens.measure(ctx, term))
            section("smallbox", "small box: one core (taskset -c 0), then a share of it", lambda: small_box(ctx, term))
            section("postgres", "PostgreSQL: screen switches behind 5 ms, import",
                    lambda: postgres.measure(ctx, term, args.pg, summary.open_project_ids, round(200_000 * scale)))
            section("propagation", "write in one process, shown by the lobby of another", lambda: propagation.measure(ctx, term))
        rows_import = round(200_000 * scale)
        section("import", "kiosk import contributions", lambda: [commands.import_csv(ctx, summary.open_project_ids, rows_import)])
        section("export", "kiosk export report", lambda: [commands.export(ctx, 3 if args.quick else 5)])
        section("web", "kiosk web: the estate page under load", lambda: web.measure(ctx.db, estate=ctx.estate, seconds=5 if args.quick else 10))
        section("writers", "four writers at once", lambda: writers.measure(ctx, 50 if args.quick else 250))
        if term:
            section("display", "display CPU", lambda: display.cpu(ctx, term))
            section("display", "display soak", lambda: display.soak(ctx, term))
        section("verify", "kiosk verify (since the checkpoint), then --full", lambda: [commands.verify(ctx), commands.verify(ctx, full=True)])
        section("demo", "the reviewers' case: demo + 200,000-row import", lambda: commands.demo_case(ctx, rows_import, term))
        section("tenfold", "ten times the sub-district", lambda: tenfold.measure(ctx, scale * 10, term))
    finally:
        if term:
            try:
                term.close()
            except TerminalError:
                pass

    details["load at end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    header = (f"estate-kiosk benchmarks, {started:%Y-%m-%d %H:%M}, scale {scale:g}" + (" (quick)" if args.quick else "")
              + f", terminal {ctx.size[0]}×{ctx.size[1]}")
    text = table(details, rows, header)
    progress.step("done")
    print(text)
    with open(args.out, "w", encoding="utf-8") as fh:
        json.dump({"started": started.isoformat(), "scale": scale, "quick": args.quick, "machine": details,
                   "rows": [{"name": r.name, "figure": r.figure, "target": r.target, "result": r.result, "note": r.note,
                             "data": r.data} for r in rows]}, fh, ensure_ascii=False, indent=2)
    with open(os.path.splitext(args.out)[0] + ".txt", "w", encoding="utf-8") as fh:
        fh.write(text + "\n")
    if args.strict and any(r.ok is False for r in rows):
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
