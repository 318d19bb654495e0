"""`kiosk migrate-to URL`: the copy (kiosk.db.migrate) proven on arrival by what the data means —
the public report's totals per project and source, the audit chain's head and `verify` — besides
every table row for row. The source must pass `verify` before it is moved."""

from __future__ import annotations

import dataclasses
import datetime as dt

from kiosk import clock
from kiosk.db import migrate
from kiosk.db.migrate import BATCH, MigrationFailed, MigrationRefused, Progress, TableCopy
from kiosk.domain import audit, disclosure, verify
from kiosk.i18n import _

__all__ = ["BATCH", "MigrationFailed", "MigrationRefused", "Summary", "copy_to"]

_REPORT_TIME = dt.datetime(2000, 1, 1)  # the report's timestamp is not part of the comparison


@dataclasses.dataclass(frozen=True)
class Summary:
    source: str
    target: str
    tables: tuple[TableCopy, ...]
    not_copied: tuple[str, ...]  # tables this version of the program does not know
    projects: int
    received_fen: int
    pledged_fen: int
    chain_seq: int
    chain_hash: str
    seconds: float

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables)


@dataclasses.dataclass(frozen=True)
class _Seen:
    report: dict
    head: audit.ChainHead
    at: dt.datetime  # the instant the report was taken; the target's is taken at it too


def _report(at: dt.datetime) -> dict:
    """The public report as of `at`: its report rates and disclosures depend on the time, and a
    big copy takes minutes (a report falling due meanwhile is no difference)."""
    with clock.held_at(at):
        return disclosure.as_dict(disclosure.collect(), generated_at=_REPORT_TIME)


def _before() -> _Seen:
    """On the source, writers held off: it must verify, and what it says is what must arrive."""
    result = verify.run()
    if not result.ok:
        raise MigrationRefused(_("The source database fails `kiosk verify` ({n} faults): repair it before moving it.").format(
            n=len(result.faults)))
    at = clock.now()
    return _Seen(_report(at), audit.head(), at)


def _after(seen: _Seen) -> list[str]:
    """On the target, inside the copy's transaction."""
    differences = []
    if _report(seen.at) != seen.report:
        differences.append(_("the public report (totals per project and source) differs"))
    if audit.head() != seen.head:
        differences.append(_("the audit chain head differs"))
    differences += [_("verify: {fault}").format(fault=f) for f in verify.run().faults]
    return differences


def copy_to(url: str, *, batch: int = BATCH, progress: Progress | None = None) -> Summary:
    """Copy the open database into the empty database at `url` and prove it arrived the same."""
    seen: list[_Seen] = []

    def before() -> _Seen:
        seen.append(_before())
        return seen[0]

    done = migrate.copy_to(url, batch=batch, progress=progress, before=before, after=_after)
    report, head = seen[0].report, seen[0].head
    projects = [p for e in report["estates"] for p in e["projects"]]
    return Summary(
        done.source, done.target, done.tables, done.not_copied, len(projects),
        sum(p["received_fen"] for p in projects), sum(p["pledged_fen"] for p in projects),
        head.seq, head.hash, done.seconds,
    )
