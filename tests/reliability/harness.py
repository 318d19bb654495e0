"""Crash and load harness: real `python -m kiosk` and actor processes on one SQLite file,
SIGKILLed at random points, and the checks that must hold afterwards.

The pieces, each usable on its own:
- commands: `kiosk(...)` and `actor(role, ...)` build argv lists; `spawn` starts one with its
  output in a file (a pipe would lose what a killed process wrote).
- crash: `kill_at(argv, delay)` runs a command and SIGKILLs it after `delay` seconds unless it
  finished; `calibrate` times full runs on a scratch copy and finds when they hold the write
  lock, so kill points land in the real work (half of them inside an import's transaction)
  rather than in the interpreter's start-up; `crash_rounds` repeats that until N kills.
- load: `run_together(parts, ...)` runs a mix of actor processes for a bounded time.
- checks, read straight from the file with a fresh connection: `integrity`, `verify`,
  `all_or_nothing` (import files by receipt prefix), `check_acks` (every acknowledged write is
  there), `pledge_total` (nothing counted twice).

Extending: a new kind of process is a role in actors.py plus a `Part` in the mix; a new kind of
acknowledged write is an entry in ACK_CHECKS.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

import cysqlite

ROOT = Path(__file__).resolve().parents[2]
ACTORS = Path(__file__).with_name("actors.py")


# ---- commands ------------------------------------------------------------------------------

def child_env(**extra: str) -> dict:
    """The environment of a child: this checkout's kiosk, no settings from the developer."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    env.update(extra)
    return env


def kiosk(*args: str) -> list[str]:
    return [sys.executable, "-m", "kiosk", *args]


def actor(role: str, db: str, name: str, *extra: str) -> list[str]:
    return [sys.executable, str(ACTORS), role, "--db", db, "--name", name, *extra]


def run(argv: Sequence[str], timeout: float = 120, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(list(argv), capture_output=True, text=True, errors="replace", env=child_env(), cwd=ROOT,
                          timeout=timeout, **kw)


@dataclasses.dataclass
class Proc:
    argv: list[str]
    out: Path
    popen: subprocess.Popen

    @property
    def err(self) -> Path:
        return self.out.with_suffix(".err")


def spawn(argv: Sequence[str], out: Path) -> Proc:
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "wb") as so, open(out.with_suffix(".err"), "wb") as se:
        p = subprocess.Popen(list(argv), stdout=so, stderr=se, stdin=subprocess.DEVNULL, env=child_env(), cwd=ROOT)
    return Proc(list(argv), out, p)


def events(path: Path) -> list[dict]:
    """The JSON lines a process wrote; a line torn by SIGKILL (no newline) does not count."""
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines(keepends=True):
        if not line.endswith("\n"):
            break
        try:
            out.append(json.loads(line))
        except ValueError:
            continue
    return out


# ---- crash ---------------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Outcome:
    argv: tuple[str, ...]
    delay: float
    killed: bool  # False: it finished before the kill
    returncode: int
    out: Path


def kill_at(argv: Sequence[str], delay: float, out: Path) -> Outcome:
    """Start `argv`, SIGKILL it `delay` seconds later unless it has finished by then."""
    return kill_together([argv], delay, [out])[0]


def kill_together(argvs: Sequence[Sequence[str]], delay: float, outs: Sequence[Path]) -> list[Outcome]:
    """Start several processes at once and SIGKILL, at the same moment, those still running."""
    procs = [spawn(argv, out) for argv, out in zip(argvs, outs)]
    deadline = time.monotonic() + delay
    killed = []
    for proc in procs:
        try:
            proc.popen.wait(timeout=max(0.0, deadline - time.monotonic()))
            killed.append(False)
        except subprocess.TimeoutExpired:
            killed.append(None)
    for i, proc in enumerate(procs):
        if killed[i] is None:
            proc.popen.send_signal(signal.SIGKILL)
            killed[i] = True
    for proc in procs:
        proc.popen.wait()
    return [Outcome(tuple(p.argv), delay, k, p.popen.returncode, p.out) for p, k in zip(procs, killed)]


@dataclasses.dataclass(frozen=True)
class Timing:
    """How long one full run took, and when (if seen) it held the write lock."""

    total: float
    lock_from: float | None = None
    lock_to: float | None = None

    def delay(self, rng: random.Random) -> float:
        """A kill point: half of them inside the write transaction when there is one, the rest
        anywhere from start-up to a little past the usual end (around the commit)."""
        if self.lock_from is not None and rng.random() < 0.5:
            return rng.uniform(self.lock_from, self.lock_to + 0.02)
        return rng.uniform(0.1, 1.15) * self.total

    def __str__(self) -> str:
        lock = f", write lock held {self.lock_from:.2f}–{self.lock_to:.2f}s" if self.lock_from is not None else ""
        return f"a run takes ~{self.total:.2f}s{lock}"


