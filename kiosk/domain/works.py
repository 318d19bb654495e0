"""Works progress: weighted stages and dated milestones (the daily works disclosure)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from kiosk import clock
from kiosk.db.models import Milestone, Project, Stage
from kiosk.domain import audit
from kiosk.domain.errors import Conflict, NotFound, ValidationError
from kiosk.domain.numbers import percent
from kiosk.domain.text import clean_line
from kiosk.i18n import _


@dataclasses.dataclass(frozen=True)
class StageInfo:
    id: int
    name: str
    weight: int
    percent: int
    updated_at: dt.datetime
    version: int


@dataclasses.dataclass(frozen=True)
class MilestoneInfo:
    id: int
    on: dt.date
    title: str
    done: bool


@dataclasses.dataclass(frozen=True)
class WorksProgress:
    project_id: int
    stages: tuple[StageInfo, ...]
    milestones: tuple[MilestoneInfo, ...]
    percent: float  # weighted by stage weight, normalised by the total weight
    updated_at: dt.datetime | None


def weighted_percent(stages: list[tuple[int, int]]) -> float:
    """[(weight, percent)] -> overall percent to one decimal, rounded down like every figure
    (numbers.percent: 99.96 reads 99.9, never 100 before the last stage is done); 0 with no weight."""
    total = sum(w for w, _p in stages)
    return float(percent(sum(w * p for w, p in stages), total * 100))


def progress(project_id: int) -> WorksProgress:
    return progress_many([project_id])[project_id]


def progress_many(project_ids: list[int]) -> dict[int, WorksProgress]:
    stages: dict[int, list[StageInfo]] = {pid: [] for pid in project_ids}
    # Rows, not models: an export reads every project's stages and milestones.
    for pid, *stage in (Stage.select(Stage.project, Stage.id, Stage.name, Stage.weight, Stage.percent, Stage.updated_at,
                                     Stage.version)
                        .where(Stage.project.in_(project_ids)).order_by(Stage.sort, Stage.id).tuples()):
        stages[pid].append(StageInfo(*stage))
    miles: dict[int, list[MilestoneInfo]] = {pid: [] for pid in project_ids}
    for pid, *mile in (Milestone.select(Milestone.project, Milestone.id, Milestone.on, Milestone.title, Milestone.done)
                       .where(Milestone.project.in_(project_ids)).order_by(Milestone.on, Milestone.id).tuples()):
        miles[pid].append(MilestoneInfo(*mile))
    out = {}
    for pid in project_ids:
        st = stages[pid]
        updated = max((s.updated_at for s in st), default=None)
        out[pid] = WorksProgress(pid, tuple(st), tuple(miles[pid]), weighted_percent([(s.weight, s.percent) for s in st]), updated)
    return out


def _check(weight: int, percent: int) -> None:
    if not (isinstance(weight, int) and 0 <= weight <= 1000):
        raise ValidationError(_("Weight must be a whole number from 0 to 1000."), "weight")
    if not (isinstance(percent, int) and 0 <= percent <= 100):
        raise ValidationError(_("Percent must be a whole number from 0 to 100."), "percent")


def add_stage(actor: str, project_id: int, name: str, weight: int = 1, percent: int = 0) -> StageInfo:
    name = clean_line(name, field="name", limit=60)
    _check(weight, percent)
    with audit.write(actor) as w:
        if not Project.select().where(Project.id == project_id).exists():
            raise NotFound(_("No project with id {id}.").format(id=project_id))
        sort = Stage.select().where(Stage.project == project_id).count()
        s = Stage.create(project=project_id, name=name, weight=weight, percent=percent, sort=sort, updated_at=clock.now())
        w.record("stage.add", "stage", s.id, project=project_id, name=name, weight=weight, percent=percent)
    return StageInfo(s.id, s.name, s.weight, s.percent, s.updated_at, s.version)


def update_stage(actor: str, stage_id: int, expected_version: int, *, percent: int | None = None,
                 weight: int | None = None, name: str | None = None) -> StageInfo:
    s0 = Stage.get_or_none(Stage.id == stage_id)
    if s0 is None:
        raise NotFound(_("No stage with id {id}.").format(id=stage_id))
    changes = {}
    if name is not None:
        changes["name"] = clean_line(name, field="name", limit=60)
    if percent is not None:
        changes["percent"] = percent
    if weight is not None:
        changes["weight"] = weight
    _check(changes.get("weight", s0.weight), changes.get("percent", s0.percent))
    changes = audit.changed(s0, changes)
    if not changes:
        return StageInfo(s0.id, s0.name, s0.weight, s0.percent, s0.updated_at, s0.version)
    with audit.write(actor) as w:
        n = (Stage.update(**changes, updated_at=clock.now(), version=Stage.version + 1)
             .where(Stage.id == stage_id, Stage.version == expected_version).execute())
        if n == 0:
            raise Conflict(_("Someone else changed this stage while you were editing. Reload and try again."))
        w.record("stage.update", "stage", stage_id, project=s0.project_id, **changes)
    s = Stage.get_by_id(stage_id)
    return StageInfo(s.id, s.name, s.weight, s.percent, s.updated_at, s.version)


def add_milestone(actor: str, project_id: int, on: dt.date, title: str, done: bool = False) -> MilestoneInfo:
    title = clean_line(title, field="title", limit=80)
    with audit.write(actor) as w:
        if not Project.select().where(Project.id == project_id).exists():
            raise NotFound(_("No project with id {id}.").format(id=project_id))
        m = Milestone.create(project=project_id, on=on, title=title, done=done)
        w.record("milestone.add", "milestone", m.id, project=project_id, on=on.isoformat(), title=title, done=done)
    return MilestoneInfo(m.id, m.on, m.title, m.done)


def set_milestone_done(actor: str, milestone_id: int, done: bool = True) -> MilestoneInfo:
    return update_milestone(actor, milestone_id, done=done)


def _milestone(milestone_id: int) -> Milestone:
    m = Milestone.get_or_none(Milestone.id == milestone_id)
    if m is None:
        raise NotFound(_("No milestone with id {id}.").format(id=milestone_id))
    return m


def _logged(value):
    return value.isoformat() if isinstance(value, dt.date) else value


def update_milestone(actor: str, milestone_id: int, *, on: dt.date | None = None, title: str | None = None,
                     done: bool | None = None) -> MilestoneInfo:
    """Correct a milestone's date or title, or mark it done or not. The audit entry keeps what it
    was (`was`), so its history can be told (milestone_history); nothing changed: no entry."""
    m = _milestone(milestone_id)
    wanted: dict = {}
    if on is not None:
        wanted["on"] = on
    if title is not None:
        wanted["title"] = clean_line(title, field="title", limit=80)
    if done is not None:
        wanted["done"] = bool(done)
    changes = audit.changed(m, wanted)
    if not changes:
        return MilestoneInfo(m.id, m.on, m.title, m.done)
    was = {k: getattr(m, k) for k in changes}
    with audit.write(actor) as w:
        # Only over the values read: someone else's correction meanwhile is not overwritten.
        n = (Milestone.update(**changes)
             .where(Milestone.id == milestone_id, *[getattr(Milestone, k) == v for k, v in was.items()]).execute())
        if n == 0:
            raise Conflict(_("Someone else changed this milestone while you were editing. Reload and try again."))
        action = "milestone.done" if set(changes) == {"done"} else "milestone.update"
        w.record(action, "milestone", milestone_id, project=m.project_id,
                 **{k: _logged(v) for k, v in changes.items()}, was={k: _logged(v) for k, v in was.items()})
    return MilestoneInfo(m.id, changes.get("on", m.on), changes.get("title", m.title), changes.get("done", m.done))


@dataclasses.dataclass(frozen=True)
class MilestoneChange:
    """One step of a milestone's history, from its audit entries: `fields` maps each field the
    step set to (before, after); before is None when the milestone was added (or not recorded)."""

    at: str
    actor: str
    added: bool
    fields: dict


def milestone_history(milestone_id: int) -> list[MilestoneChange]:
    """Oldest first."""
    out = []
    for e in reversed(audit.entries(entity="milestone", entity_id=str(milestone_id), limit=500)):
        was = e.data.get("was") or {}
        fields = {k: (was.get(k), e.data[k]) for k in ("on", "title", "done") if k in e.data}
        out.append(MilestoneChange(e.at[:16], e.actor, e.action == "milestone.add", fields))
    return out


def stale(days: int = 7, now: dt.datetime | None = None) -> list[int]:
    """Projects under way whose works have not been updated for `days` days."""
    now = now or clock.now()
    cutoff = now - dt.timedelta(days=days)
    out = []
    ids = [p.id for p in Project.select(Project.id).where(Project.status == "in_progress")]
    for pid, prog in progress_many(ids).items():
        if prog.updated_at is None or prog.updated_at < cutoff:
            out.append(pid)
    return out
