"""`kiosk display`: the notice-board loop. No input at all; it ends only on SIGTERM (or SIGHUP).

One timer drives everything (`tick`, once a second, reading kiosk.clock so tests can move time):
it ends an emergency that expired, blanks the screen in quiet hours, moves to the next slide
when the current one has had its time, and retries while reads fail. Data is read in a thread
worker with its own connection (kiosk.db.connection.for_thread); another process's write
arrives as `DataChanged` from the change detector (within a second or two), and so does the
moment the deck changes by the clock alone (`next_change`, kiosk.apps.schedule). A database that
cannot be read shows as `DataStale` or as a failed read: the last good slides stay up with a
"data updated at HH:MM" mark until a read succeeds again (a failed read closes its connection
and the next connects afresh, so a restarted server heals by itself); one that will never come
back (`DataLost`) ends the process
for the service manager.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import signal
import sys

from rich.console import RenderableType
from textual import events

from kiosk import clock
from kiosk.apps.common import KioskBaseApp, setup_logging
from kiosk.apps.live import EXIT_RESTART, DataChanged, DataLost, DataStale
from kiosk.config import Settings
from kiosk.db import connection
from kiosk.display import kinds
from kiosk.display.deck import Deck, load
from kiosk.display.playlist import Playlist, PlaylistError, build
from kiosk.display.rotation import Rotation
from kiosk.domain import estates
from kiosk.domain.estates import EstateInfo
from kiosk.i18n import _
from kiosk.render.slides import emergency as emergency_slide
from kiosk.render.slides.common import ACCENT, full_date
from kiosk.render.slides.pager import Page, paginate
from kiosk.resources import style
from kiosk.screens.display.board import Board, Stage

log = logging.getLogger("kiosk.display")

TICK_SECONDS = 1.0
MIN_TICK_SECONDS = 0.05
RELOAD_EVERY = dt.timedelta(minutes=10)  # besides writes and the schedule: a catch-all
RETRY_EVERY = dt.timedelta(seconds=5)  # while reads fail


class DisplayApp(KioskBaseApp):
    CSS_PATH = str(style("display.tcss"))
    COLLECT_WHEN_QUIET = False  # no keys to keep collections off

    def __init__(self, settings: Settings, estate: EstateInfo | str | None, playlist: Playlist, **kwargs) -> None:
        super().__init__(settings, **kwargs)
        # Resolved once (by `run`, else by the first load): not a lookup by name every load.
        self.estate = estate
        self.playlist = playlist
        self.rotation = Rotation(playlist)
        self.deck: Deck | None = None
        self.mode = "idle"  # slide, emergency, quiet, idle
        self.stale = False
        self._stale_mark: str | None = None
        self._items: dict[str, list[RenderableType]] = {}
        self._pages: dict[tuple[str, int], list[Page]] = {}
        self._emergency_pages: list[Page] = []
        self._emergency_key: tuple | None = None
        self._emergency_page = 0
        self._emergency_since = clock.now()
        self._loading = False
        self._load_again = False
        self._last_attempt: dt.datetime | None = None
        self._minute = ""
        self._last_error = ""

    def get_default_screen(self) -> Board:
        return Board()

    @property
    def board(self) -> Board:
        return self.screen  # type: ignore[return-value]

    def started(self) -> None:
        try:
            loop = asyncio.get_running_loop()
            # Keys that would stop or suspend a terminal program do nothing here.
            for sig in (signal.SIGINT, signal.SIGQUIT, signal.SIGTSTP):
                loop.add_signal_handler(sig, lambda: None)
        except (NotImplementedError, RuntimeError, ValueError):
            pass
        # Once a second of kiosk time: in a fast-forwarded soak (kiosk.clock) slides change as
        # often as they would in real life, in the playlist's own seconds.
        self.set_interval(max(MIN_TICK_SECONDS, TICK_SECONDS / clock.speed()), self.tick, name="display-tick")
        self.request_load()

    # ---- no input at all ------------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.InputEvent, events.Paste)):
            return  # keys, clicks, scrolls and pastes are dropped before any binding sees them
        await super().on_event(event)

    # ---- data -----------------------------------------------------------------------------

    def request_load(self) -> None:
        if self._loading:
            self._load_again = True
            return
        self._loading = True
        self._last_attempt = clock.now()
        self.run_worker(self._read, thread=True, group="display-data", name="display-data", exit_on_error=False)

    def _read(self) -> None:
        """Worker thread: one connection of its own, every error caught here."""
        deck = None
        try:
            with connection.for_thread():
                if not isinstance(self.estate, EstateInfo):
                    self.estate = estates.resolve_estate(self.estate)
                deck = load(self.estate, self.settings, self.playlist.kinds())
        except Exception as exc:  # locked, moved, stopped, corrupt: keep showing what we have
            if str(exc) != self._last_error:  # once per kind of failure, not every retry
                log.warning("display: cannot read the data: %s", exc)
            self._last_error = str(exc)
        else:
            self._last_error = ""
        try:
            self.call_from_thread(self._loaded, deck)
        except RuntimeError:  # the app is closing
            pass

    def _loaded(self, deck: Deck | None) -> None:
        self._loading = False
        if deck is None:
            self._set_stale(True)
        else:
            previous, self.deck = self.deck, deck.merged_with(self.deck)
            self._forget_changed(previous, self.deck)
            self._set_stale(False)
            self.board.set_estate(self.deck.estate.name, self._place(self.deck))
            self._refresh_current()
            self.live.rearm()  # the schedule waits for this deck's next_change
        if self._load_again:
            self._load_again = False
            self.request_load()
        self.tick()

    def _forget_changed(self, old: Deck | None, new: Deck) -> None:
        """Drop drawn pages of kinds whose data changed; the rest stay drawn."""
        for kind in list(self._items):
            if old is None or old.data.get(kind) != new.data.get(kind) or old.estate != new.estate:
                self._items.pop(kind)
                for key in [k for k in self._pages if k[0] == kind]:
                    del self._pages[key]
        self._emergency_key = None

    def on_data_changed(self, message: DataChanged) -> None:
        self.request_load()

    def on_data_stale(self, message: DataStale) -> None:
        self._set_stale(True)

    def on_data_lost(self, message: DataLost) -> None:
        log.critical("display: exiting so that the service restarts it: %s", message.reason)
        self.exit(return_code=EXIT_RESTART, message=message.reason)

    def next_change(self) -> dt.datetime | None:
        """When the deck on screen changes by the clock alone (kiosk.apps.schedule)."""
        return self.deck.next_change if self.deck is not None else None

    def _set_stale(self, stale: bool) -> None:
        """Called every second while the database is unreadable: redraw only what changes."""
        if not stale:
            mark = None
        elif self.deck is not None:
            mark = _("Data updated at {time}").format(time=f"{self.deck.loaded_at:%H:%M}")
        else:
            mark = _("Data not available")
        changed = mark != self._stale_mark
        self.stale, self._stale_mark = stale, mark
        if changed:
            self.board.set_stale(mark)
            if stale and self.deck is None:
                self._show_idle()

    @staticmethod
    def _place(deck: Deck) -> str:
        e = deck.estate
        return " ".join(p for p in (e.sub_district, e.community) if p and p != e.name)

    # ---- the loop -------------------------------------------------------------------------

    def tick(self) -> None:
        try:
            self._tick(clock.now())
        except Exception:  # a bug must not end a display that runs for months
            log.exception("display: tick failed")

    def _tick(self, now: dt.datetime) -> None:
        self._update_clock(now)
        if 0 in self.board.stage_size:
            return  # not laid out yet: pages are cut to the stage, so wait for its size
        deck = self.deck
        if self.live.schedule is not None:
            self.live.schedule.recheck()  # no read: one comparison, as slides move on the same beat
        if self._reload_due(now):
            self.request_load()
        if deck is None:
            if self.mode != "idle":
                self._show_idle()
            return
        emergencies = deck.live_emergencies(now)
        if emergencies:
            self._show_emergency(emergencies, now)
            return
        if self.playlist.quiet_at(now):
            if self.mode != "quiet":
                self.mode = "quiet"
                self.board.show("quiet", "")
            return
        if self.mode != "slide" or self.rotation.due(now):
            self._advance(now)

    def _reload_due(self, now: dt.datetime) -> bool:
        if self._loading:
            return False
        deck = self.deck
        if deck is None or self.stale:
            return self._last_attempt is None or now - self._last_attempt >= RETRY_EVERY
        return now - deck.loaded_at >= RELOAD_EVERY

    def _update_clock(self, now: dt.datetime) -> None:
        minute = f"{now:%Y-%m-%d %H:%M}"
        if minute != self._minute:
            self._minute = minute
            self.board.set_clock(f"{full_date(now.date())}  {now:%H:%M}", f"{now:%H:%M}")

    def _advance(self, now: dt.datetime) -> None:
        showing = self.rotation.advance(now, self._layout)
        if showing is None:
            self._show_idle()
            return
        self._show_current()

    def _refresh_current(self) -> None:
        """New data: redraw the slide on screen in place (its time is not reset)."""
        if self.mode != "slide" or self.rotation.current is None:
            return
        cur = self.rotation.current
        if cur.item < len(self._layout(cur.kind)):
            self._show_current()
        else:
            self._advance(clock.now())

    # ---- drawing --------------------------------------------------------------------------

    def _layout(self, kind: str) -> list[int]:
        """Pages per item of a kind at the stage's current size (rendered once, then cached)."""
        return [len(self._item_pages(kind, i)) for i in range(len(self._kind_items(kind)))]

    def _kind_items(self, kind: str) -> list[RenderableType]:
        if kind not in self._items:
            width, height = self.board.stage_size
            data = self.deck.data.get(kind) if self.deck else None
            try:
                self._items[kind] = list(kinds.get(kind).render(data, width, height)) if data else []
            except Exception:
                log.exception("display: cannot draw the %s slides", kind)
                self._items[kind] = []
        return self._items[kind]

    def _item_pages(self, kind: str, item: int) -> list[Page]:
        key = (kind, item)
        if key not in self._pages:
            width, height = self.board.stage_size
            self._pages[key] = paginate(self._kind_items(kind)[item], width, height)
        return self._pages[key]

    def _show_current(self) -> None:
        cur = self.rotation.current
        assert cur is not None
        pages = self._item_pages(cur.kind, cur.item)
        self.rotation.recount(len(pages), len(self._kind_items(cur.kind)))
        cur = self.rotation.current
        page = pages[cur.page]
        position = []
        if cur.items > 1:
            position.append(f"{cur.item + 1}/{cur.items}")
        if len(pages) > 1:
            position.append(_("page {n} of {total}").format(n=cur.page + 1, total=len(pages)))
        self.mode = "slide"
        self.board.show("slide", page, kind=_(kinds.get(cur.kind).title), accent=ACCENT.get(cur.kind, ""),
                        position="  ".join(position))

    def _show_emergency(self, notices: list, now: dt.datetime) -> None:
        key = tuple((n.id, n.version) for n in notices)
        if key != self._emergency_key:
            width, height = self.board.stage_size
            content = emergency_slide.render(notices, self.settings.emergency_numbers, width, height)
            self._emergency_pages = paginate(content, width, height)
            self._emergency_key = key
            self._emergency_page = 0
            self._emergency_since = now
            self._draw_emergency()
        elif len(self._emergency_pages) > 1 and now - self._emergency_since >= dt.timedelta(seconds=self.settings.interval):
            self._emergency_page = (self._emergency_page + 1) % len(self._emergency_pages)
            self._emergency_since = now
            self._draw_emergency()
        elif self.mode != "emergency":
            self._draw_emergency()

    def _draw_emergency(self) -> None:
        pages = self._emergency_pages
        position = _("page {n} of {total}").format(n=self._emergency_page + 1, total=len(pages)) if len(pages) > 1 else ""
        self.mode = "emergency"
        self.board.show("emergency", pages[self._emergency_page], kind=_("Emergency notice"),
                        accent=ACCENT["emergency"], position=position)

    def _show_idle(self) -> None:
        width, height = self.board.stage_size
        self.mode = "idle"
        if self.deck is None:
            content = emergency_slide.unavailable(width, height) if self.stale else ""
            self.board.show("idle", content)
        else:
            self.board.show("idle", emergency_slide.idle(self.deck.estate.name, width, height))

    def on_stage_resized(self, message: Stage.Resized) -> None:
        """Pages were cut for the old size: cut them again and redraw what is on screen."""
        self._items.clear()
        self._pages.clear()
        self._emergency_key = None
        if self.mode == "slide":
            self._refresh_current()
        elif self.mode in ("idle", "emergency"):
            self.mode = ""
            self.tick()


def run(settings: Settings) -> int:
    setup_logging(settings)
    try:
        playlist = build(settings.playlist, settings.quiet_hours, settings.interval, kinds.known())
    except PlaylistError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return 2
    estate = estates.resolve_estate(settings.estate)  # refused here, in words, not on the TV
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        print("kiosk: " + _("The display needs a terminal."), file=sys.stderr)
        return 2
    from kiosk.apps.terminal_watch import run_on_terminal

    return run_on_terminal(DisplayApp(settings, estate, playlist), mouse=False)
