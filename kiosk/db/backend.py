"""Everything that differs between SQLite and PostgreSQL lives here, and only here.

SQLite goes through cysqlite, which bundles SQLite 3.54: the library linked into CPython here is
older than 3.51.3, which can corrupt a WAL database when several processes write or checkpoint at
once (the lobby, two admins, the display and an import do exactly that).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import itertools
import os
import threading
import urllib.parse
from dataclasses import dataclass
from typing import Iterable, Iterator

import peewee

from kiosk.i18n import _, os_reason

BUSY_TIMEOUT_S = 30
# A read outside a transaction waits this long for a lock (SQLite readers only wait when another
# connection holds the file exclusively): a screen reading on the UI thread shows its stale note
# after a short freeze instead of hanging for BUSY_TIMEOUT_S. Writes keep the long wait.
READ_BUSY_TIMEOUT_S = 3
MIN_SQLITE = (3, 51, 3)
# EXECUTE FUNCTION in triggers needs 11; 12 is the oldest we test against in spirit, 15 in fact.
MIN_POSTGRESQL = (12, 0)


class DatabaseUnavailable(Exception):
    """The database cannot be opened or used; the message is for people."""


def one_line(exc: BaseException) -> str:
    """A driver's message on one line (libpq's span several, with tabs)."""
    return " ".join(str(exc).split())


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


def open_database(target: Target, *, create: bool = True, cache_kib: int | None = None) -> peewee.Database:
    """With create=False a SQLite file that is missing is an error, never a new empty database.
    `cache_kib`: SQLite's page cache per connection (default 2 MiB); PostgreSQL ignores it."""
    if target.kind == "sqlite":
        return _open_sqlite(target, create, cache_kib)
    return _open_postgresql(target)


def _open_sqlite(target: Target, create: bool = True, cache_kib: int | None = None) -> peewee.Database:
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
        if not _writable(target.path):
            return _open_sqlite_read_only(target.path, cache_kib)
    pragmas = {
        "journal_mode": "wal",
        # FULL: a committed payment survives a power cut, at ~3k commits/s (plenty here).
        "synchronous": "full",
        "foreign_keys": 1,
        "busy_timeout": READ_BUSY_TIMEOUT_S * 1000,
    }
    if cache_kib is not None:
        pragmas["cache_size"] = -int(cache_kib)  # negative: KiB rather than pages
    return _sqlite_class(CySqliteDatabase)(
        target.path,
        pragmas=pragmas,
        timeout=READ_BUSY_TIMEOUT_S,
        # Every transaction takes the write lock up front: read-then-write never deadlocks
        # into "database is locked" when several processes write.
        lock_type="IMMEDIATE",
        rank_functions=False,
        **extra,
    )


def _sqlite_class(base: type) -> type:
    """`base` with the long lock wait for transactions only (see READ_BUSY_TIMEOUT_S)."""

    class _SqliteDatabase(base):
        def begin(self, lock_type=None):
            self.connection().execute(f"PRAGMA busy_timeout = {int(write_lock_wait() * 1000)}")
            super().begin(lock_type)

        def commit(self):
            try:
                super().commit()
            finally:
                self._busy_timeout(READ_BUSY_TIMEOUT_S)

        def rollback(self):
            try:
                super().rollback()
            finally:
                self._busy_timeout(READ_BUSY_TIMEOUT_S)

        def _busy_timeout(self, seconds: int) -> None:
            if not self.is_closed():
                self.connection().execute(f"PRAGMA busy_timeout = {seconds * 1000}")

    return _SqliteDatabase


def _writable(path: str) -> bool:
    """Whether this process may write the file and create its -wal and -shm files beside it."""
    folder = os.path.dirname(os.path.abspath(path))
    return os.access(folder, os.W_OK) and (not os.path.exists(path) or os.access(path, os.W_OK))


