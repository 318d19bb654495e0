"""Keep database drivers a SQLite kiosk never uses out of its memory.

Peewee imports every driver it can find when it is imported. psycopg2 alone brings libpq and
OpenSSL: about 5 MB of resident memory and 30 ms of start-up in every lobby and display process,
on a box that may run several. The standard library's sqlite3 (another 1 MB: a second, older
SQLite library) is not used either: SQLite goes through cysqlite, whose database class replaces
everything peewee would take from sqlite3 (connect, server version); only BlobField and
JSONField would need it, and the models use neither. The long-running apps call
`skip_unused(url)` before anything imports peewee; one-shot commands (e.g. a migration to
PostgreSQL) do not. Afterwards the drivers import normally again: only peewee goes without.
"""

from __future__ import annotations

import sys

UNUSED_WITH_SQLITE = ("psycopg2", "psycopg2cffi", "psycopg", "pymysql", "MySQLdb", "mysql", "sqlite3", "pysqlite3", "pysqlite2")


def uses_sqlite(url: str) -> bool:
    return not url.startswith(("postgresql://", "postgres://"))


def skip_unused(url: str) -> bool:
    """Import peewee without the drivers `url` does not need. True if anything was skipped."""
    if not uses_sqlite(url) or "peewee" in sys.modules:
        return False
    blocked = [name for name in UNUSED_WITH_SQLITE if name not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # makes `import name` raise ImportError, as if not installed
    try:
        import peewee  # noqa: F401
    finally:
        for name in blocked:
            if sys.modules.get(name, 0) is None:
                del sys.modules[name]
    return True
