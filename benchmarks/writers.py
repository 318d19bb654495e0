"""Four processes writing at once through the domain, as a lobby, two staff sessions and an
import would: `ledger.record` with idempotency keys (every fifth write retries the previous
key, as a client that lost the reply would) and `notices.post`, alternating.

All four wait for a common start instant, then write as fast as they can. Throughput is every
write over the time from that instant to the last one finishing. An error is any exception a
write raised (e.g. "database is locked"): there must be none. Afterwards the ledger must hold
exactly one entry per idempotency key.

Run as a worker: python -m benchmarks.writers --db PATH --worker N --writes K --start T --run TAG
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time

from benchmarks.context import ROOT, Context
from benchmarks.report import Row

WORKERS = 4


def worker(db: str, n: int, writes: int, start: float, run: str) -> dict:
    from kiosk.db import connection
    from kiosk.db.models import Estate, Project
    from kiosk.domain import ledger, notices

    connection.connect(db)
    projects = [p.id for p in Project.select(Project.id).where(Project.status != "cancelled").order_by(Project.id).limit(50)]
    # Notices for the last estate: the lobby and display benchmarks show the first one.
    estate = Estate.select(Estate.id).order_by(Estate.id.desc()).scalar()
    errors: list[str] = []
    done = 0
    while time.time() < start:
        time.sleep(0.001)
    t0 = time.time()
    for k in range(writes):
        try:
            if k % 2 == 0:
                retry = k % 10 == 4 and k >= 2
                key = f"{run}-{n}-{k - 2 if retry else k}"
                first = ledger.record("benchmark", projects[(n * 7 + k) % len(projects)], "owners", 10_000 + k,
                                      contributor="并发测试", idempotency_key=key)
                if retry and first.amount_fen != 10_000 + k - 2:
                    errors.append(f"retry of {key} returned a different entry")
            else:
                notices.post("benchmark", f"并发测试 {n}-{k}", "", estate_id=estate)
            done += 1
        except Exception as exc:  # counted, not hidden
            errors.append(f"{type(exc).__name__}: {exc}")
    t1 = time.time()
    connection.close()
    return {"worker": n, "writes": done, "errors": len(errors), "first_errors": errors[:3], "t0": t0, "t1": t1}


def measure(ctx: Context, writes: int) -> list[Row]:
    run = f"w{int(time.time())}"
    start = time.time() + 2.0  # time for four interpreters to start and connect
    procs = [
        subprocess.Popen([sys.executable, "-m", "benchmarks.writers", "--db", ctx.db, "--worker", str(n), "--writes", str(writes),
                          "--start", repr(start), "--run", run], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         env=ctx.env(), cwd=ROOT)
        for n in range(WORKERS)
    ]
    results, crashed = [], []
    for p in procs:
        out, err = p.communicate(timeout=600)
        if p.returncode != 0:
            crashed.append(err.strip().splitlines()[-1] if err.strip() else f"exit {p.returncode}")
        else:
            results.append(json.loads(out.strip().splitlines()[-1]))
    if crashed:
        return [Row("4 writers at once", "a writer crashed", "0 errors", False, crashed[0])]
    total = sum(r["writes"] for r in results)
    errors = sum(r["errors"] for r in results)
    seconds = max(r["t1"] for r in results) - start
    # One ledger entry per key, retries included.
    from kiosk.db import connection
    from kiosk.db.models import Contribution

    connection.connect(ctx.db)
    try:
        keys = Contribution.select().where(Contribution.idempotency_key.startswith(run + "-")).count()
    finally:
        connection.close()
    expected = sum(len({k - 2 if (k % 10 == 4 and k >= 2) else k for k in range(0, writes, 2)}) for _ in range(WORKERS))
    first = next((e for r in results for e in r["first_errors"]), "")
    note = f"{total} writes (money and notices) in {seconds:.2f} s; {keys} ledger entries for {expected} keys"
    if first:
        note += f"; first error: {first}"
    return [
        Row("4 writers at once: throughput", f"{total / seconds:,.0f} writes/s", "", None, data={"writes": total, "seconds": seconds}),
        Row("4 writers at once: errors", f"{errors}", "0", errors == 0 and keys == expected, note,
            data={"errors": errors, "entries": keys, "expected": expected}),
    ]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="one of the concurrent writers")
    p.add_argument("--db", required=True)
    p.add_argument("--worker", type=int, required=True)
    p.add_argument("--writes", type=int, required=True)
    p.add_argument("--start", type=float, required=True)
    p.add_argument("--run", required=True)
    a = p.parse_args(argv)
    print(json.dumps(worker(a.db, a.worker, a.writes, a.start, a.run)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
