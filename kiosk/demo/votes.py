"""The demo's votes and 一户一策 (schema version 2) from kiosk.demo.data's POLLS and PLANS. Ballots
are cast the way residents would, over the voting days, so the tallies come out of the domain."""

from __future__ import annotations

import datetime as dt
import random

from kiosk import clock
from kiosk.db.models import Building, Household, Unit
from kiosk.demo.data import ACTOR, PLANS, POLLS
from kiosk.demo.model import HouseholdPlan, Poll
from kiosk.domain import codes, estates, funding, meetings, plans, votes


def _project_id(estate_id: int, title: str) -> int:
    return next(p.id for p in funding.list_projects(estate_id) if p.title == title)


def _meeting_id(estate_id: int, topic: str) -> int | None:
    found = [m for m in meetings.list_meetings(estate_id, upcoming=False) if m.topic == topic]
    return found[-1].id if found else None  # the earliest one (the list is newest first)


PROXY_HOLDERS = ("王秀兰（女儿）", "李建国（邻居）", "张桂英（老伴）")


def _run_poll(poll_id: int, voters: list[int], choices: list[str], start: dt.datetime, rng: random.Random) -> None:
    """Cast the ballots over the voting days: most at the kiosk with their codes, the rest on paper
    or by proxy, entered by staff."""
    clock.freeze(start)
    try:
        slips = {}
        for slip in votes.issue_codes(ACTOR, poll_id):
            slips[(slip.building, slip.unit, slip.room)] = slip.code
        info = votes.get_poll(poll_id)
        where = {h.id: (h.unit.building.name, h.unit.name, h.room)
                 for h in Household.select(Household, Unit, Building).join(Unit).join(Building).where(Household.id.in_(voters))}
        for i, (hid, choice) in enumerate(zip(voters, choices)):
            clock.freeze(start + dt.timedelta(hours=2 + i * 100 // max(1, len(voters))))
            channel = rng.choices(["kiosk", "paper", "proxy"], weights=[6, 3, 1])[0]
            if channel == "kiosk":
                votes.cast_with_code(ACTOR, slips[where[hid]], choice)
            else:  # a proxy names its holder (no draw from rng: the rest of the demo stays as it was)
                holder = PROXY_HOLDERS[i % len(PROXY_HOLDERS)] if channel == "proxy" else ""
                votes.cast(ACTOR, info.id, hid, choice, channel, proxy_holder=holder)
    finally:
        clock.freeze(None)


def votes_and_plans() -> None:
    """The polls (their ballots cast the way residents would) and the 一户一策 plans of the data."""
    rng = random.Random(278)
    today = clock.today()

    def at(days_ago: int, hour: int = 9) -> dt.datetime:
        return dt.datetime.combine(today - dt.timedelta(days=days_ago), dt.time(hour))

    with codes.seeded(rng):
        for poll in POLLS:
            _poll(poll, rng, at)
        for plan in PLANS:
            _plan(plan, at)


def _poll(p: Poll, rng: random.Random, at) -> None:
    estate = estates.resolve_estate(p.estate)
    covered = Household.select(Household.id).join(Unit).join(Building).where(Building.estate == estate.id)
    if p.buildings:
        covered = covered.where(Building.name.in_(list(p.buildings)))
    households = [h.id for h in covered.order_by(Household.id)]
    clock.freeze(at(p.opens_days_ago, 8))
    try:
        poll = votes.create_poll(ACTOR, estate.id, p.title, list(p.options), closes_at=at(p.closes_days_ago, 20),
                                 buildings=list(p.buildings) if p.buildings else None,
                                 meeting_id=_meeting_id(estate.id, p.meeting),
                                 project_id=_project_id(estate.id, p.project) if p.project else None)
    finally:
        clock.freeze(None)
    voters = [h for h in households if rng.random() < p.turnout]
    if p.split is not None:
        rng.shuffle(voters)
        first = round(len(voters) * p.split)
        choices = [p.options[0]] * first + [p.options[1]] * (len(voters) - first)
    else:
        choices = [rng.choice(list(p.draw)) for _ in voters]
    _run_poll(poll.id, voters, choices, at(p.opens_days_ago, 8), rng)
    if p.closed_days_ago is not None:
        clock.freeze(at(p.closed_days_ago, 21))
        try:
            votes.close_poll(ACTOR, poll.id)
        finally:
            clock.freeze(None)


def _plan(p: HouseholdPlan, at) -> None:
    estate = estates.resolve_estate(p.estate)
    clock.freeze(at(p.days_ago, 10))
    try:
        plan = plans.create_plan(ACTOR, _project_id(estate.id, p.project), title=p.title, rate_fen_per_m2=p.rate_fen_per_m2,
                                 coefficients=p.coefficients, low_floors=p.low_floors, low_floor_mode=p.low_floor_mode,
                                 building=p.building)
        lines = plans.shares(plan.id)
        by_place = {(x.unit, x.floor, x.room[-2:]): x.household_id for x in lines}
        for place, percent, why in p.hardship:
            plans.set_hardship(ACTOR, plan.id, by_place[place], percent, why)
        for place, fen, why in p.overrides:
            plans.set_override(ACTOR, plan.id, by_place[place], fen, why)
        for i, x in enumerate(lines):
            place = (x.unit, x.floor, x.room[-2:])
            consent = "object" if place in p.objects else "undecided" if place in p.undecided else "agree"
            clock.freeze(at(p.days_ago - i % 30, 19))
            plans.set_consent(ACTOR, plan.id, x.household_id, consent, p.notes.get(place))
        plans.issue_codes(ACTOR, plan.id)
    finally:
        clock.freeze(None)
