"""我要认捐 for one project: a QR code of the pledge page (dark modules on a light ground, a quiet
zone, half-block cells) with the address printed beside it, and a pledge right here."""

from __future__ import annotations

import logging

from rich.text import Text
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from kiosk.domain import funding
from kiosk.domain.money import yuan_short
from kiosk.i18n import N_, _
from kiosk.render.safe import inert
from kiosk.render.wrap import Wrapped
from kiosk.screens.lobby.pledge.steps import PledgeFlow
from kiosk.screens.lobby.reading.project_item import ProjectScreen
from kiosk.widgets.key_tile import KeyTile

log = logging.getLogger("kiosk.lobby")


def pledge_url(template: str, project_id: int, estate_id: int) -> str | None:
    try:
        return template.format(project_id=project_id, estate_id=estate_id)
    except (KeyError, IndexError, ValueError):
        log.error("lobby: the pledge_url setting cannot be filled in: %r", template)
        return None


class PledgeQRScreen(ProjectScreen):
    SECTION = N_("Pledge")
    SCROLLS = False

    def load(self):
        info = super().load()
        url = pledge_url(self.app.settings.pledge_template(), info.id, info.estate_id)
        if url:  # encoded here, in the read's worker, not while the screen is laid out
            from kiosk.render.qr import terminal_rows

            terminal_rows(url)
        return info, funding.snapshot(self.item_id)

    def compose_item(self, item):
        from kiosk.widgets.qr_code import QRCode  # qrcode loads only here

        info, snap = item
        self.title_text = info.title
        url = pledge_url(self.app.settings.pledge_template(), info.id, info.estate_id)
        with Horizontal(classes="qr-row"):
            if url:
                yield QRCode(url, id="qr")
            with Vertical(classes="qr-side"):
                yield Static(Text(inert(info.title), style="bold"), classes="read-title", markup=False)
                figures = Text()
                figures.append(_("Received") + " ")
                figures.append(yuan_short(snap.received_fen), style="bold green")
                figures.append(" / " + _("Target") + " " + yuan_short(snap.target_fen))
                yield Static(figures, markup=False)
                yield Static(Wrapped(_("Scan the code with your phone to pledge, or open the address below it.")),
                             classes="note", markup=False)
                if not url:
                    yield Static(Text(_("The pledge page is not set up yet.")), classes="dim", markup=False)
                yield KeyTile("1", _("Pledge here instead"), _("Needs your household code (the slip from the office)"),
                              action="here", id="here")
                yield Static(Wrapped(_("No household code? Pledge at the community office: staff record it "
                                       "and give you a receipt.")), classes="note", id="no-code", markup=False)
        if url:  # under the code, on one line
            yield Static(Text(url), classes="url", id="url", markup=False)

    def on_mount(self) -> None:
        here = next(iter(self.query("#here")), None)
        if here is not None:
            here.focus()

    def tile_here(self, _value=None) -> None:
        flow = self.app.begin_flow(PledgeFlow(self.item_id, getattr(self, "title_text", "")))
        self.app.open_screen(flow.code())
