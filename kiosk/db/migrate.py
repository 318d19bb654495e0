"""`kiosk migrate-to URL`, the copying: every table of the open database into another, empty one
(SQLite to PostgreSQL or back), keeping every id exactly, and proof on arrival that every table
says the same row for row (a digest of its values). What the rows mean (the public report, the
audit chain, `verify`) is checked by the domain (kiosk.domain.migration) through `before`/`after`.

All or nothing: the copy runs in one transaction on the target and any difference rolls it back,
leaving the target as empty as it was. The source is read in one consistent state, and writers
are held off while it is read (they wait, then write to the source after the copy): stop the
kiosks before moving, as docs/deployment.md says, so that nothing lands behind the copy.

Tables come from the schema's model list plus any other model whose table the source holds, so
tables added by later features are copied without changes here.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import time
from typing import Any, Callable, Iterator

import peewee as pw

from kiosk.db import backend, connection, models, schema
from kiosk.i18n import _

BATCH = 1000
# (table, rows copied so far, rows in the table)
Progress = Callable[[str, int, int], None]
# Values as Python sees them (dates, booleans, ints), so both back-ends give the same bytes.
_CANONICAL = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


class MigrationRefused(Exception):
    """Nothing was copied; the message (one line) says why."""


class MigrationFailed(Exception):
    """The copy did not say the same on arrival; the target was rolled back."""

    def __init__(self, differences: list[str]):
        super().__init__("; ".join(differences))
        self.differences = differences


@dataclasses.dataclass(frozen=True)
class TableCopy:
    table: str
    rows: int


@dataclasses.dataclass(frozen=True)
class Copy:
    source: str
    target: str
    tables: tuple[TableCopy, ...]
    not_copied: tuple[str, ...]  # tables this version of the program does not know
    seconds: float

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables)


def _subclasses(cls) -> Iterator[type]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def models_to_copy(db: pw.Database) -> list[type[pw.Model]]:
    """The schema's models, and any other model whose table `db` holds, dependencies first."""
    present = backend.user_tables(db)
    chosen = {m._meta.table_name: m for m in models.ALL_MODELS}
    for m in _subclasses(models.BaseModel):
        chosen.setdefault(m._meta.table_name, m)
    derived = {m._meta.table_name for m in models.DERIVED_MODELS}  # the target's triggers rebuild them
    return pw.sort_models([m for name, m in chosen.items() if name in present and name not in derived])


def _pages(db: pw.Database, model, batch: int) -> Iterator[list[tuple]]:
    """All rows in primary-key order, `batch` at a time (keyset paging: no huge fetch, no OFFSET)."""
    pk = model._meta.primary_key
    fields = model._meta.sorted_fields
    at = fields.index(pk)
    last = None
    while True:
        q = model.select(*fields).order_by(pk).limit(batch)
        if last is not None:
            q = q.where(pk > last)
        rows = list(q.tuples().execute(db))
        if not rows:
            return
        yield rows
        last = rows[-1][at]


def _row_bytes(row: tuple) -> bytes:
    return _CANONICAL.encode(list(row)).encode("utf-8") + b"\n"


def table_digest(db: pw.Database, model, batch: int = BATCH) -> tuple[int, str]:
    h = hashlib.sha256()
    n = 0
    for rows in _pages(db, model, batch):
        for row in rows:
            h.update(_row_bytes(row))
        n += len(rows)
    return n, h.hexdigest()


def _copy_table(source: pw.Database, target: pw.Database, model, batch: int, progress: Progress | None) -> tuple[int, str]:
    fields = model._meta.sorted_fields
    columns = [f.column_name for f in fields]
    pk_at = fields.index(model._meta.primary_key)
    # A row may point at a later row of its own table (a report merged into a newer one):
    # insert those links empty and fill them in once every row is there.
    links = [i for i, f in enumerate(fields) if isinstance(f, pw.ForeignKeyField) and f.rel_model is model and f.null]
    later: list[tuple] = []
    total = model.select().count(source)
    h = hashlib.sha256()
    done = 0
    for rows in _pages(source, model, batch):
        out = []
        for row in rows:
            h.update(_row_bytes(row))
            if links and any(row[i] is not None for i in links):
                later.append(row)
                row = tuple(None if i in links else v for i, v in enumerate(row))
            out.append(tuple(None if v is None else f.db_value(v) for f, v in zip(fields, row)))
        backend.bulk_insert(target, model._meta.table_name, columns, out)
        done += len(rows)
        if progress:
            progress(model._meta.table_name, done, total)
    for row in later:
        model.update({fields[i]: row[i] for i in links}).where(model._meta.primary_key == row[pk_at]).execute(target)
    if progress and total == 0:
        progress(model._meta.table_name, 0, 0)
    return done, h.hexdigest()


