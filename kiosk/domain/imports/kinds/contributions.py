"""`kiosk import contributions FILE.csv`: money pledged or received, one entry per row.

Columns: project_id,source,amount,contributor,status,date,receipt_no (status pledged or
received, empty means received). A receipt number already recorded for the project (by another
file) skips that row and says so; twice in the same file is a bad row.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from kiosk import clock
from kiosk.db import backend, bulk
from kiosk.db.models import Contribution, Project, database
from kiosk.domain import audit, ledger, ledger_lines
from kiosk.domain.imports import fields
from kiosk.domain.imports.problems import LineProblem, Problem
from kiosk.domain.imports.schema import Column, Schema, Settled
from kiosk.domain.money import parse_yuan
from kiosk.domain.sources import SOURCES
from kiosk.i18n import _

STATUSES = ("pledged", "received")

# Every column of a new entry, in the order the bulk insert takes them.
INSERT_FIELDS = (
    Contribution.id, Contribution.project, Contribution.source, Contribution.contributor, Contribution.household,
    Contribution.amount_fen, Contribution.status, Contribution.created_status, Contribution.pledged_on,
    Contribution.received_on, Contribution.receipt_no, Contribution.idempotency_key, Contribution.note,
    Contribution.cancel_reason, Contribution.created_at, Contribution.entry_seq,
)


@dataclasses.dataclass(slots=True)  # not frozen: a frozen __init__ costs five times as much
class ContributionRow:
    line: int
    project_id: int
    source: str
    amount: int  # fen
    contributor: str
    status: str
    date: dt.date
    receipt_no: str | None


def _source(text: str) -> str:
    key = text.lower()
    if key not in SOURCES:
        raise Problem(_("unknown source {value!r} (use {keys})").format(value=text, keys="/".join(SOURCES)))
    return key


def _status(text: str) -> str:
    status = text.lower() or "received"
    if status not in STATUSES:
        raise Problem(_("status must be pledged or received, not {value!r}").format(value=text))
    return status


class Contributions(Schema[ContributionRow]):
    action = "contribution.import"
    entity = "contribution_batch"
    row = ContributionRow

    def __init__(self) -> None:
        self.projects = dict(Project.select(Project.id, Project.status).tuples())
        self.receipts: dict[tuple[int, str], int] = {}  # (project, receipt) -> first line
        self.total_fen = 0
        self.digest: list[str] = []  # ledger.digest_line of each entry, encoded (ledger_lines)
        self.details: list[str] = []  # ledger.detail_line of each entry, encoded
        self.dates: dict[dt.date, str] = {}  # a date as JSON: a file holds few distinct dates

    def columns(self) -> tuple[Column, ...]:
        return (
            Column("project_id", self._project, repeats=True),
            Column("source", _source, repeats=True),
            Column("amount", fields.domain(parse_yuan), repeats=True),
            Column("contributor", fields.line_of_text("contributor", 80), repeats=True),
            Column("status", _status, repeats=True),
            Column("date", fields.date, repeats=True),
            Column("receipt_no", fields.or_none(fields.line_of_text("receipt_no", 40, required=False))),
        )

    def _project(self, text: str) -> int:
        try:
            pid = fields.whole_number(text)
        except ValueError:
            raise Problem(_("bad project id {value!r}").format(value=text)) from None
        status = self.projects.get(pid)
        if status is None:
            raise Problem(_("unknown project {value}").format(value=text))
        if status == "cancelled":
            raise Problem(_("project {value} is cancelled").format(value=pid))
        return pid

    def check(self, row: ContributionRow) -> ContributionRow:
        if row.receipt_no:
            first = self.receipts.setdefault((row.project_id, row.receipt_no), row.line)
            if first != row.line:
                raise Problem(_("receipt {receipt} appears twice in this file (also line {line})").format(
                    receipt=row.receipt_no, line=first))
        return row

    def settle(self, rows: list[ContributionRow]) -> Settled[ContributionRow]:
        wanted = {(r.project_id, r.receipt_no) for r in rows if r.receipt_no}
        recorded = set()
        if wanted:
            # Raw rows (two plain columns): peewee's per-value conversion was a tenth of the import.
            query = (Contribution.select(Contribution.project, Contribution.receipt_no)
                     .where(Contribution.project.in_(sorted({pid for pid, _r in wanted})),
                            Contribution.receipt_no.is_null(False)))
            recorded = {key for key in database.execute(query) if key in wanted}
        todo, skipped = [], []
        for r in rows:
            if r.receipt_no and (r.project_id, r.receipt_no) in recorded:
                skipped.append(LineProblem(r.line, _("receipt {receipt} already recorded for project {project}").format(
                    receipt=r.receipt_no, project=r.project_id)))
            else:
                todo.append(r)
        adding: dict[int, int] = {}
        for r in todo:
            adding[r.project_id] = adding.get(r.project_id, 0) + r.amount
        ledger.check_room(adding)
        self.next_id = ledger.next_id()
        self.now = clock.now()
        return Settled(todo, skipped)

    def writing(self):
        # The running totals summed once over the new entries, not upserted row by row (SQLite's
        # triggers are per row: an eighth of a 200,000-row import).
        return backend.totals_summed_once(database.obj, first_id=self.next_id)

    def write(self, w: audit.Write, seq: int, rows: list[ContributionRow]) -> None:
        # Each entry as the insert's tuple and as its two digest lines, encoded straight in their
        # fixed layout (ledger_lines: the same bytes as through audit.canonical, and what verify
        # recomputes): the per-row dicts and encoder calls were a third of the import's Python time.
        digest_json, detail_json, when_json = ledger_lines.digest_json, ledger_lines.detail_json, ledger_lines.when_json
        now, dates = self.now, self.dates
        created = when_json(now)
        batch, digest, details = [], self.digest, self.details
        for cid, r in enumerate(rows, start=self.next_id):
            day, status, receipt = r.date, r.status, r.receipt_no
            on = dates.get(day)
            if on is None:
                on = dates[day] = when_json(day)
            pledged = status == "pledged"
            batch.append((cid, r.project_id, r.source, r.contributor, None, r.amount, status, status,  # INSERT_FIELDS
                          day if pledged else None, None if pledged else day, receipt, None, "", "", now, seq))
            digest.append(digest_json(cid, r.project_id, r.source, r.amount, None, r.contributor, receipt, status))
            details.append(detail_json(cid, on, "null", "", None, created) if pledged
                           else detail_json(cid, "null", on, "", None, created))
        self.next_id += len(rows)
        self.total_fen += sum(r.amount for r in rows)
        bulk.insert_rows(Contribution, INSERT_FIELDS, batch)

    def audit_fields(self, skipped: int) -> dict:
        return {"skipped": skipped, "total_fen": self.total_fen, "digest": audit.digest_lines(self.digest),
                "details": audit.digest_lines(self.details)}
