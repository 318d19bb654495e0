"""我要报事 as one flow: the draft and the order of its steps, in one place:
category -> building -> unit (indoors) -> floor (where it helps) -> "me too" (when the same problem
is already open in that building) -> description -> phone -> confirm -> ticket."""

from __future__ import annotations

import dataclasses

from kiosk.domain import reports
from kiosk.i18n import N_
from kiosk.screens.lobby.flow import Flow
from kiosk.screens.lobby.place_pick import Place, PlacePickScreen
from kiosk.screens.lobby.report.category import ReportCategoryScreen
from kiosk.screens.lobby.report.confirm import ReportConfirmScreen
from kiosk.screens.lobby.report.description import DescriptionScreen
from kiosk.screens.lobby.report.me_too import MeTooScreen
from kiosk.screens.lobby.report.phone import PhoneScreen
from kiosk.screens.reads import read_now

# Categories that happen inside a unit, and those where the floor helps find it.
NEEDS_UNIT = frozenset({"roof_leak", "seepage", "unit_door", "stair_tiles", "lift", "other"})
NEEDS_FLOOR = frozenset({"roof_leak", "seepage", "stair_tiles"})


@dataclasses.dataclass
class ReportDraft:
    category: str = ""
    place: Place = dataclasses.field(default_factory=Place)
    description: str = ""
    phone: str = ""

    @property
    def needs_unit(self) -> bool:
        return self.category in NEEDS_UNIT

    @property
    def needs_floor(self) -> bool:
        return self.category in NEEDS_FLOOR


class ReportFlow(Flow[ReportDraft]):
    SECTION = N_("Report a problem")
    KIND = "report"

    def __init__(self) -> None:
        super().__init__(ReportDraft())

    def category(self):
        return ReportCategoryScreen(self)

    def place(self, step: str):
        return PlacePickScreen(self, step)

    async def after_place(self, app, step: str):
        """The screen after the building/unit/floor step `step` (similar reports are looked up
        in a worker)."""
        draft = self.draft
        if step == "building" and draft.needs_unit:
            return self.place("unit")
        if step in ("building", "unit") and draft.needs_floor and draft.place.unit_id is not None:
            return self.place("floor")
        estate_id, category, building_id = app.estate.id, draft.category, draft.place.building_id
        if await read_now(app, lambda: reports.similar_open(estate_id, category, building_id), name="read similar reports"):
            return MeTooScreen(self)
        return self.describe()

    def describe(self):
        return DescriptionScreen(self)

    def phone(self):
        return PhoneScreen(self)

    def confirm(self):
        return ReportConfirmScreen(self)