def calibrate(db: str, make_argv: Callable[[str], list[str]], scratch: Path, runs: int = 3) -> Timing:
    """Time full runs on a scratch copy (the real database is untouched), watching when each holds
    the write lock; the quickest run wins (other work on the machine only slows runs down, and a
    kill that comes early is still a kill). Used only to choose kill points, never asserted."""
    best: Timing | None = None
    for k in range(runs):
        t = _timed_run(db, make_argv, scratch / f"calibrate-{k}")
        if best is None or t.total < best.total:
            best = t
    assert best is not None
    return best


def _timed_run(db: str, make_argv: Callable[[str], list[str]], scratch: Path) -> Timing:
    scratch.mkdir(parents=True, exist_ok=True)
    copy = scratch / "calibrate.db"
    copy_db(db, str(copy))
    proc = spawn(make_argv(str(copy)), scratch / "calibrate.out")
    start = time.monotonic()
    polls = []  # (seconds since start, write lock held)
    while proc.popen.poll() is None:
        polls.append((time.monotonic() - start, write_lock_held(str(copy))))
        time.sleep(0.005)
    took = time.monotonic() - start
    assert proc.popen.returncode == 0, proc.err.read_text(errors="replace")
    for suffix in ("", "-wal", "-shm"):
        Path(str(copy) + suffix).unlink(missing_ok=True)
    # One long transaction (an import) shows as a long unbroken stretch of polls that found the
    # lock held; many short ones (a staff session) do not: kill points then spread over the run.
    longest: tuple[int, int] = (0, -1)
    first = None
    for i, (_t, held) in enumerate(polls + [(took, False)]):
        if held and first is None:
            first = i
        elif not held and first is not None:
            if i - first > longest[1] - longest[0] + 1:
                longest = (first, i - 1)
            first = None
    lo, hi = longest
    if hi - lo + 1 >= 3 and polls[hi][0] - polls[lo][0] >= 0.25 * took:
        return Timing(took, polls[lo][0], polls[hi][0])
    return Timing(took)


def copy_db(src: str, dest: str) -> None:
    """File copy of a database no process has open (with its WAL, if one was left)."""
    for suffix in ("", "-wal"):
        if os.path.exists(src + suffix):
            shutil.copyfile(src + suffix, dest + suffix)


@dataclasses.dataclass
class CrashLog:
    outcomes: list[Outcome] = dataclasses.field(default_factory=list)

    @property
    def kills(self) -> int:
        return sum(o.killed for o in self.outcomes)

    def summary(self) -> str:
        done = len(self.outcomes) - self.kills
        delays = sorted(o.delay for o in self.outcomes if o.killed)
        span = f"{delays[0]:.2f}–{delays[-1]:.2f}s" if delays else "-"
        return f"{self.kills} kills ({span} after start), {done} runs finished before their kill"


def crash_rounds(jobs: Sequence[Callable[[], list[str]]], kills: int, rng: random.Random, workdir: Path,
                 timing: Timing, after_each: Callable[[list[Outcome]], None] | None = None,
                 together: int = 1) -> CrashLog:
    """Start `together` randomly chosen jobs at once and SIGKILL them at a random point of their
    run, until `kills` processes have been killed (runs that finish first are not kills).
    `after_each` gets each round's outcomes, to check the database between rounds."""
    log = CrashLog()
    rounds = 0
    while log.kills < kills:
        rounds += 1
        assert rounds <= kills * 5, f"could not kill a run in time: {log.summary()}"
        argvs = [rng.choice(jobs)() for _ in range(together)]
        delay = timing.delay(rng)
        outs = [workdir / f"run-{rounds:03d}-{k}.out" for k in range(together)]
        outcomes = kill_together(argvs, delay, outs)
        log.outcomes += outcomes
        if after_each:
            after_each(outcomes)
    return log


# ---- load ----------------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Part:
    """One process of a load mix: an actor role with its own name and options."""

    role: str
    name: str
    extra: tuple[str, ...] = ()


@dataclasses.dataclass
class Finished:
    part: Part
    returncode: int
    events: list[dict]
    stderr: str

    def of(self, ev: str) -> list[dict]:
        return [e for e in self.events if e.get("ev") == ev]