def _open_sqlite_read_only(path: str, cache_kib: int | None) -> peewee.Database:
    """A file this process cannot write (a copy on read-only media, a read-only folder): read
    only, never switched to WAL, so verify, export and backup still work. Beside a live database
    the -shm file exists and `mode=ro` reads it; without one SQLite would have to create it, so
    the file is read as `immutable` (nobody has it open for writing)."""
    import cysqlite
    from playhouse.cysqlite_ext import CySqliteDatabase

    mode = "mode=ro" if os.path.exists(path + "-shm") else "immutable=1"
    uri = f"file:{urllib.parse.quote(os.path.abspath(path))}?{mode}"

    class ReadOnly(CySqliteDatabase):
        def _connect(self):
            conn = cysqlite.Connection(uri, timeout=self._timeout, extensions=True, **self.connect_params)
            self._add_conn_hooks(conn)
            return conn

    pragmas = {"query_only": 1, "foreign_keys": 1, "busy_timeout": BUSY_TIMEOUT_S * 1000}
    if cache_kib is not None:
        pragmas["cache_size"] = -int(cache_kib)
    return ReadOnly(path, pragmas=pragmas, timeout=BUSY_TIMEOUT_S, rank_functions=False,
                    flags=cysqlite.SQLITE_OPEN_READONLY | cysqlite.SQLITE_OPEN_URI)


class _PostgresqlDatabase(peewee.PostgresqlDatabase):
    """Refuses a server older than MIN_POSTGRESQL as soon as it connects, and replaces a
    connection the server dropped (restart, pg_terminate_backend, network) on its next use."""

    def cursor(self, named_cursor=None):
        if self._dropped() and not self.in_transaction():
            self.dispose()  # forget it; super() connects afresh
        return super().cursor(named_cursor)

    def execute_sql(self, sql, params=None):
        # A read that finds the connection dropped is sent again once on a new connection: the
        # server came back, and the screen reading it should not notice. A write never is: the
        # server may have committed it before the connection went.
        try:
            return super().execute_sql(sql, params)
        except (peewee.OperationalError, peewee.InterfaceError):
            if self.in_transaction() or not self._dropped() or not sql.lstrip()[:6].upper() == "SELECT":
                raise
            self.dispose()
            return super().execute_sql(sql, params)

    def begin(self, *args, **kwargs):
        try:
            super().begin(*args, **kwargs)
        except (peewee.OperationalError, peewee.InterfaceError):
            if self.in_transaction() or not self._dropped():
                raise
            self.dispose()  # nothing was sent yet that could have been committed
            super().begin(*args, **kwargs)
        if write_lock_wait() != BUSY_TIMEOUT_S:  # a `waiting_at_most` block (the lobby's saves)
            self.execute_sql(f"SET LOCAL lock_timeout = {int(write_lock_wait() * 1000)}")

    def _dropped(self) -> bool:
        conn = None if self._state.closed else self._state.conn
        return conn is not None and conn.closed != 0

    def _connect(self):
        conn = super()._connect()
        found = conn.server_version  # e.g. 150018 for 15.18
        if found < MIN_POSTGRESQL[0] * 10000 + MIN_POSTGRESQL[1]:
            conn.close()
            raise DatabaseUnavailable(
                _("PostgreSQL {found} is too old (need {need} or newer).").format(
                    found=f"{found // 10000}.{found % 10000}", need=".".join(map(str, MIN_POSTGRESQL))
                )
            )
        return conn


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
    params.setdefault("application_name", "kiosk")
    # A network gone silent sends no error: without these a connection waits for TCP's own
    # give-up (a quarter of an hour), and after the network is back for its next resend (up to
    # two minutes). Data unacknowledged for 5 s, or an idle connection whose peer stops
    # answering, ends the connection instead, so the next read connects afresh.
    params.setdefault("tcp_user_timeout", 5000)
    params.setdefault("keepalives_idle", 10)
    params.setdefault("keepalives_interval", 2)
    params.setdefault("keepalives_count", 3)
    # Like SQLite's busy timeout: a writer waits up to 30 s for the write lock, then gives up
    # with an error instead of hanging a screen forever.
    options = params.pop("options", "")
    params["options"] = f"{options} -c lock_timeout={BUSY_TIMEOUT_S * 1000}".strip()
    # READ COMMITTED whatever the server's default: after waiting for the kiosk_state row lock,
    # the next statement must see the chain head the previous writer committed (see audit.write).
    return _PostgresqlDatabase(name, isolation_level="READ COMMITTED", **params)


