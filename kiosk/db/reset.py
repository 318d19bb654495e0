"""Wiping a database for `kiosk demo` (only a demo one, unless asked)."""

from __future__ import annotations

import peewee as pw

from kiosk.db import models


def is_demo(db: pw.Database, actors: tuple[str, ...] = ("demo",)) -> bool:
    """A demo database: every audit entry so far was written by one of the demo's own `actors`
    (its builder, its staff entering and approving payments, its kiosk). A real database always
    has an entry by someone else: its first staff account is added with `kiosk staff add`."""
    if not db.table_exists("audit_entry"):
        return True
    marks = ", ".join(db.param for _ in actors)
    row = db.execute_sql(f"SELECT COUNT(*) FROM audit_entry WHERE actor NOT IN ({marks})", tuple(actors)).fetchone()
    return row[0] == 0


def drop_all(db: pw.Database) -> None:
    # Tables of later schema versions are models too; drop whatever exists, dependants first.
    tables = [m for m in models.BaseModel.__subclasses__()]
    with db.atomic():
        db.drop_tables(tables, safe=True, cascade=not isinstance(db, pw.SqliteDatabase))
