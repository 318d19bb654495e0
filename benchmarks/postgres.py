"""The lobby's screen switches on PostgreSQL behind 5 ms of added round-trip latency.

The sub-district goes to a fresh database on the given server with `kiosk migrate-to` (what a
sub-district does when it moves to PostgreSQL); the lobby then runs against it through
`benchmarks.latency_proxy` (half the round trip held in each direction), and every screen is
opened and left as on SQLite. Every database round trip the lobby makes on a key press shows up as
at least 5 ms here: the rows say how much of a switch is waiting for the database.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import urllib.parse

from benchmarks import commands, screens
from benchmarks.context import ROOT, Context
from benchmarks.report import Row, unavailable
from benchmarks.terminal import Tmux

RTT_MS = 5.0
P95_MS = 80.0
DATABASE = "kiosk_benchmark"


def _with(url: str, *, database: str | None = None, port: int | None = None) -> str:
    parts = urllib.parse.urlsplit(url)
    netloc = parts.netloc
    if port is not None:
        netloc = netloc.rsplit(":", 1)[0] + f":{port}"
    path = f"/{database}" if database is not None else parts.path
    return urllib.parse.urlunsplit((parts.scheme, netloc, path, parts.query, parts.fragment))


def prepare(ctx: Context, server_url: str) -> str:
    """A fresh database on the server holding a copy of the sub-district; its URL."""
    import psycopg2

    con = psycopg2.connect(server_url)
    con.autocommit = True
    try:
        with con.cursor() as cur:
            cur.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
            cur.execute(f"CREATE DATABASE {DATABASE}")
    finally:
        con.close()
    target = _with(server_url, database=DATABASE)
    ctx.progress.step(f"kiosk migrate-to PostgreSQL (the sub-district, for the latency rows)")
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
        rows.append(commands.import_csv(dataclasses.replace(ctx, db=target), project_ids, import_rows,
                                        "PostgreSQL: kiosk import contributions"))
    return rows


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
