"""`kiosk admin`: the staff console. What a staff member's SSH login runs (docs/ssh.md).

Sign-in first; automatic sign-out after `settings.admin_idle_seconds` without a key press; every
write goes through the domain and names the signed-in staff member in the audit log. Without a
terminal (`ssh -T`) it refuses to start; when the terminal goes away (kiosk.apps.terminal_watch)
it signs out and exits within two seconds instead of spinning. A database that will never come
back to it (its SQLite file gone, its schema changed by another program: `DataLost`) signs the
staff member out if it still can, prints why in one line and exits with EXIT_RESTART (75).
"""

from __future__ import annotations

import logging
import sys
import threading

from textual import events
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.worker import WorkerFailed

from kiosk import clock
from kiosk.apps.common import KioskBaseApp, setup_logging
from kiosk.apps.live import EXIT_RESTART, DataChanged, DataLost, DataStale
from kiosk.apps.terminal_watch import EXIT_HANGUP, run_on_terminal
from kiosk.config import Settings
from kiosk.db import connection, schema
from kiosk.db.backend import one_line
from kiosk.domain import auth
from kiosk.i18n import N_, _
from kiosk.resources import style
from kiosk.screens.admin.login import LoginScreen

log = logging.getLogger("kiosk")

EXIT_NO_TERMINAL = 2
IDLE_CHECK_SECONDS = 5
INTERNAL_ERROR = N_("kiosk admin stopped after an internal error; the details are in the log file.")
# Input that counts as someone being there.
_ACTIVITY = (events.Key, events.MouseDown, events.MouseScrollDown, events.MouseScrollUp, events.Paste)


def run(settings: Settings) -> int:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        print(_("kiosk admin needs a terminal: connect with `ssh -t` (or run it in a terminal window)."), file=sys.stderr)
        return EXIT_NO_TERMINAL
    setup_logging(settings)
    return run_on_terminal(AdminApp(settings))


