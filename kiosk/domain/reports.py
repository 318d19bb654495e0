"""Problem reports (我要报事): submitted at the kiosk, triaged by staff, followed by ticket number.

What a resident types (the description, the phone) is for staff only. The public trail — the track
screen, the "me too" list, the TV — shows the category, the place, the status, the dates, staff's
public notes and the summary staff chose to publish, all masked (kiosk.domain.privacy)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata

import peewee as pw

from kiosk import clock
from kiosk.db.models import Building, Report, ReportEvent, ReportMeToo, Unit
from kiosk.domain import audit, household_codes, privacy, tickets
from kiosk.domain.errors import Conflict, NotFound, TransitionRefused, ValidationError
from kiosk.domain.text import clean_line, clean_text
from kiosk.i18n import N_, _

CATEGORIES = {
    "roof_leak": N_("Roof leak"),
    "seepage": N_("Wall or window seepage"),
    "unit_door": N_("Unit door"),
    "stair_tiles": N_("Stairwell tiles"),
    "road": N_("Road surface"),
    "carport": N_("Carport"),
    "parking": N_("Parking"),
    "lift": N_("Lift"),
    "other": N_("Other"),
}
# Not a form: these need a phone call now.
EMERGENCIES = {
    "gas": N_("Smell of gas"),
    "fire": N_("Fire or smoke"),
    "lift_trapped": N_("Someone trapped in a lift"),
    "live_wire": N_("Exposed live wire"),
}
STATUSES = {
    "new": N_("Submitted"),
    "accepted": N_("Accepted"),
    "in_progress": N_("Being fixed"),
    "resolved": N_("Fixed"),
    "closed": N_("Closed"),
    "rejected": N_("Not taken up"),
    "merged": N_("Merged with another report"),
}
OPEN = ("new", "accepted", "in_progress")
# A move to one of these takes a report up; the first one's time is kept on the report
# (Report.taken_up_at), from which the response rate is counted (domain/report_rates).
TAKEN_UP = ("accepted", "in_progress", "resolved")
TRANSITIONS = {
    "new": {"accepted", "rejected", "merged"},
    "accepted": {"in_progress", "rejected", "merged", "resolved"},
    "in_progress": {"resolved", "merged"},
    "resolved": {"closed", "in_progress"},
    "closed": set(),
    "rejected": set(),
    "merged": set(),
}
DESCRIPTION_LIMIT = 300
SUMMARY_LIMIT = 300
# A published summary is kept as an event of this kind (history kept, like every public note);
# the newest one is the report's public summary. It is not a status: the trail leaves it out.
SUMMARY = "summary"
# The trail event an unsatisfied answer to "修好了吗？" adds (report_loop.answer): kept as this
# message id by the actor "resident" and shown in the reader's language.
REOPENED_NOTE = N_("The resident was not satisfied: being fixed again")
REOPENED_BY = "resident"
NEW_TICKET_TRIES = 20
_PHONE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|\d{7,8})$", re.ASCII)


def category_label(key: str) -> str:
    return _(CATEGORIES.get(key, key))


def status_label(key: str) -> str:
    return _(STATUSES.get(key, key))


@dataclasses.dataclass(frozen=True)
class ReportInfo:
    """Staff view (includes the private phone)."""

    id: int
    ticket: str
    estate_id: int
    category: str
    building: str
    unit: str
    floor: int | None
    description: str  # private: what the resident typed
    phone: str | None
    status: str
    me_too: int
    merged_into: int | None
    hidden: bool
    created_at: dt.datetime
    updated_at: dt.datetime
    version: int
    summary: str = ""  # what staff published (masked), empty when nothing is


@dataclasses.dataclass(frozen=True)
class PublicReport:
    """What a resident may see: no description, no phone, no room; the summary staff published.
    `ticket` is for whoever filed or typed it (their handle for 修好了吗) and never goes in a list:
    a list names a report by `id`."""

    id: int
    ticket: str
    category: str
    building: str
    unit: str
    summary: str
    status: str
    me_too: int
    created_at: dt.datetime
    updated_at: dt.datetime


@dataclasses.dataclass(frozen=True)
class TrailStep:
    at: dt.datetime
    status: str
    note: str


@dataclasses.dataclass(frozen=True)
class PublicTrail:
    report: PublicReport
    steps: tuple[TrailStep, ...]


def _q():
    return Report.select(Report, Building, Unit).join(Building).switch(Report).join(Unit, pw.JOIN.LEFT_OUTER)


def _summaries(report_ids: list[int]) -> dict[int, str]:
    """The newest published summary of each report (as stored: masked when published)."""
    out: dict[int, str] = {}
    if not report_ids:
        return out
    q = (ReportEvent.select(ReportEvent.report, ReportEvent.note)
         .where(ReportEvent.report.in_(report_ids), ReportEvent.status == SUMMARY)
         .order_by(ReportEvent.at, ReportEvent.id))
    for report_id, note in q.tuples():
        out[report_id] = note
    return out


def _info(r: Report, summary: str = "") -> ReportInfo:
    return ReportInfo(r.id, r.ticket, r.estate_id, r.category, r.building.name, r.unit.name if r.unit_id else "",
                      r.floor, r.description, r.phone, r.status, r.me_too, r.merged_into_id, bool(r.hidden),
                      r.created_at, r.updated_at, r.version, summary)


def _public(r: Report, summary: str) -> PublicReport:
    # Masked again on the way out: a summary or note stored before masking existed is public too.
    shown = "" if r.hidden else privacy.mask(summary)
    return PublicReport(r.id, r.ticket, r.category, r.building.name, r.unit.name if r.unit_id else "", shown,
                        r.status, r.me_too, r.created_at, r.updated_at)


def _publics(rows) -> list[PublicReport]:
    rows = list(rows)
    summaries = _summaries([r.id for r in rows])
    return [_public(r, summaries.get(r.id, "")) for r in rows]


def normalise_phone(phone: str | None) -> str | None:
    s = unicodedata.normalize("NFKC", phone or "").replace(" ", "").strip()
    if not s:
        return None
    if not _PHONE.match(s):
        raise ValidationError(_("Not a phone number: use 11 digits for a mobile, or leave it empty."), "phone")
    return s


def _new_ticket() -> str:
    """Random, so no ticket tells another; unique among every estate's tickets, old ones included."""
    for _try in range(NEW_TICKET_TRIES):
        ticket = tickets.new_ticket()
        if not Report.select().where(Report.ticket == ticket).exists():
            return ticket
    raise RuntimeError("no free ticket number after %d tries" % NEW_TICKET_TRIES)