def is_sqlite(db: peewee.Database) -> bool:
    return isinstance(db, peewee.SqliteDatabase)


def seconds_between(db: peewee.Database, start, end):
    """An SQL expression for the seconds from `start` to `end` (two timestamp columns or
    expressions): SQLite keeps timestamps as text (julianday reads them), PostgreSQL as timestamps.
    SQLite's dates are whole milliseconds, but a difference of two julian days times 86400 is
    not (two hours came out as 7200.0000134 s): rounded back to milliseconds, so a comparison
    with a limit says on SQLite what it says on PostgreSQL."""
    if is_sqlite(db):
        return peewee.fn.round((peewee.fn.julianday(end) - peewee.fn.julianday(start)) * 86400, 3)
    return peewee.fn.date_part("epoch", end - start)


def describe(db: peewee.Database) -> str:
    """Where an open database lives, fit to print (never with a password)."""
    if is_sqlite(db):
        return db.database
    params = db.connect_params
    return Target("postgresql", dsn={"database": db.database, **params}).describe()


# Tables the database itself keeps append-only, and columns it keeps immutable.
# Ballots are never edited or removed; a poll's matter never changes, nor its scope and option labels
# once it has a ballot; a vote code is used (or revoked) once and a poll is closed once.
# An acceptance (竣工验收) is recorded once and never edited: verify compares it with its entry too.
APPEND_ONLY = ("audit_entry", "ballot", "poll_building", "payment_share", "acceptance")
IMMUTABLE_COLUMNS = {
    # A contribution's receipt_no is set once, on 确认到账 of a pledge that had none (money_guards).
    "contribution": ("project_id", "source", "amount_fen", "created_status", "entry_seq", "household_id", "contributor"),
    # A payment's decision columns move once (money_guards: pending -> approved | rejected).
    "payment": ("id", "project_id", "payee", "purpose", "stage_id", "document_no", "amount_fen", "paid_on", "reverses_id",
                "advance_reason", "entered_by", "entered_at", "entry_seq"),
    "poll": ("estate_id", "matter"),
    "poll_option": ("poll_id", "label"),
    "vote_code": ("poll_id", "household_id", "code_hash"),
}
NO_DELETE = ("contribution", "report_event", "poll", "poll_option", "vote_code", "payment")
# Columns that may go from NULL to a value once, and never change after.
SET_ONCE = {"poll": ("closed_at",), "vote_code": ("used_at", "revoked_at"), "payment": ("decided_by", "decided_at"),
            "project": ("closed_at",)}
# A poll's options and scope may be replaced while the poll has no ballot (votes.update_poll, for a
# poll not yet open); the guards above hold for them from its first ballot on.
UNTIL_VOTED = ("poll_option", "poll_building")
_VOTED = "EXISTS (SELECT 1 FROM ballot WHERE poll_id = OLD.poll_id)"


def _when(table: str, condition: str = "") -> str:
    """SQLite: the WHEN clause of a guard on `table` (empty: it always fires)."""
    parts = [f"({condition})"] if condition else []
    if table in UNTIL_VOTED:
        parts.append(_VOTED)
    return f"WHEN {' AND '.join(parts)} " if parts else ""


def _refuser(table: str) -> str:
    """PostgreSQL: the function a guard on `table` runs (a trigger's WHEN takes no subquery)."""
    return "kiosk_refuse_once_voted()" if table in UNTIL_VOTED else "kiosk_refuse()"


