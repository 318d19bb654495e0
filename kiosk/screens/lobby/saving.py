"""The step of a flow that writes (submit a report, confirm a pledge, cast a ballot, "me too").

The write runs in a thread worker of the app, with its own connection, so the screen keeps
answering: Escape, the clock and live data go on while the database works. A busy database (another
writer holds the lock) is tried again for at most SAVE_PATIENCE_S, then the resident reads one line
and finds everything they typed still there. The receipt appears only after the commit, and always
after a commit: even if the resident went back a step meanwhile, what was saved is shown.
"""

from __future__ import annotations

import logging
import time
from typing import Any, Callable

import peewee as pw

from kiosk.db import backend, connection
from kiosk.domain.errors import DomainError
from kiosk.i18n import N_, _
from kiosk.screens.lobby.base import ReadScreen
from kiosk.screens.lobby.flow import FlowStep
from kiosk.screens.reads import hand_over

log = logging.getLogger("kiosk.lobby")

LOCK_WAIT_S = 2.0  # one attempt waits this long for the write lock
SAVE_PATIENCE_S = 8.0  # then it is tried again until this much time has passed
RETRY_PAUSE_S = 0.25

SAVING = N_("Saving, one moment, please.")
BUSY = N_("The kiosk is busy and nothing was saved yet. Please press {key} again.")
FAILED = N_("Could not save just now; what you entered is kept. Please try again in a moment.")


class Busy(Exception):
    """The write lock stayed taken for SAVE_PATIENCE_S."""


def _busy(error: BaseException) -> bool:
    text = str(error).lower()
    return "locked" in text or "busy" in text or "lock timeout" in text or "could not obtain lock" in text


def write_patiently(write: Callable[[], Any]) -> Any:
    """Run `write` (one domain call: one transaction) on this thread's own connection, trying
    again while the database is busy. A busy error is raised before anything commits, so trying
    again never saves twice."""
    deadline = time.monotonic() + SAVE_PATIENCE_S
    while True:
        try:
            with connection.for_thread(), backend.waiting_at_most(LOCK_WAIT_S):
                return write()
        except pw.OperationalError as error:
            if not _busy(error):
                raise
            if time.monotonic() + RETRY_PAUSE_S >= deadline:
                raise Busy() from error
            time.sleep(RETRY_PAUSE_S)


class SaveStep(FlowStep):
    """A flow step with a submit key. Subclasses call `save(write, done)`; they show messages in a
    `#message` Static and name their submit tile in SUBMIT_ID."""

    SUBMIT_ID = "submit"
    SUBMIT_KEY = "1"
    _said: tuple[str, bool] | None = None  # what #message says, kept across a live refresh

    def save(self, write: Callable[[], Any], done: Callable[[Any], Any]) -> None:
        """`write()` runs in a worker; `done(result)` gives the screen that shows the receipt."""
        flow = self.flow
        if flow.saving or flow.closed:
            return  # a second press while the first is under way records nothing more
        flow.saving = True
        self.show_saving(True)
        app = self.app

        def work() -> None:
            try:
                result = write_patiently(write)
            except BaseException as error:  # handed to the UI thread, where it is shown
                hand_over(app, self._failed, error)
                return
            hand_over(app, self._saved, result, done)

        app.run_worker(work, thread=True, name="lobby-save", group="lobby-save", exit_on_error=False)

    def _saved(self, result: Any, done: Callable[[Any], Any]) -> None:
        self.flow.saving = False
        self.flow.close()
        self.app.finish_flow(done(result))

    def _failed(self, error: BaseException) -> None:
        self.flow.saving = False
        if not self.is_mounted:
            return  # the resident left; the draft is kept for when they come back
        self.show_saving(False)
        submit = next(iter(self.query(f"#{self.SUBMIT_ID}")), None)
        if submit is not None:
            submit.focus()
        if isinstance(error, DomainError):
            self.show_message(str(error))
        elif isinstance(error, Busy):
            self.show_message(_(BUSY).format(key=self.SUBMIT_KEY))
        else:
            log.error("lobby: a save failed; the resident was asked to try again",
                      exc_info=(type(error), error, error.__traceback__))
            self.show_message(_(FAILED))

    def show_saving(self, saving: bool) -> None:
        if not self.is_mounted:
            return
        submit = next(iter(self.query(f"#{self.SUBMIT_ID}")), None)
        if submit is not None:
            submit.disabled = saving
        self.show_message(_(SAVING) if saving else "", ok=saving)

    async def recompose_in_place(self) -> None:
        """Another process wrote and the step is composed again: what it said to the resident (a
        refusal, "saving…") stays, or they would never learn why their answer was not taken."""
        said = self._said
        await super().recompose_in_place()
        if said is not None:
            self.show_message(said[0], ok=said[1])

    def show_message(self, text: str, *, ok: bool = False) -> None:
        from rich.text import Text
        from textual.widgets import Static

        self._said = (text, ok) if text else None
        message = next(iter(self.query("#message")), None)
        if isinstance(message, Static):
            message.update(Text(text))
            message.display = bool(text)
            message.set_class(not ok and bool(text), "-error")
            message.set_class(ok and bool(text), "-ok")


class ConfirmStep(SaveStep, ReadScreen):
    """The step before a save: what the resident chose (`compose_summary`), a line for what the
    save answers (busy, refused), and the one tile that saves (`submit_tile`). It shows only the
    draft, so live data never redraws it under a finger."""

    SCROLLS = False

    def compose_read(self):
        from rich.text import Text
        from textual.widgets import Static

        yield from self.compose_summary()
        yield Static(Text(""), classes="message -error", id="message", markup=False)
        yield self.submit_tile()

    def compose_summary(self):
        yield from ()

    def submit_tile(self):
        raise NotImplementedError

    def on_mount(self) -> None:
        self.query_one("#message").display = False
        self.query_one(f"#{self.SUBMIT_ID}").focus()

    async def reload(self) -> None:
        pass
