"""What the staff dashboard shows on one screen: money per project today and in total, open
reports by status, works nobody has updated for a week, meetings and notices coming up.

Money is summed in SQL (one GROUP BY over the ledger), never by looping over entries in Python.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import peewee as pw

from kiosk import clock
from kiosk.db.models import Contribution, Estate, Project
from kiosk.domain import funding, meetings, notices, reports, works


@dataclasses.dataclass(frozen=True)
class ProjectMoney:
    project_id: int
    estate: str
    title: str
    status: str
    target_fen: int
    received_today_fen: int  # entries marked received with today's date
    pledged_today_fen: int  # pledges made today that are not cancelled (paid since or not)
    received_fen: int  # everything received
    pledged_fen: int  # pledged and not yet received


def money_by_project(day: dt.date | None = None, *, active_only: bool = False) -> list[ProjectMoney]:
    """One row per project (projects without money too), in project order."""
    day = day or clock.today()
    c = Contribution
    amount = c.amount_fen

    def total(condition) -> pw.Expression:
        return pw.fn.COALESCE(pw.fn.SUM(pw.Case(None, [(condition, amount)], 0)), 0)

    q = (
        Project.select(
            Project.id, Estate.name, Project.title, Project.status, Project.target_fen,
            total((c.status == "received") & (c.received_on == day)),
            total((c.created_status == "pledged") & (c.status != "cancelled") & (c.pledged_on == day)),
            total(c.status == "received"),
            total(c.status == "pledged"),
        )
        .join(Estate, on=(Project.estate == Estate.id))
        .switch(Project)
        .join(c, pw.JOIN.LEFT_OUTER, on=(c.project == Project.id))
        .group_by(Project.id, Estate.name, Project.title, Project.status, Project.target_fen)
        .order_by(Project.id)
        .tuples()
    )
    if active_only:
        q = q.where(Project.status.in_(funding.ACTIVE))
    return [
        ProjectMoney(pid, estate, title, status, int(target), int(rt), int(pt), int(r), int(p))
        for pid, estate, title, status, target, rt, pt, r, p in q
    ]


@dataclasses.dataclass(frozen=True)
class Summary:
    open_reports: dict[str, int]  # status -> count, open statuses only, in lifecycle order
    money: list[ProjectMoney]
    stale_works: list[funding.ProjectInfo]  # under way, no stage updated for a week
    upcoming_meetings: list[meetings.MeetingInfo]  # the next two weeks
    expiring_notices: list[notices.NoticeInfo]  # live notices that expire within three days


def summary(now: dt.datetime | None = None, *, stale_days: int = 7, meeting_days: int = 14,
            expiring_within: dt.timedelta = dt.timedelta(days=3)) -> Summary:
    now = now or clock.now()
    counts = reports.counts_by_status()
    open_reports = {s: counts.get(s, 0) for s in reports.OPEN}
    horizon = now + dt.timedelta(days=meeting_days)
    upcoming = [m for m in meetings.list_meetings(upcoming=True) if m.held_at <= horizon]
    stale = [funding.get_project(pid) for pid in works.stale(stale_days, now)]
    return Summary(
        open_reports=open_reports,
        money=money_by_project(now.date()),
        stale_works=stale,
        upcoming_meetings=upcoming,
        expiring_notices=notices.expiring(expiring_within, now),
    )
