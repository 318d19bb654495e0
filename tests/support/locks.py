"""Another program holding SQLite's write lock."""

from __future__ import annotations


def hold_write_lock(path: str):
    """Another program in the middle of a long write (an import): it holds the write lock until
    the returned connection rolls back."""
    import cysqlite

    con = cysqlite.Connection(path, timeout=10)
    con.execute("BEGIN IMMEDIATE")
    con.execute("UPDATE kiosk_state SET revision = revision WHERE id = 1")
    return con
