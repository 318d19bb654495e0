"""The one change detector: a revision number bumped by every audited write.

Live screens poll `revision()` (one indexed single-row read) and reload only when it moved. It
works the same on SQLite and PostgreSQL, and across processes.
"""

from __future__ import annotations

from kiosk.db.models import database


def revision() -> int:
    row = database.execute_sql("SELECT revision FROM kiosk_state WHERE id = 1").fetchone()
    return int(row[0]) if row else 0
