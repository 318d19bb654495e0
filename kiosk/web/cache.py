"""Pages kept until the data under them changes: the lobby's rule (apps/live.py), for HTML. Every
audited write bumps the revision (domain.changes); a notice going live or a poll closing is a time
boundary. A request reads the revision (one single-row read) and gets the page computed since
then, or a fresh one: the figures are always those of the domain functions, computed once per
change instead of once per reader."""

from __future__ import annotations

import datetime as dt
from typing import Callable, TypeVar

from kiosk import clock
from kiosk.domain import changes

T = TypeVar("T")


class RevisionCache:
    def __init__(self, max_items: int = 512) -> None:
        self.max_items = max_items
        self._items: dict = {}
        self._revision: int | None = None
        self._until: dt.datetime | None = None

    def get(self, key, compute: Callable[[], T]) -> T:
        revision, now = changes.revision(), clock.now()
        if revision != self._revision or self._until is None or now >= self._until:
            self._items.clear()
            self._revision = revision
            self._until = changes.next_boundary(None, now=now)
        if key not in self._items:
            if len(self._items) >= self.max_items:  # many odd query strings: start again, never grow
                self._items.clear()
            self._items[key] = compute()
        return self._items[key]
