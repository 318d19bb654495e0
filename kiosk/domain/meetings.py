"""Meetings (沟通会、现场办公会、恳谈会、庭院议事会…) and their decisions, on record."""

from __future__ import annotations

import dataclasses
import datetime as dt

from kiosk import clock
from kiosk.db.models import Estate, Meeting, Project
from kiosk.domain import audit
from kiosk.domain.errors import Conflict, NotFound, ValidationError
from kiosk.domain.text import clean_line, clean_text
from kiosk.i18n import N_, _

KINDS = {
    "communication": N_("Communication meeting"),
    "onsite": N_("On-site office meeting"),
    "heart_to_heart": N_("Heart-to-heart talk"),
    "courtyard": N_("Courtyard council"),
    "deliberation": N_("Deliberation meeting"),
    "owners_assembly": N_("Owners' assembly"),
}


def kind_label(key: str) -> str:
    return _(KINDS.get(key, key))


@dataclasses.dataclass(frozen=True)
class MeetingInfo:
    id: int
    estate_id: int
    project_id: int | None
    kind: str
    held_at: dt.datetime
    topic: str
    location: str
    attendance: int
    decisions: str


def _info(m: Meeting) -> MeetingInfo:
    return MeetingInfo(m.id, m.estate_id, m.project_id, m.kind, m.held_at, m.topic, m.location, m.attendance, m.decisions)


def record(actor: str, estate_id: int, kind: str, held_at: dt.datetime, topic: str, *, location: str = "",
           attendance: int = 0, decisions: str = "", project_id: int | None = None) -> MeetingInfo:
    if kind not in KINDS:
        raise ValidationError(_("Unknown meeting kind {kind}.").format(kind=kind), "kind")
    topic = clean_line(topic, field="topic", limit=100)
    location = clean_line(location, field="location", limit=100, required=False)
    decisions = clean_text(decisions, field="decisions", limit=4000, required=False)
    if not (isinstance(attendance, int) and 0 <= attendance <= 100000):
        raise ValidationError(_("Attendance must be a whole number."), "attendance")
    with audit.write(actor) as w:
        if not Estate.select().where(Estate.id == estate_id).exists():
            raise NotFound(_("No estate with id {id}.").format(id=estate_id))
        if project_id is not None and not Project.select().where(Project.id == project_id).exists():
            raise NotFound(_("No project with id {id}.").format(id=project_id))
        m = Meeting.create(estate=estate_id, project=project_id, kind=kind, held_at=held_at, topic=topic, location=location,
                           attendance=attendance, decisions=decisions, created_at=clock.now())
        w.record("meeting.record", "meeting", m.id, kind=kind, held_at=held_at.isoformat(), topic=topic, attendance=attendance)
    return _info(m)


def update(actor: str, meeting_id: int, *, seen: MeetingInfo | None = None, **fields) -> MeetingInfo:
    """Change a meeting's topic, attendance or decisions. With `seen` (what the editor loaded), a
    save over someone else's change in the meantime is refused instead of overwriting it."""
    m = Meeting.get_or_none(Meeting.id == meeting_id)
    if m is None:
        raise NotFound(_("No meeting with id {id}.").format(id=meeting_id))
    changes = {}
    if "decisions" in fields:
        changes["decisions"] = clean_text(fields["decisions"], field="decisions", limit=4000, required=False)
    if "attendance" in fields:
        if not (isinstance(fields["attendance"], int) and 0 <= fields["attendance"] <= 100000):
            raise ValidationError(_("Attendance must be a whole number."), "attendance")
        changes["attendance"] = fields["attendance"]
    if "topic" in fields:
        changes["topic"] = clean_line(fields["topic"], field="topic", limit=100)
    if seen is None or (seen.topic, seen.attendance, seen.decisions) == (m.topic, m.attendance, m.decisions):
        changes = audit.changed(m, changes)
        if not changes:  # nothing to write: no audit entry
            return _info(m)
    with audit.write(actor) as w:
        q = Meeting.update(**changes).where(Meeting.id == meeting_id)
        if seen is not None:  # the fields as the editor saw them: no version column needed
            q = q.where(Meeting.topic == seen.topic, Meeting.attendance == seen.attendance,
                        Meeting.decisions == seen.decisions)
        if q.execute() == 0:
            raise Conflict(_("Someone else changed this meeting while you were editing. Reload and try again."))
        w.record("meeting.update", "meeting", meeting_id, **changes)
    return _info(Meeting.get_by_id(meeting_id))


def list_meetings(estate_id: int | None = None, *, upcoming: bool | None = None, project_id: int | None = None,
                  limit: int = 200) -> list[MeetingInfo]:
    now = clock.now()
    q = Meeting.select()
    if estate_id is not None:
        q = q.where(Meeting.estate == estate_id)
    if project_id is not None:
        q = q.where(Meeting.project == project_id)
    if upcoming is True:
        q = q.where(Meeting.held_at >= now).order_by(Meeting.held_at)
    elif upcoming is False:
        q = q.where(Meeting.held_at < now).order_by(Meeting.held_at.desc())
    else:
        q = q.order_by(Meeting.held_at.desc())
    return [_info(m) for m in q.limit(limit)]


def count(estate_id: int) -> int:
    return Meeting.select().where(Meeting.estate == estate_id).count()
