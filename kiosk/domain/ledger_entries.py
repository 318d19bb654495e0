"""The ledger as staff see it: every entry of a project with who gave it. Staff screens only:
a household is named by building, unit and room, which public screens never show."""

from __future__ import annotations

import dataclasses

import peewee as pw

from kiosk.db.models import Building, Contribution, Household, Unit
from kiosk.domain.ledger import ContributionInfo, _info


@dataclasses.dataclass(frozen=True)
class StaffEntry:
    entry: ContributionInfo
    who: str  # organisation name, or building + unit + room for a household


def for_staff(project_id: int, *, status: str | None = None, limit: int = 1000) -> list[StaffEntry]:
    """Newest first."""
    q = (
        Contribution.select(Contribution, Household, Unit, Building)
        .join(Household, pw.JOIN.LEFT_OUTER).join(Unit, pw.JOIN.LEFT_OUTER).join(Building, pw.JOIN.LEFT_OUTER)
        .where(Contribution.project == project_id)
        .order_by(Contribution.id.desc())
        .limit(limit)
    )
    if status:
        q = q.where(Contribution.status == status)
    out = []
    for c in q:
        if c.household_id is not None:
            h = c.household
            who = f"{h.unit.building.name}{h.unit.name}{h.room}"
            if c.contributor:
                who = f"{who} {c.contributor}"
        else:
            who = c.contributor
        out.append(StaffEntry(_info(c), who))
    return out
