"""The ticket number of a report, big and grouped by three (123 456 786), with a QR code of its
tracking page beside it."""

from __future__ import annotations

import logging

from rich.text import Text
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from kiosk.i18n import N_, _
from kiosk.render.report_view import ticket_text
from kiosk.screens.lobby.base import FlowEndScreen

log = logging.getLogger("kiosk.lobby")


def track_url(template: str, ticket: str) -> str | None:
    try:
        return template.format(ticket=ticket)
    except (KeyError, IndexError, ValueError):
        log.error("lobby: the track_url setting cannot be filled in: %r", template)
        return None


class TicketScreen(FlowEndScreen):
    SECTION = N_("Report a problem")

    def __init__(self, ticket: str, headline: str, detail: str = "") -> None:
        super().__init__()
        self.ticket = ticket
        self.headline = headline
        self.detail = detail

    def compose_read(self):
        from kiosk.widgets.qr_code import QRCode

        url = track_url(self.app.settings.track_template(), self.ticket)
        yield Static(Text(self.headline, style="bold green"), classes="headline", markup=False)
        with Horizontal(classes="qr-row"):
            if url:
                yield QRCode(url, id="qr")
            with Vertical(classes="qr-side"):
                yield Static(Text(_("Ticket number")), markup=False)
                yield Static(Text(ticket_text(self.ticket), style="bold reverse"), classes="ticket", id="ticket", markup=False)
                if self.detail:
                    yield Static(Text(self.detail), classes="detail", markup=False)
                yield Static(Text(_("Write it down or take a photo. Follow it here with 5 on the home screen, or scan the code:")),
                             classes="note", markup=False)
        if url:  # under the code, on one line: a phone user can also type it
            yield Static(Text(url), classes="url", id="url", markup=False)
