"""The demo's closed project: the lift of 文乐胡同14号楼, paid out to its two contractors (each payment
entered by one staff member, approved by another), then accepted by the owners' representatives,
the property company and the community, with what the owners paid beyond the final account
returned to them. Closed a few days ago, so the lobby and the TV still show it."""

from __future__ import annotations

import datetime as dt

from kiosk import clock
from kiosk.db.models import Project
from kiosk.domain import acceptance, funding, payments

TITLE = "整栋老楼加装电梯（6部）"
ENTERED_BY, APPROVED_BY = "fang", "admin"  # two of the demo's staff: never the same person
RETURNED_FEN = 13_500_00  # the owners' money left over, returned to them
PAID, ACCEPTED = 30, 10  # days ago


def lift_accepted() -> None:
    project = Project.get_or_none(Project.title == TITLE)
    if project is None:
        return
    received = {s.key: s.received_fen for s in funding.snapshot(project.id).sources}
    lifts = {k: received[k] for k in ("government", "subdistrict", "units")} | {"owners": 420_000_00}
    works = {k: received[k] for k in ("community", "property")} | {"owners": received["owners"] - 420_000_00 - RETURNED_FEN}
    now = clock.now()
    try:
        for days_ago, payee, purpose, document_no, shares in (
            (PAID, "北京安顺电梯工程有限公司", "电梯设备与安装（6部）", "HT-2026-DT06", lifts),
            (PAID - 5, "北京京建土木工程有限公司", "井道基础与连廊土建", "FP-0077410", works),
        ):
            clock.freeze(now - dt.timedelta(days=days_ago))
            p = payments.enter(ENTERED_BY, project.id, payee, purpose, document_no, sum(shares.values()), clock.today(), shares)
            clock.freeze(now - dt.timedelta(days=days_ago - 1))
            payments.approve(APPROVED_BY, p.id, "合同、发票与验收单相符")
        clock.freeze(now - dt.timedelta(days=ACCEPTED))
        paid = funding.snapshot(project.id).paid_fen
        acceptance.accept(ENTERED_BY, project.id, clock.today() - dt.timedelta(days=2), acceptance.PARTIES,
                          final_account_fen=paid, leftover_action="returned",
                          note="6部电梯已通过特种设备监督检验并交付使用。业主多缴部分按户退还，凭原收据到社区办理。")
    finally:
        clock.freeze(None)
