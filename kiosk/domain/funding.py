"""Projects (works) with a target and a planned share for each of the six sources, and the
funding snapshot that every public figure comes from.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import peewee as pw

from kiosk import clock
from kiosk.db.models import Estate, FundingTotal, Project, SourcePlan, database
from kiosk.domain import audit, spending
from kiosk.domain.errors import Conflict, NotFound, ValidationError
from kiosk.domain.money import MAX_FEN, percent
from kiosk.domain.sources import SOURCES
from kiosk.domain.text import clean_line, clean_text
from kiosk.i18n import N_, _

STATUSES = ("planning", "fundraising", "in_progress", "completed", "cancelled")
ACTIVE = ("planning", "fundraising", "in_progress")
STATUS_LABELS = {
    "planning": N_("Planning"),
    "fundraising": N_("Fundraising"),
    "in_progress": N_("Works under way"),
    "completed": N_("Completed"),
    "cancelled": N_("Cancelled"),
}


def status_label(status: str) -> str:
    return _(STATUS_LABELS.get(status, status))


@dataclasses.dataclass(frozen=True)
class ProjectInfo:
    id: int
    estate_id: int
    estate: str
    title: str
    description: str
    status: str
    target_fen: int
    version: int
    updated_at: dt.datetime
    closed_at: dt.datetime | None = None  # set by its acceptance (竣工验收)


@dataclasses.dataclass(frozen=True)
class SourceFigures:
    key: str
    planned_fen: int
    received_fen: int
    pledged_fen: int
    paid_fen: int = 0  # approved payments out of this source (spending)

    @property
    def balance_fen(self) -> int:
        """结余: received − paid."""
        return self.received_fen - self.paid_fen


@dataclasses.dataclass(frozen=True)
class FundingSnapshot:
    project_id: int
    title: str
    status: str
    target_fen: int
    received_fen: int
    pledged_fen: int  # pledged and not yet received (cancelled excluded)
    sources: tuple[SourceFigures, ...]  # always six, in SOURCES order
    paid_fen: int = 0  # approved payments out of the project, all sources

    @property
    def balance_fen(self) -> int:
        """结余: received − paid; the sources' balances add up to it."""
        return self.received_fen - self.paid_fen

    @property
    def percent(self) -> float:
        return percent(self.received_fen, self.target_fen)

    @property
    def planned_fen(self) -> int:
        return sum(s.planned_fen for s in self.sources)


def _project_info(p: Project) -> ProjectInfo:
    return ProjectInfo(p.id, p.estate_id, p.estate.name, p.title, p.description, p.status, int(p.target_fen), p.version, p.updated_at,
                       p.closed_at)


def get_project(project_id: int) -> ProjectInfo:
    p = Project.select(Project, Estate).join(Estate).where(Project.id == project_id).first()
    if p is None:
        raise NotFound(_("No project with id {id}.").format(id=project_id))
    return _project_info(p)


def list_projects(estate_id: int | None = None, *, active_only: bool = False) -> list[ProjectInfo]:
    """Ordinary projects: emergency repairs are listed by domain/emergency.py, with their shares."""
    q = Project.select(Project, Estate).join(Estate).where(Project.kind == "ordinary").order_by(Project.id)
    if estate_id is not None:
        q = q.where(Project.estate == estate_id)
    if active_only:
        q = q.where(Project.status.in_(ACTIVE))
    return [_project_info(p) for p in q]


