"""Builds the demo from kiosk.demo.data through the domain, as staff would have entered it.

Deterministic: the same content on every run (fixed random seeds); only dates sit relative to
today so that notices and works look current. The order of the calls is the order of the ids."""

from __future__ import annotations

import datetime as dt
import random

from kiosk import clock
from kiosk.demo import emergency_repairs, household_codes, payments, people, report_answers, votes
from kiosk.demo.acceptance import lift_accepted
from kiosk.demo.data import ACTOR, DEMO_PASSWORD, DEMO_STAFF, ESTATES, SUB_DISTRICT
from kiosk.demo.model import Estate, Gift, Report
from kiosk.domain import auth, codes, estates, funding, ledger, meetings, notices, reports, works


def build() -> dict:
    """Fill an empty, initialised database. Returns a few ids for the caller's summary."""
    # Report tickets are random: drawn from a seeded generator here, the demo's are the same every run.
    with codes.seeded(random.Random(2611)):
        rng = random.Random(2003)
        today, now = clock.today(), clock.now()
        for username, role, display in DEMO_STAFF:
            auth.add_staff(ACTOR, username, DEMO_PASSWORD, role=role, display_name=display)
        projects = []
        for estate in ESTATES:
            projects += _estate(estate, rng, today, now)
        votes.votes_and_plans()
        household_codes.household_codes_and_me_too()
        report_answers.fixed_and_answered()
        emergency_repairs.roof_leak()
        lift_accepted()
        payments.road_payments()
    return {"estates": len(ESTATES), "projects": projects}


def _estate(e: Estate, rng: random.Random, today: dt.date, now: dt.datetime) -> list[int]:
    def day(days_ago: int) -> dt.date:
        return today - dt.timedelta(days=days_ago)

    def at(days_ago: int, hour: int = 9) -> dt.datetime:
        return dt.datetime.combine(day(days_ago), dt.time(hour))

    info = estates.add_estate(ACTOR, e.name, e.community, e.built, SUB_DISTRICT, e.address)
    households = people.structure(info.id, e.blocks, rng)
    pid = {}
    for p in e.projects:
        pid[p.title] = funding.create_project(ACTOR, info.id, p.title, p.target_fen, status=p.status,
                                              description=p.description, plan=p.plan).id
    for item in e.gifts:
        for g in (item,) if isinstance(item, Gift) else item(households, rng):
            ledger.record(ACTOR, pid[g.project], g.source, g.amount_fen, status=g.status, contributor=g.contributor,
                          household_id=g.household, on=day(g.days_ago), receipt_no=g.receipt, idempotency_key=g.key)
    for s in e.stages:
        works.add_stage(ACTOR, pid[s.project], s.name, s.weight, s.percent)
    for m in e.milestones:
        works.add_milestone(ACTOR, pid[m.project], day(m.days_ago), m.title, m.done)
    for m in e.meetings:
        meetings.record(ACTOR, info.id, m.kind, at(m.days_ago, m.hour), m.topic, location=m.location,
                        attendance=m.attendance, decisions=m.decisions, project_id=pid.get(m.project))
    for n in e.notices:
        notices.post(ACTOR, n.title, n.body, estate_id=None if n.everywhere else info.id, category=n.category,
                     pinned=n.pinned, publish_at=at(n.days_ago),
                     expires_at=at(n.expires_days_ago) if n.expires_days_ago is not None else None)
    if e.reports:
        buildings = {b.name: b for b in estates.layout(info.id)}
        for r in e.reports:
            _report(info.id, buildings, r, rng, now)
    return list(pid.values())


def _report(estate_id: int, buildings: dict, r: Report, rng: random.Random, now: dt.datetime) -> None:
    """File it at its moment (the clock stopped there), then walk it through its steps."""
    if r.days_ago is not None:
        clock.freeze(now - dt.timedelta(days=r.days_ago))
    try:
        b = buildings[r.building]
        filed = reports.submit(ACTOR, estate_id, r.category, b.id, r.text,
                               unit_id=b.units[r.unit].id if r.unit is not None else None, floor=r.floor,
                               phone=people.phone(rng) if r.phone else None)
        for status, note in r.steps:
            if r.spread:
                clock.advance(dt.timedelta(days=max(1, r.days_ago // (len(r.steps) + 1))))
            reports.transition(ACTOR, filed.id, status, note)
    finally:
        if r.days_ago is not None:
            clock.freeze(None)
