"""我也遇到, done: the household is counted on a neighbour's report. No ticket and no QR code: a
ticket answers 修好了吗 (不满意 reopens the report), so it stays with the resident who filed it.
The screen says where the report can be followed without one."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from kiosk.domain import reports
from kiosk.i18n import N_, _, ngettext
from kiosk.screens.lobby.base import FlowEndScreen


def count_text(done: reports.MeTooCount) -> str:
    text = ngettext("{n} household has this problem now.", "{n} households have this problem now.",
                    done.households).format(n=done.households)
    if done.apart:
        # On a line of its own: Chinese puts no space after 。, English needs one.
        text += "\n" + _("Another {n} by residents without a code.").format(n=done.apart)
    return text


class MeTooDoneScreen(FlowEndScreen):
    SECTION = N_("Report a problem")

    def __init__(self, done: reports.MeTooCount) -> None:
        super().__init__()
        self.done = done

    def compose_read(self):
        headline = (_("Thank you: your household is counted") if self.done.counted
                    else _("Thank you: counted apart, without a household code"))
        yield Static(Text(headline, style="bold green"), classes="headline", markup=False)
        yield Static(Text(count_text(self.done)), classes="detail", markup=False)
        yield Static(Text(_("There is no ticket number for this: it stays with the neighbour who reported the problem.")),
                     classes="note", markup=False)
        yield Static(Text(_("To follow it: press 4 (Report a problem) on the home screen and choose the same "
                            "problem and place; the list shows its status.")), classes="note", id="follow", markup=False)
        yield Static(Text(_("Once fixed, it leaves that list, and the TV shows the problems fixed lately.")),
                     classes="note", markup=False)
