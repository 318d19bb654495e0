"""The demo's households: buildings, units and flats with fictional owners, written in one audited
batch as `kiosk import households` would."""

from __future__ import annotations

import random

from kiosk.db.models import Building, Household, Unit
from kiosk.demo.data import ACTOR, GIVEN, SURNAMES
from kiosk.demo.model import Block
from kiosk.domain import audit

AREAS_CM2 = [5870, 6432, 7515, 8650, 9025, 10288, 11960]


def name(rng: random.Random) -> str:
    i = rng.randrange(0, len(GIVEN) // 2) * 2
    return rng.choice(SURNAMES) + GIVEN[i:i + 2]


def phone(rng: random.Random) -> str:
    return rng.choice(["13", "15", "18", "17"]) + f"{rng.randrange(0, 10**9):09d}"


def _households(estate_id: int, blocks: tuple[Block, ...], rng: random.Random, share_owner_every: int = 40) -> list[int]:
    ids = []
    n = 0
    buildings = [(bname, b.units, b.floors, b.per_floor) for b in blocks for bname in b.names]
    for b_sort, (bname, units, floors, per_floor) in enumerate(buildings):
        b = Building.create(estate=estate_id, name=bname, sort=b_sort)
        for u_sort in range(units):
            u = Unit.create(building=b, name=f"{u_sort + 1}单元", sort=u_sort)
            for floor in range(1, floors + 1):
                for flat in range(1, per_floor + 1):
                    n += 1
                    area = rng.choice(AREAS_CM2)
                    # Now and then one owner holds two flats: they count once in a vote.
                    owner = f"E{estate_id}-O{n - 1 if n % share_owner_every == 0 else n}"
                    h = Household.create(unit=u, room=f"{floor}{flat:02d}", floor=floor, area_cm2=area,
                                         owner_key=owner, owner_name=name(rng), phone=phone(rng))
                    ids.append(h.id)
    return ids


def structure(estate_id: int, blocks: tuple[Block, ...], rng: random.Random) -> list[int]:
    """Returns the household ids in order."""
    with audit.write(ACTOR) as w:
        ids = _households(estate_id, blocks, rng)
        w.record("household.import", "household_batch", w.next_seq(), file="demo", count=len(ids))
    return ids
