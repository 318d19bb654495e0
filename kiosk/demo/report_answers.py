"""The loop closed, in the demo: reports staff fixed and residents answered "修好了吗？" (one not
satisfied at first, fixed again), the roof leak linked to the roof project, so that the lobby, the
TV, the phone pages and the export show the three rates on a fresh demo. The roof leak itself
stays fixed and unanswered: typing its ticket in 查询进度 asks the question."""

from __future__ import annotations

import datetime as dt
import random

from kiosk import clock
from kiosk.db.models import Estate, Project, Report
from kiosk.demo.data import ACTOR
from kiosk.demo.rules import ROOF
from kiosk.domain import codes, estates, report_loop, reports

TICKET_SEED = 1907  # their own tickets: the demo's other reports keep theirs
ESTATE = "盈谷中心小区"
# (category, building, what the resident wrote, days ago, hours until taken up, answers in order;
# an answer of "unsatisfied" reopens it and staff fix it again two days later).
FIXED = (
    ("stair_tiles", "1号楼", "楼道二层扶手松动，老人上下楼不放心。", 25, 3, ("satisfied",)),
    ("unit_door", "4号楼", "单元门闭门器漏油，门关得太猛。", 20, 1, ("basic",)),
    ("road", "6号楼", "楼门口路面塌陷一块，雨天积水。", 18, 30, ("unsatisfied", "satisfied")),
)


def fixed_and_answered() -> None:
    estate = Estate.get(Estate.name == ESTATE)
    buildings = {b.name: b for b in estates.layout(estate.id)}
    now = clock.now()
    with codes.seeded(random.Random(TICKET_SEED)):
        for category, building, text, days_ago, hours, answers in FIXED:
            _walk(estate.id, buildings[building].id, category, text, now - dt.timedelta(days=days_ago), hours, answers)
    roof = Project.get(Project.estate == estate.id, Project.title == ROOF)
    leak = Report.get(Report.description == "顶层卧室天花板漏雨，下雨就滴水。")
    report_loop.link(ACTOR, leak.id, project_id=roof.id)


def _walk(estate_id: int, building_id: int, category: str, text: str, filed: dt.datetime, hours: int,
          answers: tuple[str, ...]) -> None:
    """Filed at `filed` (the clock stopped there), taken up `hours` later, fixed, answered."""
    clock.freeze(filed)
    try:
        r = reports.submit(ACTOR, estate_id, category, building_id, text)
        clock.advance(dt.timedelta(hours=hours))
        reports.transition(ACTOR, r.id, "accepted", "已受理，物业将上门查看。")
        reports.transition(ACTOR, r.id, "in_progress", "施工队已安排维修。")
        for rating in answers:
            clock.advance(dt.timedelta(days=2))
            reports.transition(ACTOR, r.id, "resolved", "已修复，请居民确认。")
            clock.advance(dt.timedelta(hours=5))
            report_loop.answer(r.ticket, rating, "kiosk", estate_id=estate_id)
    finally:
        clock.freeze(None)