def run_together(parts: Iterable[Part], db: str, workdir: Path, seconds: float, seed: str,
                 during: Callable[[], None] | None = None) -> list[Finished]:
    """Run the parts for `seconds` (each stops by itself); `during` runs in the meantime, e.g.
    backups or checks from outside."""
    procs = [(part, spawn(actor(part.role, db, part.name, "--seconds", str(seconds), "--seed", seed, *part.extra),
                          workdir / f"{part.name}.out")) for part in parts]
    try:
        if during:
            during()
    except BaseException:
        for _part, proc in procs:
            proc.popen.kill()
        raise
    done = []
    for part, proc in procs:
        proc.popen.wait(timeout=seconds + 120)
        done.append(Finished(part, proc.popen.returncode, events(proc.out), proc.err.read_text(errors="replace")))
    return done


# ---- checks --------------------------------------------------------------------------------

def sql(db: str, query: str, *params) -> list[tuple]:
    with reading(db) as q:
        return q(query, *params)


@contextlib.contextmanager
def reading(db: str) -> Iterator[Callable[..., list[tuple]]]:
    """A query function on one fresh connection: q("SELECT … ?", value) -> rows. `db` is a SQLite
    file or a PostgreSQL URL (whose driver writes the placeholder as %s)."""
    if db.startswith(("postgresql://", "postgres://")):
        import psycopg2

        pg = psycopg2.connect(db, connect_timeout=5)
        pg.autocommit = True

        def q(query: str, *params) -> list[tuple]:
            with pg.cursor() as cur:
                cur.execute(query.replace("%", "%%").replace("?", "%s"), params)
                return cur.fetchall()

        try:
            yield q
        finally:
            pg.close()
        return
    con = cysqlite.connect(db, timeout=30)
    try:
        yield lambda query, *params: con.execute(query, params).fetchall()
    finally:
        con.close()


def integrity(db: str) -> list[str]:
    """`PRAGMA integrity_check` and foreign keys: an empty list means the file is sound."""
    problems = [r[0] for r in sql(db, "PRAGMA integrity_check") if r[0] != "ok"]
    return problems + [str(r) for r in sql(db, "PRAGMA foreign_key_check")]


def verify(db: str) -> subprocess.CompletedProcess:
    return run(kiosk("--db", db, "--lang", "en", "verify"))


def received_total(db: str) -> int:
    return int(sql(db, "SELECT COALESCE(SUM(amount_fen), 0) FROM contribution WHERE status = 'received'")[0][0])


@dataclasses.dataclass(frozen=True)
class ImportFile:
    path: Path
    prefix: str  # every receipt number in the file starts with it, and no other's does
    rows: int
    total_fen: int


def _yuan_text(fen: int, style: int) -> str:
    whole, cents = divmod(fen, 100)
    plain = f"{whole}.{cents:02d}"
    if style == 1:  # as a spreadsheet writes it, quoted because of the comma
        return f'"{whole:,}.{cents:02d}"'
    if style == 2:  # typed with a Chinese input method
        return plain.translate({ord(c): 0xFF10 + int(c) for c in "0123456789"} | {ord("."): 0xFF0E})
    if style == 3:
        return f"￥{plain}"
    return plain


def make_import_files(folder: Path, project_ids: Sequence[int], *, count: int = 10, rows: int = 4000,
                      seed: str = "0", tag: str = "F") -> list[ImportFile]:
    """`count` contribution files of `rows` received entries, receipts F00-…, F01-… (amounts
    written the ways people write them: plain, with thousands commas, full-width, with ￥)."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for k in range(count):
        rng = random.Random(f"{seed}:{tag}:{k}")
        prefix = f"{tag}{k:02d}-"
        total = 0
        lines = ["project_id,source,amount,contributor,status,date,receipt_no"]
        for i in range(rows):
            fen = rng.randint(1, 2_000_000)
            total += fen
            lines.append(f"{rng.choice(project_ids)},{rng.choice(('owners', 'units', 'community'))},"
                         f"{_yuan_text(fen, i % 4)},业主{i % 97},received,2026-11-{1 + i % 28:02d},{prefix}{i:05d}")
        path = folder / f"contributions-{tag}{k:02d}.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        files.append(ImportFile(path, prefix, rows, total))
    return files


def prefix_totals(db: str, prefix: str) -> tuple[int, int]:
    (n, total), = sql(db, "SELECT COUNT(*), COALESCE(SUM(amount_fen), 0) FROM contribution "
                          "WHERE substr(receipt_no, 1, ?) = ?", len(prefix), prefix)
    return int(n), int(total)


def all_or_nothing(db: str, files: Iterable[ImportFile]) -> dict[str, str]:
    """For each file: "in", "out", or a description of the partial state (a failure)."""
    states = {}
    for f in files:
        n, total = prefix_totals(db, f.prefix)
        if (n, total) == (0, 0):
            states[f.path.name] = "in" if f.rows == 0 else "out"
        elif (n, total) == (f.rows, f.total_fen):
            states[f.path.name] = "in"
        else:
            states[f.path.name] = f"PARTIAL: {n} of {f.rows} rows, {total} of {f.total_fen} fen"
    return states


def pledge_total(db: str, writer: str) -> int:
    """Money of one staff writer's pledges (their idempotency keys start with its name)."""
    key = f"{writer}-p"
    (total,), = sql(db, "SELECT COALESCE(SUM(amount_fen), 0) FROM contribution "
                        "WHERE substr(idempotency_key, 1, ?) = ? AND status != 'cancelled'", len(key), key)
    return int(total)


