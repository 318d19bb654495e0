"""Money out, read side: what was paid from each project's funds, per source, and what is left
(结余 = received − paid). Only approved payments count; a reversal is an approved payment with
negative shares, so it simply subtracts. The writes live in `payments`.

The balance itself travels in the funding snapshot (`funding.SourceFigures.balance_fen`,
`funding.FundingSnapshot.balance_fen`), so every screen that shows what arrived shows what is left
from the same read.
"""

from __future__ import annotations

from peewee import fn

from kiosk.db.models import Payment, PaymentShare
from kiosk.domain.sources import SOURCES

COUNTED = "approved"  # pending and rejected payments are not money out


def paid_by_sources(project_ids: list[int]) -> dict[int, dict[str, int]]:
    """Approved payments of several projects, summed per source, in one query: every asked id is
    present, every source key too (0 when nothing was paid from it)."""
    out = {pid: dict.fromkeys(SOURCES, 0) for pid in project_ids}
    if not out:
        return out
    for pid, source, total in paid_query(list(out)).tuples():
        out[pid][source] = out[pid].get(source, 0) + int(total or 0)
    return out


def paid_query(project_ids: list[int], *extra):
    """(project, source, *extra, paid) per project and source: for `paid_by_sources`, and for the
    funding snapshot, which reads it in the same round trip as the totals and plans."""
    return (
        PaymentShare.select(Payment.project, PaymentShare.source, *extra, fn.SUM(PaymentShare.amount_fen))
        .join(Payment)
        .where(Payment.project.in_(list(project_ids)), Payment.status == COUNTED)
        .group_by(Payment.project, PaymentShare.source)
    )


def paid_by_source(project_id: int) -> dict[str, int]:
    """Approved payments of one project, per source (all six keys)."""
    return paid_by_sources([project_id])[project_id]


def paid_total(project_id: int) -> int:
    return sum(paid_by_source(project_id).values())
