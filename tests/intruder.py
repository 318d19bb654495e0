"""Changes made behind the program's back, as someone with the database file (SQLite) or the
table owner's password (PostgreSQL) could make them: drop the guard triggers, then run SQL with
the stock driver, not through the kiosk."""

from __future__ import annotations

import cysqlite

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
    # cysqlite, not the standard library's sqlite3: that links an older SQLite, and two library
    # versions on one live WAL database is the corruption risk the program itself avoids.
    con = cysqlite.connect(where, timeout=30)
    try:
        with con.atomic():
            if drop_triggers:
                for name, in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
                    con.execute(f"DROP TRIGGER {name}")
            for stmt in sql:
                con.execute(stmt)
    finally:
        con.close()
