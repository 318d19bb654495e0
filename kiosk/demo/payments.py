"""The demo's payments out of the first estate's road works (its second project): two entered by one
staff member and approved by another, a third still waiting for its approval."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from kiosk import clock
from kiosk.db.models import Project, Stage
from kiosk.domain import payments

ENTERED_BY, APPROVED_BY = "fang", "admin"  # two of the demo's staff: never the same person


class DemoPayment(NamedTuple):
    stage: str
    payee: str
    document_no: str
    shares: dict[str, int]
    days_ago: int
    approved: bool


PAYMENTS = (
    DemoPayment("旧路面铣刨", "北京通达市政工程有限公司", "HT-2026-047",
                {"government": 38_000_00, "subdistrict": 12_000_00}, 30, True),
    DemoPayment("沥青摊铺", "北京通达市政工程有限公司", "FP-0088231",
                {"government": 22_000_00, "units": 15_000_00, "owners": 8_500_00}, 9, True),
    DemoPayment("沥青摊铺", "北京京建沥青材料有限公司", "FP-0091577",
                {"subdistrict": 10_000_00, "property": 6_800_00}, 2, False),
)


def road_payments() -> None:
    """Entered on the day paid, approved the next afternoon (the clock stopped at each)."""
    project = Project.select().order_by(Project.id).offset(1).first()
    stages = dict(Stage.select(Stage.name, Stage.id).where(Stage.project == project.id).tuples())
    now = clock.now()
    try:
        for p in PAYMENTS:
            paid = dt.datetime.combine(now.date() - dt.timedelta(days=p.days_ago), dt.time(10))
            clock.freeze(paid)
            entered = payments.enter(ENTERED_BY, project.id, p.payee, p.stage, p.document_no, sum(p.shares.values()),
                                     paid.date(), p.shares, stage_id=stages.get(p.stage))
            if p.approved:
                clock.freeze(paid + dt.timedelta(days=1, hours=5))
                payments.approve(APPROVED_BY, entered.id, "合同、发票与验收单相符")
    finally:
        clock.freeze(None)
