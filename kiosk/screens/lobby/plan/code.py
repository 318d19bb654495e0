"""一户一策: the statement code from the household's slip. The right code replaces this step by
the statement, so that going back from it lands on the overview, not on the typed code."""

from __future__ import annotations

from kiosk.domain import codes, plans
from kiosk.i18n import N_, _
from kiosk.screens.lobby.vote.code_step import CodeScreen


class PlanCodeScreen(CodeScreen):
    SECTION = N_("One household, one policy")
    KIND = "statement"
    DIGITS = codes.CODE_DIGITS

    def prompt(self) -> str:
        return _("Type the {n}-digit statement code from your household's slip, then press Enter.").format(n=self.DIGITS)

    def note(self) -> str:
        return _("Only your own household's share is shown, and only until you go back.")

    def lookup(self, typed: str) -> plans.Statement:
        return plans.statement(typed)

    async def found(self, typed: str, statement: plans.Statement) -> None:
        from kiosk.screens.lobby.plan.mine import PlanMineScreen

        self.app.pop_screen()
        self.app.open_screen(PlanMineScreen(statement))
