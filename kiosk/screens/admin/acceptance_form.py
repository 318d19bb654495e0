"""竣工验收 of a project, from its page: the day, who accepted it, the final account (filled in with
what was paid out), what happens to the leftover, a public note; asked once more before it is
recorded, since it closes the project for good."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from kiosk import clock
from kiosk.domain import acceptance, funding
from kiosk.domain.money import yuan
from kiosk.i18n import N_, _
from kiosk.render.safe import one_line
from kiosk.screens.admin import parse
from kiosk.screens.admin.dialogs import ConfirmDialog
from kiosk.screens.admin.form import ASKED, field, select, text_input, yes_no
from kiosk.screens.admin.record_form import RecordForm


class AcceptanceForm(RecordForm):
    TITLE_ID = N_("Acceptance (竣工验收)")
    FIRST = "on"

    def __init__(self, project: funding.ProjectInfo, snap: funding.FundingSnapshot) -> None:
        super().__init__(project)
        self.snap = snap
        self.confirmed = False

    @property
    def project(self) -> funding.ProjectInfo:
        return self.record

    def fields(self) -> ComposeResult:
        s = self.snap
        head = Text(one_line(self.project.title, 70), style="bold")
        head.append("\n" + _("Received {received}   paid out {paid}   left over {left}").format(
            received=yuan(s.received_fen), paid=yuan(s.paid_fen), left=yuan(s.balance_fen)))
        yield Static(head, markup=False)
        yield field(_("Accepted on"), text_input("on", parse.show_day(clock.today())))
        for key in acceptance.PARTIES:
            yield field(acceptance.party_label(key), yes_no(f"party-{key}", True))
        yield field(_("Final account (yuan)"), text_input("final_account", parse.show_amount(s.paid_fen)))
        yield field(_("Leftover"), select("leftover_action", [(acceptance.leftover_label(k), k) for k in acceptance.LEFTOVER_ACTIONS],
                                          "returned" if s.balance_fen > 0 else "none"))
        yield field(_("Note (public)"), text_input("note", max_length=2000))

    def submit(self) -> object:
        on = parse.day(self.value("on"), "on")
        text = self.value("final_account").strip()
        final = 0 if text in ("0", "0.0", "0.00") else parse.amount(text, "final_account")
        parties = [k for k in acceptance.PARTIES if self.choice(f"party-{k}")]
        action = self.choice("leftover_action") or "none"
        if not self.confirmed:
            def answered(yes: bool | None) -> None:
                if yes:
                    self.confirmed = True
                    self.action_save()

            self.app.push_screen(ConfirmDialog(_("Record the acceptance of {title} and close it? It is recorded once and "
                                                 "cannot be changed.").format(title=one_line(self.project.title, 40))), answered)
            return ASKED
        self.confirmed = False  # a refusal below asks again after the next change
        return acceptance.accept(self.actor, self.project.id, on, parties, final_account_fen=final,
                                 leftover_action=action, note=self.value("note"))