def _one(q, query: str, *params):
    rows = q(query, *params)
    return rows[0] if rows else None


def _check_pledge(q, a: dict, files: dict) -> str | None:
    row = _one(q, "SELECT id, project_id, amount_fen, status FROM contribution WHERE idempotency_key = ?", a["key"])
    if row is None:
        return f"acknowledged pledge {a['key']} is missing"
    if (row[0], row[1], row[2]) != (a["id"], a["project"], a["amount_fen"]) or row[3] == "cancelled":
        return f"pledge {a['key']} differs from what was acknowledged: {row}"
    return None


def _check_confirm(q, a: dict, files: dict) -> str | None:
    row = _one(q, "SELECT status FROM contribution WHERE idempotency_key = ?", a["key"])
    return None if row and row[0] == "received" else f"acknowledged confirmation of {a['key']} is lost: {row}"


def _check_version(table: str) -> Callable:
    def check(q, a: dict, files: dict) -> str | None:
        row = _one(q, f"SELECT version FROM {table} WHERE id = ?", a["id"])  # noqa: S608 - fixed names
        return None if row and row[0] >= a["version"] else f"acknowledged {table} {a['id']} v{a['version']} is lost: {row}"
    return check


def _check_notice(q, a: dict, files: dict) -> str | None:
    row = _one(q, "SELECT title FROM notice WHERE id = ?", a["id"])
    return None if row and row[0] == a["title"] else f"acknowledged notice {a['id']} {a['title']!r} is lost: {row}"


def _check_report(q, a: dict, files: dict) -> str | None:
    row = _one(q, "SELECT 1 FROM report r JOIN report_event e ON e.report_id = r.id WHERE r.ticket = ? AND e.status = ?",
               a["ticket"], a["status"])
    return None if row else f"acknowledged report {a['ticket']} → {a['status']} is lost"


def _check_import(q, a: dict, files: dict) -> str | None:
    f = files.get(a["file"])
    if f is None:
        return None
    (n, total), = q("SELECT COUNT(*), COALESCE(SUM(amount_fen), 0) FROM contribution WHERE substr(receipt_no, 1, ?) = ?",
                    len(f.prefix), f.prefix)
    return None if (n, total) == (f.rows, f.total_fen) else f"acknowledged import {a['file']} is not all in: {n} rows"


def _check_ballot(q, a: dict, files: dict) -> str | None:
    rows = q("SELECT o.label FROM ballot b JOIN poll_option o ON o.id = b.option_id WHERE b.poll_id = ? AND b.household_id = ?",
             a["poll"], a["household"])
    if len(rows) != 1:
        return f"household {a['household']}: {len(rows)} ballots for an acknowledged one"
    return None if a["choice"] in (None, rows[0][0]) else f"household {a['household']}: ballot says {rows[0][0]}, not {a['choice']}"


# ack kind -> check(q, ack, {file name: ImportFile}) -> problem or None, where q(sql, *params) -> rows
ACK_CHECKS: dict[str, Callable[[Callable, dict, dict], str | None]] = {
    "pledge": _check_pledge,
    "confirm": _check_confirm,
    "project": _check_version("project"),
    "notice": _check_notice,
    "notice_edit": _check_version("notice"),
    "report": _check_report,
    "import": _check_import,
    "ballot": _check_ballot,
    "reads": lambda q, a, files: None,
}


def check_acks(db: str, evs: Iterable[dict], files: Iterable[ImportFile] = ()) -> tuple[int, list[str]]:
    """(acks checked, problems): every acknowledged write must be in the database."""
    by_name = {f.path.name: f for f in files}
    problems = []
    n = 0
    with reading(db) as q:
        for e in evs:
            if e.get("ev") != "ack":
                continue
            n += 1
            problem = ACK_CHECKS[e["kind"]](q, e, by_name)
            if problem:
                problems.append(problem)
    return n, problems


def write_lock_held(db: str) -> bool:
    """True while another connection holds the write lock (e.g. an import inside its transaction)."""
    con = cysqlite.connect(db, timeout=0)
    try:
        con.execute("PRAGMA busy_timeout = 0")
        try:
            con.execute("BEGIN IMMEDIATE")
        except cysqlite.OperationalError:
            return True
        con.execute("ROLLBACK")
        return False
    finally:
        con.close()
