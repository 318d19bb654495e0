"""Print vote-code slips: issue one-time codes for the households that have not voted and write
them to a CSV on this machine (the same file as `kiosk poll codes`). The file is private."""

from __future__ import annotations

import os

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from kiosk.domain import vote_slips, votes
from kiosk.domain.errors import Conflict, ValidationError
from kiosk.i18n import N_, _
from kiosk.render.safe import one_line
from kiosk.screens.admin.form import field, text_input, yes_no
from kiosk.screens.admin.record_form import RecordForm


class SlipsForm(RecordForm):
    TITLE_ID = N_("Vote-code slips")
    FIRST = "out"

    @property
    def poll(self) -> votes.PollInfo:
        return self.record

    def fields(self) -> ComposeResult:
        yield Static(Text(one_line(self.poll.title), style="bold"), markup=False)
        yield field(_("File"), text_input("out", os.path.join("~", f"vote-codes-{self.poll.id}.csv"), max_length=300))
        yield field(_("Replace old slips"), yes_no("reissue", False))
        yield Static(_("The file names rooms and every code in it can vote once: print the slips, "
                       "hand each to its household, then delete the file."), classes="hint", markup=False)

    def submit(self) -> int:
        path = self.value("out")
        reissue = bool(self.choice("reissue"))
        try:
            n = vote_slips.write_slips(self.actor, self.poll.id, path, reissue=reissue)
        except Conflict:
            if reissue:
                raise
            # The domain's words name the command-line flag; here it is a field.
            raise ValidationError(_("Slips for this vote were printed before. New slips make the old ones invalid: "
                                    "choose yes under Replace old slips."), "reissue") from None
        self.say(_("Wrote {n} one-time vote codes for poll {id} to {file}.").format(n=n, id=self.poll.id, file=path))
        return n
