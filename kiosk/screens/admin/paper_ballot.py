"""Enter paper and proxy ballots one after another. Each Ctrl+S counts one ballot and shows its
receipt to hand back; the form stays for the next one. A household that has already voted (by any
channel) is refused with the domain's words and nothing changes."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Select, Static

from kiosk.domain import codes, votes
from kiosk.domain.errors import DomainError, ValidationError
from kiosk.i18n import N_, _
from kiosk.render.safe import one_line
from kiosk.screens.admin.form import field, select, text_input
from kiosk.screens.admin.record_form import RecordForm


class BallotForm(RecordForm):
    TITLE_ID = N_("Paper and proxy ballots")
    BINDINGS = [
        Binding("ctrl+s", "save", N_("Count")),
        Binding("escape", "cancel", N_("Finish")),
    ]

    FIRST = "building"

    def __init__(self, poll: votes.PollInfo) -> None:
        super().__init__(poll)
        self.entered = 0

    @property
    def poll(self) -> votes.PollInfo:
        return self.record

    def fields(self) -> ComposeResult:
        yield Static(Text(one_line(self.poll.title), style="bold"), markup=False)
        yield field(_("Building"), text_input("building", max_length=40))
        yield field(_("Unit"), text_input("unit", max_length=40))
        yield field(_("Room"), text_input("room", max_length=20))
        yield field(_("Choice"), select("choice", [(o.label, o.id) for o in self.poll.options], blank=True))
        yield field(_("Channel"), select("channel", [(votes.channel_label(c), c) for c in votes.STAFF_CHANNELS], "paper"))
        yield field(_("Proxy holder"), text_input("proxy_holder", max_length=40, placeholder=_("who voted for the household (proxy only)")))

    def below_buttons(self) -> ComposeResult:
        yield Static("", id="counted", markup=False)

    def submit(self) -> votes.Receipt:
        choice = self.choice("choice")
        if choice is None:
            raise ValidationError(_("Choose the option marked on the ballot."), "choice")
        return votes.cast_at_address(self.actor, self.poll.id, self.value("building"), self.value("unit"),
                                     self.value("room"), int(choice), str(self.choice("channel")),
                                     proxy_holder=self.value("proxy_holder"))

    def action_save(self) -> None:
        """Count one ballot and stay for the next (FormLogic's save would leave the form)."""
        self.clear_errors()
        counted = self.query_one("#counted", Static)
        try:
            r = self.submit()
        except DomainError as exc:
            counted.update("")
            self.show_error(exc)
            return
        self.entered += 1
        where = one_line(f"{self.value('building')} {self.value('unit')} {self.value('room')}")
        # The receipt does not carry the choice (secret ballot): echo what staff just entered.
        option = self.poll.option(int(self.choice("choice"))).label
        line = _("Counted: {where} {option}. Receipt {receipt}").format(
            where=where, option=one_line(option), receipt=codes.show(r.receipt))
        if self.value("proxy_holder").strip():  # staff see who held the proxy; public screens never do
            line += " " + _("(proxy: {holder})").format(holder=one_line(self.value("proxy_holder"), 20))
        counted.update(Text(line, style="bold"))
        self.query_one("#f-room", Input).value = ""
        self.query_one("#f-proxy_holder", Input).value = ""
        self.query_one("#f-choice", Select).clear()
        self.query_one("#f-room").focus()

    def action_cancel(self) -> None:
        self.dismiss(self.entered)
