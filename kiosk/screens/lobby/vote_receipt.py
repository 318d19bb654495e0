"""Lobby: check a ballot's receipt — was my household's ballot counted?"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Input, Static

from kiosk.domain import codes, votes
from kiosk.domain.errors import DomainError
from kiosk.i18n import _
from kiosk.render.safe import one_line
from kiosk.screens.lobby.vote_common import CodeAttempts, VoteBaseScreen, code_input


class ReceiptCheckScreen(VoteBaseScreen):
    def __init__(self, estate_id: int, **kwargs) -> None:
        super().__init__(estate_id, **kwargs)
        self.attempts = CodeAttempts()

    def compose(self) -> ComposeResult:
        yield Static(_("Check a receipt"), classes="title")
        yield Static(_("Type the {n}-digit receipt number you got when you voted, then press Enter.").format(
            n=codes.RECEIPT_DIGITS), classes="big")
        yield code_input("receipt", codes.RECEIPT_DIGITS)
        yield Static("", id="answer", classes="big")
        with Horizontal(classes="menu"):
            yield Button(_("OK"), id="check", variant="primary")
            yield Button(_("0 Back"), id="back")
        yield Static(_("Esc goes back."), classes="hint")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.check()

    async def activate(self, button: Button) -> None:
        if button.id == "back":
            self.dismiss()
        else:
            self.check()

    def check(self) -> None:
        answer = self.query_one("#answer", Static)
        if self.attempts.locked():
            answer.update(Text(_("Too many wrong numbers. Please wait a minute and try again."), style="bold red"))
            return
        typed = self.query_one(Input).value
        try:
            if not codes.looks_like(typed, codes.RECEIPT_DIGITS):
                raise DomainError(_("A receipt number has {n} digits.").format(n=codes.RECEIPT_DIGITS))
            r = votes.check_receipt(typed)
        except DomainError as exc:
            self.attempts.failed()
            answer.update(Text(str(exc), style="bold red"))
            return
        self.attempts.succeeded()
        text = Text(_("Counted."), style="bold green")
        text.append("\n" + _("Vote: {title}").format(title=one_line(r.poll_title)), style="")
        text.append("\n" + _("Choice: {option}").format(option=one_line(r.option)), style="")
        text.append("\n" + _("How: {channel}, {when}").format(channel=votes.channel_label(r.channel),
                                                           when=f"{r.cast_at:%Y-%m-%d %H:%M}"), style="")
        answer.update(text)
        self.query_one(Input).value = ""
