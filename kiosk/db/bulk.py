"""Bulk inserts for imports and the benchmarks' generator, by model and field.

Peewee's `insert_many` builds the SQL text of every row in Python (about 70 µs a row, two thirds
of a 200,000-row import); `backend.bulk_insert` runs one prepared statement instead. The values
go through the same `db_value` conversions as peewee's own inserts, on the same connection and
transaction, so what is stored is identical. Call it inside a transaction (an audited write).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import operator
from typing import Iterable, Iterator, Sequence

import peewee as pw

from kiosk.db import backend

CACHE_MIB = 64


@contextlib.contextmanager
def large_cache(db: pw.Database, mib: int = CACHE_MIB) -> Iterator[None]:
    """A bigger SQLite page cache while a bulk insert updates indexes all over a large table
    (2 MB by default: a 200,000-row import spends a quarter of its time re-reading pages).
    Restored afterwards, so long-running apps keep their small footprint."""
    if not backend.is_sqlite(db):
        yield
        return
    before = db.execute_sql("PRAGMA cache_size").fetchone()[0]
    db.execute_sql(f"PRAGMA cache_size = {-int(mib) * 1024}")
    try:
        yield
    finally:
        db.execute_sql(f"PRAGMA cache_size = {int(before)}")


# Fields whose values the domain already hands over in their stored type: no conversion needed.
_PLAIN = (pw.AutoField, pw.BigAutoField, pw.IntegerField, pw.BigIntegerField, pw.CharField, pw.TextField)


def _stored_as(field: pw.Field) -> tuple[type, ...]:
    """Python types that the field's db_value passes through unchanged."""
    if isinstance(field, pw.ForeignKeyField):
        return _stored_as(field.rel_field)
    if isinstance(field, pw.DateTimeField):
        return (dt.datetime,)
    if isinstance(field, pw.DateField):
        return (dt.date,)  # exactly date: a datetime is cut to its date
    if isinstance(field, _PLAIN):
        return (int,) if isinstance(field, (pw.IntegerField, pw.AutoField)) else (str,)
    return ()


def insert_rows(model: type[pw.Model], fields: Sequence[pw.Field], rows: Iterable[Sequence], chunk: int = 2000) -> int:
    """Insert tuples (one value per field, in `fields` order; other columns get their default).
    Returns the number of rows."""
    db = model._meta.database.obj if isinstance(model._meta.database, pw.DatabaseProxy) else model._meta.database
    rows = list(rows)
    if not rows:
        return 0
    # Like insert_many: columns left out get their model default.
    given = {f.name for f in fields}
    defaults = [f for f in model._meta.sorted_fields if f.name not in given and f.default is not None]
    if defaults:
        fields = list(fields) + defaults
        rows = [tuple(row) + tuple(f.default() if callable(f.default) else f.default for f in defaults) for row in rows]
    # SQLite takes plain columns as they come; PostgreSQL gets every value through db_value
    # unless it already has the stored type (True is not a bigint there).
    sqlite = backend.is_sqlite(db)
    convert = [(i, f.db_value, _stored_as(f)) for i, f in enumerate(fields)
               if not (sqlite and isinstance(f, _PLAIN) and not isinstance(f, pw.ForeignKeyField))]
    # Only columns holding a value of another kind than stored (one C-level pass a column): the
    # row-by-row check below of every such field was a tenth of an import's Python time.
    convert = [(i, to_db, stored) for i, to_db, stored in convert
               if not set(map(type, map(operator.itemgetter(i), rows))) <= {type(None), *stored}]
    if convert:
        converted = []
        for row in rows:
            row = list(row)
            for i, to_db, stored in convert:
                value = row[i]
                if value is not None and type(value) not in stored:  # db_value would return it as is
                    row[i] = to_db(value)
            converted.append(row)
        rows = converted
    columns = [f.column_name for f in fields]
    with pw.__exception_wrapper__:
        if not sqlite:
            # PostgreSQL: one COPY for the batch instead of the SQL text of every row.
            backend.copy_rows(db, model._meta.table_name, columns, rows)
            return len(rows)
        for i in range(0, len(rows), chunk):
            backend.bulk_insert(db, model._meta.table_name, columns, rows[i:i + chunk])
    return len(rows)