def filed_by(who: str, kiosk: str | None) -> str:
    """Who filed, as kept on the report's first event: the kiosk's name when there is one (a
    name, not a write: so its first argument is not called `actor`)."""
    return f"{who}@{kiosk}" if kiosk else who


def _too_many(estate_id: int, kiosk: str | None, filer: str, per_minute: int, now: dt.datetime) -> bool:
    since = now - dt.timedelta(minutes=1)
    if kiosk:  # this kiosk's reports: one person at one kiosk blocks no one else
        recent = ReportEvent.select().where(ReportEvent.actor == filer, ReportEvent.status == "new", ReportEvent.at > since)
    else:  # callers that name no kiosk: the whole estate, as before
        recent = Report.select().where(Report.estate == estate_id, Report.created_at > since)
    return recent.count() >= per_minute


def submit(actor: str, estate_id: int, category: str, building_id: int, description: str, *,
           unit_id: int | None = None, floor: int | None = None, phone: str | None = None,
           per_minute: int | None = None, kiosk: str | None = None) -> ReportInfo:
    """File a report. `per_minute` limits how many reports one kiosk (named by `kiosk`) accepts in
    a minute; without `kiosk` the limit counts the whole estate's reports."""
    if category not in CATEGORIES:
        raise ValidationError(_("Choose a category."), "category")
    description = clean_text(description, field="description", limit=DESCRIPTION_LIMIT)
    phone = normalise_phone(phone)
    if floor is not None and not (-3 <= int(floor) <= 60):
        raise ValidationError(_("Floor out of range."), "floor")
    now = clock.now()
    with audit.write(actor) as w:
        b = Building.get_or_none(Building.id == building_id, Building.estate == estate_id)
        if b is None:
            raise ValidationError(_("Choose a building of this estate."), "building")
        if unit_id is not None and not Unit.select().where(Unit.id == unit_id, Unit.building == building_id).exists():
            raise ValidationError(_("Choose a unit of that building."), "unit")
        filer = filed_by(actor, kiosk)
        if per_minute is not None and _too_many(estate_id, kiosk, filer, per_minute, now):
            raise ValidationError(_("Too many reports this minute. Please wait a moment and try again."), "rate")
        r = Report.create(estate=estate_id, ticket=_new_ticket(), category=category, building=building_id, unit=unit_id,
                          floor=floor, description=description, phone=phone, status="new", created_at=now, updated_at=now)
        ReportEvent.create(report=r.id, at=now, status="new", note="", actor=filer)
        w.record("report.submit", "report", r.id, ticket=r.ticket, category=category, building=building_id,
                 **({"kiosk": kiosk} if kiosk else {}))
    return get(r.id)