def _check_money(value: int, field: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0 or value > MAX_FEN:
        raise ValidationError(_("Amount out of range."), field)
    return value


def _check_plan(plan: dict[str, int] | None) -> dict[str, int]:
    plan = dict(plan or {})
    for key in plan:
        if key not in SOURCES:
            raise ValidationError(_("Unknown source {key}; use one of: {keys}").format(key=key, keys=", ".join(SOURCES)), "plan")
    return {k: _check_money(int(plan.get(k, 0)), "plan") for k in SOURCES}


def create_project(actor: str, estate_id: int, title: str, target_fen: int, *, description: str = "",
                   status: str = "planning", plan: dict[str, int] | None = None) -> ProjectInfo:
    title = clean_line(title, field="title", limit=80)
    description = clean_text(description, field="description", limit=4000, required=False)
    _check_money(target_fen, "target")
    if status not in STATUSES:
        raise ValidationError(_("Unknown project status {status}.").format(status=status), "status")
    plan = _check_plan(plan)
    now = clock.now()
    with audit.write(actor) as w:
        if not Estate.select().where(Estate.id == estate_id).exists():
            raise NotFound(_("No estate with id {id}.").format(id=estate_id))
        p = Project.create(estate=estate_id, title=title, description=description, status=status,
                           target_fen=target_fen, created_at=now, updated_at=now)
        SourcePlan.insert_many([{"project": p.id, "source": k, "planned_fen": v} for k, v in plan.items()]).execute()
        w.record("project.create", "project", p.id, title=title, target_fen=target_fen, status=status, plan=plan)
    return get_project(p.id)


def _plan_of(project_id: int) -> dict[str, int]:
    held = dict(SourcePlan.select(SourcePlan.source, SourcePlan.planned_fen).where(SourcePlan.project == project_id).tuples())
    return {k: int(held.get(k, 0)) for k in SOURCES}


def update_project(actor: str, project_id: int, expected_version: int, *, title: str | None = None,
                   description: str | None = None, status: str | None = None, target_fen: int | None = None,
                   plan: dict[str, int] | None = None) -> ProjectInfo:
    """Edit a project. Refused with Conflict when someone else saved it since `expected_version`."""
    changes: dict = {}
    if title is not None:
        changes["title"] = clean_line(title, field="title", limit=80)
    if description is not None:
        changes["description"] = clean_text(description, field="description", limit=4000, required=False)
    if status is not None:
        if status not in STATUSES:
            raise ValidationError(_("Unknown project status {status}.").format(status=status), "status")
        changes["status"] = status
    if target_fen is not None:
        changes["target_fen"] = _check_money(target_fen, "target")
    new_plan = _check_plan(plan) if plan is not None else None
    before = Project.get_or_none(Project.id == project_id)
    if before is not None and before.version == expected_version:
        changes = audit.changed(before, changes)
        if new_plan == _plan_of(project_id):
            new_plan = None
        if not changes and new_plan is None:  # nothing to write: no audit entry, "last updated" stays
            return get_project(project_id)
    with audit.write(actor) as w:
        n = (
            Project.update(**changes, updated_at=clock.now(), version=Project.version + 1)
            .where(Project.id == project_id, Project.version == expected_version)
            .execute()
        )
        if n == 0:
            if not Project.select().where(Project.id == project_id).exists():
                raise NotFound(_("No project with id {id}.").format(id=project_id))
            raise Conflict(_("Someone else changed this project while you were editing. Reload and try again."))
        if new_plan is not None:
            for k, v in new_plan.items():
                SourcePlan.insert(project=project_id, source=k, planned_fen=v).on_conflict(
                    conflict_target=[SourcePlan.project, SourcePlan.source], update={SourcePlan.planned_fen: v}
                ).execute()
        w.record("project.update", "project", project_id, **changes, **({"plan": new_plan} if new_plan else {}))
    return get_project(project_id)


def snapshots(project_ids: list[int]) -> dict[int, FundingSnapshot]:
    """Funding of several projects from the ledger's running totals (FundingTotal): a few rows
    per project, however many entries the ledger holds."""
    if not project_ids:
        return {}
    # The ledger's totals, the plans and the payments in one round trip (UNION ALL), each row
    # (project, source, what, fen): on a sub-district's server every query is a round trip.
    ids = list(project_ids)
    totals = (FundingTotal.select(FundingTotal.project, FundingTotal.source, FundingTotal.status, FundingTotal.amount_fen)
              .where(FundingTotal.project.in_(ids), FundingTotal.status.in_(("pledged", "received"))))
    plans_q = (SourcePlan.select(SourcePlan.project, SourcePlan.source, pw.Value("planned"), SourcePlan.planned_fen)
               .where(SourcePlan.project.in_(ids)))
    sums: dict[tuple[int, str, str], int] = {}
    plans: dict[tuple[int, str], int] = {}
    paid = {pid: dict.fromkeys(SOURCES, 0) for pid in ids}
    # The cursor's plain values (ints and text on both back-ends): peewee's conversion of each of
    # them was half of this read for the 3,000 projects of an export.
    for pid, source, what, fen in database.execute(totals + plans_q + spending.paid_query(ids, pw.Value("paid"))):
        if what == "planned":
            plans[(pid, source)] = int(fen)
        elif what == "paid":
            paid[pid][source] = paid[pid].get(source, 0) + int(fen or 0)
        else:
            sums[(pid, source, what)] = int(fen)
    out = {}
    heads = Project.select(Project.id, Project.title, Project.status, Project.target_fen).where(Project.id.in_(ids))
    for pid, title, status, target_fen in heads.tuples():  # rows, not models: thousands in an export
        sources = tuple(
            SourceFigures(k, plans.get((pid, k), 0), sums.get((pid, k, "received"), 0), sums.get((pid, k, "pledged"), 0),
                          paid[pid][k])
            for k in SOURCES
        )
        out[pid] = FundingSnapshot(
            pid, title, status, int(target_fen),
            sum(s.received_fen for s in sources), sum(s.pledged_fen for s in sources), sources,
            sum(s.paid_fen for s in sources),
        )
    return out


def snapshot(project_id: int) -> FundingSnapshot:
    snap = snapshots([project_id]).get(project_id)
    if snap is None:
        raise NotFound(_("No project with id {id}.").format(id=project_id))
    return snap
