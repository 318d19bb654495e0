"""Changes made behind the program's back, as someone with the database file (SQLite) or the
table owner's password (PostgreSQL) could make them: drop the guard triggers, then run SQL with
the stock driver, not through the kiosk."""

from __future__ import annotations

import sqlite3

from pg_databases import run_sql


def is_postgresql(where: str) -> bool:
    return where.startswith(("postgresql://", "postgres://"))


def tamper(where: str, *sql: str, drop_triggers: bool = True) -> None:
    if is_postgresql(where):
        drops = []
        if drop_triggers:
            triggers = run_sql(where, "SELECT tgname, tgrelid::regclass::text FROM pg_trigger WHERE NOT tgisinternal")
            drops = [f"DROP TRIGGER {name} ON {table}" for name, table in triggers]
        if drops or sql:
            run_sql(where, *drops, *sql)
        return
    con = sqlite3.connect(where)
    if drop_triggers:
        for name, in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
            con.execute(f"DROP TRIGGER {name}")
    for stmt in sql:
        con.execute(stmt)
    con.commit()
    con.close()
