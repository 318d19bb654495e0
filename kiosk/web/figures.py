"""Domain dataclasses -> what the templates print: the same percentages as every screen
(kiosk.domain.numbers via render.bars), amounts in exact yuan with their fen beside for readers
that check, and the progress picture's segments (SVG, no script)."""

from __future__ import annotations

import dataclasses

from kiosk.domain import acceptance, disclosure, funding, works
from kiosk.domain.numbers import percent_of_float
from kiosk.domain.sources import SOURCES, short_label
from kiosk.render.bars import funded, funding_cells, split, still_missing
from kiosk.render.palette import SOURCE_COLOURS

BAR_UNITS = 1000  # the picture's width in its own units: one unit is 0.1%


@dataclasses.dataclass(frozen=True)
class Segment:
    x: int
    width: int
    colour: str
    pledged: bool


@dataclasses.dataclass(frozen=True)
class SourceRow:
    key: str
    label: str
    colour: str
    planned_fen: int
    received_fen: int
    pledged_fen: int
    paid_fen: int
    balance_fen: int


@dataclasses.dataclass(frozen=True)
class ProjectView:
    id: int
    title: str
    description: str
    status: str
    status_label: str
    target_fen: int
    received_fen: int
    pledged_fen: int
    planned_fen: int
    missing_fen: int
    paid_fen: int
    balance_fen: int
    funded: str  # "99.9", as every screen prints it
    works: str
    sources: tuple[SourceRow, ...]
    segments: tuple[Segment, ...]
    stages: tuple[works.StageInfo, ...]
    milestones: tuple[works.MilestoneInfo, ...]
    takes_pledges: bool
    accepted: acceptance.AcceptanceInfo | None = None  # its 竣工验收, once closed
    leftover_label: str = ""


def segments(snap: funding.FundingSnapshot) -> tuple[Segment, ...]:
    """Received money by source, then pledged (lighter), on a BAR_UNITS-wide bar: the cells of
    the printed percentage, shared as the terminal's bar shares them."""
    received_units, pledged_units = funding_cells(snap, BAR_UNITS)
    out, x = [], 0
    for amounts, units, pledged in (([s.received_fen for s in snap.sources], received_units, False),
                                    ([s.pledged_fen for s in snap.sources], pledged_units, True)):
        for key, width in zip(SOURCES, split(amounts, units)):
            if width:
                out.append(Segment(x, width, SOURCE_COLOURS[key], pledged))
                x += width
    return tuple(out)


def project_view(info: funding.ProjectInfo, snap: funding.FundingSnapshot, progress: works.WorksProgress,
                 accepted: acceptance.AcceptanceInfo | None = None) -> ProjectView:
    rows = tuple(SourceRow(s.key, short_label(s.key), SOURCE_COLOURS[s.key], s.planned_fen, s.received_fen, s.pledged_fen,
                         s.paid_fen, s.balance_fen)
                 for s in snap.sources)
    return ProjectView(
        info.id, info.title, info.description, info.status, funding.status_label(info.status),
        snap.target_fen, snap.received_fen, snap.pledged_fen, snap.planned_fen, still_missing(snap),
        snap.paid_fen, snap.balance_fen,
        str(funded(snap)), str(percent_of_float(progress.percent)), rows, segments(snap),
        progress.stages, progress.milestones, info.status in funding.ACTIVE,
        accepted, acceptance.leftover_label(accepted.leftover_action) if accepted else "",
    )


def estate_projects(estate_id: int) -> list[ProjectView]:
    """Every project of the estate, from the disclosure's own collect() (what `export report` prints)."""
    data = disclosure.collect(estate_id)
    lines = data[0].projects if data else ()
    progress = works.progress_many([pl.info.id for pl in lines])
    return [project_view(pl.info, pl.funding, progress[pl.info.id], pl.accepted) for pl in lines]


def one_project(project_id: int) -> ProjectView:
    """One project, from the same snapshot and progress functions collect() uses."""
    return project_view(funding.get_project(project_id), funding.snapshot(project_id), works.progress(project_id),
                        acceptance.get(project_id))
