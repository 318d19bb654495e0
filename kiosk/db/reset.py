"""Wiping a database for `kiosk demo` (only a demo one, unless asked)."""

from __future__ import annotations

import peewee as pw

from kiosk.db import models


def is_demo(db: pw.Database, staff: tuple[str, ...] = ()) -> bool:
    """A demo database: every audit entry so far was written by the demo builder, or by one of the
    demo's own `staff` in its payments (entered by one of them, approved by another)."""
    if not db.table_exists("audit_entry"):
        return True
    names = tuple(staff) or ("demo",)
    marks = ", ".join(db.param for _ in names)
    row = db.execute_sql("SELECT COUNT(*) FROM audit_entry WHERE actor <> 'demo' "
                         f"AND NOT (actor IN ({marks}) AND SUBSTR(action, 1, 8) = 'payment.')", names).fetchone()
    return row[0] == 0


def drop_all(db: pw.Database) -> None:
    # Tables of later schema versions are models too; drop whatever exists, dependants first.
    tables = [m for m in models.BaseModel.__subclasses__()]
    with db.atomic():
        db.drop_tables(tables, safe=True, cascade=not isinstance(db, pw.SqliteDatabase))