def guard_statements(db: peewee.Database) -> list[str]:
    """Triggers that refuse edits to the audit log and to money records."""
    stmts: list[str] = []
    if is_sqlite(db):
        for table in APPEND_ONLY:
            for op in ("UPDATE", "DELETE"):
                stmts.append(
                    f"CREATE TRIGGER IF NOT EXISTS guard_{table}_{op.lower()} BEFORE {op} ON {table} {_when(table)}"
                    f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
                )
        for table, cols in IMMUTABLE_COLUMNS.items():
            changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in cols)
            stmts.append(
                f"CREATE TRIGGER IF NOT EXISTS guard_{table}_fixed BEFORE UPDATE ON {table} "
                f"{_when(table, changed)}BEGIN SELECT RAISE(ABORT, '{table} amounts are immutable'); END"
            )
        for table in NO_DELETE:
            stmts.append(
                f"CREATE TRIGGER IF NOT EXISTS guard_{table}_delete BEFORE DELETE ON {table} {_when(table)}"
                f"BEGIN SELECT RAISE(ABORT, '{table} rows cannot be deleted'); END"
            )
        for table, cols in SET_ONCE.items():
            changed = " OR ".join(f"(OLD.{c} IS NOT NULL AND OLD.{c} IS NOT NEW.{c})" for c in cols)
            stmts.append(
                f"CREATE TRIGGER IF NOT EXISTS guard_{table}_once BEFORE UPDATE ON {table} "
                f"WHEN {changed} BEGIN SELECT RAISE(ABORT, '{table} is already closed or used'); END"
            )
        return stmts
    # No "%" in these statements: psycopg2 would read it as a parameter marker. The error code
    # makes the driver raise IntegrityError, as SQLite's RAISE(ABORT) does.
    stmts.append(
        "CREATE OR REPLACE FUNCTION kiosk_refuse() RETURNS trigger AS $$ "
        "BEGIN RAISE EXCEPTION USING ERRCODE = 'integrity_constraint_violation', "
        "MESSAGE = TG_TABLE_NAME || ' is protected'; END $$ LANGUAGE plpgsql"
    )
    stmts.append(
        "CREATE OR REPLACE FUNCTION kiosk_refuse_once_voted() RETURNS trigger AS $$ "
        f"BEGIN IF {_VOTED} THEN RAISE EXCEPTION USING ERRCODE = 'integrity_constraint_violation', "
        "MESSAGE = TG_TABLE_NAME || ' is protected once its poll has a ballot'; END IF; "
        "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $$ LANGUAGE plpgsql"
    )
    for table in APPEND_ONLY:
        stmts.append(f"DROP TRIGGER IF EXISTS guard_{table} ON {table}")
        stmts.append(
            f"CREATE TRIGGER guard_{table} BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {_refuser(table)}"
        )
    for table, cols in IMMUTABLE_COLUMNS.items():
        changed = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in cols)
        stmts.append(f"DROP TRIGGER IF EXISTS guard_{table}_fixed ON {table}")
        stmts.append(
            f"CREATE TRIGGER guard_{table}_fixed BEFORE UPDATE ON {table} FOR EACH ROW "
            f"WHEN ({changed}) EXECUTE FUNCTION {_refuser(table)}"
        )
    for table in NO_DELETE:
        stmts.append(f"DROP TRIGGER IF EXISTS guard_{table}_delete ON {table}")
        stmts.append(
            f"CREATE TRIGGER guard_{table}_delete BEFORE DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {_refuser(table)}"
        )
    for table, cols in SET_ONCE.items():
        changed = " OR ".join(f"(OLD.{c} IS NOT NULL AND OLD.{c} IS DISTINCT FROM NEW.{c})" for c in cols)
        stmts.append(f"DROP TRIGGER IF EXISTS guard_{table}_once ON {table}")
        stmts.append(
            f"CREATE TRIGGER guard_{table}_once BEFORE UPDATE ON {table} FOR EACH ROW "
            f"WHEN ({changed}) EXECUTE FUNCTION kiosk_refuse()"
        )
    return stmts


