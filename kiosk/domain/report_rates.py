"""Each estate's three figures for its reports, as Beijing's 接诉即办 judges the 12345 hotline:
响应率 (taken up in time), 解决率 (fixed, of those taken up) and 满意率 (满意 + 基本满意, of the
answers). Definitions and their sources: docs/operations.md, "Response, resolution and
satisfaction rates".

Counted over the reports filed in the last WINDOW_DAYS days (merged duplicates and hidden reports
left out) and the answers given in that window. A report still new whose time limit has not run
out is not counted yet: it has not failed. Computed by the database (one GROUP BY per figure),
the same on SQLite and PostgreSQL; percentages through domain.numbers (rounded down)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import peewee as pw

from kiosk import clock
from kiosk.db import backend
from kiosk.db.models import Report, ReportFeedback, database
from kiosk.domain.numbers import Percent, percent
from kiosk.i18n import _

WINDOW_DAYS = 365
# Hours within which a report must be taken up (accepted, or moved straight on to being fixed):
# 2 for the categories where waiting does damage (water through a roof, a lift), 24 for the rest.
URGENT_CATEGORIES = ("roof_leak", "lift")
URGENT_HOURS = 2
ORDINARY_HOURS = 24
FIXED = ("resolved", "closed")


@dataclasses.dataclass(frozen=True)
class Rates:
    estate_id: int
    counted: int = 0  # reports whose time limit ran out, or that were taken up
    responded: int = 0  # taken up within the time limit
    taken_up: int = 0  # taken up at all
    resolved: int = 0  # of those taken up, fixed now (a reopened one is not)
    answers: int = 0
    satisfied: int = 0
    basic: int = 0
    unsatisfied: int = 0

    @property
    def response(self) -> Percent:
        return percent(self.responded, self.counted)

    @property
    def resolution(self) -> Percent:
        return percent(self.resolved, self.taken_up)

    @property
    def satisfaction(self) -> Percent:
        return percent(self.satisfied + self.basic, self.answers)

    @property
    def empty(self) -> bool:
        return not self.counted and not self.answers


def lines(r: Rates) -> list[tuple[str, str, str]]:
    """(name, percent as printed, the counts behind it) for each of the three rates: the TV, the
    phone pages and the Markdown export say them in these words. A rate with nothing to count
    yet (no answers) is left out rather than shown as 0 %."""
    out = []
    if r.counted:
        out.append((_("Response rate"), r.response.text(trim=True),
                    _("{n} of {total} taken up in time").format(n=r.responded, total=r.counted)))
    if r.taken_up:
        out.append((_("Resolution rate"), r.resolution.text(trim=True),
                    _("{n} of {total} taken up are fixed").format(n=r.resolved, total=r.taken_up)))
    if r.answers:
        out.append((_("Satisfaction rate"), r.satisfaction.text(trim=True),
                    _("{n} of {total} answers satisfied or basically satisfied").format(n=r.satisfied + r.basic,
                                                                                      total=r.answers)))
    return out


def note() -> str:
    return _("Last {days} days; taken up in time: within {urgent} hours for roof leaks and lifts, "
             "{ordinary} hours for the rest").format(days=WINDOW_DAYS, urgent=URGENT_HOURS, ordinary=ORDINARY_HOURS)


def limit_hours(category: str) -> int:
    return URGENT_HOURS if category in URGENT_CATEGORIES else ORDINARY_HOURS


def _limit_seconds():
    return pw.Case(None, [(Report.category.in_(URGENT_CATEGORIES), URGENT_HOURS * 3600)], ORDINARY_HOURS * 3600)


def _report_counts(estate_ids: list[int] | None, now: dt.datetime, since: dt.datetime) -> dict[int, tuple]:
    # Each report's first taking-up is kept on it (Report.taken_up_at, domain/reports): one pass
    # over the window's reports, however long their trails.
    taken = Report.taken_up_at.is_null(False)
    in_time = taken & (backend.seconds_between(database.obj, Report.created_at, Report.taken_up_at) <= _limit_seconds())
    # Still new and still within its limit: not counted yet (compared in Python's time, no arithmetic).
    overdue = ((Report.category.in_(URGENT_CATEGORIES) & (Report.created_at <= now - dt.timedelta(hours=URGENT_HOURS)))
               | (Report.category.not_in(URGENT_CATEGORIES) & (Report.created_at <= now - dt.timedelta(hours=ORDINARY_HOURS))))

    def count_if(condition):
        return pw.fn.SUM(pw.Case(None, [(condition, 1)], 0))

    # Grouped by estate_id + 0, not estate_id: with its statistics SQLite otherwise walks every
    # report of every year by the estate index to save sorting 300 groups (3x slower at ten
    # times the sub-district), instead of the year's reports in the covering index.
    estate = Report.estate + 0
    q = (Report.select(estate, pw.fn.COUNT(Report.id), count_if(in_time), count_if(taken),
                       count_if(taken & Report.status.in_(FIXED)))
         .where(Report.status != "merged", Report.hidden == False,  # noqa: E712
                Report.created_at >= since, Report.created_at <= now, taken | overdue))
    if estate_ids is not None:
        q = q.where(Report.estate.in_(estate_ids))
    return {int(e): tuple(int(n or 0) for n in rest) for e, *rest in q.group_by(estate).tuples()}


def _answer_counts(estate_ids: list[int] | None, now: dt.datetime, since: dt.datetime) -> dict[int, dict[str, int]]:
    q = (ReportFeedback.select(Report.estate, ReportFeedback.rating, pw.fn.COUNT(ReportFeedback.id))
         .join(Report).where(ReportFeedback.at >= since, ReportFeedback.at <= now))
    if estate_ids is not None:
        q = q.where(Report.estate.in_(estate_ids))
    out: dict[int, dict[str, int]] = {}
    for estate_id, rating, n in q.group_by(Report.estate, ReportFeedback.rating).tuples():
        out.setdefault(estate_id, {})[rating] = int(n)
    return out


def by_estate(estate_ids: list[int] | None = None, *, now: dt.datetime | None = None,
              days: int = WINDOW_DAYS) -> dict[int, Rates]:
    """The figures of each estate named (None: every estate with reports or answers)."""
    now = now or clock.now()
    since = now - dt.timedelta(days=days)
    counts = _report_counts(estate_ids, now, since)
    answered = _answer_counts(estate_ids, now, since)
    ids = list(estate_ids) if estate_ids is not None else sorted(set(counts) | set(answered))
    out = {}
    for estate_id in ids:
        counted, responded, taken_up, resolved = counts.get(estate_id, (0, 0, 0, 0))
        a = answered.get(estate_id, {})
        out[estate_id] = Rates(estate_id, counted, responded, taken_up, resolved, sum(a.values()),
                               a.get("satisfied", 0), a.get("basic", 0), a.get("unsatisfied", 0))
    return out


def for_estate(estate_id: int, *, now: dt.datetime | None = None) -> Rates:
    return by_estate([estate_id], now=now)[estate_id]


def _shown(p: Percent, whole: int) -> str | None:
    return str(p) if whole else None  # nothing to count yet: no figure, not 0 %


def as_dict(r: Rates) -> dict:
    """The export's "report_rates": each rate as printed (rounded down; null with nothing to count)
    with the counts behind it."""
    return {
        "window_days": WINDOW_DAYS,
        "response": {"percent": _shown(r.response, r.counted), "responded": r.responded, "counted": r.counted,
                     "limit_hours": {"urgent": URGENT_HOURS, "ordinary": ORDINARY_HOURS}},
        "resolution": {"percent": _shown(r.resolution, r.taken_up), "resolved": r.resolved, "taken_up": r.taken_up},
        "satisfaction": {"percent": _shown(r.satisfaction, r.answers), "answers": r.answers, "satisfied": r.satisfied,
                         "basic": r.basic, "unsatisfied": r.unsatisfied},
    }

