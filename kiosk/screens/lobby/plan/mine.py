"""一户一策: one household's own statement — its share by the rule, reductions, the amount and
its recorded opinion. Building, unit and floor only: the room is never shown."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from kiosk.domain import plans
from kiosk.i18n import N_
from kiosk.render import votes as render
from kiosk.render.safe import one_line
from kiosk.screens.lobby.base import ReadScreen


class PlanMineScreen(ReadScreen):
    SECTION = N_("One household, one policy")
    BACK_LABEL = N_("Done")
    SCROLLS = False

    def __init__(self, statement: plans.Statement) -> None:
        super().__init__()
        self.statement = statement

    def compose_read(self):
        yield Static(Text(one_line(self.statement.plan_title), style="bold"), classes="read-title", markup=False)
        yield Static(render.statement_table(self.statement), classes="figures", markup=False)

    async def reload(self) -> None:
        pass  # read once with the code; the code is not kept to read it again
