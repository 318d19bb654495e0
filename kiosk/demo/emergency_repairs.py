"""The demo's emergency repair: a roof leak over one building of the first estate, repaired at once
from the maintenance fund and disclosed to its households afterwards (still within its period)."""

from __future__ import annotations

import datetime as dt

from kiosk import clock
from kiosk.db.models import Estate
from kiosk.demo.data import ACTOR
from kiosk.domain import emergency, estates

BUILDING = "3号楼"
COST_FEN = 1_864_350  # ¥18,643.50: the 3-fen remainder goes by the largest remainders
FOUND, REPAIRED, DISCLOSED = 9, 6, 3  # days ago


def roof_leak() -> None:
    """Found, repaired and disclosed on their days (the clock stopped at each, as staff did it)."""
    estate = Estate.select().order_by(Estate.id).first()
    buildings = {b.name: b for b in estates.layout(estate.id)}
    building = buildings.get(BUILDING) or next(iter(buildings.values()))
    today = clock.today()

    def on(days_ago: int, hour: int) -> dt.datetime:
        """A working hour of that day: the same demo whenever (and on whichever back-end) it is built."""
        return dt.datetime.combine(today - dt.timedelta(days=days_ago), dt.time(hour))

    try:
        clock.freeze(on(FOUND, 9))
        r = emergency.start(ACTOR, estate.id, "roof_leak", f"{building.name}屋面防水损坏漏雨应急维修", clock.today(),
                            buildings=[building.id],
                            description="暴雨后顶层多户渗漏。按应急程序先行维修，费用由本楼业主按建筑面积分摊。")
        clock.freeze(on(REPAIRED, 16))
        emergency.record_cost(ACTOR, r.id, COST_FEN, clock.today())
        clock.freeze(on(DISCLOSED, 10))
        emergency.disclose(ACTOR, r.id, emergency.DEFAULT_DAYS)
    finally:
        clock.freeze(None)
