"""The public disclosure (公示): every estate's projects with money from the six sources and works
progress. `kiosk export report` prints it; the lobby and display show the same figures.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from typing import TYPE_CHECKING

from kiosk import clock
from kiosk.domain import acceptance, audit, estates, funding, json_layout, ledger, works
from kiosk.domain.money import yuan
from kiosk.domain.numbers import percent
from kiosk.domain.sources import SOURCES, label
from kiosk.i18n import _

if TYPE_CHECKING:  # loaded where used: the daily disclosure (the lobby's start) needs neither
    from kiosk.domain import emergency, report_rates


@dataclasses.dataclass(frozen=True)
class ProjectLine:
    info: funding.ProjectInfo
    funding: funding.FundingSnapshot
    works_percent: float
    accepted: acceptance.AcceptanceInfo | None = None  # its 竣工验收, once closed


@dataclasses.dataclass(frozen=True)
class EstateLines:
    estate: estates.EstateInfo
    projects: tuple[ProjectLine, ...]
    emergency_repairs: tuple[emergency.Disclosure, ...] = ()  # those being disclosed now
    report_rates: report_rates.Rates | None = None  # 响应率, 解决率, 满意率 of its reports


def project_lines(estate_id: int | None = None) -> tuple[ProjectLine, ...]:
    """The projects (of one estate, or all) with their money, works and acceptance, in id order:
    what the lobby and the daily disclosure show. `collect` adds each estate's report rates and
    emergency repairs, which scan far more rows (every report of the last year)."""
    projects = funding.list_projects(estate_id)
    ids = [p.id for p in projects]
    snaps = funding.snapshots(ids)
    prog = works.progress_many(ids)
    accepted = acceptance.for_projects(ids)
    return tuple(ProjectLine(p, snaps[p.id], prog[p.id].percent, accepted.get(p.id)) for p in projects)


def collect(estate_id: int | None = None) -> list[EstateLines]:
    from kiosk.domain import emergency, report_rates

    all_estates = [estates.get_estate(estate_id)] if estate_id is not None else estates.list_estates()
    by_estate: dict[int, list[ProjectLine]] = {e.id: [] for e in all_estates}
    for pl in project_lines(estate_id):
        by_estate.setdefault(pl.info.estate_id, []).append(pl)
    rates = report_rates.by_estate([e.id for e in all_estates])
    repairs: dict[int, list[emergency.Disclosure]] = {}
    for d in emergency.current_disclosures(estate_id):
        repairs.setdefault(d.repair.estate_id, []).append(d)
    return [EstateLines(e, tuple(by_estate.get(e.id, ())), tuple(repairs.get(e.id, ())), rates[e.id])
            for e in all_estates]


def as_dict(data: list[EstateLines], generated_at: dt.datetime | None = None) -> dict:
    from kiosk.domain import report_rates

    return {
        "generated_at": (generated_at or clock.now()).isoformat(),
        "estates": [
            {
                "name": el.estate.name,
                "emergency_repairs": [emergency_dict(d) for d in el.emergency_repairs],
                "report_rates": report_rates.as_dict(el.report_rates) if el.report_rates else None,
                "projects": [
                    {
                        "id": pl.info.id,
                        "title": pl.info.title,
                        "status": pl.info.status,
                        "target_fen": pl.funding.target_fen,
                        "received_fen": pl.funding.received_fen,
                        "pledged_fen": pl.funding.pledged_fen,
                        "paid_fen": pl.funding.paid_fen,
                        "balance_fen": pl.funding.balance_fen,
                        "works_percent": pl.works_percent,
                        "acceptance": _acceptance_dict(pl.accepted),
                        "sources": [
                            {"key": s.key, "planned_fen": s.planned_fen, "received_fen": s.received_fen, "pledged_fen": s.pledged_fen,
                             "paid_fen": s.paid_fen, "balance_fen": s.balance_fen}
                            for s in pl.funding.sources
                        ],
                    }
                    for pl in el.projects
                ],
            }
            for el in data
        ],
    }


def emergency_dict(d: emergency.Disclosure) -> dict:
    """An emergency repair as disclosed: its figures and the shares by floor area (no rooms)."""
    r = d.repair
    return {"id": r.id, "project_id": r.project_id, "title": r.title, "situation": r.situation,
            "found_on": r.found_on.isoformat(), "repaired_on": r.repaired_on.isoformat() if r.repaired_on else None,
            "cost_fen": r.cost_fen, "households": r.households, "area_cm2": r.area_cm2,
            "disclosed_at": r.disclosed_at.isoformat() if r.disclosed_at else None,
            "disclose_until": r.disclose_until.isoformat() if r.disclose_until else None,
            "shares": [{"area_cm2": g.area_cm2, "share_fen": g.share_fen, "households": g.households} for g in d.groups]}


def _acceptance_dict(a: acceptance.AcceptanceInfo | None) -> dict | None:
    if a is None:
        return None
    return {"accepted_on": a.accepted_on.isoformat(), "parties": list(a.parties), "final_account_fen": a.final_account_fen,
            "leftover_fen": a.leftover_fen, "leftover_action": a.leftover_action, "note": a.note}


def to_json(data: list[EstateLines]) -> str:
    # The document, each estate and its lists indented; each project, rate and repair on one line.
    return json_layout.dumps(as_dict(data), flat_at=4)


CSV_COLUMNS = ["estate", "project_id", "title", "status", "target_fen", "received_fen", "pledged_fen", "works_percent"] + [
    f"{k}_{m}" for k in SOURCES for m in ("planned_fen", "received_fen", "pledged_fen")
] + ["paid_fen", "balance_fen"] + [f"{k}_{m}" for k in SOURCES for m in ("paid_fen", "balance_fen")]  # money out, after the older columns


def to_csv(data: list[EstateLines]) -> str:
    from kiosk.domain import csv_safe

    out = io.StringIO()
    w = csv_safe.writer(out, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for el in data:
        for pl in el.projects:
            row = [el.estate.name, pl.info.id, pl.info.title, pl.info.status, pl.funding.target_fen,
                   pl.funding.received_fen, pl.funding.pledged_fen, pl.works_percent]
            for s in pl.funding.sources:
                row += [s.planned_fen, s.received_fen, s.pledged_fen]
            row += [pl.funding.paid_fen, pl.funding.balance_fen]
            for s in pl.funding.sources:
                row += [s.paid_fen, s.balance_fen]
            w.writerow(row)
    return out.getvalue()


def _md_cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _md_rates(r: report_rates.Rates) -> str:
    from kiosk.domain import report_rates

    return " · ".join(f"{name} {shown}% ({counts})" for name, shown, counts in report_rates.lines(r))


def to_markdown(data: list[EstateLines]) -> str:
    head = audit.head()
    t_target, t_received, t_pledged_open = _("Target"), _("Received"), _("Pledged, not yet received")
    t_works, t_source, t_planned, t_pledged = _("Works progress"), _("Source"), _("Planned"), _("Pledged")
    t_paid, t_balance = _("Paid out"), _("Balance")
    lines = ["# " + _("Public disclosure"), "", _("Generated at {time}").format(time=clock.now().strftime("%Y-%m-%d %H:%M")), ""]
    for el in data:
        lines += [f"## {_md_cell(el.estate.name)}", ""]
        if el.report_rates is not None and not el.report_rates.empty:
            lines += [_md_rates(el.report_rates), ""]
        if not el.projects:
            lines += [_("No projects."), ""]
        for pl in el.projects:
            f = pl.funding
            lines += [
                f"### {_md_cell(pl.info.title)} ({funding.status_label(pl.info.status)})", "",
                f"- {t_target}: {yuan(f.target_fen)}",
                f"- {t_received}: {yuan(f.received_fen)} ({percent(f.received_fen, f.target_fen)}%)",
                f"- {t_pledged_open}: {yuan(f.pledged_fen)}",
                f"- {t_paid}: {yuan(f.paid_fen)}",
                f"- {t_balance}: {yuan(f.balance_fen)}",
                f"- {t_works}: {pl.works_percent}%", "",
                f"| {t_source} | {t_planned} | {t_received} | {t_pledged} | {t_paid} | {t_balance} |",
                "|---|---:|---:|---:|---:|---:|",
            ]
            for s in f.sources:
                lines.append(f"| {label(s.key)} | {yuan(s.planned_fen)} | {yuan(s.received_fen)} | {yuan(s.pledged_fen)} "
                             f"| {yuan(s.paid_fen)} | {yuan(s.balance_fen)} |")
            lines.append("")
    lines += [_("Audit chain: entry #{seq}, hash {hash}").format(seq=head.seq, hash=head.hash), ""]
    return "\n".join(lines)


@dataclasses.dataclass(frozen=True)
class DailyDisclosure:
    """今日公示: money received today and in total per source, works progress, the chain anchor."""

    date: dt.date
    received_today: dict[str, int]
    received_total: dict[str, int]
    projects: tuple[ProjectLine, ...]
    chain_seq: int
    chain_hash: str


def daily(estate_id: int, on: dt.date | None = None, *, projects: tuple[ProjectLine, ...] | None = None) -> DailyDisclosure:
    """`projects`: the estate's `project_lines`, when the caller has read them already."""
    on = on or clock.today()
    projects = project_lines(estate_id) if projects is None else projects
    total = {k: 0 for k in SOURCES}
    for pl in projects:
        for s in pl.funding.sources:
            total[s.key] += s.received_fen
    head = audit.head()
    return DailyDisclosure(on, ledger.received_between(on, on, estate_id), total, projects, head.seq, head.hash)
