"""Where: building, then unit, then floor, picked from the estate's own list (我要报事 and
我要认捐 share it). Rooms are never listed: a pledging household types its own room later."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from kiosk.domain import estates
from kiosk.i18n import N_, _
from kiosk.render.safe import one_line
from kiosk.screens.lobby.pick import Choice, PickScreen

SECTIONS = {"report": N_("Report a problem"), "pledge": N_("Pledge")}
OUTDOOR = ("road", "carport", "parking")


class PlacePickScreen(PickScreen):
    def __init__(self, flow: str, step: str) -> None:
        super().__init__()
        self.flow = flow  # "report" or "pledge"
        self.step = step  # "building", "unit" or "floor"
        self.SECTION = SECTIONS[flow]
        self.GRID = True

    @property
    def draft(self):
        return self.app.report_draft if self.flow == "report" else self.app.pledge_draft

    def _building(self) -> estates.BuildingInfo | None:
        for b in estates.layout(self.app.estate.id):
            if b.id == self.draft.place.building_id:
                return b
        return None

    def prompt(self) -> str:
        if self.step == "building":
            if self.flow == "pledge":
                return _("Which building do you live in?")
            if self.draft.category in OUTDOOR:
                return _("Which building is it nearest to?")
            return _("Which building?")
        if self.step == "unit":
            return _("Which unit of {building}?").format(building=one_line(self.draft.place.building))
        return _("Which floor?")

    def compose_intro(self):
        if self.flow == "report" and self.draft is not None and self.draft.category == "lift":
            numbers = self.app.settings.emergency_numbers
            yield Static(Text(_("Someone trapped in the lift? Call {number} now.").format(number=numbers.get("fire", "119")),
                              style="bold white on red"), classes="message", markup=False)

    def choices(self) -> list[Choice]:
        if self.draft is None:
            return []
        if self.step == "building":
            return [Choice(one_line(b.name), "", b.id) for b in estates.layout(self.app.estate.id)]
        building = self._building()
        if building is None:
            return []
        if self.step == "unit":
            out = [Choice(one_line(u.name), "", u.id) for u in building.units]
            if self.flow == "report":
                out.append(Choice(_("Not sure"), "", None))
            return out
        floors = next((u.floors for u in building.units if u.id == self.draft.place.unit_id), 0)
        out = [Choice(_("Floor {n}").format(n=f), "", f) for f in range(1, floors + 1)]
        out.append(Choice(_("Not sure"), "", None))
        return out

    def picked(self, choice: Choice) -> None:
        draft = self.draft
        if draft is None:  # the form was dropped (idle): start again from home
            self.app.leave_to_home()
            return
        place = draft.place
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
        self.app.open_screen(self.next_screen())

    def next_screen(self):
        if self.flow == "report":
            from kiosk.screens.lobby.report.steps import after_place

            return after_place(self.app, self.step)
        if self.step == "building":
            return PlacePickScreen("pledge", "unit")
        from kiosk.screens.lobby.pledge.room import RoomScreen

        return RoomScreen()
