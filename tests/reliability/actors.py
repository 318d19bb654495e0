"""Processes that use the kiosk the way people do, for the crash and load tests.

Run as a script, one role per process:

    python tests/reliability/actors.py ROLE --db FILE --name NAME [--ops N | --seconds S] [role options]

Every role works through the domain (as the apps do) and writes one JSON object per line to
standard output, flushed at once:

    {"ev": "ack", "kind": "pledge", ...}   written only AFTER the change committed: the harness
                                           holds the database to every ack it saw, even from a
                                           process it killed a moment later
    {"ev": "expected", "kind": "conflict"} a refusal people meet in normal use (someone else
                                           saved first), shown to them as a message
    {"ev": "error", ...}                   anything else: a failure a person would have seen
    {"ev": "done", "ops": N}               the role finished normally

Work is deterministic in (name, seed, op number), so running the same command again after a kill
retries exactly the same work: the harness checks that nothing is counted twice.

To add a role: write `def role_x(ctx)` that loops over
`ctx.steps()`, calls the domain, and reports through `ctx.ack / ctx.expected / ctx.error`; add it
to ROLES; give the harness an ACK_CHECKS entry for each new ack kind.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
import traceback
from typing import Callable, Iterator

if __name__ == "__main__":  # run as a script from anywhere: import this checkout's kiosk
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from kiosk.db import connection  # noqa: E402
from kiosk.db.models import Building, Household, Unit  # noqa: E402
from kiosk.domain import changes, disclosure, estates, funding, imports, ledger, notices, reports, votes  # noqa: E402
from kiosk.domain.errors import Conflict, TransitionRefused  # noqa: E402
from kiosk.domain.sources import SOURCES  # noqa: E402

# Refusals a person meets in normal use: they get a message and try again.
EXPECTED = (Conflict, TransitionRefused)
# The staff path of a report through its lifecycle.
REPORT_PATH = ("new", "accepted", "in_progress", "resolved")


class Context:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.name = args.name
        self.actor = f"{args.role}:{args.name}"
        self.ops = 0
        self.errors = 0

    # -- reporting ------------------------------------------------------------------------
    def emit(self, **event) -> None:
        sys.stdout.write(json.dumps(event, ensure_ascii=False, default=str) + "\n")
        sys.stdout.flush()

    def ack(self, kind: str, **data) -> None:
        self.emit(ev="ack", kind=kind, **data)

    def expected(self, op: str, exc: Exception) -> None:
        self.emit(ev="expected", kind=type(exc).__name__, op=op, error=str(exc))

    def error(self, op: str, exc: BaseException) -> None:
        self.errors += 1
        self.emit(ev="error", op=op, type=type(exc).__name__, error=str(exc),
                  trace=traceback.format_exc(limit=6))

    # -- pacing ---------------------------------------------------------------------------
    def steps(self) -> Iterator[int]:
        """Op numbers 0, 1, 2 … until --ops are done or --seconds have passed."""
        end = time.monotonic() + self.args.seconds if self.args.seconds else None
        i = 0
        while (self.args.ops is None or i < self.args.ops) and (end is None or time.monotonic() < end):
            yield i
            i += 1
            self.ops = i

    def rng(self, i: int) -> random.Random:
        return random.Random(f"{self.args.seed}:{self.name}:{i}")

    def think(self, rng: random.Random) -> None:
        """A person reading the edit screen before saving: widens the window for conflicts."""
        if self.args.think:
            time.sleep(rng.uniform(0, self.args.think))

    def attempt(self, op: str, fn: Callable[[], None]) -> None:
        try:
            fn()
        except EXPECTED as exc:
            self.expected(op, exc)
        except Exception as exc:  # noqa: BLE001 - every other failure is what the tests count
            self.error(op, exc)


# ---- roles ---------------------------------------------------------------------------------

def pledge_plan(seed: str, name: str, i: int, projects: list[int]) -> dict:
    """The pledge a staff writer records as op i: the same on every retry."""
    rng = random.Random(f"{seed}:{name}:pledge:{i}")
    return {"key": f"{name}-p{i}", "project": rng.choice(projects), "source": rng.choice(SOURCES),
            "amount_fen": rng.randint(1, 500_000)}


def role_staff(ctx: Context) -> None:
    """Staff at the admin console: pledges (with idempotency keys), confirming them, editing a
    project and a notice that other staff edit too, posting notices, moving reports along."""
    args = ctx.args
    # projects that still take money: not cancelled, and not closed by their acceptance (竣工验收)
    projects = [p.id for p in funding.list_projects() if p.status != "cancelled" and p.closed_at is None]
    estate = estates.resolve_estate(None)
    pledged: dict[str, int] = {}
    ops = (_staff_pledge, _staff_pledge, _staff_confirm, _staff_edit_project, _staff_notice, _staff_report)
    for i in ctx.steps():
        op = ops[i % len(ops)]
        ctx.attempt(op.__name__, lambda: op(ctx, i, projects, estate.id, pledged))


def _staff_pledge(ctx, i, projects, estate_id, pledged) -> None:
    plan = pledge_plan(ctx.args.seed, ctx.name, i, projects)
    info = ledger.record(ctx.actor, plan["project"], plan["source"], plan["amount_fen"], status="pledged",
                         contributor=f"{ctx.name} 单位", idempotency_key=plan["key"])
    pledged[plan["key"]] = info.id
    ctx.ack("pledge", key=plan["key"], id=info.id, project=plan["project"], amount_fen=plan["amount_fen"])


def _staff_confirm(ctx, i, projects, estate_id, pledged) -> None:
    key = f"{ctx.name}-p{i - 1}"  # the pledge recorded by the op before
    if key not in pledged:
        return
    if ledger.get(pledged[key]).status == "pledged":  # a retry finds it received already
        ledger.confirm(ctx.actor, pledged[key])
    ctx.ack("confirm", key=key, id=pledged[key])


def _staff_edit_project(ctx, i, projects, estate_id, pledged) -> None:
    pid = ctx.args.shared_project or projects[0]
    text = f"{ctx.name} edit {i}"
    p = funding.get_project(pid)
    if p.description == text:  # a retry: already saved
        ctx.ack("project", id=pid, version=p.version, description=text)
        return
    ctx.think(ctx.rng(i))
    p = funding.update_project(ctx.actor, pid, p.version, description=text)
    ctx.ack("project", id=pid, version=p.version, description=text)


def _staff_notice(ctx, i, projects, estate_id, pledged) -> None:
    title = f"{ctx.name} notice {i}"
    # Post once (a retry finds it), then edit the notice every staff member edits.
    mine = [n for n in notices.list_all(estate_id, limit=5000) if n.title == title]
    n = mine[0] if mine else notices.post(ctx.actor, title, f"[b]{ctx.name}[/b] [@click=app.quit]x[/] \u202eevil\u202c \u200b body", estate_id=estate_id)
    ctx.ack("notice", id=n.id, title=title)
    shared = ctx.args.shared_notice
    if shared:
        cur = notices.get(shared)
        ctx.think(ctx.rng(i))
        edited = notices.edit(ctx.actor, shared, cur.version, body=f"{ctx.name} edit {i}")
        ctx.ack("notice_edit", id=shared, version=edited.version)


def _staff_report(ctx, i, projects, estate_id, pledged) -> None:
    """A resident files a report (once); staff move the oldest open report one step on."""
    marker = f"{ctx.name} report {i}"
    found = [r for r in reports.queue(estate_id=estate_id, search=marker) if r.description == marker]
    if not found:
        building = estates.layout(estate_id)[0].id
        r = reports.submit(f"lobby:{ctx.name}", estate_id, "road", building, marker)
        ctx.ack("report", ticket=r.ticket, status=r.status)
    oldest = reports.queue(estate_id=estate_id, status="open", limit=1)
    if oldest:
        r = oldest[0]
        to = REPORT_PATH[REPORT_PATH.index(r.status) + 1]
        ctx.think(ctx.rng(i))
        moved = reports.transition(ctx.actor, r.id, to, f"{ctx.name} step {i}", expected_version=r.version)
        ctx.ack("report", ticket=moved.ticket, status=moved.status)


def role_importer(ctx: Context) -> None:
    """Staff importing contribution files one after another (again from the first when done)."""
    files = ctx.args.files
    for i in ctx.steps():
        path = files[i % len(files)]
        result = None

        def run() -> None:
            nonlocal result
            result = imports.contributions(ctx.actor, path)

        ctx.attempt("import", run)
        if result is not None:
            ctx.ack("import", file=os.path.basename(path), imported=result.imported, skipped=len(result.skipped),
                    total_fen=result.total_fen)


def role_reader(ctx: Context) -> None:
    """A live screen: polls the revision and reloads the public figures when it moves."""
    estate_ids = [e.id for e in estates.list_estates()]
    last = -1
    reloads = 0
    for i in ctx.steps():
        def poll() -> None:
            nonlocal last, reloads
            rev = changes.revision()
            if rev < last:
                raise AssertionError(f"revision went back from {last} to {rev}")
            if rev != last:
                last = rev
                reloads += 1
                data = disclosure.collect()
                disclosure.to_json(data)
                for el in data:
                    for pl in el.projects:
                        f = pl.funding
                        if f.received_fen != sum(s.received_fen for s in f.sources):
                            raise AssertionError(f"project {pl.info.id}: received is not the sum of its sources")
                        ledger.latest_received(pl.info.id)
                for eid in estate_ids:
                    disclosure.daily(eid)
                    reports.recently_resolved(eid)
            time.sleep(ctx.args.poll)

        ctx.attempt("poll", poll)
    ctx.ack("reads", reloads=reloads, revision=last)


def voter_households(poll: votes.PollInfo) -> list[int]:
    """The households a poll covers, in a fixed order (read straight from the tables: this is the
    test's own bookkeeping, not something a screen shows)."""
    q = (Household.select(Household.id).join(Unit).join(Building)
         .where(Building.estate == poll.estate_id).order_by(Household.id))
    if poll.buildings:
        q = q.where(Building.name.in_(list(poll.buildings)))
    return [r[0] for r in q.tuples()]


def ballot_plan(seed: str, i: int, households: list[int], options: list[str]) -> tuple[int, str]:
    """Op i's household and choice: the same on every retry."""
    return households[i % len(households)], random.Random(f"{seed}:ballot:{i}").choice(options)


def role_voter(ctx: Context) -> None:
    """Staff entering the paper ballots of the first open poll, one household per op. A retry
    finds the household's ballot already counted and acknowledges that it is there."""
    poll = next(p for e in estates.list_estates() for p in votes.open_polls(e.id))
    households = voter_households(poll)
    options = [o.label for o in poll.options]
    for i in ctx.steps():
        household, choice = ballot_plan(ctx.args.seed, i, households, options)
        if i >= len(households):
            break

        def cast() -> None:
            if votes.already_voted_message(poll.id, household):  # by a killed run of ours, or before
                ctx.ack("ballot", poll=poll.id, household=household, choice=None)
                return
            receipt = votes.cast(ctx.actor, poll.id, household, choice, "paper")
            ctx.ack("ballot", poll=poll.id, household=household, choice=choice, receipt=receipt.receipt)

        ctx.attempt("ballot", cast)


ROLES: dict[str, Callable[[Context], None]] = {
    "voter": role_voter,
    "staff": role_staff,
    "importer": role_importer,
    "reader": role_reader,
}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("role", choices=sorted(ROLES))
    p.add_argument("--db", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--seed", default="0")
    p.add_argument("--ops", type=int, help="stop after N operations")
    p.add_argument("--seconds", type=float, help="stop after S seconds")
    p.add_argument("--think", type=float, default=0.0, help="up to S seconds between reading and saving an edit")
    p.add_argument("--poll", type=float, default=0.05, help="reader: seconds between polls")
    p.add_argument("--shared-project", type=int)
    p.add_argument("--shared-notice", type=int)
    p.add_argument("--files", nargs="*", default=[])
    args = p.parse_args(argv)
    if args.ops is None and args.seconds is None:
        p.error("give --ops or --seconds")
    ctx = Context(args)
    ctx.emit(ev="start", role=args.role, name=args.name, pid=os.getpid())
    try:
        connection.connect(args.db)
        ROLES[args.role](ctx)
    except Exception as exc:  # noqa: BLE001
        ctx.error("setup", exc)
    finally:
        connection.close()
    ctx.emit(ev="done", ops=ctx.ops, errors=ctx.errors)
    return 1 if ctx.errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
