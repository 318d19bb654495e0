"""Check a receipt: was my household's ballot counted? The answer names the vote, when and the
channel, never the household and never the choice (the domain's receipt does not carry it: a
slip found or shown to someone reveals nothing of the vote)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from kiosk.domain import codes, votes
from kiosk.domain.errors import DomainError
from kiosk.i18n import N_, _
from kiosk.render.dates import day_time
from kiosk.render.safe import one_line
from kiosk.screens.lobby.vote.code_step import CodeScreen


def receipt_answer(r: votes.Receipt) -> Text:
    text = Text(_("Counted."), style="bold green")
    text.append("\n" + _("Vote: {title}").format(title=one_line(r.poll_title)))
    text.append("\n" + _("How: {channel}, {when}").format(channel=votes.channel_label(r.channel), when=day_time(r.cast_at)))
    return text


class ReceiptCheckScreen(CodeScreen):
    KIND = "receipt"
    DIGITS = codes.RECEIPT_DIGITS
    NEXT_LABEL = N_("Look up")
    LOCKED = N_("Too many wrong numbers. Please wait a minute and try again.")

    def key_tiles(self):
        tiles = super().key_tiles()
        tiles[-1].label = _(self.NEXT_LABEL)
        return tiles

    def prompt(self) -> str:
        return _("Type the {n}-digit receipt number you got when you voted, then press Enter.").format(n=self.DIGITS)

    def compose_after(self):
        yield Static(Text(""), id="answer", classes="summary", markup=False)

    def lookup(self, typed: str) -> votes.Receipt:
        if not codes.looks_like(typed, self.DIGITS):
            raise DomainError(_("A receipt number has {n} digits.").format(n=self.DIGITS))
        return votes.check_receipt(typed)

    async def found(self, typed: str, receipt: votes.Receipt) -> None:
        self.query_one("#answer", Static).update(receipt_answer(receipt))

    def on_input_changed(self, event) -> None:
        super().on_input_changed(event)
        self.query_one("#answer", Static).update(Text(""))  # an answer never stands beside another number
