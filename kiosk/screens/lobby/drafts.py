"""Half-filled forms of the lobby. They live on the app (so going back a step loses nothing) and
are dropped when the resident goes home or the kiosk is idle."""

from __future__ import annotations

import dataclasses
import uuid

# Categories that happen inside a unit, and those where the floor helps find it.
NEEDS_UNIT = frozenset({"roof_leak", "seepage", "unit_door", "stair_tiles", "lift", "other"})
NEEDS_FLOOR = frozenset({"roof_leak", "seepage", "stair_tiles"})


@dataclasses.dataclass
class Place:
    building_id: int | None = None
    building: str = ""
    unit_id: int | None = None
    unit: str = ""
    floor: int | None = None


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


@dataclasses.dataclass
class PledgeDraft:
    project_id: int
    project_title: str
    place: Place = dataclasses.field(default_factory=Place)
    room: str = ""  # typed by the resident, never shown back
    amount_fen: int | None = None
    # One key per form: pressing "confirm" twice records one pledge.
    key: str = dataclasses.field(default_factory=lambda: f"kiosk-{uuid.uuid4()}")
