"""The display's playlist: which slides, how long each, when, and the quiet hours.

From the TOML `[display]` section (see deploy/display.toml):

    interval = 10                 # seconds per slide unless an entry says otherwise
    quiet_hours = "23:00-06:00"   # blank screen (a list of windows is accepted too)
    [[display.playlist]]
    slide = "notices"             # one of the slide kinds (kiosk.display.kinds.ALL)
    seconds = 12                  # optional
    hours = "07:00-22:00"         # optional: only shown inside this window
    take = 2                      # optional: items per appearance (default: all of them)

Pure: no database, no Textual. Times are local wall-clock times from kiosk.clock.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from typing import Iterable

from kiosk.i18n import _

# The default order interleaves kinds so that a passer-by sees variety within a minute.
DEFAULT_PLAYLIST: tuple[dict, ...] = (
    {"slide": "notices", "take": 2},
    {"slide": "funding", "take": 1},
    {"slide": "daily"},
    {"slide": "fixed"},
    {"slide": "rates"},
    {"slide": "meetings"},
    {"slide": "pledge"},
    {"slide": "votes"},
    {"slide": "repairs"},
)
ENTRY_KEYS = {"slide", "seconds", "hours", "take"}
MIN_SECONDS = 1.0
MAX_SECONDS = 3600.0

_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")


class PlaylistError(ValueError):
    """A playlist or quiet-hours setting that cannot be used; the message is for people."""


@dataclasses.dataclass(frozen=True)
class Window:
    """A daily time window [start, end); it may wrap past midnight (23:00-06:00)."""

    start: dt.time
    end: dt.time

    def contains(self, at: dt.time) -> bool:
        if self.start < self.end:
            return self.start <= at < self.end
        return at >= self.start or at < self.end

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


def parse_time(text: str) -> dt.time:
    s = unicodedata.normalize("NFKC", str(text)).strip()
    m = _TIME.match(s)
    if not m or int(m[1]) > 24 or int(m[2]) > 59 or (int(m[1]) == 24 and int(m[2]) != 0):
        raise PlaylistError(_("Not a time like 23:00: {value}").format(value=text))
    hour, minute = int(m[1]), int(m[2])
    return dt.time(0, 0) if hour == 24 else dt.time(hour, minute)


def parse_window(text: str) -> Window:
    """'23:00-06:00' (full-width characters and '~' or '–' between the times are accepted)."""
    s = unicodedata.normalize("NFKC", str(text)).strip()
    parts = re.split(r"\s*[-~–—至到]\s*", s)
    try:
        if len(parts) != 2:
            raise PlaylistError(text)
        start, end = parse_time(parts[0]), parse_time(parts[1])
    except PlaylistError:
        raise PlaylistError(_("Not a time window like 23:00-06:00: {value}").format(value=text)) from None
    if start == end:
        raise PlaylistError(_("A time window must not start and end at the same time: {value}").format(value=text))
    return Window(start, end)


@dataclasses.dataclass(frozen=True)
class Entry:
    slide: str
    seconds: float
    hours: Window | None = None
    take: int | None = None  # None: every item of the kind

    def open_at(self, now: dt.datetime) -> bool:
        return self.hours is None or self.hours.contains(now.time())

    def limit(self, items: int) -> int:
        return items if self.take is None else min(self.take, items)


@dataclasses.dataclass(frozen=True)
class Playlist:
    entries: tuple[Entry, ...]
    quiet: tuple[Window, ...] = ()

    def quiet_at(self, now: dt.datetime) -> bool:
        return any(w.contains(now.time()) for w in self.quiet)

    def kinds(self) -> set[str]:
        return {e.slide for e in self.entries}


def _seconds(value, default: float, where: str) -> float:
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not (MIN_SECONDS <= value <= MAX_SECONDS):
        raise PlaylistError(_("{where}: seconds must be a number from {low} to {high}.").format(
            where=where, low=int(MIN_SECONDS), high=int(MAX_SECONDS)))
    return float(value)


def _entry(raw, index: int, interval: float, known: Iterable[str]) -> Entry:
    where = _("playlist entry {n}").format(n=index + 1)
    if isinstance(raw, str):
        raw = {"slide": raw}
    if not isinstance(raw, dict):
        raise PlaylistError(_("{where}: expected a table like {{slide = \"notices\"}}.").format(where=where))
    unknown = set(raw) - ENTRY_KEYS
    if unknown:
        raise PlaylistError(_("{where}: unknown key {key}; use slide, seconds, hours, take.").format(
            where=where, key=", ".join(sorted(unknown))))
    slide = raw.get("slide")
    known = sorted(known)
    if slide not in known:
        raise PlaylistError(_("{where}: unknown slide {slide!r}; use one of: {kinds}").format(
            where=where, slide=slide, kinds=", ".join(known)))
    take = raw.get("take")
    if take is not None and (isinstance(take, bool) or not isinstance(take, int) or take < 1):
        raise PlaylistError(_("{where}: take must be a whole number of at least 1.").format(where=where))
    hours = parse_window(raw["hours"]) if raw.get("hours") else None
    return Entry(slide, _seconds(raw.get("seconds"), interval, where), hours, take)


def build(entries: list | tuple | None, quiet_hours, interval: float, known: Iterable[str]) -> Playlist:
    """Check and build a playlist; the defaults when `entries` is empty. Raises PlaylistError."""
    known = list(known)
    interval = _seconds(interval, 10.0, _("interval"))
    if not isinstance(entries, (list, tuple, type(None))):
        raise PlaylistError(_("The playlist must be a list of slides."))
    raw = list(entries) if entries else [e for e in DEFAULT_PLAYLIST if e["slide"] in known]
    built = tuple(_entry(r, i, interval, known) for i, r in enumerate(raw))
    if not built:
        raise PlaylistError(_("The playlist is empty."))
    if quiet_hours is None or quiet_hours == "":
        quiet: tuple[Window, ...] = ()
    elif isinstance(quiet_hours, str):
        quiet = (parse_window(quiet_hours),)
    elif isinstance(quiet_hours, (list, tuple)):
        quiet = tuple(parse_window(q) for q in quiet_hours)
    else:
        raise PlaylistError(_("quiet_hours must be a time window like 23:00-06:00."))
    return Playlist(built, quiet)
