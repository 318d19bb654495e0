"""我要认捐: type an amount in yuan."""

from __future__ import annotations

from kiosk.domain.kiosk_pledges import check_amount
from kiosk.domain.money import parse_yuan
from kiosk.i18n import _
from kiosk.screens.lobby.flow import FlowStep
from kiosk.screens.lobby.typing import TypingScreen


class TypedAmountScreen(FlowStep, TypingScreen):
    MAX_LENGTH = 12
    RESTRICT = r"[0-9０-９.,，]*"

    def prompt(self) -> str:
        return _("Amount in yuan")

    def placeholder(self) -> str:
        return _("e.g. 300")

    def accept(self, value: str) -> None:
        self.draft.amount_fen = check_amount(parse_yuan(value))
        self.app.open_screen(self.flow.confirm())
