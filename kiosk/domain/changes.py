"""The one change detector: a revision number bumped by every audited write, and the next
moment the clock alone changes what a public screen shows.

Live screens poll `state()` (one indexed single-row read) and reload only when the revision
moved. It works the same on SQLite and PostgreSQL, and across processes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from kiosk import clock
from kiosk.db.models import database


@dataclasses.dataclass(frozen=True)
class State:
    revision: int
    schema_version: int  # another program may upgrade the database under a running one


def revision() -> int:
    return state().revision


def state() -> State:
    row = database.execute_sql("SELECT revision, schema_version FROM kiosk_state WHERE id = 1").fetchone()
    return State(int(row[0]), int(row[1])) if row else State(0, 0)


def next_boundary(estate_id: int | None, *, now: dt.datetime | None = None) -> dt.datetime:
    """The first moment after `now` when an estate's public screens change with no write: a
    notice goes live or expires, a poll opens or reaches its closing time, the day ends."""
    from kiosk.domain import notices, votes

    now = now or clock.now()
    midnight = dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time(0))
    times = [midnight, notices.next_change(estate_id, now=now), votes.next_change(estate_id, now=now)]
    return min(t for t in times if t is not None)
