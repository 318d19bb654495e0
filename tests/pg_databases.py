"""Throw-away PostgreSQL databases for the tests, on the server named by KIOSK_TEST_PG.

KIOSK_TEST_PG is the URL of a database the tests may connect to as a user who may create
databases (e.g. `postgresql://kiosk:pw@127.0.0.1:54321/postgres`); `tools/pg-test` starts such a
server and sets it. Each test gets its own database, copied from a template built once per run
(an empty schema, or the demo data), and dropped afterwards.
"""

from __future__ import annotations

import itertools
import os
import urllib.parse

URL = os.environ.get("KIOSK_TEST_PG", "").strip()
PREFIX = f"kiosk_test_{os.getpid()}"


def _admin():
    import psycopg2

    con = psycopg2.connect(URL, connect_timeout=5)
    con.autocommit = True  # CREATE/DROP DATABASE cannot run in a transaction
    return con


def url_for(name: str) -> str:
    """The server's URL with another database name."""
    parts = urllib.parse.urlsplit(URL)
    return urllib.parse.urlunsplit(parts._replace(path="/" + name))


def name_of(url: str) -> str:
    return urllib.parse.urlsplit(url).path.lstrip("/")


class Databases:
    """Creates and drops this run's databases (names carry the pid: runs may share a server)."""

    def __init__(self) -> None:
        self._con = _admin()
        self._count = itertools.count(1)
        self._made: list[str] = []

    def _execute(self, sql: str) -> None:
        with self._con.cursor() as cur:
            cur.execute(sql)

    def create(self, template: str | None = None, *, name: str | None = None) -> str:
        name = name or f"{PREFIX}_{next(self._count)}"
        # WAL_LOG copies a small template faster than FILE_COPY, which forces a checkpoint.
        self._execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        self._made.append(name)
        return url_for(name)

    def drop(self, url: str) -> None:
        name = name_of(url)
        self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if name in self._made:
            self._made.remove(name)

    def close(self) -> None:
        for name in list(self._made):
            self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self._con.close()


def run_sql(url: str, *statements: str) -> list[tuple]:
    """Statements through a plain psycopg2 connection, outside the program (as an intruder would);
    returns the rows of the last one."""
    import psycopg2

    con = psycopg2.connect(url, connect_timeout=5)
    try:
        with con, con.cursor() as cur:
            rows: list[tuple] = []
            for stmt in statements:
                cur.execute(stmt)
                rows = cur.fetchall() if cur.description else []
            return rows
    finally:
        con.close()