def get(report_id: int) -> ReportInfo:
    r = _q().where(Report.id == report_id).first()
    if r is None:
        raise NotFound(_("No report with id {id}.").format(id=report_id))
    return _info(r, _summaries([r.id]).get(r.id, ""))


def similar_open(estate_id: int, category: str, building_id: int, limit: int = 5) -> list[tuple[int, PublicReport]]:
    """Open reports of the same category in the same building: offered for "me too"."""
    q = list(_q().where(Report.estate == estate_id, Report.category == category, Report.building == building_id,
                        Report.status.in_(OPEN), Report.hidden == False)  # noqa: E712
             .order_by(Report.created_at.desc()).limit(limit))
    return list(zip((r.id for r in q), _publics(q)))


ME_TOO_UNREGISTERED_PER_MINUTE = 3  # taps without a household code, per kiosk


@dataclasses.dataclass(frozen=True)
class MeTooCount:
    """What 我也遇到 answers: the joined report's count after the tap, and no ticket. A ticket
    answers 修好了吗 (不满意 reopens), so it stays with the filer and whoever they give it to."""

    report_id: int
    counted: bool  # True: the household counted with its code; False: a tap kept apart
    households: int  # the filer's and every household counted with its code
    apart: int  # taps without a code


def me_too(actor: str, report_id: int, *, code: str | None = None, kiosk: str | None = None,
           per_minute: int | None = ME_TOO_UNREGISTERED_PER_MINUTE) -> MeTooCount:
    """我也遇到. With the household code it counts the household once per report (a second time is
    refused kindly); without one it is kept apart as a tap by a household not named (see
    unregistered_me_too), at most `per_minute` a minute per kiosk."""
    now = clock.now()
    with audit.write(actor) as w:
        r = Report.get_or_none(Report.id == report_id)
        if r is None or r.status not in OPEN:
            raise NotFound(_("That report is no longer open."))
        household_id = household_codes.check(code, r.estate_id).household_id if code else None
        if household_id is not None:
            if ReportMeToo.select().where(ReportMeToo.report == report_id, ReportMeToo.household == household_id).exists():
                raise Conflict(_("Your household is already counted on this report. Thank you!"))
            Report.update(me_too=Report.me_too + 1).where(Report.id == report_id).execute()
        elif per_minute is not None and kiosk and (
                ReportMeToo.select().where(ReportMeToo.kiosk == kiosk, ReportMeToo.household.is_null(),
                                           ReportMeToo.at > now - dt.timedelta(minutes=1)).count() >= per_minute):
            raise ValidationError(_("Many neighbours pressed this just now. Please try again in a minute, "
                                    "or use your household code."), "code")
        ReportMeToo.insert(report=report_id, household=household_id, kiosk=kiosk or "", at=now).execute()
        w.record("report.me_too", "report", report_id, household=household_id is not None,
                 **({"kiosk": kiosk} if kiosk else {}))
        # Read in the same transaction: the counts this tap made, not another kiosk's since.
        households = Report.select(Report.me_too).where(Report.id == report_id).scalar() + 1
        apart = unregistered_me_too([report_id]).get(report_id, 0)
    return MeTooCount(report_id, household_id is not None, households, apart)


def unregistered_me_too(report_ids: list[int]) -> dict[int, int]:
    """Per report, the "me too" taps made without a household code (not in the households' count)."""
    if not report_ids:
        return {}
    return dict(ReportMeToo.select(ReportMeToo.report, pw.fn.COUNT(ReportMeToo.id))
                .where(ReportMeToo.report.in_(report_ids), ReportMeToo.household.is_null())
                .group_by(ReportMeToo.report).tuples())


def _for_change(report_id: int, expected_version: int | None) -> Report:
    """The report a staff change starts from, refused if someone changed it since it was loaded."""
    r = Report.get_or_none(Report.id == report_id)
    if r is None:
        raise NotFound(_("No report with id {id}.").format(id=report_id))
    if expected_version is not None and r.version != expected_version:
        raise Conflict(_("Someone else changed this report while you were editing. Reload and try again."))
    return r


