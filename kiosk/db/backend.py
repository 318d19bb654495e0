"""Everything that differs between SQLite and PostgreSQL lives here, and only here.

SQLite goes through cysqlite, which bundles SQLite 3.54: the library linked into CPython here is
older than 3.51.3, which can corrupt a WAL database when several processes write or checkpoint at
once (the lobby, two admins, the display and an import do exactly that).
"""

from __future__ import annotations

import os
import urllib.parse
from dataclasses import dataclass

import peewee

from kiosk.i18n import _

BUSY_TIMEOUT_S = 30
MIN_SQLITE = (3, 51, 3)


class DatabaseUnavailable(Exception):
    """The database cannot be opened or used; the message is for people."""


@dataclass(frozen=True)
class Target:
    kind: str  # "sqlite" | "postgresql"
    path: str = ""  # SQLite file
    dsn: dict | None = None  # PostgreSQL parameters

    def describe(self) -> str:
        if self.kind == "sqlite":
            return self.path
        d = self.dsn or {}
        return f"postgresql://{d.get('host', 'localhost')}:{d.get('port', 5432)}/{d.get('database', '')}"


def parse_url(url: str) -> Target:
    """`sqlite:///rel.db`, `sqlite:////abs.db`, a bare path, or `postgresql://user:pw@host:port/name`."""
    if url.startswith(("postgresql://", "postgres://")):
        parts = urllib.parse.urlsplit(url)
        dsn = {"database": parts.path.lstrip("/")}
        if parts.hostname:
            dsn["host"] = parts.hostname
        if parts.port:
            dsn["port"] = parts.port
        if parts.username:
            dsn["user"] = urllib.parse.unquote(parts.username)
        if parts.password:
            dsn["password"] = urllib.parse.unquote(parts.password)
        for key, values in urllib.parse.parse_qs(parts.query).items():
            dsn[key] = values[-1]
        return Target("postgresql", dsn=dsn)
    if url.startswith("sqlite://"):
        path = url[len("sqlite://"):]
        if path.startswith("/"):
            path = path[1:]  # sqlite:///rel.db -> rel.db ; sqlite:////abs.db -> /abs.db
        return Target("sqlite", path=path or ":memory:")
    if "://" in url:
        raise DatabaseUnavailable(_("Unsupported database address: {url}").format(url=url))
    return Target("sqlite", path=url)


def open_database(target: Target, *, create: bool = True) -> peewee.Database:
    """With create=False a SQLite file that is missing is an error, never a new empty database."""
    if target.kind == "sqlite":
        return _open_sqlite(target, create)
    return _open_postgresql(target)


def _open_sqlite(target: Target, create: bool = True) -> peewee.Database:
    try:
        import cysqlite
        from playhouse.cysqlite_ext import CySqliteDatabase
    except ImportError:  # pragma: no cover - cysqlite is a hard dependency
        raise DatabaseUnavailable(_("The cysqlite package is missing; reinstall the kiosk.")) from None
    if cysqlite.sqlite_version_info < MIN_SQLITE:
        raise DatabaseUnavailable(
            _("SQLite {found} is too old (need {need} or newer).").format(
                found=cysqlite.sqlite_version, need=".".join(map(str, MIN_SQLITE))
            )
        )
    extra = {}
    if target.path != ":memory:":
        folder = os.path.dirname(os.path.abspath(target.path))
        os.makedirs(folder, exist_ok=True)
        if not create:
            # Every connection (each worker thread opens its own) must find the file: if it was
            # moved away, a new empty one would pick up the old -wal file and could ruin it.
            extra["flags"] = cysqlite.SQLITE_OPEN_READWRITE
    return CySqliteDatabase(
        target.path,
        pragmas={
            "journal_mode": "wal",
            # FULL: a committed payment survives a power cut, at ~3k commits/s (plenty here).
            "synchronous": "full",
            "foreign_keys": 1,
            "busy_timeout": BUSY_TIMEOUT_S * 1000,
        },
        timeout=BUSY_TIMEOUT_S,
        # Every transaction takes the write lock up front: read-then-write never deadlocks
        # into "database is locked" when several processes write.
        lock_type="IMMEDIATE",
        rank_functions=False,
        **extra,
    )


def _open_postgresql(target: Target) -> peewee.Database:
    try:
        import psycopg2  # noqa: F401
    except ImportError:
        raise DatabaseUnavailable(
            _("PostgreSQL support is not installed: pip install 'estate-kiosk[postgres]'")
        ) from None
    params = dict(target.dsn or {})
    name = params.pop("database")
    params.setdefault("connect_timeout", 5)
    return peewee.PostgresqlDatabase(name, autorollback=True, **params)


