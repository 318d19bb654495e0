"""The shapes of the demo's data: plain rows that name estates, buildings and projects by their
text, so that the content reads as a table and the builder alone turns names into ids."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Callable, Iterator

WAN = 1_000_000  # fen in 1万 yuan


@dataclass(frozen=True)
class Block:
    """Buildings named "{n}号楼" (or one name), each with units × floors × flats per floor."""
    names: tuple[str, ...]
    units: int
    floors: int
    per_floor: int


@dataclass(frozen=True)
class Project:
    title: str
    target_fen: int
    status: str
    description: str
    plan: dict[str, int]


@dataclass(frozen=True)
class Gift:
    """One ledger entry; `household` is an id, set only by the rules that walk the households."""
    project: str
    source: str
    amount_fen: int
    status: str
    days_ago: int
    contributor: str = ""
    household: int | None = None
    receipt: str | None = None
    key: str | None = None


# A rule draws the owners' gifts from the estate's household ids (in order) and the demo's generator.
GiftRule = Callable[[list[int], random.Random], Iterator[Gift]]


@dataclass(frozen=True)
class Stage:
    project: str
    name: str
    weight: int
    percent: int


@dataclass(frozen=True)
class Milestone:
    project: str
    days_ago: int  # negative: planned, in the future
    title: str
    done: bool


@dataclass(frozen=True)
class Meeting:
    kind: str
    days_ago: int
    hour: int
    topic: str
    project: str | None
    location: str = ""
    attendance: int = 0
    decisions: str = ""


@dataclass(frozen=True)
class Notice:
    title: str
    body: str
    days_ago: int
    category: str = "general"
    pinned: bool = False
    expires_days_ago: int | None = None
    everywhere: bool = False  # posted for every estate, not this one


@dataclass(frozen=True)
class Report:
    """A resident's report, filed `days_ago` (None: now), then moved through `steps`; `spread` spaces
    the steps over the days since, otherwise they happen at the filing moment."""
    category: str
    building: str
    text: str
    days_ago: int | None
    steps: tuple[tuple[str, str], ...] = ()
    unit: int | None = None
    floor: int | None = None
    phone: bool = False
    spread: bool = True


@dataclass(frozen=True)
class Estate:
    name: str
    community: str
    built: int
    blocks: tuple[Block, ...]
    projects: tuple[Project, ...]
    gifts: tuple[Gift | GiftRule, ...]
    stages: tuple[Stage, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    notices: tuple[Notice, ...] = ()
    reports: tuple[Report, ...] = ()
    address: str = ""


@dataclass(frozen=True)
class Poll:
    """A household vote, opened `opens_days_ago` at 08:00 with the ballots cast over the next days
    by a `turnout` share of the households it covers. Choices: `split` gives the first option that
    share of the (shuffled) voters exactly; otherwise each voter draws from `draw`."""
    estate: str
    title: str
    options: tuple[str, ...]
    opens_days_ago: int
    closes_days_ago: int  # at 20:00; negative: still open
    turnout: float
    meeting: str  # the topic of the meeting that prepared it
    project: str | None = None
    buildings: tuple[str, ...] | None = None
    split: float | None = None
    draw: tuple[str, ...] = ()
    closed_days_ago: int | None = None  # staff closed it then, at 21:00


Place = tuple[str, int, str]  # (unit, floor, flat number in the floor: "01")


@dataclass(frozen=True)
class HouseholdPlan:
    """一户一策: the cost shares of a project floor by floor, with exceptions, and each household's
    consent (agree unless listed), recorded over the month after `days_ago`."""
    estate: str
    project: str
    title: str
    building: str
    rate_fen_per_m2: int
    coefficients: dict[int, int]
    low_floors: int
    low_floor_mode: str
    days_ago: int
    hardship: tuple[tuple[Place, int, str], ...]  # percent off, why
    overrides: tuple[tuple[Place, int, str], ...]  # a fixed share in fen, why
    notes: dict[Place, str]
    objects: tuple[Place, ...]
    undecided: tuple[Place, ...]
