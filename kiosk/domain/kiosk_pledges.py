"""Pledges made by a resident at the lobby kiosk (我要认捐).

The household names itself by building, unit and its own room number. The room is checked and then
forgotten: nothing returned here (nor any error message) repeats it, because the lobby screen must
never show a room. The pledge is an owners' contribution with status `pledged`; staff confirm it as
received when the money arrives.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import unicodedata

from kiosk.db.models import Building, Household, Unit
from kiosk.domain import funding, ledger
from kiosk.domain.errors import NotFound, ValidationError
from kiosk.i18n import _

# A lobby pledge above this is almost surely a typing slip; bigger gifts go through the office.
KIOSK_PLEDGE_MAX_FEN = 100_000_00
ROOM_LIMIT = 12


@dataclasses.dataclass(frozen=True)
class KioskPledge:
    """What the resident may see after pledging: building and unit, never the room."""

    contribution_id: int
    project_id: int
    project_title: str
    building: str
    unit: str
    amount_fen: int
    on: dt.date


def normalise_room(room: str | None) -> str:
    """'３０２', ' 302 ', '302室' -> '302'. Refuses empty, over-long or control characters
    without repeating what was typed."""
    s = unicodedata.normalize("NFKC", room or "").replace(" ", "").strip()
    for suffix in ("室", "号"):
        if s.endswith(suffix):
            s = s[: -len(suffix)]
    if not s:
        raise ValidationError(_("Type your room number."), "room")
    if len(s) > ROOM_LIMIT or any(unicodedata.category(ch)[0] == "C" for ch in s):
        raise ValidationError(_("That is not a room number. Please check it."), "room")
    return s


def check_amount(amount_fen: int) -> int:
    if not isinstance(amount_fen, int) or isinstance(amount_fen, bool) or amount_fen <= 0:
        raise ValidationError(_("Amount must be positive."), "amount")
    if amount_fen > KIOSK_PLEDGE_MAX_FEN:
        raise ValidationError(
            _("At the kiosk a pledge can be at most {amount}; for more, please visit the community office.").format(
                amount=f"¥{KIOSK_PLEDGE_MAX_FEN // 100:,}"),
            "amount",
        )
    return amount_fen


def _household(estate_id: int, unit_id: int | None, room: str):
    unit = (Unit.select(Unit, Building).join(Building)
            .where(Unit.id == unit_id, Building.estate == estate_id).first())
    if unit is None:
        raise ValidationError(_("Choose a unit of that building."), "unit")
    household = Household.get_or_none(Household.unit == unit.id, Household.room == room)
    if household is None:
        # Deliberately vague: the message must not confirm or repeat any room number.
        raise NotFound(_("No household with that room number in this unit. Please check it."))
    return unit, household


def check_room(estate_id: int, unit_id: int | None, room: str) -> str:
    """The room as stored, when a household of this unit lives there (asked as soon as it is
    typed, so that a wrong room is not found out only at the last step)."""
    room = normalise_room(room)
    _household(estate_id, unit_id, room)
    return room


def pledge_at_kiosk(actor: str, estate_id: int, project_id: int, unit_id: int, room: str, amount_fen: int,
                    *, idempotency_key: str | None = None) -> KioskPledge:
    """Record a household's pledge toward an active project of its own estate."""
    room = normalise_room(room)
    check_amount(amount_fen)
    project = funding.get_project(project_id)
    if project.estate_id != estate_id or project.status not in funding.ACTIVE:
        raise ValidationError(_("This project is not taking pledges."), "project")
    unit, household = _household(estate_id, unit_id, room)
    c = ledger.record(actor, project_id, "owners", amount_fen, status="pledged", household_id=household.id,
                      idempotency_key=idempotency_key, note="kiosk")
    return KioskPledge(c.id, project.id, project.title, unit.building.name, unit.name, c.amount_fen, c.pledged_on)
