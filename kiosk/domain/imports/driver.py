"""The one import driver: read and decode the file once, refuse a file imported before, parse
and check every row against the schema and report every bad row with its line number (all of
them, before anything is written), then write in chunks under one audited transaction that
also records the file's fingerprint."""

from __future__ import annotations

import dataclasses
from typing import Callable

import peewee as pw

from kiosk import memory
from kiosk.db import bulk
from kiosk.db.models import database
from kiosk.domain import audit
from kiosk.domain.imports import fingerprints, reading, table
from kiosk.domain.imports.problems import LineProblem, Problem, RowErrors
from kiosk.domain.imports.schema import Column, Schema
from kiosk.domain.errors import ValidationError
from kiosk.i18n import _

Progress = Callable[[int, int], None]  # (rows written, rows to write)


@dataclasses.dataclass(frozen=True)
class ImportResult:
    rows: int  # non-empty rows in the file
    imported: int
    skipped: tuple[LineProblem, ...]  # e.g. receipt already recorded; each unpacks as (line, why)
    total_fen: int = 0


@dataclasses.dataclass(frozen=True)
class Preview:
    """What importing a file would do, found without writing anything (`preview`)."""

    label: str
    sha256: str  # of the bytes previewed: the import must find the same file (`run(expect_sha256=…)`)
    rows: int  # non-empty rows in the file
    problems: tuple[LineProblem, ...]  # bad rows: any, and nothing can be imported
    skipped: tuple[LineProblem, ...]  # rows that would be left out (already on record)
    to_import: int
    total_fen: int  # money the rows to import add (contributions)

    @property
    def ok(self) -> bool:
        return not self.problems and self.to_import > 0


@memory.collector_paused()
def preview(schema_type: type[Schema], path: str) -> Preview:
    """A dry run: read and check every row as `run` would (against what is recorded now) and say
    what would be imported, skipped or refused by line; nothing is written."""
    source = reading.load(path)
    fingerprints.refuse_if_imported(source.label, source.sha256)
    schema = schema_type()
    keys: list = []
    count, rows, problems = check(schema, source, keys)
    fingerprints.refuse_if_imported(source.label, fingerprints.rows_digest(schema.action, keys))
    if problems:
        return Preview(source.label, source.sha256, count, tuple(problems), (), 0, 0)
    settled = schema.settle(rows)
    total = sum(getattr(r, "amount", 0) for r in settled.todo) if settled.todo and hasattr(settled.todo[0], "amount") else 0
    return Preview(source.label, source.sha256, count, tuple(settled.refused), tuple(settled.skipped),
                   0 if settled.refused else len(settled.todo), total)


@memory.collector_paused()
def run(schema_type: type[Schema], actor: str, path: str, progress: Progress | None = None,
        expect_sha256: str | None = None) -> ImportResult:
    """The import; with `expect_sha256` (from a preview), refused if the file changed since."""
    source = reading.load(path)
    if expect_sha256 is not None and source.sha256 != expect_sha256:
        raise ValidationError(_("{file} changed since its preview: preview it again.").format(file=source.label))
    fingerprints.refuse_if_imported(source.label, source.sha256)  # a quick answer, before parsing
    schema = schema_type()
    keys: list = []
    count, rows = validate(schema, source, keys)
    # The same rows saved again (another encoding, line endings, column or row order) are the same import.
    same_rows = fingerprints.rows_digest(schema.action, keys)
    try:
        with bulk.large_cache(database.obj), audit.write(actor) as w:
            # Inside the write lock: this is the one that counts (two imports at once cannot both pass).
            fingerprints.refuse_if_imported(source.label, source.sha256, same_rows)
            settled = schema.settle(rows)
            if settled.refused:
                raise RowErrors(source.label, settled.refused)
            todo = settled.todo
            seq = w.next_seq()
            with schema.writing():
                for start in range(0, len(todo), schema.chunk):
                    schema.write(w, seq, todo[start:start + schema.chunk])
                    if progress:
                        progress(min(start + schema.chunk, len(todo)), len(todo))
            w.record(schema.action, schema.entity, seq, file=source.label, sha256=source.sha256, rows_sha256=same_rows, rows=count,
                     count=len(todo), **schema.audit_fields(len(settled.skipped)))
    except pw.DatabaseError as exc:
        refusal = schema.refusal(exc)
        if refusal is None:
            raise
        raise refusal from None
    if progress:
        progress(len(todo), len(todo))
    return ImportResult(count, len(todo), tuple(settled.skipped), schema.total_fen)


def validate(schema: Schema, source: reading.SourceFile, keys: list | None = None) -> tuple[int, list]:
    """(non-empty rows, the checked rows); raises RowErrors naming every bad line."""
    count, rows, problems = check(schema, source, keys)
    if problems:
        raise RowErrors(source.label, problems)
    return count, rows


def check(schema: Schema, source: reading.SourceFile, keys: list | None = None) -> tuple[int, list, list[LineProblem]]:
    """(non-empty rows, the checked rows, every bad line with why); `keys` gets every row's
    stripped cells, in the schema's column order (for fingerprints.rows_digest).

    Column by column first: each column's cells in one pass (a column's own check of all its
    cells where it has one; each distinct text once where cells recur). When a cell is refused
    there, the rows are parsed one by one instead, which names every bad cell of every line."""
    columns = schema.columns()
    cells = table.columns(source.text, [c.name for c in columns], {c.name for c in columns if not c.required})
    if keys is not None:
        keys.extend(cells.rows())
    try:
        values = [_parsed(column, texts) for column, texts in zip(columns, cells.values)]
    except Problem:
        return _check_by_row(schema, columns, cells)
    if type(schema).check is Schema.check:  # nothing checked across cells or rows
        return len(cells.lines), list(map(schema.row, cells.lines, *values)), []
    return (len(cells.lines), *_checked(schema, map(schema.row, cells.lines, *values)))


def _parsed(column: Column, texts: tuple[str, ...]) -> list:
    """A column's values; raises Problem when any cell is refused (which one is not said)."""
    whole = getattr(column.parse, "column", None)
    if whole is not None:
        return whole(texts)
    if column.repeats:
        distinct = set(texts)
        value = dict(zip(distinct, map(column.parse, distinct)))
        return list(map(value.__getitem__, texts))
    return list(map(column.parse, texts))


def _checked(schema: Schema, rows) -> tuple[list, list[LineProblem]]:
    """The rows through the schema's checks across cells and rows, in file order."""
    check = schema.check
    out, problems = [], []
    for row in rows:
        try:
            out.append(check(row))
        except Problem as exc:
            problems.append(LineProblem(row.line, str(exc)))
    return out, problems


def _check_by_row(schema: Schema, columns: tuple[Column, ...], cells: table.Columns) -> tuple[int, list, list[LineProblem]]:
    """Row by row: a line with bad cells gets all of their problems; the other lines are
    checked as usual (their problems are listed too)."""
    parsers = [c.parse for c in columns]
    problems: list[LineProblem] = []
    good = []
    for line, texts in zip(cells.lines, cells.rows()):
        try:
            good.append(schema.row(line, *[parse(text) for parse, text in zip(parsers, texts)]))
        except Problem:
            problems.append(LineProblem(line, "; ".join(_cell_problems(parsers, texts))))
    rows, more = _checked(schema, good)
    return len(cells.lines), rows, sorted(problems + more, key=lambda p: p.line)


def _cell_problems(parsers, values) -> list[str]:
    """Every cell's problem in a bad row, not only the first."""
    out = []
    for parse, text in zip(parsers, values):
        try:
            parse(text)
        except Problem as exc:
            out.append(str(exc))
    return out
