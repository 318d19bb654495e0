"""Lobby: vote with the household's one-time code — code, choice, confirmation, receipt.

Nothing is written until the resident confirms; the code is used in the same transaction as the
ballot. Leaving the screen (0, Esc, or the kiosk's idle timeout) forgets the code.
"""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, ContentSwitcher, Input, Static

from kiosk.domain import codes, votes
from kiosk.domain.errors import DomainError
from kiosk.i18n import _
from kiosk.render import votes as render
from kiosk.render.safe import one_line
from kiosk.screens.lobby.vote_common import CodeAttempts, VoteBaseScreen, code_input

ACTOR = "kiosk"


class BallotScreen(VoteBaseScreen):
    DEFAULT_CSS = """
    BallotScreen ContentSwitcher { height: 1fr; }
    BallotScreen #options { height: auto; max-height: 12; }
    BallotScreen #options Button { width: 100%; max-width: 60; margin: 0 0 1 0; }
    """

    def __init__(self, estate_id: int, **kwargs) -> None:
        super().__init__(estate_id, **kwargs)
        self.attempts = CodeAttempts()
        self.ticket: votes.CodeTicket | None = None
        self.code = ""
        self.choice: votes.OptionInfo | None = None

    def compose(self) -> ComposeResult:
        yield Static(_("Vote"), classes="title")
        with ContentSwitcher(initial="step-code"):
            with Vertical(id="step-code"):
                yield Static(_("Type the {n}-digit vote code from your household's slip, then press Enter.").format(
                    n=codes.CODE_DIGITS), classes="big")
                yield code_input("code", codes.CODE_DIGITS)
                yield Static("", id="code-error", classes="error")
                with Horizontal(classes="menu"):
                    yield Button(_("OK"), id="code-ok", variant="primary")
                    yield Button(_("0 Back"), id="back")
                yield Static(_("One household, one ballot. Esc goes back."), classes="hint")
            with Vertical(id="step-choose"):
                yield Static("", id="poll-heading")
                yield Static(_("Choose one:"), classes="big")
                yield VerticalScroll(id="options")
                yield Button(_("0 Back"), id="choose-back")
            with Vertical(id="step-confirm"):
                yield Static("", id="confirm-text", classes="big")
                yield Static(_("Once cast, a ballot cannot be changed."), classes="hint")
                yield Static("", id="confirm-error", classes="error")
                with Horizontal(classes="menu"):
                    yield Button(_("1 Cast my ballot"), id="cast", variant="success")
                    yield Button(_("0 Choose again"), id="confirm-back")
            with Vertical(id="step-done"):
                yield Static(_("Your ballot has been counted."), classes="big")
                yield Static(_("Receipt number (write it down to check your ballot later):"))
                yield Static("", id="receipt", classes="big")
                yield Static("", id="done-text")
                yield Button(_("0 Done"), id="done", variant="primary")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#code", Input).focus()

    @property
    def step(self) -> str:
        return self.query_one(ContentSwitcher).current or "step-code"

    def _show(self, step: str) -> None:
        self.query_one(ContentSwitcher).current = step
        focus = {"step-code": "#code", "step-confirm": "#cast", "step-done": "#done"}.get(step)
        if focus:
            self.query_one(focus).focus()
        elif step == "step-choose":
            buttons = list(self.query_one("#options").query(Button))
            (buttons[0] if buttons else self.query_one("#choose-back")).focus()

    # ---- step 1: the code ----
    async def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        await self._check_code()

    def _error(self, text: str) -> None:
        self.query_one("#code-error", Static).update(Text(text))

    async def _check_code(self) -> None:
        if self.attempts.locked():
            self._error(_("Too many wrong codes. Please wait a minute and try again."))
            return
        typed = self.query_one("#code", Input).value
        if not typed.strip():
            self._error(_("Please type the code first."))
            return
        try:
            ticket = votes.check_code(typed)
            if ticket.poll.estate_id != self.estate_id:
                raise DomainError(_("This code is for a vote in another estate."))
        except DomainError as exc:
            self.attempts.failed()
            self._error(str(exc))
            self.query_one("#code", Input).value = ""
            return
        self.attempts.succeeded()
        self._error("")
        self.ticket, self.code = ticket, typed
        self.query_one("#poll-heading", Static).update(Group(
            render.poll_heading(ticket.poll),
            Text(_("Voting for: {building} {unit}").format(building=one_line(ticket.building), unit=one_line(ticket.unit)))))
        box = self.query_one("#options", VerticalScroll)
        await box.remove_children()
        await box.mount_all([Button(Content(f"{i} {one_line(o.label)}"), name=f"opt-{o.id}") for i, o in enumerate(ticket.poll.options, 1)])
        self._show("step-choose")

    # ---- steps 2-4 ----
    async def activate(self, button: Button) -> None:
        which = button.id or button.name or ""
        if which == "code-ok":
            await self._check_code()
        elif which in ("back", "done"):
            self.dismiss()
        elif which == "choose-back":
            self._restart()
        elif which.startswith("opt-") and self.ticket is not None:
            self.choice = self.ticket.poll.option(int(which[4:]))
            confirm = Text(_("You chose: "))
            confirm.append("「" + one_line(self.choice.label) + "」", style="bold")
            self.query_one("#confirm-text", Static).update(confirm)
            self.query_one("#confirm-error", Static).update("")
            self._show("step-confirm")
        elif which == "confirm-back":
            self._show("step-choose")
        elif which == "cast":
            self._cast()

    def _cast(self) -> None:
        if self.choice is None or not self.code:
            return
        try:
            receipt = votes.cast_with_code(ACTOR, self.code, self.choice.id)
        except DomainError as exc:
            self.query_one("#confirm-error", Static).update(Text(str(exc)))
            return
        self.code = ""
        self.query_one("#receipt", Static).update(render.receipt_big(receipt.receipt))
        self.query_one("#done-text", Static).update(Text(_("You voted 「{option}」 in: {title}").format(
            option=one_line(receipt.option), title=one_line(receipt.poll_title))))
        self._show("step-done")

    def _restart(self) -> None:
        self.ticket, self.code, self.choice = None, "", None
        self.query_one("#code", Input).value = ""
        self._show("step-code")

    def action_back(self) -> None:
        step = self.step
        if step == "step-confirm":
            self._show("step-choose")
        elif step == "step-choose":
            self._restart()
        else:
            self.dismiss()
