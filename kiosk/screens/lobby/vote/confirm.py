"""Vote, step 3: "You chose 「…」" — 1 casts the ballot (the code is used in the same transaction),
0 chooses again. Then the receipt, over the home screen."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from kiosk.domain import votes
from kiosk.i18n import N_, _
from kiosk.render.safe import one_line
from kiosk.screens.lobby.saving import ConfirmStep
from kiosk.screens.lobby.vote.done import VoteDoneScreen
from kiosk.widgets.key_tile import KeyTile

ACTOR = "kiosk"


class VoteConfirmScreen(ConfirmStep):
    BACK_LABEL = N_("Choose again")
    SUBMIT_ID = "cast"

    @property
    def ticket(self) -> votes.CodeTicket:
        return self.draft.ticket

    @property
    def option(self) -> votes.OptionInfo:
        return self.draft.option

    def compose_summary(self):
        yield Static(Text(one_line(self.ticket.poll.title), style="bold"), classes="read-title", markup=False)
        chose = Text(_("You chose: "))
        chose.append("「" + one_line(self.option.label) + "」", style="bold reverse")
        yield Static(chose, classes="prompt", markup=False)
        yield Static(Text(_("Once cast, a ballot cannot be changed."), style="dim"), classes="note", markup=False)

    def submit_tile(self) -> KeyTile:
        return KeyTile("1", _("Cast my ballot"), _("You will get a receipt number"), action="cast", id="cast")

    def tile_cast(self, _value=None) -> None:
        code, option_id = self.draft.code, self.option.id
        self.save(lambda: votes.cast_with_code(ACTOR, code, option_id), VoteDoneScreen)
