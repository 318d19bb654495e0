"""The demo's household codes (schema version 6): every household gets its private code, drawn from
a known seed so that tests and demonstrations can type them again (only hashes are stored)."""

from __future__ import annotations

import random

from kiosk.db.models import Estate, Report
from kiosk.demo.data import ACTOR
from kiosk.domain import codes, household_codes as hc, reports

HOUSEHOLD_CODE_SEED = 1506


def household_codes() -> dict[tuple[str, str, str, str], str]:
    """The demo's household codes by (estate, building, unit, room), drawn again from the seed they
    were issued with: for tests and demonstrations."""
    out = {}
    with codes.seeded(random.Random(HOUSEHOLD_CODE_SEED)):
        for estate in Estate.select().order_by(Estate.id):
            for h in hc.in_slip_order(estate.id):
                out[(estate.name, h.unit.building.name, h.unit.name, h.room)] = codes.new_code()
    return out


def household_codes_and_me_too() -> None:
    """Every household gets its code (estate by estate, as issue() orders them), and two households
    of 5号楼 say "me too" on the window seepage with theirs."""
    with codes.seeded(random.Random(HOUSEHOLD_CODE_SEED)):
        for estate in Estate.select().order_by(Estate.id):
            hc.issue(ACTOR, estate.id)
    known = household_codes()
    report = Report.get(Report.description == "5号楼二单元四层窗户渗水。")
    for room in ("201", "402"):
        reports.me_too(ACTOR, report.id, code=known[("盈谷中心小区", "5号楼", "2单元", room)])
