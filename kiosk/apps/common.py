"""What the three apps share: settings, the live-data poller, the terminal driver and the way
out on SIGTERM or a lost terminal (kiosk.apps.terminal_watch), and a log file for errors that
must never reach the screen as a traceback."""

from __future__ import annotations

import gc
import logging
import weakref

from textual.app import App
from textual.drivers.linux_driver import LinuxDriver

from kiosk import memory
from kiosk.apps.live import LiveData
from kiosk.apps.terminal_watch import EXIT_HANGUP
from kiosk.config import Settings
from kiosk.render import palette
from kiosk.textual_hooks import ErrorHooks, unpin_styles_caches

log = logging.getLogger("kiosk")

GC_RESUME_SECONDS = 2.0
COLLECT_CHECK_SECONDS = 0.5


def setup_logging(settings: Settings) -> None:
    path = settings.log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root = logging.getLogger("kiosk")
    if not root.handlers:
        root.addHandler(handler)
        root.setLevel(logging.INFO)


def resume_gc() -> None:
    """`kiosk` pauses the cyclic garbage collector while an app starts (kiosk.cli.main). Once the
    first screen is surely painted: freeze what start-up built (modules, classes, styles live as
    long as the process, so later collections need not walk them: shorter pauses on key presses)
    and collect again. The cost: cyclic garbage among those start-up objects is never freed (the
    first home screen's widgets after a reload), a bounded one-time amount."""
    gc.freeze()
    gc.enable()


class KioskBaseApp(ErrorHooks, App):
    """Base for lobby, admin and display: owns `settings` and `live` (the change detector)."""

    # No command palette anywhere: residents must not reach it, staff do not need it.
    ENABLE_COMMAND_PALETTE = False
    # Set by terminal_watch.run_on_terminal; the driver reports a lost terminal to it.
    terminal_guard = None
    # Apps that take keys run full garbage collections when no key is coming (kiosk.memory).
    COLLECT_WHEN_QUIET = True

    def __init__(self, settings: Settings, **kwargs) -> None:
        super().__init__(**kwargs)
        unpin_styles_caches()
        self.settings = settings
        self.live = LiveData()

    def get_css_variables(self) -> dict[str, str]:
        # The palette's colours as $board, $ink … in styles/*.tcss (kiosk.render.palette).
        return {**super().get_css_variables(), **palette.css_variables()}

    def on_mount(self) -> None:
        # Textual calls every class's on_mount, the subclass's first; so the apps do their own
        # start-up in `started()`, which runs after the change detector has its baseline.
        self.live.start(self)
        if self.settings.public_url_is_example():
            log.warning("public_url is still the example address %s: QR codes lead nowhere", self.settings.public_url)
        self.set_timer(GC_RESUME_SECONDS, self._resume_gc, name="gc-resume")
        if self.COLLECT_WHEN_QUIET:
            self.set_interval(COLLECT_CHECK_SECONDS, memory.collect_when_quiet, name="collector")
        self.started()

    def started(self) -> None:
        """The app's own start-up (screens, timers); data read from here on is covered by `live`."""

    def _resume_gc(self) -> None:
        resume_gc()
        if self.COLLECT_WHEN_QUIET:
            memory.full_collections_deferred()

    def pop_screen(self):
        # The screen that goes is cyclic garbage: collected once the one under it is drawn, a
        # few thousand objects at a time instead of a whole minute's at some later key.
        gone = weakref.ref(self.screen)  # (a strong reference here would keep it alive)
        done = super().pop_screen()
        if self.COLLECT_WHEN_QUIET:
            self.call_after_refresh(self._collect_after_pop, gone)
        return done

    def _collect_after_pop(self, gone: weakref.ref) -> None:
        screen = gone()
        kept = screen is not None and self.is_screen_installed(screen)  # installed: kept, not garbage
        del screen
        if not kept:
            memory.collect_pending()

    # ---- the terminal and the way out (kiosk.apps.terminal_watch) -------------------------

    def get_driver_class(self):
        driver = super().get_driver_class()
        if driver is LinuxDriver:  # on a terminal: the driver that survives odd bytes and a lost line
            from kiosk.apps.driver import KioskDriver

            return KioskDriver
        return driver

    def stop_requested(self) -> None:
        """SIGTERM (a service stop): leave cleanly; the terminal is restored on the way."""
        self.exit()

    def terminal_lost(self) -> None:
        """The terminal went away (hang-up, end of input, I/O error)."""
        self.exit(return_code=EXIT_HANGUP)

    def last_words(self, reason: str) -> None:
        """From another thread, when the app did not end in time after `stop_requested` or
        `terminal_lost`: what must be recorded before the process ends. Nothing by default."""
