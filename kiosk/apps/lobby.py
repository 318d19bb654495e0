"""The resident kiosk in the lobby (`kiosk lobby`, or plain `kiosk`).

Residents never log in and must never leave it: keys that quit, suspend or open a palette in a
stock Textual app do nothing here, SIGINT and SIGTSTP are ignored (SIGTERM still exits cleanly
for the service manager), an idle kiosk returns home and forgets half-typed forms, and an
unexpected error shows a friendly pause screen (the traceback goes to the log file) and returns
home by itself. Data written by other processes shows within about two seconds (`DataChanged`).
"""

from __future__ import annotations

import logging
import os
import signal
import time

from textual import events
from textual.binding import Binding

from kiosk import clock, memory
from kiosk.apps.common import KioskBaseApp, setup_logging
from kiosk.apps.kept_screens import KeptScreens
from kiosk.apps.live import DataChanged, DataLost, DataStale
from kiosk.config import Settings
from kiosk.db import connection, schema
from kiosk.db.backend import one_line
from kiosk.domain import changes, estates, notices
from kiosk.domain.estates import EstateInfo
from kiosk.i18n import _
from kiosk.resources import style
from kiosk.screens.read_ahead import ReadAhead
from kiosk.textual_hooks import RecoverInPlace

log = logging.getLogger("kiosk.lobby")

# What a stock Textual app does with these (quit, copy, suspend, palette, delete …) has no place
# in a lobby: they are swallowed before any widget sees them.
SWALLOWED_KEYS = ",".join(
    ["ctrl+c", "ctrl+q", "ctrl+z", "ctrl+backslash", "ctrl+p", "ctrl+d", "ctrl+s", "ctrl+w"]
    + [f"f{n}" for n in range(1, 25)]
)
# App actions that markup, a binding or a palette could reach in a stock Textual app.
REFUSED_ACTIONS = (
    "quit", "help_quit", "suspend_process", "command_palette", "screenshot", "change_theme", "toggle_dark",
    "show_help_panel", "hide_help_panel", "simulate_key", "switch_screen", "push_screen", "pop_screen",
    "switch_mode", "add_class", "remove_class", "toggle_class", "notify", "back",
)
IGNORED_SIGNALS = ("SIGINT", "SIGTSTP", "SIGQUIT")
# The one key that leaves a try-out (`kiosk lobby --try`), shown in every key bar; a kiosk box
# runs without it and cannot be left.
TRY_OUT_KEY = "ctrl+q"
PAUSE_SECONDS = 8.0
IDLE_CHECK_SECONDS = 5.0
CLOCK_SECONDS = 20.0
# More errors than this in a minute: something is badly wrong; exit and let the service restart us.
MAX_ERRORS_PER_MINUTE = 12
EXIT_RESTART = 75
HOME_DEPTH = 1  # home is the bottom of the stack: the app's default screen
RELEASE_AFTER_S = 3.0  # after a form is left: memory.release when home is still showing
# How long the start waits for home's data before its first frame (then composed once, with it);
# a slower database paints home's "Reading…" frame first, then home as usual.
FIRST_READ_WAIT_S = 0.25
WIDE = 120  # columns from which screens use their wide layout
TALL = 40
SHORT = 30  # fewer rows than this (a 16:9 screen at a readable font, 128x24): compact tiles


def layout_classes(width: int, height: int) -> dict[str, bool]:
    """The app's layout classes for a terminal of this size (styles/lobby.tcss arranges by them).
    A cell is about twice as tall as it is wide, so rows * 2 > columns is a portrait screen."""
    portrait = height * 2 > width
    return {
        "-wide": width >= WIDE,
        "-tall": height >= TALL,
        "-short": height < SHORT,
        "-portrait": portrait,
        # Room for home's extra panels (estate line, legend, today's money, more notices).
        "-roomy": width >= WIDE or (portrait and height >= TALL),
    }