def _summed_into_totals(rows: str) -> str:
    """Add `rows` (a table or a filtered select of contribution rows) to funding_total, summed per
    project, source and status: PostgreSQL's statement trigger and SQLite's bulk import."""
    return (
        "INSERT INTO funding_total (project_id, source, status, amount_fen, entries) "
        f"SELECT project_id, source, status, SUM(amount_fen), COUNT(*) FROM {rows} "
        "GROUP BY project_id, source, status "
        "ON CONFLICT (project_id, source, status) DO UPDATE SET "
        "amount_fen = funding_total.amount_fen + excluded.amount_fen, entries = funding_total.entries + excluded.entries"
    )


def total_statements(db: peewee.Database) -> list[str]:
    """Triggers that keep `funding_total` equal to the ledger summed per (project, source,
    status): an entry adds to its status's row; a status move takes it from one row to another.
    Amounts, projects and sources never change and entries are never deleted (the guards), so
    nothing else can move a sum. Writers are serialised (lock_state_sql), so upserts never race."""
    upsert = (
        "INSERT INTO funding_total (project_id, source, status, amount_fen, entries) "
        "VALUES (NEW.project_id, NEW.source, NEW.status, NEW.amount_fen, 1) "
        "ON CONFLICT (project_id, source, status) DO UPDATE SET "
        "amount_fen = funding_total.amount_fen + excluded.amount_fen, entries = funding_total.entries + 1"
    )
    take_out = (
        "UPDATE funding_total SET amount_fen = amount_fen - OLD.amount_fen, entries = entries - 1 "
        "WHERE project_id = OLD.project_id AND source = OLD.source AND status = OLD.status"
    )
    if is_sqlite(db):
        return [
            f"CREATE TRIGGER IF NOT EXISTS total_contribution_insert AFTER INSERT ON contribution BEGIN {upsert}; END",
            "CREATE TRIGGER IF NOT EXISTS total_contribution_status AFTER UPDATE OF status ON contribution "
            f"WHEN OLD.status IS NOT NEW.status BEGIN {take_out}; {upsert}; END",
        ]
    # Inserts: once per statement over its new rows, summed (an import's COPY of 10,000 rows is one
    # upsert per project, source and status, not 10,000 updates of the same few rows, each a new
    # row version that the next one has to step over). Status moves stay per row.
    summed = _summed_into_totals("new_rows")
    return [
        "CREATE OR REPLACE FUNCTION kiosk_funding_total() RETURNS trigger AS $$ BEGIN "
        "IF TG_OP = 'UPDATE' THEN "
        "IF OLD.status IS NOT DISTINCT FROM NEW.status THEN RETURN NULL; END IF; "
        f"{take_out}; END IF; {upsert}; RETURN NULL; END $$ LANGUAGE plpgsql",
        "DROP TRIGGER IF EXISTS total_contribution ON contribution",
        "CREATE TRIGGER total_contribution AFTER UPDATE OF status ON contribution "
        "FOR EACH ROW EXECUTE FUNCTION kiosk_funding_total()",
        f"CREATE OR REPLACE FUNCTION kiosk_funding_total_insert() RETURNS trigger AS $$ BEGIN {summed}; "
        "RETURN NULL; END $$ LANGUAGE plpgsql",
        "DROP TRIGGER IF EXISTS total_contribution_insert ON contribution",
        "CREATE TRIGGER total_contribution_insert AFTER INSERT ON contribution REFERENCING NEW TABLE AS new_rows "
        "FOR EACH STATEMENT EXECUTE FUNCTION kiosk_funding_total_insert()",
    ]


