"""Where the loop is: which playlist entry, which item of its kind, which page, and until when.

Pure and clock-free: the caller passes `now` and a `layout(kind)` function that says how many
pages each item of a kind has right now (an empty list: nothing to show, the entry is skipped).
Data may change between calls; positions are clamped, never trusted.

Each playlist entry, when its turn comes, shows up to `take` items of its kind, starting where
the previous appearance of that kind stopped (so with `take = 2` four notices take two turns).
A long item's pages follow each other; every page stays for the entry's seconds.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Callable

from kiosk.display.playlist import Playlist

Layout = Callable[[str], list[int]]


@dataclasses.dataclass(frozen=True)
class Showing:
    entry: int
    kind: str
    item: int
    page: int
    pages: int
    items: int
    started: dt.datetime
    seconds: float

    @property
    def until(self) -> dt.datetime:
        return self.started + dt.timedelta(seconds=self.seconds)


class Rotation:
    def __init__(self, playlist: Playlist) -> None:
        self.playlist = playlist
        self.current: Showing | None = None
        self._cursor: dict[str, int] = {}  # kind -> the item its next appearance starts with
        self._taken = 0  # items shown in the current appearance
        self._first = 0  # the item the current appearance started with

    def due(self, now: dt.datetime) -> bool:
        return self.current is None or now >= self.current.until

    def restart(self, now: dt.datetime) -> None:
        """Give the current page its full time again (after a takeover or quiet hours)."""
        if self.current is not None:
            self.current = dataclasses.replace(self.current, started=now)

    def recount(self, pages: int, items: int) -> None:
        """The stage was resized or the data changed under the current page: keep the counts true."""
        if self.current is not None:
            page = min(self.current.page, max(0, pages - 1))
            self.current = dataclasses.replace(self.current, page=page, pages=pages, items=items)

    def advance(self, now: dt.datetime, layout: Layout) -> Showing | None:
        """Move to the next page, item or entry; None when no entry has anything to show now."""
        cur = self.current
        entries = self.playlist.entries
        if cur is not None and cur.entry < len(entries):
            entry = entries[cur.entry]
            pages = layout(cur.kind)
            n = len(pages)
            if cur.item < n and cur.page + 1 < pages[cur.item]:
                return self._show(cur.entry, cur.kind, cur.item, cur.page + 1, pages, now)
            nxt = (cur.item + 1) % n if n else 0
            if n and self._taken < entry.limit(n) and nxt != self._first % n and entry.open_at(now):
                self._taken += 1
                return self._show(cur.entry, cur.kind, nxt, 0, pages, now)
            start = cur.entry + 1
        else:
            start = 0
        for step in range(len(entries)):
            i = (start + step) % len(entries)
            entry = entries[i]
            if not entry.open_at(now):
                continue
            pages = layout(entry.slide)
            if not pages:
                continue
            item = self._cursor.get(entry.slide, 0) % len(pages)
            self._first = item
            self._taken = 1
            return self._show(i, entry.slide, item, 0, pages, now)
        self.current = None
        return None

    def _show(self, entry: int, kind: str, item: int, page: int, pages: list[int], now: dt.datetime) -> Showing:
        self._cursor[kind] = (item + 1) % len(pages)
        seconds = self.playlist.entries[entry].seconds
        self.current = Showing(entry, kind, item, page, pages[item], len(pages), now, seconds)
        return self.current