def moved_fields(r: Report, to: str, now: dt.datetime) -> dict:
    """The report row's columns a move to `to` at `now` sets: its status, and its first taking-up
    when this move is that (the trail's event is written beside it)."""
    first = {"taken_up_at": now} if to in TAKEN_UP and r.taken_up_at is None else {}
    return {"status": to, "updated_at": now, "version": Report.version + 1, **first}


def transition(actor: str, report_id: int, to: str, note: str = "", *, expected_version: int | None = None) -> ReportInfo:
    if to not in STATUSES or to == "merged":
        raise ValidationError(_("Unknown report status {status}.").format(status=to), "status")
    note = privacy.mask(clean_text(note, field="note", limit=500, required=False))
    now = clock.now()
    with audit.write(actor) as w:
        r = _for_change(report_id, expected_version)
        if to not in TRANSITIONS[r.status]:
            refused = _("A report that is 「{now}」 cannot become 「{to}」.").format(now=status_label(r.status), to=status_label(to))
            nexts = [k for k in STATUSES if k in TRANSITIONS[r.status] and k != "merged"]  # merging is its own action
            if nexts:  # what the staff member can do instead, in the order of the work
                refused += " " + _("It can become: {states}.").format(states="".join(f"「{status_label(k)}」" for k in nexts))
            raise TransitionRefused(refused)
        Report.update(**moved_fields(r, to, now)).where(Report.id == report_id).execute()
        ReportEvent.create(report=report_id, at=now, status=to, note=note, actor=actor)
        w.record("report.status", "report", report_id, status=to, previous=r.status, note=note)
    return get(report_id)


def merge(actor: str, report_id: int, into_id: int, note: str = "") -> ReportInfo:
    """A duplicate joins another report; its households (and itself) add to the other's count, each
    household once."""
    if report_id == into_id:
        raise ValidationError(_("A report cannot be merged into itself."), "into")
    note = privacy.mask(clean_text(note, field="note", limit=500, required=False))
    now = clock.now()
    with audit.write(actor) as w:
        src = Report.get_or_none(Report.id == report_id)
        dst = Report.get_or_none(Report.id == into_id)
        if src is None or dst is None:
            raise NotFound(_("No such report."))
        if "merged" not in TRANSITIONS[src.status] or dst.status not in OPEN:
            raise TransitionRefused(_("Only an open report can be merged, into another open report."))
        # Each household counts once on the report that stays: the duplicate's "me too" rows move
        # over, except those of households already counted there; taps without a code move too.
        on_dst = ReportMeToo.select(ReportMeToo.household).where(ReportMeToo.report == into_id,
                                                                  ReportMeToo.household.is_null(False))
        twice = ReportMeToo.select().where(ReportMeToo.report == report_id, ReportMeToo.household.in_(on_dst)).count()
        (ReportMeToo.update(report=into_id)
         .where(ReportMeToo.report == report_id, (ReportMeToo.household.is_null()) | ReportMeToo.household.not_in(on_dst))
         .execute())
        added = src.me_too - twice + 1  # and the duplicate's own reporter
        Report.update(status="merged", merged_into=into_id, updated_at=now, version=Report.version + 1).where(Report.id == report_id).execute()
        Report.update(me_too=Report.me_too + added, updated_at=now, version=Report.version + 1).where(Report.id == into_id).execute()
        ReportEvent.create(report=report_id, at=now, status="merged", note=note or dst.ticket, actor=actor)
        w.record("report.merge", "report", report_id, into=into_id, added=added)
    return get(into_id)


def hide(actor: str, report_id: int, reason: str) -> ReportInfo:
    """Hide an abusive report from public screens; the original stays for the record."""
    reason = clean_line(reason, field="reason", limit=200)
    with audit.write(actor) as w:
        n = Report.update(hidden=True, hidden_reason=reason, version=Report.version + 1).where(Report.id == report_id).execute()
        if n == 0:
            raise NotFound(_("No report with id {id}.").format(id=report_id))
        w.record("report.hide", "report", report_id, reason=reason)
    return get(report_id)


def publish_summary(actor: str, report_id: int, text: str, *, expected_version: int | None = None) -> ReportInfo:
    """Staff publish a cleaned summary of a report for the public trail (masked before it is
    stored, so the record holds exactly what residents see); an empty text withdraws it."""
    text = privacy.mask(clean_text(text, field="summary", limit=SUMMARY_LIMIT, required=False))
    now = clock.now()
    before = get(report_id)
    if before.summary == text and expected_version in (None, before.version):
        return before  # the same words again: no audit entry, no new event
    with audit.write(actor) as w:
        _for_change(report_id, expected_version)
        # updated_at stays: it dates the status (the TV's "solved on"), not the wording.
        Report.update(version=Report.version + 1).where(Report.id == report_id).execute()
        ReportEvent.create(report=report_id, at=now, status=SUMMARY, note=text, actor=actor)
        w.record("report.summary", "report", report_id, summary=text)
    return get(report_id)