@contextlib.contextmanager
def totals_summed_once(db: peewee.Database, first_id: int) -> Iterator[None]:
    """Inside a write transaction that only adds contributions with ids from `first_id` on, by
    plain INSERTs (a bulk import). On SQLite, whose triggers run per row, the two insert triggers
    are dropped for the while and made again at the end: the totals' (the new entries are added
    to `funding_total` in one statement instead) and the guard against INSERT OR REPLACE (a plain
    INSERT never replaces a row; the primary key and the unique indexes still refuse a duplicate).
    Together they were a quarter of SQLite's work in a 200,000-row import. DDL is part of SQLite's
    transaction: other connections never see the triggers gone (nor can they write meanwhile: the
    transaction holds the write lock), and a failure rolls the drop back with the rows.
    PostgreSQL's totals trigger already sums once per statement, and it has no OR REPLACE."""
    if not is_sqlite(db):
        yield
        return
    from kiosk.db import money_guards

    lifted = {"total_contribution_insert": total_statements(db), "guard_contribution_replace": money_guards.statements(db)}
    remade = [next(s for s in made if f" {name} " in s) for name, made in lifted.items()]
    for name in lifted:
        db.execute_sql(f"DROP TRIGGER IF EXISTS {name}")
    yield
    # (The WHERE also keeps SQLite from reading the upsert's ON as a join's.)
    db.execute_sql(_summed_into_totals("contribution WHERE id >= ?"), (first_id,))
    for statement in remade:
        db.execute_sql(statement)


def total_names(db: peewee.Database) -> set[str]:
    if is_sqlite(db):
        return {"total_contribution_insert", "total_contribution_status"}
    return {"total_contribution", "total_contribution_insert"}


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
    """Guard triggers that exist and fire. On PostgreSQL a trigger can be switched off
    (ALTER TABLE … DISABLE TRIGGER) and still exist: that counts as missing."""
    if is_sqlite(db):
        rows = db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall()
    else:
        rows = db.execute_sql(
            "SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE NOT t.tgisinternal AND t.tgenabled <> 'D' AND c.relnamespace = current_schema()::regnamespace"
        ).fetchall()
    return {r[0] for r in rows}


def lock_state_sql(db: peewee.Database) -> str:
    """The first statement of every audited write. It bumps the revision (the change detector);
    on PostgreSQL the row lock it takes also serialises writers until commit, so audit appends
    never fork the chain and MAX(id)+1 ids never collide. On SQLite the IMMEDIATE transaction
    already holds the database's write lock."""
    return "UPDATE kiosk_state SET revision = revision + 1 WHERE id = 1"


@contextlib.contextmanager
def frozen(db: peewee.Database) -> Iterator[None]:
    """A transaction that reads one consistent state of the whole database and holds writers
    off until it ends (for `migrate-to`: no write lands in the middle of the copy). Writers
    wait, as they wait for each other, and give up after BUSY_TIMEOUT_S."""
    if is_sqlite(db):
        with db.atomic():  # BEGIN IMMEDIATE: this connection holds the write lock
            yield
        return
    with db.atomic(isolation_level="REPEATABLE READ"):
        # Before any query, so the snapshot is taken after the lock: every audited write
        # starts by updating kiosk_state, which this SHARE lock makes wait.
        db.execute_sql("LOCK TABLE kiosk_state IN SHARE MODE")
        yield


def user_tables(db: peewee.Database) -> set[str]:
    """Tables in the database (the current schema on PostgreSQL), without the engine's own."""
    return {t for t in db.get_tables() if not t.startswith("sqlite_")}


def integrity_problems(db: peewee.Database, quick: bool = False) -> list[str]:
    """`quick`: SQLite's quick_check (every page and record, ten times faster) instead of
    integrity_check, which also matches every index against its table."""
    if is_sqlite(db):
        rows = db.execute_sql("PRAGMA quick_check" if quick else "PRAGMA integrity_check").fetchall()
        problems = [r[0] for r in rows if r[0] != "ok"]
        problems += [str(r) for r in db.execute_sql("PRAGMA foreign_key_check").fetchall()]
        return problems
    return _postgresql_catalog_problems(db)


