"""The loop closed: a report answered by a project or a poll, and "修好了吗？" asked of whoever holds
its ticket once staff mark it fixed.

Each fix (a "resolved" event of the report) is answered once: ReportFeedback.resolution is
unique, so a second answer, or two at once, is refused. 不满意 reopens the report (back to "being
fixed", with a public trail event); when staff fix it again, the new fix may be asked again."""

from __future__ import annotations

import dataclasses
import datetime as dt

import peewee as pw

from kiosk import clock
from kiosk.db.models import Poll, Project, Report, ReportEvent, ReportFeedback
from kiosk.domain import audit, reports, tickets
from kiosk.domain.errors import Conflict, NotFound, ValidationError
from kiosk.i18n import N_, _

QUESTION = N_("Is it fixed?")
RATINGS = {
    "satisfied": N_("Satisfied"),
    "basic": N_("Basically satisfied"),
    "unsatisfied": N_("Not satisfied"),
}
SATISFIED = ("satisfied", "basic")  # what the satisfaction rate counts
CHANNELS = ("kiosk", "web")
# Answers without a name, like "me too" taps: one person at one kiosk cannot pile them up.
ANSWERS_PER_MINUTE = 3


def rating_label(key: str) -> str:
    return _(RATINGS.get(key, key))


@dataclasses.dataclass(frozen=True)
class Link:
    """What answers a report: a project, a poll, or neither."""

    project_id: int | None
    project_title: str
    poll_id: int | None
    poll_title: str


@dataclasses.dataclass(frozen=True)
class Question:
    """A fix waiting for the resident's answer."""

    ticket: str
    resolution_id: int
    resolved_at: dt.datetime


@dataclasses.dataclass(frozen=True)
class Answered:
    ticket: str
    rating: str
    reopened: bool


def link(actor: str, report_id: int, *, project_id: int | None = None, poll_id: int | None = None,
         expected_version: int | None = None) -> reports.ReportInfo:
    """Name the project or poll (of the report's estate) that answers a report; neither clears it."""
    with audit.write(actor) as w:
        r = Report.get_or_none(Report.id == report_id)
        if r is None:
            raise NotFound(_("No report with id {id}.").format(id=report_id))
        if expected_version is not None and r.version != expected_version:
            raise Conflict(_("Someone else changed this report while you were editing. Reload and try again."))
        if project_id is not None and not Project.select().where(Project.id == project_id,
                                                                 Project.estate == r.estate_id).exists():
            raise ValidationError(_("Choose a project of this report's estate."), "project")
        if poll_id is not None and not Poll.select().where(Poll.id == poll_id, Poll.estate == r.estate_id).exists():
            raise ValidationError(_("Choose a poll of this report's estate."), "poll")
        (Report.update(project=project_id, poll=poll_id, version=Report.version + 1)
         .where(Report.id == report_id).execute())
        w.record("report.link", "report", report_id, project=project_id, poll=poll_id,
                 previous_project=r.project_id, previous_poll=r.poll_id)
    return reports.get(report_id)


def linked(report_ids: list[int]) -> dict[int, Link]:
    """The project or poll each report names (reports naming neither are left out)."""
    if not report_ids:
        return {}
    q = (Report.select(Report.id, Project.id, Project.title, Poll.id, Poll.title)
         .join(Project, pw.JOIN.LEFT_OUTER, on=(Report.project == Project.id))
         .switch(Report).join(Poll, pw.JOIN.LEFT_OUTER, on=(Report.poll == Poll.id))
         .where(Report.id.in_(report_ids), (Report.project.is_null(False)) | (Report.poll.is_null(False))))
    return {rid: Link(pid, ptitle or "", vid, vtitle or "") for rid, pid, ptitle, vid, vtitle in q.tuples()}


def _latest_fix(report_id: int) -> ReportEvent | None:
    return (ReportEvent.select().where(ReportEvent.report == report_id, ReportEvent.status == "resolved")
            .order_by(ReportEvent.id.desc()).first())


def _find(ticket: str, estate_id: int | None) -> Report:
    ticket = tickets.parse(ticket)
    q = Report.select().where(Report.ticket == ticket)
    if estate_id is not None:
        q = q.where(Report.estate == estate_id)
    r = q.first()
    if r is None:
        raise NotFound(_("No report with ticket number {ticket}.").format(ticket=tickets.show(ticket)))
    return r


def report_id(ticket: str, *, estate_id: int | None = None) -> int:
    """The report a typed ticket names (staff tools: any estate unless `estate_id`)."""
    return _find(ticket, estate_id).id


def question(ticket: str, *, estate_id: int | None) -> Question | None:
    """The fix the holder of `ticket` is asked about, or None (not fixed, or answered already)."""
    r = _find(ticket, estate_id)
    if r.status != "resolved":
        return None
    fix = _latest_fix(r.id)
    if fix is None or ReportFeedback.select().where(ReportFeedback.resolution == fix.id).exists():
        return None
    return Question(r.ticket, fix.id, fix.at)


def answer(ticket: str, rating: str, channel: str, kiosk: str = "", *, estate_id: int | None = None,
           per_minute: int | None = ANSWERS_PER_MINUTE) -> Answered:
    """The resident's answer to "修好了吗？" for the report's latest fix. 不满意 reopens the report
    in the same transaction. At most `per_minute` answers a minute from one kiosk (when named)."""
    if rating not in RATINGS:
        raise ValidationError(_("Choose one of the three answers."), "rating")
    if channel not in CHANNELS:
        raise ValidationError(_("Unknown channel {channel}.").format(channel=channel), "channel")
    kiosk = (kiosk or "")[:64]
    now = clock.now()
    reopened = rating == "unsatisfied"
    try:
        with audit.write(f"{channel}@{kiosk}" if kiosk else channel) as w:
            r = _find(ticket, estate_id)
            fix = _latest_fix(r.id) if r.status == "resolved" else None
            if fix is None:
                raise Conflict(_("This report is not marked fixed, so there is nothing to answer yet."))
            if ReportFeedback.select().where(ReportFeedback.resolution == fix.id).exists():
                raise Conflict(_("This fix has been answered already. Thank you!"))
            if per_minute is not None and kiosk and (
                    ReportFeedback.select().where(ReportFeedback.kiosk == kiosk,
                                                  ReportFeedback.at > now - dt.timedelta(minutes=1)).count() >= per_minute):
                raise ValidationError(_("Many answers were given here just now. Please try again in a minute."), "rating")
            ReportFeedback.insert(report=r.id, resolution=fix.id, rating=rating, channel=channel, kiosk=kiosk,
                                  at=now).execute()
            if reopened:
                Report.update(**reports.moved_fields(r, "in_progress", now)).where(Report.id == r.id).execute()
                ReportEvent.create(report=r.id, at=now, status="in_progress", note=reports.REOPENED_NOTE,
                                   actor=reports.REOPENED_BY)
            w.record("report.answer", "report", r.id, rating=rating, channel=channel, resolution=fix.id,
                     reopened=reopened, **({"kiosk": kiosk} if kiosk else {}))
    except pw.IntegrityError:  # the same fix answered at the same moment elsewhere
        raise Conflict(_("This fix has been answered already. Thank you!")) from None
    return Answered(r.ticket, rating, reopened)


def answers(report_id: int) -> list[tuple[dt.datetime, str, str]]:
    """A report's answers, oldest first: (when, rating, channel). For staff."""
    return list(ReportFeedback.select(ReportFeedback.at, ReportFeedback.rating, ReportFeedback.channel)
                .where(ReportFeedback.report == report_id).order_by(ReportFeedback.id).tuples())
