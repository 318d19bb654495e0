"""我要认捐: thank you; the pledge's reference number, big, to bring to the office when paying."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Digits, Static

from kiosk.domain.kiosk_pledges import KioskPledge
from kiosk.domain.money import yuan
from kiosk.i18n import N_, _
from kiosk.render.address import address
from kiosk.render.safe import inert
from kiosk.screens.lobby.base import FlowEndScreen


class PledgeDoneScreen(FlowEndScreen):
    SECTION = N_("Pledge")

    def __init__(self, pledge: KioskPledge) -> None:
        super().__init__()
        self.pledge = pledge

    def compose_body(self):
        p = self.pledge
        with VerticalScroll(classes="read", id="read", can_focus=False):
            yield Static(Text(_("Thank you! Your pledge is recorded."), style="bold green"), classes="prompt", markup=False)
            line = Text()
            line.append(address(p.building, p.unit) + "  ")
            line.append(yuan(p.amount_fen), style="bold reverse")
            line.append("  " + inert(p.project_title))
            yield Static(line, markup=False)
            yield Static(Text(_("Reference number: {reference}").format(reference=p.reference), style="bold"),
                         id="reference-line", markup=False)
            yield Digits(p.reference, id="reference")
            yield Static(Text(_("Status: pledged. Bring this reference number when you pay at the community office "
                                "or the property office; once staff confirm it, it shows as received under Funding.")),
                         classes="note", markup=False)