def _postgresql_catalog_problems(db: peewee.Database) -> list[str]:
    """The server keeps its own pages consistent; what can go wrong is the catalog: a table
    missing, a money column narrowed, a foreign key or index switched off or left invalid."""
    from kiosk.db import models

    problems = []
    columns = {
        (table, column): kind for table, column, kind in db.execute_sql(
            "SELECT table_name, column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = current_schema()"
        ).fetchall()
    }
    tables = {table for table, _column in columns}
    for model in models.ALL_MODELS:
        table = model._meta.table_name
        if table not in tables:
            problems.append(_("table {table} is missing").format(table=table))
            continue
        for field in model._meta.sorted_fields:
            if isinstance(field, peewee.BigIntegerField) and columns.get((table, field.column_name)) != "bigint":
                problems.append(_("column {table}.{column} is not a 64-bit integer").format(table=table, column=field.column_name))
    for name, table in db.execute_sql(
        "SELECT conname, conrelid::regclass::text FROM pg_constraint "
        "WHERE contype = 'f' AND NOT convalidated AND connamespace = current_schema()::regnamespace"
    ).fetchall():
        problems.append(_("foreign key {name} on {table} is not validated").format(name=name, table=table))
    for name, table in db.execute_sql(
        "SELECT i.indexrelid::regclass::text, i.indrelid::regclass::text FROM pg_index i "
        "JOIN pg_class c ON c.oid = i.indrelid WHERE NOT i.indisvalid AND c.relnamespace = current_schema()::regnamespace"
    ).fetchall():
        problems.append(_("index {name} on {table} is invalid").format(name=name, table=table))
    for name, table in db.execute_sql(
        "SELECT t.tgname, t.tgrelid::regclass::text FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
        "WHERE t.tgisinternal AND t.tgenabled = 'D' AND c.relnamespace = current_schema()::regnamespace"
    ).fetchall():
        problems.append(_("foreign key trigger {name} on {table} is disabled").format(name=name, table=table))
    return problems


# Values bound in one bulk INSERT on SQLite: SQLite's default limit since 3.32 is 32,766 (fewer,
# larger statements copy each page to the statement journal fewer times: 2,000 contribution rows a
# statement take 4 % fewer instructions than 1,000).
SQLITE_VALUES_PER_STATEMENT = 32_000


