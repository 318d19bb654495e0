"""Wiping a database for `kiosk demo` (only a demo one, unless asked)."""

from __future__ import annotations

import peewee as pw

from kiosk.db import models


def is_demo(db: pw.Database) -> bool:
    """A demo database: every audit entry so far was written by the demo builder."""
    if not db.table_exists("audit_entry"):
        return True
    row = db.execute_sql("SELECT COUNT(*) FROM audit_entry WHERE actor <> 'demo'").fetchone()
    return row[0] == 0


def drop_all(db: pw.Database) -> None:
    # Tables of later schema versions are models too; drop whatever exists, dependants first.
    tables = [m for m in models.BaseModel.__subclasses__()]
    with db.atomic():
        db.drop_tables(tables, safe=True, cascade=not isinstance(db, pw.SqliteDatabase))
