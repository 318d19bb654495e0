"""Where: building, then unit, then floor, picked from the estate's own list (我要报事 and
我要认捐 share it). Rooms are never listed: a pledging household types its own room later."""

from __future__ import annotations

import dataclasses

from rich.text import Text
from textual.widgets import Static

from kiosk.domain import estates
from kiosk.i18n import _
from kiosk.render.safe import one_line
from kiosk.screens.lobby.flow import FlowStep
from kiosk.screens.lobby.pick import Choice, PickScreen

OUTDOOR = ("road", "carport", "parking")


@dataclasses.dataclass
class Place:
    building_id: int | None = None
    building: str = ""
    unit_id: int | None = None
    unit: str = ""
    floor: int | None = None


class PlacePickScreen(FlowStep, PickScreen):
    """One of the place steps of a flow (its KIND is "report" or "pledge"); the flow says what
    comes after (`await flow.after_place(app, step)`)."""

    GRID = True

    def __init__(self, flow, step: str) -> None:
        super().__init__(flow)
        self.step = step  # "building", "unit" or "floor"
        self.kind = flow.KIND

    def read(self) -> list[estates.BuildingInfo]:
        return estates.layout(self.app.estate.id)

    def _building(self) -> estates.BuildingInfo | None:
        for b in self.data or []:
            if b.id == self.draft.place.building_id:
                return b
        return None

    def prompt(self) -> str:
        if self.step == "building":
            if self.kind == "pledge":
                return _("Which building do you live in?")
            if self.draft.category in OUTDOOR:
                return _("Which building is it nearest to?")
            return _("Which building?")
        if self.step == "unit":
            return _("Which unit of {building}?").format(building=one_line(self.draft.place.building))
        return _("Which floor?")

    def compose_intro(self):
        if self.kind == "report" and self.draft.category == "lift":
            numbers = self.app.settings.emergency_numbers
            yield Static(Text(_("Someone trapped in the lift? Call {number} now.").format(number=numbers.get("fire", "119")),
                              style="bold white on red"), classes="message", markup=False)

    def choices(self) -> list[Choice]:
        if self.step == "building":
            return [Choice(one_line(b.name), "", b.id) for b in self.data or []]
        building = self._building()
        if building is None:
            return []
        if self.step == "unit":
            out = [Choice(one_line(u.name), "", u.id) for u in building.units]
            if self.kind == "report":
                out.append(Choice(_("Not sure"), "", None))
            return out
        floors = next((u.floors for u in building.units if u.id == self.draft.place.unit_id), 0)
        out = [Choice(_("Floor {n}").format(n=f), "", f) for f in range(1, floors + 1)]
        out.append(Choice(_("Not sure"), "", None))
        return out

    async def picked(self, choice: Choice) -> None:
        place = self.draft.place
        if self.step == "building":
            if place.building_id != choice.value:
                place.unit_id, place.unit, place.floor = None, "", None
            place.building_id, place.building = choice.value, choice.label
        elif self.step == "unit":
            if place.unit_id != choice.value:
                place.floor = None
            place.unit_id, place.unit = choice.value, choice.label if choice.value is not None else ""
        else:
            place.floor = choice.value
        self.app.open_screen(await self.flow.after_place(self.app, self.step))
