"""一户一策: how many households of each unit agreed (nobody's amount or opinion), and 1 for a
household's own statement with the code from its slip."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from kiosk.domain import plans
from kiosk.i18n import N_, _
from kiosk.render import votes as render
from kiosk.render.safe import one_line
from kiosk.screens.lobby.base import ReadScreen
from kiosk.widgets.key_tile import KeyTile

MAX_BAR = 80


class PlanOverviewScreen(ReadScreen):
    SECTION = N_("One household, one policy")

    def read(self) -> list:
        return [(p, plans.summary(p.id), plans.building_view(p.id)) for p in plans.list_plans(estate_id=self.app.estate.id)]

    def compose_read(self):
        width = min(MAX_BAR, max(30, self.app.size.width - 4))
        if not self.data:
            yield Static(Text(_("There is no household plan for this estate.")), classes="dim", markup=False)
        for p, s, building_view in self.data:
            head = Text(one_line(p.title), style="bold")
            head.append("  " + one_line(p.project), style="dim")
            yield Static(head, classes="read-title", markup=False)
            yield Static(Text(_("{agreed} of {n} households agree.").format(agreed=s.agreed, n=s.households)), markup=False)
            yield Static(render.unit_consents(building_view, width), classes="detail", markup=False)

    def key_tiles(self) -> list[KeyTile]:
        tiles = super().key_tiles()  # 0, then 8 and 9
        if self.data:
            tiles.insert(1, KeyTile("1", _("My household's statement"), action="mine"))
        return tiles

    def tile_mine(self, _value=None) -> None:
        from kiosk.screens.lobby.plan.code import PlanCodeScreen

        self.app.open_screen(PlanCodeScreen())