def bulk_insert(db: peewee.Database, table: str, columns: list[str], rows: list[tuple]) -> None:
    """Insert rows of values already in the database's form (Field.db_value), in as few round
    trips as the driver allows. Generating peewee's SQL for each row costs more than the copy."""
    if not rows:
        return
    names = ", ".join(f'"{c}"' for c in columns)
    cursor = db.cursor()
    if is_sqlite(db):
        # Many rows per INSERT, not executemany's one statement per row: on a table with triggers
        # every statement keeps a statement journal (a copy of each page it changes, to undo that
        # statement alone if a trigger aborts it), so one statement per row copied every page it
        # touched for every row — a third of SQLite's work in a 200,000-row import of contributions.
        per = max(1, SQLITE_VALUES_PER_STATEMENT // len(columns))
        one = "(" + ", ".join("?" for _c in columns) + ")"
        full = f'INSERT INTO "{table}" ({names}) VALUES ' + ", ".join([one] * per)
        for i in range(0, len(rows), per):
            part = rows[i:i + per]
            sql = full if len(part) == per else f'INSERT INTO "{table}" ({names}) VALUES ' + ", ".join([one] * len(part))
            cursor.execute(sql, list(itertools.chain.from_iterable(part)))
        return
    from psycopg2.extras import execute_values

    execute_values(cursor, f'INSERT INTO "{table}" ({names}) VALUES %s', rows, page_size=len(rows))


# COPY's text format: a backslash, tab, newline or carriage return in a value is escaped.
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_text(value) -> str:
    kind = type(value)  # the common kinds first: this runs for every value of a 200,000-row import
    if kind is str:
        return value.translate(_COPY_ESCAPES)
    if kind is int:
        return str(value)
    if value is None:
        return "\\N"
    if kind is bool:
        return "t" if value else "f"
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


_NEEDS_ESCAPE = ("\\", "\t", "\n", "\r")
# Kinds whose values a dict may stand for by equality without mixing two texts (not bool: True == 1).
_MEMO_KINDS = {str, int, type(None), dt.date, dt.datetime}


def _copy_column(values: tuple) -> Iterable[str]:
    """One column's values as COPY text, by the kinds it holds: a column of plain strings or
    whole numbers in one C-level pass, any other through a dict of its distinct values (an
    import has few dates). Per value, _copy_text was most of the Python time of a COPY."""
    kinds = set(map(type, values))
    if kinds == {str}:
        joined = "".join(values)
        return values if not any(c in joined for c in _NEEDS_ESCAPE) else [v.translate(_COPY_ESCAPES) for v in values]
    if kinds == {int}:
        return map(str, values)
    if kinds <= _MEMO_KINDS:
        memo = {v: _copy_text(v) for v in set(values)}
        return map(memo.__getitem__, values)
    return map(_copy_text, values)


def copy_text(rows: list) -> str:
    """Rows as COPY's text format: each value as _copy_text writes it, tab between, newline after."""
    if not rows:
        return ""
    lines = map("\t".join, zip(*map(_copy_column, zip(*rows))))
    return "\n".join(lines) + "\n"


def copy_rows(db: peewee.Database, table: str, columns: list[str], rows: list) -> None:
    """PostgreSQL: the rows (values already in the database's form) in one COPY FROM STDIN, on
    the current transaction; row triggers and constraints run as for INSERT."""
    names = ", ".join(f'"{c}"' for c in columns)
    db.cursor().copy_expert(f'COPY "{table}" ({names}) FROM STDIN', io.StringIO(copy_text(rows)))


def reset_sequences(db: peewee.Database, models: list) -> None:
    """After rows were inserted with explicit ids (a migration), move each PostgreSQL sequence
    past the highest id so that the next insert does not collide. SQLite needs nothing."""
    if is_sqlite(db):
        return
    for model in models:
        pk = model._meta.primary_key
        if not isinstance(pk, peewee.AutoField):
            continue  # ids assigned by the program (contribution, audit_entry): no sequence
        table, column = model._meta.table_name, pk.column_name
        db.execute_sql(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), "
            f"COALESCE((SELECT MAX(\"{column}\") FROM \"{table}\"), 0) + 1, false)"
        )


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
    except (OSError, cysqlite.Error) as exc:  # the system's reason in the user's language, not its temporary file's name
        error = os_reason(exc) if isinstance(exc, OSError) else one_line(exc)
        raise DatabaseUnavailable(_("Cannot write the backup {file}: {error}").format(file=dest, error=error)) from None
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


_lock_wait = threading.local()


def write_lock_wait() -> float:
    """How long a transaction on this thread waits for the write lock (BUSY_TIMEOUT_S unless a
    `waiting_at_most` block says less)."""
    return getattr(_lock_wait, "seconds", BUSY_TIMEOUT_S)


@contextlib.contextmanager
def waiting_at_most(seconds: float):
    """Transactions begun on this thread inside the block wait at most `seconds` for the write
    lock (SQLite's busy timeout; PostgreSQL's lock_timeout, for the transaction).
    The lobby's saves use it: a resident is told the kiosk is busy instead of waiting 30 s."""
    before = getattr(_lock_wait, "seconds", None)
    _lock_wait.seconds = seconds
    try:
        yield
    finally:
        if before is None:
            del _lock_wait.seconds
        else:
            _lock_wait.seconds = before