def _note(e: ReportEvent) -> str:
    if e.actor == REOPENED_BY and e.note == REOPENED_NOTE:
        return _(REOPENED_NOTE)
    return privacy.mask(e.note)


def trail(ticket: str, *, estate_id: int | None) -> PublicTrail:
    """The public trail of the ticket a resident typed, looked up only among `estate_id`'s reports
    (None: every estate's, for staff tools). A typo is refused by its check digit before any
    lookup (ValidationError); a ticket of another estate is not found, with the same message."""
    ticket = tickets.parse(ticket)
    q = _q().where(Report.ticket == ticket)
    if estate_id is not None:
        q = q.where(Report.estate == estate_id)
    r = q.first()
    if r is None:
        raise NotFound(_("No report with ticket number {ticket}.").format(ticket=tickets.show(ticket)))
    events = list(ReportEvent.select().where(ReportEvent.report == r.id).order_by(ReportEvent.at, ReportEvent.id))
    summary = [e.note for e in events if e.status == SUMMARY]
    steps = tuple(TrailStep(e.at, e.status, _note(e)) for e in events if e.status != SUMMARY)
    return PublicTrail(_public(r, summary[-1] if summary else ""), steps)


def queue(*, estate_id: int | None = None, building_id: int | None = None, category: str | None = None,
          status: str | None = None, include_hidden: bool = True, search: str = "", limit: int = 500) -> list[ReportInfo]:
    """Staff triage queue, oldest first."""
    q = _q()
    if estate_id is not None:
        q = q.where(Report.estate == estate_id)
    if building_id is not None:
        q = q.where(Report.building == building_id)
    if category:
        q = q.where(Report.category == category)
    if status == "open":
        q = q.where(Report.status.in_(OPEN))
    elif status:
        q = q.where(Report.status == status)
    if not include_hidden:
        q = q.where(Report.hidden == False)  # noqa: E712
    if search:
        q = q.where(Report.description.contains(search) | Report.ticket.contains(search.replace(" ", "")))
    rows = list(q.order_by(Report.created_at, Report.id).limit(limit))
    summaries = _summaries([r.id for r in rows])
    return [_info(r, summaries.get(r.id, "")) for r in rows]


def counts_by_status(estate_id: int | None = None) -> dict[str, int]:
    q = Report.select(Report.status, pw.fn.COUNT(Report.id))
    if estate_id is not None:
        q = q.where(Report.estate == estate_id)
    return {s: int(n) for s, n in q.group_by(Report.status).tuples()}


def recently_resolved(estate_id: int, *, days: int = 30, limit: int = 10) -> list[PublicReport]:
    since = clock.now() - dt.timedelta(days=days)
    q = (_q().where(Report.estate == estate_id, Report.status.in_(("resolved", "closed")), Report.hidden == False,  # noqa: E712
                    Report.updated_at >= since).order_by(Report.updated_at.desc()).limit(limit))
    return _publics(q)


def public_search(*, estate_id: int | None = None, ids_in: list[int] | None = None, category: str | None = None,
                  open_only: bool | None = None, start: dt.datetime | None = None, end: dt.datetime | None = None,
                  limit: int = 1000) -> list[PublicReport]:
    """Public reports (no description, phone or room; hidden ones left out), newest first: what
    the Open311 API lists, by their ids (`ids_in`), never by ticket. `open_only` True: still open;
    False: done with; None: both."""
    q = _q().where(Report.hidden == False)  # noqa: E712
    if estate_id is not None:
        q = q.where(Report.estate == estate_id)
    if ids_in is not None:
        q = q.where(Report.id.in_(ids_in))
    if category:
        q = q.where(Report.category == category)
    if open_only is True:
        q = q.where(Report.status.in_(OPEN))
    elif open_only is False:
        q = q.where(Report.status.not_in(OPEN))
    if start is not None:
        q = q.where(Report.created_at >= start)
    if end is not None:
        q = q.where(Report.created_at <= end)
    return _publics(q.order_by(Report.created_at.desc(), Report.id.desc()).limit(limit))