class AdminApp(KioskBaseApp):
    CSS_PATH = str(style("admin.tcss"))
    BINDINGS = [
        Binding("ctrl+q", "quit", N_("Quit"), priority=True),
        # Textual's default Ctrl+C says "press Ctrl+Q" in English; here it simply does nothing.
        Binding("ctrl+c", "nothing", show=False, priority=True),
    ]

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.title = _("Estate works console")
        self.user: auth.StaffInfo | None = None
        self.last_activity = clock.now()
        self._stale_shown = False
        self._user_lock = threading.Lock()  # the sign-out is recorded once, by whichever thread leaves
        self._lost = False  # DataLost handled: the poller may report it again before the app ends

    # ---- start, stop, hang-up --------------------------------------------------------------

    def started(self) -> None:
        if self.console.color_system in ("standard", "windows"):
            # 16 colours (TERM=linux, old consoles): the terminal's own palette reads best.
            self.theme = "ansi-dark"
            self.add_class("-ansi")  # styles/admin.tcss gives fields a visible background there
        self.set_interval(IDLE_CHECK_SECONDS, self.check_inactivity, name="idle-check")
        self.push_screen(LoginScreen())

    def terminal_lost(self) -> None:
        self._leave("hangup", EXIT_HANGUP)

    def stop_requested(self) -> None:
        self._leave("terminated")

    def last_words(self, reason: str) -> None:
        """The app is stuck on its way out (terminal_watch's deadline): record the sign-out from
        the guard's thread, on a connection of its own."""
        with connection.for_thread():
            self._record_sign_out(reason)

    def _leave(self, reason: str, code: int = 0) -> None:
        self._record_sign_out(reason)
        self.exit(return_code=code)

    def _record_sign_out(self, reason: str) -> None:
        with self._user_lock:
            user, self.user = self.user, None
        if user is not None:
            try:
                auth.logout(user.username, reason)
                log.info("admin: %s signed out (%s)", user.username, reason)
            except Exception:  # leaving matters more than the record of it
                log.exception("admin: could not record the sign-out")

    async def action_quit(self) -> None:
        self._leave("quit")

    def action_nothing(self) -> None:
        pass

    def fatal_message(self) -> str:
        """An unexpected error: Textual would print a traceback with local variables (a password
        being checked, a resident's phone) on the staff member's screen. Log it; say one line."""
        log.exception("admin: internal error")
        return _(INTERNAL_ERROR)

    # ---- sign-in, sign-out, idle ---------------------------------------------------------------

    def signed_in(self, user: auth.StaffInfo) -> None:
        from kiosk.screens.admin.dashboard import DashboardScreen

        self.user = user
        self.last_activity = clock.now()
        log.info("admin: %s signed in", user.username)
        self.push_screen(DashboardScreen())

    def sign_out(self, reason: str = "user", message: str | None = None) -> None:
        if self.user is not None:
            auth.logout(self.user.username, reason)
            log.info("admin: %s signed out (%s)", self.user.username, reason)
        self.user = None
        while not isinstance(self.screen, LoginScreen) and len(self.screen_stack) > 1:
            self.pop_screen()
        if isinstance(self.screen, LoginScreen):
            self.screen.signed_out(message or _("Signed out."))

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, _ACTIVITY) and not event.is_forwarded:
            self.last_activity = clock.now()
            screen = self.active_screen()
            if isinstance(screen, LoginScreen):
                if isinstance(event, events.Key) and screen.route_key(event):
                    return
                if isinstance(event, events.Paste):
                    screen.route_paste(event.text)
                    return
            elif isinstance(event, events.Key) and screen is not None and self._move_focus_now(screen, event.key):
                return
        await super().on_event(event)

    def _move_focus_now(self, screen, key: str) -> bool:
        """Tab (and Enter in a form field) move to the next field at once, in key order. Through
        Textual's bindings the move happens only after the field has taken the keys typed ahead
        behind it (an SSH packet often holds `Tab` and the next field's text together)."""
        from textual.widgets import Input
        from textual.widgets._select import SelectOverlay

        from kiosk.screens.admin.form import FormLogic

        focused = screen.focused
        if isinstance(focused, SelectOverlay):  # an open drop-down handles its own keys
            return False
        if key in ("tab", "shift+tab"):
            (screen.focus_next if key == "tab" else screen.focus_previous)()
            return True
        if key == "enter" and isinstance(screen, FormLogic) and screen.ENTER_MOVES_ON and isinstance(focused, Input):
            screen.focus_next()
            return True
        return False

    def check_inactivity(self) -> bool:
        """Sign out when nobody pressed a key for admin_idle_seconds. True if it did."""
        if self.user is None:
            return False
        idle = (clock.now() - self.last_activity).total_seconds()
        if idle < self.settings.admin_idle_seconds:
            return False
        minutes = max(1, round(self.settings.admin_idle_seconds / 60))
        self.sign_out("idle", _("Signed out after {n} minutes without activity.").format(n=minutes))
        return True

    def active_screen(self):
        """The screen on top, or None while the app starts or shuts down."""
        return self.screen_stack[-1] if self.screen_stack else None

    # ---- live data -------------------------------------------------------------------------

    def on_data_changed(self, message: DataChanged) -> None:
        self._stale_shown = False
        screen = self.active_screen()
        # A screen still being composed loads its data when it is shown (on_screen_resume).
        if self.user is not None and screen is not None and screen.is_mounted:
            reload = getattr(screen, "reload", None)
            if callable(reload):
                try:
                    reload()
                except NoMatches:  # the screen is being taken down (sign-out, exit)
                    pass

    def unhandled_error(self, error: Exception) -> bool:
        """A thread worker of a screen (the audit chain's check) that failed on the database
        reaches Textual's error path wrapped: an outage or a changed schema goes to `recover`,
        as a screen's read does, instead of ending the console as an internal error."""
        cause = error.error if isinstance(error, WorkerFailed) else None
        if isinstance(cause, schema.SchemaError) or (cause is not None and connection.is_outage(cause)):
            self.recover(cause)
            return True
        return False

    def recover(self, error: BaseException) -> None:
        """A screen's read (kiosk/screens/reads.py) failed: the one place that decides. A schema
        changed under the console is the data lost; a database out of reach keeps what is shown,
        marked stale (the next good poll brings DataChanged and the screens read again); anything
        else is an internal error, which ends the console as Textual's own handling would."""
        if isinstance(error, schema.SchemaError):
            self.on_data_lost(DataLost(str(error)))
        elif connection.is_outage(error):
            log.warning("admin: a screen could not read the database: %s", one_line(error))
            self.live.report_stale(error)
        else:
            log.error("admin: internal error", exc_info=(type(error), error, error.__traceback__))
            self.exit(return_code=1, message=_(INTERNAL_ERROR))

    def on_data_stale(self, message: DataStale) -> None:
        if not self._stale_shown:
            self._stale_shown = True
            self.notify(_("The database cannot be read just now; what you see may be out of date."),
                        severity="warning", markup=False)

    def on_data_lost(self, message: DataLost) -> None:
        """The database will never come back to this process (its SQLite file gone, its schema
        changed by another program): nothing typed here could be saved any more. Record the
        sign-out if the database still takes it, say why in one line and exit non-zero."""
        if self._lost:
            return
        self._lost = True
        log.critical("admin: exiting, the database is lost: %s", message.reason)
        self._record_sign_out("data-lost")
        self.exit(return_code=EXIT_RESTART, message=one_line(message.reason))
