"""The lobby's screen switches on PostgreSQL behind 5 ms of added round-trip latency.

The sub-district goes to a fresh database on the given server with `kiosk migrate-to` (what a
sub-district does when it moves to PostgreSQL); the lobby then runs against it through
`benchmarks.latency_proxy` (half the round trip held in each direction), and every screen is
opened and left as on SQLite. Every database round trip the lobby makes on a key press shows up as
at least 5 ms here: the rows say how much of a switch is waiting for the database.

Then `kiosk import contributions` straight to the server (its COPY path), and the server's floor
for that import: the very rows the import wrote, copied again by one bare COPY into a copy of the
database as it was before the import (same table, indexes, foreign keys and triggers), with no
reading, checking or audit of the kiosk's. What the import takes above it is the kiosk's share.
"""

from __future__ import annotations

import dataclasses
import io
import subprocess
import sys
import time
import urllib.parse

from benchmarks import commands, screens
from benchmarks.context import ROOT, Context
from benchmarks.report import Row, unavailable
from benchmarks.terminal import Tmux

RTT_MS = 5.0
P95_MS = 80.0
DATABASE = "kiosk_benchmark"
FLOOR_DATABASE = "kiosk_benchmark_floor"


def _with(url: str, *, database: str | None = None, port: int | None = None) -> str:
    parts = urllib.parse.urlsplit(url)
    netloc = parts.netloc
    if port is not None:
        netloc = netloc.rsplit(":", 1)[0] + f":{port}"
    path = f"/{database}" if database is not None else parts.path
    return urllib.parse.urlunsplit((parts.scheme, netloc, path, parts.query, parts.fragment))


def prepare(ctx: Context, server_url: str) -> str:
    """A fresh database on the server holding a copy of the sub-district; its URL."""
    _recreate(server_url, DATABASE)
    target = _with(server_url, database=DATABASE)
    ctx.progress.step("kiosk migrate-to PostgreSQL (the sub-district, for the latency rows)")
    _s, result = ctx.run_kiosk("migrate-to", target, timeout=1800)
    if result.returncode != 0:
        raise RuntimeError("migrate-to failed: " + (result.stderr or result.stdout).strip()[-300:])
    return target


class Proxy:
    """`python -m benchmarks.latency_proxy` in its own process (its timers never wait for ours)."""

    def __init__(self, target_url: str, rtt_ms: float) -> None:
        parts = urllib.parse.urlsplit(target_url)
        self.proc = subprocess.Popen([sys.executable, "-m", "benchmarks.latency_proxy", "--to",
                                      f"{parts.hostname}:{parts.port or 5432}", "--rtt-ms", f"{rtt_ms:g}"],
                                     stdout=subprocess.PIPE, text=True, cwd=ROOT)
        self.port = int(self.proc.stdout.readline())
        self.url = _with(target_url, port=self.port)

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


def measure(ctx: Context, term: Tmux | None, server_url: str | None, project_ids: list[int] | None = None,
            import_rows: int = 0) -> list[Row]:
    """The screen switches through the proxy (with a terminal), then the contributions import
    straight to the server (its COPY path)."""
    name = f"screen switches on PostgreSQL + {RTT_MS:g} ms round trip"
    if not server_url:
        return [unavailable(name, "no server: pass --pg postgresql://user:password@host:port/postgres")]
    target = prepare(ctx, server_url)
    rows = _screens(ctx, term, target) if term is not None else [unavailable(name, "tmux is not installed")]
    if import_rows and project_ids:
        rows += _import_and_floor(ctx, server_url, target, project_ids, import_rows)
    return rows


def _import_and_floor(ctx: Context, server_url: str, target: str, project_ids: list[int], count: int) -> list[Row]:
    _recreate(server_url, FLOOR_DATABASE, template=DATABASE)  # the database as the import finds it
    try:
        [(before,)], _n = _run(target, "SELECT COALESCE(MAX(id), 0) FROM contribution")
        imported = commands.import_csv(dataclasses.replace(ctx, db=target), project_ids, count,
                                       "PostgreSQL: kiosk import contributions")
        if "rows" not in imported.data:
            return [imported]  # it failed, or wrote other than the file's rows: nothing to copy again
        ctx.progress.step("the same rows by one bare COPY (the server's floor)")
        written = io.StringIO()
        _run(target, f"COPY (SELECT * FROM contribution WHERE id > {int(before)} ORDER BY id) TO STDOUT", written)
        written.seek(0)
        t0 = time.perf_counter()
        _rows, copied = _run(_with(server_url, database=FLOOR_DATABASE), "COPY contribution FROM STDIN", written)
        seconds = time.perf_counter() - t0
    finally:
        _drop(server_url, FLOOR_DATABASE)
    share = imported.data["seconds"] - seconds
    floor = Row(f"PostgreSQL: the same {copied:,} rows by one bare COPY (the server's floor)", f"{seconds:.2f} s",
                note=f"the table's indexes, foreign keys and triggers, nothing of the kiosk's; the import takes {share:.2f} s above it",
                data={"seconds": seconds, "rows": copied, "import_above_floor_s": share})
    return [imported, floor]


def _run(url: str, statement: str, copy: io.StringIO | None = None) -> tuple[list, int]:
    """One statement (or a COPY to or from `copy`) on a connection of its own, committed: its
    rows and its row count."""
    import psycopg2

    con = psycopg2.connect(url)
    try:
        with con, con.cursor() as cur:
            if copy is None:
                cur.execute(statement)
                rows = cur.fetchall() if cur.description else []
            else:
                cur.copy_expert(statement, copy)
                rows = []
        return rows, cur.rowcount
    finally:
        con.close()


def _recreate(server_url: str, name: str, template: str | None = None) -> None:
    _drop(server_url, name)
    _admin(server_url, f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else ""))


def _drop(server_url: str, name: str) -> None:
    _admin(server_url, f"DROP DATABASE IF EXISTS {name}")


def _admin(server_url: str, statement: str) -> None:
    """CREATE or DROP DATABASE: outside a transaction."""
    import psycopg2

    con = psycopg2.connect(server_url)
    con.autocommit = True
    try:
        with con.cursor() as cur:
            cur.execute(statement)
    finally:
        con.close()


def _screens(ctx: Context, term: Tmux, target: str) -> list[Row]:
    proxy = Proxy(target, RTT_MS)
    try:
        pg = dataclasses.replace(ctx, db=proxy.url, presses=max(3, ctx.presses // 2))
        rows = screens.measure(pg, term, p95_ms=P95_MS)
    finally:
        proxy.close()
    for row in rows:
        row.name = f"PG +{RTT_MS:g} ms: {row.name}"
    return rows
