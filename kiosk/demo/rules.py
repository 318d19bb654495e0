"""The owners' gifts, household by household: rules rather than rows, because each of hundreds of
households follows its estate's pattern (and the seeded generator picks the amounts)."""

from __future__ import annotations

import random
from typing import Iterator

from kiosk.demo.model import Gift

ROOF = "楼顶防水与墙体渗水修缮"
ROAD = "院内道路及车库出入口路面修复"
WH_WORKS = "院内路面、采光井及车棚修缮"
LIFT = "整栋老楼加装电梯（6部）"
PARKING = "停车场建设与停车秩序治理"


def yingu_owners(households: list[int], rng: random.Random) -> Iterator[Gift]:
    """Most households put in a little toward the roof; every third one toward the road too."""
    for i, hid in enumerate(households):
        if i % 9 == 8:
            continue
        yield Gift(ROOF, "owners", rng.choice([20_000, 25_000, 30_000]), "received", 30 + i % 20, household=hid,
                   receipt=f"YG-H{i + 1:04d}", key=f"demo-yg-h1-{i}")
        if i % 3 == 0:
            status = "received" if i % 2 == 0 else "pledged"
            yield Gift(ROAD, "owners", rng.choice([30_000, 50_000]), status, i % 10, household=hid,
                       receipt=f"YG-R{i + 1:04d}" if status == "received" else None, key=f"demo-yg-h2-{i}")


def wuhao_owners(households: list[int], rng: random.Random) -> Iterator[Gift]:
    """Every household pledges ¥1,500; three in four have paid."""
    for i, hid in enumerate(households):
        status = "received" if i % 4 else "pledged"
        yield Gift(WH_WORKS, "owners", 150_000, status, i % 14, household=hid,
                   receipt=f"WH-{i + 1:04d}" if status == "received" else None, key=f"demo-wh-{i}")


LIFT_SHARE_BY_FLOOR = {1: 0, 2: 0, 3: 700_000, 4: 1_000_000, 5: 1_300_000, 6: 1_600_000}


def wenle_owners(households: list[int], rng: random.Random) -> Iterator[Gift]:
    """The lift's shares by floor (two flats a floor, six floors a unit); floors 1-2 pay nothing."""
    for i, hid in enumerate(households):
        share = LIFT_SHARE_BY_FLOOR[(i // 2) % 6 + 1]
        if share:
            yield Gift(LIFT, "owners", share, "received", 180 - i, household=hid, receipt=f"WL-H{i + 1:03d}")
