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


def open_database(target: Target) -> peewee.Database:
    if target.kind == "sqlite":
        return _open_sqlite(target)
    return _open_postgresql(target)


def _open_sqlite(target: Target) -> peewee.Database:
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
    if target.path != ":memory:":
        folder = os.path.dirname(os.path.abspath(target.path))
        os.makedirs(folder, exist_ok=True)
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
# Ballots are never edited or removed; a poll's scope, matter and option labels never change; a vote
# code is used (or revoked) once and a poll is closed once.
APPEND_ONLY = ("audit_entry", "ballot", "poll_building")
IMMUTABLE_COLUMNS = {
    "contribution": ("project_id", "source", "amount_fen", "created_status", "entry_seq", "household_id", "contributor", "receipt_no"),
    "poll": ("estate_id", "matter"),
    "poll_option": ("poll_id", "label"),
    "vote_code": ("poll_id", "household_id", "code_hash"),
}
NO_DELETE = ("contribution", "report_event", "poll", "poll_option", "vote_code")
# Columns that may go from NULL to a value once, and never change after.
SET_ONCE = {"poll": ("closed_at",), "vote_code": ("used_at", "revoked_at")}


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
        for table, cols in SET_ONCE.items():
            changed = " OR ".join(f"(OLD.{c} IS NOT NULL AND OLD.{c} IS NOT NEW.{c})" for c in cols)
            stmts.append(
                f"CREATE TRIGGER IF NOT EXISTS guard_{table}_once BEFORE UPDATE ON {table} "
                f"WHEN {changed} BEGIN SELECT RAISE(ABORT, '{table} is already closed or used'); END"
            )
        return stmts
    stmts.append(
        "CREATE OR REPLACE FUNCTION kiosk_refuse() RETURNS trigger AS $$ "
        "BEGIN RAISE EXCEPTION '%% is protected', TG_TABLE_NAME; END $$ LANGUAGE plpgsql"
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
    for table, cols in SET_ONCE.items():
        changed = " OR ".join(f"(OLD.{c} IS NOT NULL AND OLD.{c} IS DISTINCT FROM NEW.{c})" for c in cols)
        stmts.append(f"DROP TRIGGER IF EXISTS guard_{table}_once ON {table}")
        stmts.append(
            f"CREATE TRIGGER guard_{table}_once BEFORE UPDATE ON {table} FOR EACH ROW "
            f"WHEN ({changed}) EXECUTE FUNCTION kiosk_refuse()"
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
    names |= {f"guard_{t}_once" for t in SET_ONCE}
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


def insert_rows(db: peewee.Database, table: str, columns: list[str], rows: list[tuple]) -> None:
    """Bulk insert without building SQL per row (peewee's insert_many spends most of its time
    there): one prepared statement, executed for every row, inside the caller's transaction."""
    if not rows:
        return
    names = ", ".join(f'"{c}"' for c in columns)
    if is_sqlite(db):
        marks = ", ".join("?" * len(columns))
        db.cursor().executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)
        return
    from psycopg2.extras import execute_values

    execute_values(db.cursor(), f'INSERT INTO "{table}" ({names}) VALUES %s', rows, page_size=1000)


def integrity_problems(db: peewee.Database) -> list[str]:
    if is_sqlite(db):
        rows = db.execute_sql("PRAGMA integrity_check").fetchall()
        problems = [r[0] for r in rows if r[0] != "ok"]
        problems += [str(r) for r in db.execute_sql("PRAGMA foreign_key_check").fetchall()]
        return problems
    return []


def backup_to(db: peewee.Database, dest: str) -> None:
    """A consistent copy of a live SQLite file (online backup API, not a file copy).

    Written to a private temporary file beside `dest`, checked, flushed to disk and only then
    renamed over `dest`: a power cut or a kill during a nightly backup leaves the previous
    backup whole. The copy is readable by its owner only (it holds names and phone numbers).
    """
    if not is_sqlite(db):
        raise DatabaseUnavailable(_("Use pg_dump to back up a PostgreSQL database."))
    import cysqlite

    dest = os.path.abspath(dest)
    folder = os.path.dirname(dest)
    if not os.path.isdir(folder):
        raise DatabaseUnavailable(_("No folder {folder} to write the backup in.").format(folder=folder))
    if os.path.exists(dest) and os.path.samefile(dest, db.database):
        raise DatabaseUnavailable(_("The backup cannot replace the database it copies."))
    _remove_stale_partials(dest)
    tmp = os.path.join(folder, f".{os.path.basename(dest)}.partial-{os.getpid()}")
    try:
        os.close(os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        target = cysqlite.Connection(tmp)
        try:
            db.connection().backup(target)
            problems = [r[0] for r in target.execute("PRAGMA quick_check").fetchall() if r[0] != "ok"]
        finally:
            target.close()
        if problems:
            raise DatabaseUnavailable(_("The copy failed its check: {problem}").format(problem=problems[0]))
        _fsync(tmp)
        os.replace(tmp, dest)
        _fsync(folder)
    except (OSError, cysqlite.Error) as exc:
        raise DatabaseUnavailable(_("Cannot write the backup {file}: {error}").format(file=dest, error=exc)) from None
    finally:
        for suffix in ("", "-journal", "-wal", "-shm"):
            if os.path.exists(tmp + suffix):
                os.remove(tmp + suffix)


def _remove_stale_partials(dest: str) -> None:
    """Temporary copies left by a backup that was killed (its process is gone)."""
    folder, name = os.path.split(dest)
    prefix = f".{name}.partial-"
    for entry in os.listdir(folder):
        if not entry.startswith(prefix):
            continue
        pid = entry[len(prefix):].split("-", 1)[0]
        try:
            os.kill(int(pid), 0)
            continue  # another backup is writing it now
        except ProcessLookupError:
            pass
        except (ValueError, PermissionError):
            continue
        try:
            os.remove(os.path.join(folder, entry))
        except OSError:
            pass


def _fsync(path: str) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