class LobbyApp(RecoverInPlace, KioskBaseApp, inherit_bindings=False):
    CSS_PATH = str(style("lobby.tcss"))
    BINDINGS = [Binding(SWALLOWED_KEYS, "ignore", show=False, priority=True, system=True)]
    ENABLE_COMMAND_PALETTE = False
    # A lone Escape (back) is a key after this pause, not Textual's 100 ms (kiosk.apps.driver):
    # the kiosk's own terminal sends each escape sequence in one piece. 10 ms, as tmux and vim
    # users set their escape-time.
    ESCAPE_DELAY_S = 0.01

    def __init__(self, settings: Settings, estate: EstateInfo, *, ignore_signals: bool = False) -> None:
        super().__init__(settings)
        setup_logging(settings)
        # No smooth scrolling: focusing a tile scrolled the list over ~0.3 s of frames, so a
        # screen was not settled until well after the key (and it costs CPU on a small box).
        self.animation_level = "none"
        self.estate = estate
        self.ignore_signals = ignore_signals
        self.errors: list[BaseException] = []  # every error recovered from (tests read this)
        self._recent_errors: list[float] = []
        self.pausing = False
        self.last_input = clock.now()
        self.idle_done = True
        self.flow = None  # the form a resident is filling in (screens/lobby/flow.py), if any
        self.seen_emergencies: set[int] = set()
        self.code_attempts: dict = {}  # wrong household codes in a row, per kind (vote_common.CodeAttempts)
        self.status_note = ""  # shown in every title bar (e.g. data not updated)
        self.kept = KeptScreens(self, settings.kept_screens)  # sections shown again as they were left

    # ---- start -------------------------------------------------------------------------

    def get_default_screen(self):
        from kiosk.screens.lobby.home import HomeScreen

        # Home is the first screen Textual composes, so that the first frame painted is the
        # home screen (not a blank screen, then home), composed once, with its data. The change
        # detector's baseline comes first: a write landing after it is a change like any other.
        self.live.baseline()
        connection.hand_on()  # the UI thread's last read: the first worker reads on its connection
        self.apply_size(self.size.width, self.size.height)  # home composes for the layout it gets
        home = HomeScreen()
        # Read in a thread that has the interpreter to itself while the UI thread waits (started
        # earlier, alongside Textual's own start, it was starved of the GIL and took longer).
        ahead = ReadAhead(self, home.read)
        home.data = ahead.answer(FIRST_READ_WAIT_S)  # None: home reads as any screen
        return home

    def started(self) -> None:
        if self.ignore_signals:
            self._ignore_signals()
        self.set_interval(IDLE_CHECK_SECONDS, self.check_inactivity, name="idle")
        self.set_interval(CLOCK_SECONDS, self.tick_clock, name="clock")
        self.check_emergencies()

    def _ignore_signals(self) -> None:
        # Textual turns terminal signals into keys, but a signal can still be sent (kill -INT,
        # -TSTP); the Linux driver even installs a SIGTSTP handler that suspends the app.
        for name in IGNORED_SIGNALS:
            try:
                signal.signal(getattr(signal, name), signal.SIG_IGN)
            except (ValueError, OSError, AttributeError):  # not the main thread
                pass

    def on_resize(self, event: events.Resize) -> None:
        self.kept.forget_all()  # laid out for the old size and layout classes
        if self.apply_size(event.size.width, event.size.height):
            # Home composes a different set of panels for a big screen: compose it again.
            home = self.screen_stack[HOME_DEPTH - 1]
            home.stale = True
            if home is self.screen and not self.pausing:
                home.stale = False
                self.call_later(home.reload)

    def apply_size(self, width: int, height: int) -> bool:
        """Set the layout classes; True when home's set of panels changed (-roomy switched)."""
        classes = layout_classes(width, height)
        switched = classes["-roomy"] != self.has_class("-roomy")
        self.update_classes(classes)
        return switched

    # ---- input and idle -----------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown, events.Paste)) and not getattr(event, "is_forwarded", False):
            self.touch()
            if isinstance(event, events.Key) and event.key == TRY_OUT_KEY and self.settings.try_out:
                self.leave_try_out()  # before the bindings, which swallow it on a kiosk box
                return
            await self.show_for_key()
            if isinstance(event, events.Key) and await self._digit(event):
                return
        await super().on_event(event)

    async def _digit(self, event: events.Key) -> bool:
        """Digits go straight to the current screen, one at a time, in the order typed."""
        from kiosk.screens.lobby.base import LobbyScreen

        screen = self.screen
        return isinstance(screen, LobbyScreen) and await screen.handle_digit(event.character)

    def try_out_tile(self):
        """The key bar's way out of a try-out, or None on a kiosk box."""
        from kiosk.widgets.key_tile import KeyTile

        return KeyTile("Ctrl+Q", _("Leave the try-out"), action="leave_try_out") if self.settings.try_out else None

    def leave_try_out(self) -> None:
        if self.settings.try_out:
            self.exit()

    def touch(self) -> None:
        self.last_input = clock.now()
        self.idle_done = False

    def check_inactivity(self) -> None:
        if self.idle_done or self.pausing:
            return
        if (clock.now() - self.last_input).total_seconds() >= self.settings.idle_seconds:
            self.idle_done = True
            self.leave_to_home(idle=True)

    def tick_clock(self) -> None:
        from kiosk.widgets.title_bar import TitleBar

        if not self.screen_stack:
            return
        for bar in self.screen.query(TitleBar):
            bar.refresh()

    # ---- navigation ---------------------------------------------------------------------

    # A screen that reads is shown when its answer arrives, or after this long, whichever comes
    # first: on SQLite it is then composed once, with its data (a frame, then the whole screen
    # again, cost about twice as much); a slow database still gets the frame at once.
    READ_WAIT_S = 0.03
    _pending = None  # the screen opened, its read under way, not pushed yet
    _pending_timer = None

    def open_screen(self, screen) -> None:
        from kiosk.screens.lobby.base import LobbyScreen

        self.show_pending()
        if isinstance(screen, LobbyScreen):
            screen = self.kept.reuse(screen)
            if screen.waiting():
                self._pending = screen
                screen.start_read()
                if self._pending is screen:  # (the answer cannot come before this returns)
                    self._pending_timer = self.set_timer(self.READ_WAIT_S, self.show_pending, name="read wait")
                return
        self.push_screen(screen)

    def is_pending(self, screen) -> bool:
        return screen is not None and screen is self._pending

    def show_pending(self):
        """Push the screen waiting for its read now (its answer arrived, the wait is over, or
        something else happens first: a key, a touch, new data, an emergency); awaitable until
        it is mounted."""
        screen = self.drop_pending()
        if screen is None:
            return None
        shown = self.push_screen(screen)
        self._showing = (screen, shown)
        return shown

    _showing = None  # (the screen last pushed by show_pending, its mount)

    async def show_for_key(self) -> None:
        """Before a key is handled: the screen it was pressed for is on top and mounted (one
        waiting for its read is pushed now; one its answer just pushed is mounted), so the key
        finds that screen's tiles."""
        self.show_pending()
        showing, self._showing = self._showing, None
        if showing is not None and showing[0] is self.screen and not showing[0].is_mounted:
            await showing[1]

    def drop_pending(self):
        """Forget the screen waiting for its read (its read failed, or the kiosk goes home)."""
        screen, self._pending = self._pending, None
        if self._pending_timer is not None:
            self._pending_timer.stop()
            self._pending_timer = None
        return screen

    def back(self) -> None:
        if len(self.screen_stack) > HOME_DEPTH:
            self.pop_screen()

    def pop_screen(self):
        from kiosk.screens.lobby.base import LobbyScreen

        gone = self.screen if len(self.screen_stack) > HOME_DEPTH else None
        done = super().pop_screen()
        if isinstance(gone, LobbyScreen):
            self.kept.left(gone)  # before Textual's removal of it, which runs next
        return done

    def leave_to_home(self, idle: bool = False) -> None:
        """Back to the home screen, now: half-typed forms are forgotten, and the screens above
        home leave the stack at once (so keys typed ahead reach home). When idle, emergencies
        that someone acknowledged take over again for the next person."""
        self.drop_pending()
        self.end_flow()
        while len(self.screen_stack) > HOME_DEPTH:
            self.pop_screen()
        self.call_later(self._home_shown, idle)

    async def go_home(self, idle: bool = False) -> None:
        self.leave_to_home(idle)

    async def _home_shown(self, idle: bool) -> None:
        home = self.screen_stack[HOME_DEPTH - 1]
        if home.stale or idle:
            home.stale = False
            await home.reload()
        if idle and self.screen is home:
            first = next(iter(home.query("KeyTile")), None)
            if first is not None:
                first.focus()
        if idle:
            self.seen_emergencies.clear()
        self.check_emergencies()
        # What the forms just left held goes back to the system, once the screen is quiet.
        self.set_timer(RELEASE_AFTER_S, self._release_memory, name="release memory")

    def _release_memory(self) -> None:
        if len(self.screen_stack) == HOME_DEPTH:  # still home: no one typing
            started = time.perf_counter()
            memory.release()  # after 20,000 characters typed: 99 -> 81 MB in 20 ms
            log.debug("memory released in %.1f ms", (time.perf_counter() - started) * 1000)

    def begin_flow(self, flow):
        """The form the resident starts now. One already open of the same kind is carried on
        (back to the section's menu and in again loses nothing); any other is ended."""
        current = self.flow
        if current is not None and not current.closed and current.continues(flow):
            return current
        self.end_flow()
        self.flow = flow
        return flow

    def end_flow(self) -> None:
        """Forget the open form: its screens, still leaving the stack, can no longer run a step."""
        if self.flow is not None:
            self.flow.close()
            self.flow = None

    def finish_flow(self, screen) -> None:
        """A form is done: forget it and show its result over the home screen (back = home)."""
        self.leave_to_home()
        self.push_screen(screen)

    # ---- live data ----------------------------------------------------------------------

    async def on_data_changed(self, message: DataChanged) -> None:
        """A write anywhere, the database back after an outage, or a time boundary passed."""
        from kiosk.screens.lobby.base import LobbyScreen

        if not self.screen_stack:  # closing down: a last poll's message, nothing left to show it on
            return
        self.show_pending()  # on the stack, it is marked stale (its read may predate the change)
        if self.pausing and self._outage_pause:  # home could not be drawn; it can be now
            await self.end_pause()
        for screen in self.screen_stack:
            if isinstance(screen, LobbyScreen):
                screen.stale = True
        self.kept.forget_all()  # composed afresh, with the new data, when opened again
        # The screen reads again in a worker and keeps what it shows until the answer comes:
        # a database still out of reach leaves it as it is, marked stale (recover, below).
        if not self.live.stale:
            self.set_status_note("")
        top = self.screen
        if isinstance(top, LobbyScreen) and not self.pausing:
            top.stale = False
            await top.reload()
        self.check_emergencies()
        self.live.rearm()

    def next_change(self):
        """When the clock alone next changes what the lobby shows (kiosk.apps.schedule)."""
        return changes.next_boundary(self.estate.id)

    def on_data_stale(self, message: DataStale) -> None:
        since = time.strftime("%H:%M", time.localtime(message.since))
        self.set_status_note(_("Not updated since {time}").format(time=since))

    def on_data_lost(self, message: DataLost) -> None:
        log.critical("lobby: exiting so that the service restarts it: %s", message.reason)
        self.exit(return_code=EXIT_RESTART, message=message.reason)

    def set_status_note(self, note: str) -> None:
        if note != self.status_note:
            self.status_note = note
            self.tick_clock()

    def check_emergencies(self) -> None:
        """An emergency notice nobody here has acknowledged takes over the screen (read in a
        worker, as screens read: never on the UI thread)."""
        from kiosk.screens.reads import read_off_ui

        if self.pausing or not self.screen_stack:
            return
        estate_id = self.estate.id
        read_off_ui(self, lambda: {n.id for n in notices.emergencies(estate_id)}, self._emergencies_read,
                    self.recover, name="read emergencies")

    def _emergencies_read(self, live: set[int]) -> None:
        from kiosk.screens.lobby.emergency_notice import EmergencyNoticeScreen

        if self.pausing or not self.screen_stack:
            return
        self.seen_emergencies &= live
        if live - self.seen_emergencies and not isinstance(self.screen, EmergencyNoticeScreen):
            self.show_pending()  # under the emergency, as if it had been shown at once
            self.push_screen(EmergencyNoticeScreen())

    # ---- errors -------------------------------------------------------------------------

    _outage_pause = False  # paused because home could not be drawn (the database out of reach)

    def recover(self, error: BaseException) -> None:
        """A database out of reach: keep what is shown, marked stale. Anything else: log the
        traceback, show the pause screen, come back home by itself."""
        if connection.is_outage(error):
            self._outage(error)
            return
        if isinstance(error, schema.SchemaError):
            self.on_data_lost(DataLost(str(error)))
            return
        self.errors.append(error)
        log.error("lobby: unexpected error; showing the pause screen",
                  exc_info=(type(error), error, error.__traceback__))
        now = time.monotonic()
        self._recent_errors = [t for t in self._recent_errors if now - t < 60] + [now]
        if len(self._recent_errors) > MAX_ERRORS_PER_MINUTE:
            log.critical("lobby: %d errors within a minute; exiting so that the service restarts it", len(self._recent_errors))
            self.exit(return_code=EXIT_RESTART)
            return
        if not self.pausing:
            self.pausing = True
            self.call_later(self.show_pause)

    def _outage(self, error: BaseException) -> None:
        # Peewee connections are per thread: this one (the app's) is closed here, where it
        # failed, so that the next read connects afresh. Whether the database is gone for
        # good is the change detector's call (DataLost).
        connection.drop()
        if not self.live.stale:
            log.warning("lobby: the database is out of reach; showing what was read before: %s", one_line(error))
        self.live.report_stale(error)
        self.call_later(self._repair_after_outage)

    async def _repair_after_outage(self) -> None:
        """A screen whose first read failed has nothing to show: back to the screen shown before
        it. Home has nothing to fall back on: the pause screen, until the data comes back."""
        from kiosk.screens.lobby.base import LobbyScreen

        if self.pausing or not self.screen_stack:
            return
        top = self.screen
        if not isinstance(top, LobbyScreen) or (top.children and not top.waiting()):
            return
        if len(self.screen_stack) > HOME_DEPTH:
            await self.pop_screen()
            return
        top.stale = True
        await self.show_pause()
        self._outage_pause = True

    async def show_pause(self) -> None:
        from kiosk.screens.lobby.pause import PauseScreen

        self.pausing = True
        self.drop_pending()
        self.end_flow()
        while len(self.screen_stack) > HOME_DEPTH:
            await self.pop_screen()
        self.kept.forget_all()  # what failed may have left one half drawn
        await self.push_screen(PauseScreen(PAUSE_SECONDS))

    async def end_pause(self) -> None:
        """Back to a home composed afresh (what failed may have left it half drawn)."""
        self.pausing = self._outage_pause = False
        self.idle_done = True
        while len(self.screen_stack) > HOME_DEPTH:
            await self.pop_screen()
        home = self.screen_stack[HOME_DEPTH - 1]
        home.stale = False
        await home.reload()
        self.check_emergencies()

    def unhandled_error(self, error: Exception) -> bool:
        # Textual's default prints a traceback and exits: never on a lobby screen.
        if not self.is_running:
            log.error("lobby: error while starting or stopping", exc_info=(type(error), error, error.__traceback__))
            self.stop_now(1)
            return True
        self.recover(error)
        return True

    # ---- what a stock app could do, and a kiosk must not --------------------------------

    def action_ignore(self) -> None:
        """Bound to the swallowed keys."""

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        log.info("lobby: refused to open a URL")


def _refused(name: str):
    def action(self, *args, **kwargs) -> None:
        log.info("lobby: refused action %s", name)

    action.__name__ = f"action_{name}"
    return action


for _name in REFUSED_ACTIONS:
    setattr(LobbyApp, f"action_{_name}", _refused(_name))


def run(settings: Settings) -> int:
    """Run the lobby on this terminal until SIGTERM or the terminal's loss. Returns the exit status."""
    from kiosk.apps.terminal_watch import run_on_terminal

    setup_logging(settings)
    estate = estates.resolve_estate(settings.estate)
    os.environ.pop("TEXTUAL_ALLOW_SIGNALS", None)  # keep Ctrl+C and friends as plain keys
    return run_on_terminal(LobbyApp(settings, estate, ignore_signals=True))
