"""One read of everything the display shows: the estate, each slide kind's data, the live
emergencies and when the notices next change by themselves. Runs in a worker thread; the caller
opens the connection. Any database error fails the whole read (the screen then keeps the last
good deck and marks it stale); a bug in one kind only costs that kind.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from typing import Any, Iterable

import peewee

from kiosk import clock
from kiosk.config import Settings
from kiosk.db.backend import DatabaseUnavailable
from kiosk.display import kinds
from kiosk.domain import changes, estates, notices
from kiosk.domain.estates import EstateInfo
from kiosk.domain.notices import NoticeInfo

log = logging.getLogger("kiosk.display")


@dataclasses.dataclass(frozen=True)
class Deck:
    estate: EstateInfo
    data: dict[str, Any]
    emergencies: tuple[NoticeInfo, ...]
    loaded_at: dt.datetime
    next_change: dt.datetime | None  # read again at this time even if nothing was written
    revision: int = 0  # the change revision read before everything else
    failed: frozenset[str] = frozenset()  # kinds whose loader broke: keep their previous data

    def live_emergencies(self, now: dt.datetime) -> list[NoticeInfo]:
        """Emergencies still live at `now` (expiry is checked here too, without the database)."""
        return [n for n in self.emergencies
                if n.publish_at <= now and (n.expires_at is None or n.expires_at > now)]

    def merged_with(self, previous: "Deck | None") -> "Deck":
        if not self.failed or previous is None:
            return self
        data = dict(self.data)
        for key in self.failed:
            data[key] = previous.data.get(key)
        return dataclasses.replace(self, data=data)


def load(estate: EstateInfo | str | None, settings: Settings, wanted: Iterable[str]) -> Deck:
    """`estate`: resolved already (the display does it once), or a name for resolve_estate."""
    now = clock.now()
    revision = changes.revision()  # first: a write after this point is seen as a change
    if not isinstance(estate, EstateInfo):
        estate = estates.resolve_estate(estate)
    emergencies = tuple(notices.emergencies(estate.id, now=now))
    ctx = kinds.Context(estate, settings, now)
    data: dict[str, Any] = {}
    failed = set()
    for key in wanted:
        try:
            data[key] = kinds.get(key).load(ctx)
        except (peewee.DatabaseError, peewee.InterfaceError, DatabaseUnavailable):
            raise
        except Exception:
            log.exception("display: the %s slides could not be read", key)
            data[key] = None
            failed.add(key)
    return Deck(estate, data, emergencies, now, _next_change(now, estate.id, data), revision, frozenset(failed))


def _next_change(now: dt.datetime, estate_id: int, data: dict[str, Any]) -> dt.datetime:
    """The first moment the clock alone makes this deck wrong: a notice goes live or expires,
    a meeting starts, a solved problem leaves the 30 days, the day ends."""
    tomorrow = dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time(0))
    times = [tomorrow, notices.next_change(estate_id, now=now)]
    for key, value in data.items():
        until = kinds.get(key).until
        if until is not None and value:
            times.append(until(value))
    return min(t for t in times if t is not None)
