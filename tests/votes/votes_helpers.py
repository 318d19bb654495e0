"""Small builders for the vote and plan tests: an estate whose flats are given exactly."""

from __future__ import annotations

from kiosk.db.models import Household
from kiosk.domain import audit, estates

ACTOR = "test"


def make_estate(name: str, flats: list[tuple]) -> tuple[int, list[int]]:
    """flats: (building, unit, room, floor, area_cm2, owner_key). Returns (estate id, household ids)."""
    e = estates.add_estate(ACTOR, name)
    ids = []
    with audit.write(ACTOR) as w:
        for building, unit, room, floor, area, owner in flats:
            b = estates.ensure_building(e.id, building)
            u = estates.ensure_unit(b, unit)
            ids.append(Household.create(unit=u, room=room, floor=floor, area_cm2=area, owner_key=owner).id)
        w.record("household.import", "household_batch", w.next_seq(), count=len(ids))
    return e.id, ids


def simple_flats(areas: list[int], owners: list[str] | None = None, building: str = "1号楼") -> list[tuple]:
    owners = owners or [f"O{i}" for i in range(len(areas))]
    return [(building, "1单元", f"{i + 1:03d}", 1 + i // 4, a, o) for i, (a, o) in enumerate(zip(areas, owners))]


def race_worker(path: str, poll_id: int, household_id: int, choice: str, channel: str, code: str | None, barrier, results) -> None:
    """One of several processes casting a ballot for the same household at the same moment."""
    from kiosk.db import connection
    from kiosk.domain import votes
    from kiosk.domain.errors import DomainError

    connection.connect(path)
    barrier.wait()
    try:
        if code:
            r = votes.cast_with_code("race", code, choice)
        else:
            r = votes.cast("race", poll_id, household_id, choice, channel,
                           proxy_holder="代理人" if channel == "proxy" else "")
        results.put(("ok", channel, r.receipt))
    except DomainError as exc:
        results.put(("refused", channel, str(exc)))
    except Exception as exc:  # anything else is a failure the test must see
        results.put(("error", channel, repr(exc)))
    finally:
        connection.close()


def guard_name(db, table: str, event: str) -> str:
    """The guard trigger that refuses `event` ("update" or "delete") on an append-only table:
    SQLite has one per event, PostgreSQL one for both."""
    from kiosk.db import backend

    return f"guard_{table}_{event}" if backend.is_sqlite(db) else f"guard_{table}"


def drop_guard(db, table: str, event: str) -> str:
    """Switch a guard off as someone with the database could; returns its name."""
    from kiosk.db import backend

    name = guard_name(db, table, event)
    db.execute_sql(f"DROP TRIGGER IF EXISTS {name}" + ("" if backend.is_sqlite(db) else f" ON {table}"))
    return name