def _held_data(target: pw.Database, tables: list) -> tuple[str, int] | None:
    """(table, rows) of the first table of ours on the target that holds data, else None."""
    present = backend.user_tables(target)
    for model in tables:
        name = model._meta.table_name
        if name not in present:
            continue
        q = model.select()
        if model is models.KioskState:  # `kiosk init` leaves one row with an empty chain
            q = q.where((models.KioskState.chain_seq != 0) | (models.KioskState.revision != 0))
        n = q.count(target)
        if n:
            return name, n
    return None


def open_target(url: str) -> tuple[pw.Database, backend.Target, bool]:
    """(database, where, whether a SQLite file was created by opening it)."""
    where = backend.parse_url(url)
    created = where.kind == "sqlite" and where.path != ":memory:" and not os.path.exists(where.path)
    db = backend.open_database(where)
    try:
        db.connect(reuse_if_open=True)
    except pw.OperationalError as exc:
        raise backend.DatabaseUnavailable(
            _("Cannot open the database {where}: {error}").format(where=where.describe(), error=connection.why(exc))
        ) from None
    return db, where, created


def _remove_sqlite(path: str) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.remove(path + suffix)
        except FileNotFoundError:
            pass


def copy_to(url: str, *, batch: int = BATCH, progress: Progress | None = None,
            before: Callable[[], Any] | None = None, after: Callable[[Any], list[str]] | None = None) -> Copy:
    """Copy the database the models are bound to into the empty database at `url`.

    `before()` runs on the source while writers are held off (it may raise MigrationRefused) and
    returns what `after(it)` compares on the target, inside the copy's transaction: the
    differences it returns roll the copy back like the tables' own."""
    source = models.database.obj
    source_where = backend.describe(source)
    started = time.monotonic()
    target, where, created = open_target(url)
    ok = False
    try:
        tables = models_to_copy(source)
        held = _held_data(target, tables)
        if held is not None:
            raise MigrationRefused(_("{target} is not empty ({table}: {n} rows); migrate-to copies only into an empty database.").format(
                target=where.describe(), table=held[0], n=held[1]))
        known = {m._meta.table_name for m in tables}
        not_copied = tuple(sorted(backend.user_tables(source) - known))
        with backend.frozen(source):
            seen = before() if before else None
            copied: list[TableCopy] = []
            digests: dict[str, tuple[int, str]] = {}
            models.database.initialize(target)
            try:
                with target.atomic():
                    held = _held_data(target, tables)  # again, now that we hold the target
                    if held is not None:
                        raise MigrationRefused(_("{target} is not empty ({table}: {n} rows); migrate-to copies only into an empty database.").format(
                            target=where.describe(), table=held[0], n=held[1]))
                    present = backend.user_tables(target)
                    if models.KioskState._meta.table_name in present and schema.stored_version(target) != schema.SCHEMA_VERSION:
                        raise MigrationRefused(_("{target} holds a kiosk schema of another version; migrate-to needs an empty database.").format(
                            target=where.describe()))
                    schema.init(target)
                    target.create_tables(tables)  # later features' tables the schema list lacks
                    models.KioskState.delete().execute(target)  # replaced by the source's row
                    for model in tables:
                        digests[model._meta.table_name] = _copy_table(source, target, model, batch, progress)
                        copied.append(TableCopy(model._meta.table_name, digests[model._meta.table_name][0]))
                    backend.reset_sequences(target, tables)
                    for stmt in backend.guard_statements(target):
                        target.execute_sql(stmt)
                    differences = _compare(target, tables, digests, batch)
                    if after:
                        differences += after(seen)
                    if differences:
                        raise MigrationFailed(differences)
            finally:
                models.database.initialize(source)
        ok = True
    finally:
        target.close()
        if created and not ok:
            _remove_sqlite(where.path)
    return Copy(source_where, where.describe(), tuple(copied), not_copied, time.monotonic() - started)


def _compare(target: pw.Database, tables: list, digests: dict, batch: int) -> list[str]:
    """Tables whose rows arrived other than they were read from the source."""
    differences = []
    for model in tables:
        name = model._meta.table_name
        n, digest = table_digest(target, model, batch)
        want_n, want_digest = digests[name]
        if n != want_n:
            differences.append(_("table {table}: {n} rows arrived, {want} were sent").format(table=name, n=n, want=want_n))
        elif digest != want_digest:
            differences.append(_("table {table}: the rows arrived with different values").format(table=name))
    return differences
