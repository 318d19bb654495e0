"""A seeded random walk through the real lobby (Pilot), as a lobby lives it: a resident pressing
keys in every flow (digits, arrows, Enter, Escape, hostile text), staff and other kiosks writing
from other connections all the while (notices, pledges, reports, "me too", ballots), the clock
passing idle timeouts and notice or poll boundaries, and another program holding the write lock.

After every step:
- no pause screen and no recovered error: the database was reachable all along;
- every save the lobby committed showed its receipt (ticket, thank-you, ballot receipt);
- what the resident typed in a form is still there after anything that was not the resident,
  and the highlight stays on the choice it was on (the same notice, report, project);
- home's notice count equals the domain's.

A failure prints the seed; `KIOSK_WALK_SEED=<seed> pytest tests/lobby/test_random_walk.py` replays it.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import random
import re
import time

import pytest

from kiosk import clock, demo
from kiosk.db import connection
from kiosk.db.models import AuditEntry, Household
from kiosk.domain import changes, funding, ledger, notices, reports, votes
from kiosk.domain.estates import layout
from support import hold_write_lock, screen_text, settle

STEPS = 90
SEEDS = [int(os.environ["KIOSK_WALK_SEED"])] if os.environ.get("KIOSK_WALK_SEED") else [11, 2024, 90210]
RESIDENT_ACTORS = ("lobby", "kiosk")  # who the lobby writes as (reports and pledges, ballots)
RECEIPTS = {"TicketScreen", "MeTooDoneScreen", "PledgeDoneScreen", "VoteDoneScreen"}
TEXTS = ["abc", "漏水了", "[b]x[/b]", "[@click=app.quit]", "\x1b[31m", "101", "12 34", "x" * 40]
KEYS = list("0123456789") + ["escape", "enter", "up", "down", "left", "right", "backspace"]
# What residents mean to do, key by key from home; the walk follows one for a while, then wanders.
PLEDGE = ["6", "2", "1", "<household code>", "enter", "2", "1"]  # the code: 2号楼1单元101's
REPORT = ["4", "2", "5", "1", "d", "o", "o", "r", "enter", "enter", "1"]


class Walk:
    def __init__(self, app, pilot, seed: int, db_path: str) -> None:
        self.app, self.pilot, self.rng, self.db_path = app, pilot, random.Random(seed), db_path
        self.log: list[str] = []
        self.codes: list[str] = []
        self.resident_codes: list[str] = []
        self.household_code = ""
        self.titles = 0
        self.intent: list[str] = []

    # ---- what others do (on their own connections) ---------------------------------------

    async def elsewhere(self, write) -> None:
        def run():
            with connection.for_thread():
                return write()

        try:
            await asyncio.to_thread(run)
        except Exception as exc:  # a refusal (rate limit, code used) is part of life
            self.log.append(f"  (refused: {type(exc).__name__})")

    async def staff_posts_a_notice(self) -> None:
        self.titles += 1
        now = clock.now()
        until = now + dt.timedelta(minutes=self.rng.choice([1, 3, 30, 600]))
        start = now + dt.timedelta(minutes=self.rng.choice([0, 0, 2]))
        estate = self.app.estate.id
        await self.elsewhere(lambda: notices.post("staff", f"walk notice {self.titles}", "b", estate_id=estate,
                                                  publish_at=start, expires_at=until,
                                                  emergency=self.rng.random() < 0.05))

    async def a_household_pledges_elsewhere(self) -> None:
        hh = Household.select().first()
        await self.elsewhere(lambda: ledger.record("staff", 2, "owners", self.rng.randint(1, 500) * 100,
                                                   status="pledged", household_id=hh.id))

    async def another_kiosk_reports(self) -> None:
        building = layout(self.app.estate.id)[0]
        estate = self.app.estate.id
        await self.elsewhere(lambda: reports.submit("lobby-2", estate, "road", building.id, "walk report"))

    async def another_kiosk_says_me_too(self) -> None:
        building = layout(self.app.estate.id)[0]
        similar = reports.similar_open(self.app.estate.id, "road", building.id)
        if similar:
            await self.elsewhere(lambda: reports.me_too("lobby-2", similar[0][0]))

    async def a_paper_ballot(self) -> None:
        if self.codes:
            code = self.codes.pop()
            poll = votes.open_polls(self.app.estate.id)[0]
            await self.elsewhere(lambda: votes.cast_with_code("paper-desk", code, poll.options[0].id))

    async def the_clock_moves(self) -> None:
        clock.advance(dt.timedelta(seconds=self.rng.choice([20, 45, 95, 300, 3600, 86400])))
        self.app.check_inactivity()
        schedule = getattr(self.app.live, "schedule", None)
        if schedule is not None:
            schedule.recheck()

    async def a_long_write_holds_the_lock(self) -> None:
        con = hold_write_lock(self.db_path)
        try:
            for _ in range(self.rng.randint(1, 3)):
                await self.resident_presses()
            await self.pilot.pause(self.rng.uniform(0.2, 1.0))
        finally:
            con.execute("ROLLBACK")
            con.close()

    # ---- what the resident does ----------------------------------------------------------

    async def resident_presses(self) -> None:
        key = self.rng.choice(KEYS)
        self.log.append(f"  key {key!r} on {type(self.app.screen).__name__}")
        await self.pilot.press(key)
        await settle(self.pilot)

    async def resident_means_something(self) -> None:
        """Follow an intention (a pledge, a report, a vote) one key per step; a new one starts
        from home; now and then the resident wanders off it (the other actions)."""
        if not self.intent:
            if type(self.app.screen).__name__ != "HomeScreen":
                await self.pilot.press("escape")
                await settle(self.pilot)
                return
            vote = ["7", "1", *(self.resident_codes.pop() if self.resident_codes else "000000000000"), "enter", "1", "1"]
            pledge = [k for key in PLEDGE for k in (self.household_code if key == "<household code>" else [key])]
            self.intent = list(self.rng.choice([pledge, REPORT, vote]))
        key = self.intent.pop(0)
        self.log.append(f"  means {key!r} on {type(self.app.screen).__name__}")
        await self.pilot.press(key)
        await settle(self.pilot)

    async def resident_types(self) -> None:
        from textual.widgets import Input

        if not isinstance(self.app.screen.focused, Input):
            return await self.resident_presses()
        text = self.rng.choice(TEXTS)
        self.log.append(f"  types {text!r}")
        await self.pilot.press(*[c for c in text if c.isprintable()] or ["a"])
        await settle(self.pilot)

    # ---- one step, then the invariants ---------------------------------------------------

    async def step(self, n: int) -> None:
        others = [self.staff_posts_a_notice, self.a_household_pledges_elsewhere, self.another_kiosk_reports,
                  self.another_kiosk_says_me_too, self.a_paper_ballot, self.the_clock_moves,
                  self.a_long_write_holds_the_lock]
        if self.intent and self.rng.random() < 0.9:
            # A resident in the middle of something carries on with it while the world goes on.
            action = self.resident_means_something if self.rng.random() < 0.6 else self.rng.choice(others)
        else:
            self.intent = []  # (gave up, or never had one)
            resident = [self.resident_presses] * 4 + [self.resident_types] * 2 + [self.resident_means_something] * 6
            action = self.rng.choice(resident + others)
        self.log.append(f"step {n}: {action.__name__}")
        typed_before = self.typed()
        chosen_before = self.chosen()
        lobby_writes = self.lobby_writes()
        await action()
        await self.quiet()
        not_the_resident = action in others and action not in (self.the_clock_moves, self.a_long_write_holds_the_lock)
        self.check(not_the_resident, typed_before, lobby_writes)
        if not_the_resident:
            self.check_chosen(chosen_before)

    def typed(self):
        from textual.widgets import Input

        screen = self.app.screen
        field = next(iter(screen.query(Input)), None)
        return (screen, field.value) if field is not None else None

    def chosen(self):
        """The list choice the highlight is on: (screen, its value), or None."""
        from kiosk.screens.lobby.pick import Choice

        focused = self.app.screen.focused
        value = getattr(focused, "value", None)
        return (self.app.screen, value.value, value.label) if isinstance(value, Choice) else None

    def check_chosen(self, before) -> None:
        """Others' writes may add or drop choices, never move the highlight to another one that
        was there before (a choice gone meanwhile lets it stay where it stood)."""
        if before is None or before[0] is not self.app.screen:
            return
        screen, value, label = before
        still_there = any((c.value, c.label) == (value, label) for c in getattr(screen, "_choices", []))
        now = self.chosen()
        if still_there and now is not None:
            assert (now[1], now[2]) == (value, label), f"the highlight moved from {label!r} to {now[2]!r}"

    def lobby_writes(self) -> int:
        return AuditEntry.select().where(AuditEntry.actor.in_(RESIDENT_ACTORS)).count()

    async def quiet(self) -> None:
        """Until saves have finished and the change detector has seen every write."""
        end = time.monotonic() + 15
        while time.monotonic() < end:
            saving = [w for w in self.app.workers if w.name == "lobby-save" and not w.is_finished]
            if not saving and self.app.live.revision == changes.revision():
                break
            await self.pilot.pause(0.05)
        await settle(self.pilot)

    def check(self, others_only: bool, typed_before, lobby_writes_before: int) -> None:
        app = self.app
        name = type(app.screen).__name__
        assert app.is_running
        assert app.errors == [], app.errors
        assert name != "PauseScreen" and "暂停服务" not in screen_text(app)
        if self.lobby_writes() > lobby_writes_before:
            assert name in RECEIPTS, f"a save committed but the screen is {name}"
        if others_only and typed_before is not None:
            screen, value = typed_before
            if screen is app.screen:
                now = self.typed()
                assert now is not None and now[1] == value, f"typed {value!r}, now {now!r}"
        if name == "HomeScreen":
            shown = re.search(r"通知公告 \((\d+)\)", screen_text(app))
            count = len(notices.live(app.estate.id))
            assert (int(shown.group(1)) if shown else 0) == count


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
async def test_random_walk_loses_nothing(make_app, lobby_db, seed):
    app = make_app(idle_seconds=90)
    poll = votes.open_polls(app.estate.id)[0]
    codes = [s.code for s in votes.issue_codes("staff", poll.id, reissue=True)]
    walk_log: list[str] = []

    try:
        async with app.run_test(size=(80, 24)) as pilot:
            walk = Walk(app, pilot, seed, lobby_db)
            walk.codes = codes[len(codes) // 2:]  # paper ballots; the other half is the residents'
            walk.resident_codes = codes[: len(codes) // 2]
            walk.household_code = demo.household_codes()[("盈谷中心小区", "2号楼", "1单元", "101")]
            walk_log.extend([f"seed {seed}"])
            await settle(pilot)
            try:
                for n in range(STEPS):
                    await walk.step(n)
            finally:
                walk_log.extend(walk.log[-30:])
    except BaseException:
        print("\n".join(walk_log))
        raise
    assert funding.snapshot(2).pledged_fen >= 0