def is_sqlite(db: peewee.Database) -> bool:
    return isinstance(db, peewee.SqliteDatabase)


# Tables the database itself keeps append-only, and columns it keeps immutable.
APPEND_ONLY = ("audit_entry",)
IMMUTABLE_COLUMNS = {"contribution": ("project_id", "source", "amount_fen", "created_status", "entry_seq", "household_id", "contributor", "receipt_no")}
NO_DELETE = ("contribution", "report_event")


def guard_statements(db: peewee.Database) -> list[str]:
    """Triggers that refuse edits to the audit log and to money records."""
    stmts: list[str] = []
    if is_sqlite(db):
        for table in APPEND_ONLY:
            for op in ("UPDATE", "DELETE"):
                stmts.append(
                    f"CREATE TRIGGER IF NOT EXISTS guard_{table}_{op.lower()} BEFORE {op} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
                )
        for table, cols in IMMUTABLE_COLUMNS.items():
            changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in cols)
            stmts.append(
                f"CREATE TRIGGER IF NOT EXISTS guard_{table}_fixed BEFORE UPDATE ON {table} "
                f"WHEN {changed} BEGIN SELECT RAISE(ABORT, '{table} amounts are immutable'); END"
            )
        for table in NO_DELETE:
            stmts.append(
                f"CREATE TRIGGER IF NOT EXISTS guard_{table}_delete BEFORE DELETE ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} rows cannot be deleted'); END"
            )
        return stmts
    stmts.append(
        "CREATE OR REPLACE FUNCTION kiosk_refuse() RETURNS trigger AS $$ "
        "BEGIN RAISE EXCEPTION '% is protected', TG_TABLE_NAME; END $$ LANGUAGE plpgsql"
    )
    for table in APPEND_ONLY:
        stmts.append(f"DROP TRIGGER IF EXISTS guard_{table} ON {table}")
        stmts.append(
            f"CREATE TRIGGER guard_{table} BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION kiosk_refuse()"
        )
    for table, cols in IMMUTABLE_COLUMNS.items():
        changed = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in cols)
        stmts.append(f"DROP TRIGGER IF EXISTS guard_{table}_fixed ON {table}")
        stmts.append(
            f"CREATE TRIGGER guard_{table}_fixed BEFORE UPDATE ON {table} FOR EACH ROW "
            f"WHEN ({changed}) EXECUTE FUNCTION kiosk_refuse()"
        )
    for table in NO_DELETE:
        stmts.append(f"DROP TRIGGER IF EXISTS guard_{table}_delete ON {table}")
        stmts.append(
            f"CREATE TRIGGER guard_{table}_delete BEFORE DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION kiosk_refuse()"
        )
    return stmts


def guard_names(db: peewee.Database) -> set[str]:
    """Names of the guard triggers that should exist."""
    names = set()
    if is_sqlite(db):
        for table in APPEND_ONLY:
            names |= {f"guard_{table}_update", f"guard_{table}_delete"}
    else:
        names |= {f"guard_{t}" for t in APPEND_ONLY}
    names |= {f"guard_{t}_fixed" for t in IMMUTABLE_COLUMNS}
    names |= {f"guard_{t}_delete" for t in NO_DELETE}
    return names


def existing_guards(db: peewee.Database) -> set[str]:
    if is_sqlite(db):
        rows = db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall()
    else:
        rows = db.execute_sql("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal").fetchall()
    return {r[0] for r in rows}


def lock_state_sql(db: peewee.Database) -> str:
    """Bumps the revision; on PostgreSQL the row lock also serialises audit appends."""
    return "UPDATE kiosk_state SET revision = revision + 1 WHERE id = 1"


def integrity_problems(db: peewee.Database) -> list[str]:
    if is_sqlite(db):
        rows = db.execute_sql("PRAGMA integrity_check").fetchall()
        problems = [r[0] for r in rows if r[0] != "ok"]
        problems += [str(r) for r in db.execute_sql("PRAGMA foreign_key_check").fetchall()]
        return problems
    return []


def backup_to(db: peewee.Database, dest: str) -> None:
    """A consistent copy of a live SQLite file (online backup API, not a file copy)."""
    if not is_sqlite(db):
        raise DatabaseUnavailable(_("Use pg_dump to back up a PostgreSQL database."))
    import cysqlite

    target = cysqlite.Connection(dest)
    try:
        db.connection().backup(target)
    finally:
        target.close()
