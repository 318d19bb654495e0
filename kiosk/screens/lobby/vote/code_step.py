"""What the vote section's code steps share: a limit on wrong codes typed in a row, kept per
kiosk (not per screen, or leaving and coming back would reset it), and the typing step for a
household code or a receipt number.
"""

from __future__ import annotations

import datetime as dt

from kiosk import clock
from kiosk.domain import codes
from kiosk.domain.errors import DomainError
from kiosk.i18n import N_, _
from kiosk.screens.lobby.typing import TypingScreen
from kiosk.screens.reads import read_now

MAX_WRONG_CODES = 5
LOCKOUT = dt.timedelta(minutes=1)
CODE_CHARS = r"[0-9０-９ \-]*"  # digits, and the spaces and dashes printed on the slips


class CodeAttempts:
    """After MAX_WRONG_CODES wrong codes in a row, refuse codes for LOCKOUT (guessing stays hopeless)."""

    def __init__(self) -> None:
        self.wrong = 0
        self.until: dt.datetime | None = None

    def locked(self) -> bool:
        if self.until is not None and clock.now() < self.until:
            return True
        if self.until is not None:
            self.until, self.wrong = None, 0
        return False

    def failed(self) -> None:
        self.wrong += 1
        if self.wrong >= MAX_WRONG_CODES:
            self.until = clock.now() + LOCKOUT

    def succeeded(self) -> None:
        self.wrong, self.until = 0, None


def attempts_of(app, kind: str) -> CodeAttempts:
    """The kiosk's counter for one kind of code (vote, receipt, statement)."""
    return app.code_attempts.setdefault(kind, CodeAttempts())


class CodeScreen(TypingScreen):
    """Type a code from a slip. A wrong code is counted and stays typed (a typo is easier to fix
    than to type again); the right one goes to `found`."""

    SECTION = N_("Votes")
    KIND = ""  # which counter of wrong codes this screen uses
    DIGITS = 12
    RESTRICT = CODE_CHARS
    LOCKED = N_("Too many wrong codes. Please wait a minute and try again.")

    def __init__(self) -> None:
        super().__init__()
        self.MAX_LENGTH = self.DIGITS + 6

    def placeholder(self) -> str:
        return codes.show("0" * self.DIGITS)  # grouped as on the slip

    def lookup(self, typed: str):
        """The domain's answer for this code; a DomainError says what is wrong."""
        raise NotImplementedError

    async def found(self, typed: str, answer) -> None:
        raise NotImplementedError

    async def accept(self, value: str) -> None:
        attempts = attempts_of(self.app, self.KIND)
        if attempts.locked():
            raise DomainError(_(self.LOCKED))
        if not value.strip():
            raise DomainError(_("Please type the code first."))
        try:
            answer = await read_now(self.app, lambda: self.lookup(value), name=f"lookup {type(self).__name__}")
        except DomainError:
            attempts.failed()
            raise
        attempts.succeeded()
        await self.found(value, answer)
