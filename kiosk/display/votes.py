"""The "votes" slide kind: open polls with their participation so far, and polls closed in the
last RESULTS_DAYS with their published count (listed in kiosk.display.kinds.ALL)."""

from __future__ import annotations

import datetime as dt

from kiosk.display.kind import Context, SlideKind
from kiosk.i18n import N_

RESULTS_DAYS = 7


def load(ctx: Context):
    from kiosk.domain import votes
    from kiosk.render.slides.votes import VoteBoard, VoteFigures

    shown_since = ctx.now - dt.timedelta(days=RESULTS_DAYS)
    items, changes = [], []
    for p in votes.list_polls(ctx.estate.id):
        state = p.state(ctx.now)
        if state == "open":
            items.append(VoteFigures(p, votes.turnout(p.id)))
            changes.append(p.closes_at)
        elif state == "scheduled":
            changes.append(p.opens_at)
        elif state == "closed" and p.closed_at > shown_since:
            results = votes.public_results(p.id)
            items.append(VoteFigures(p, results.turnout, results))
            changes.append(p.closed_at + dt.timedelta(days=RESULTS_DAYS))
    # Open votes first (residents can still act on them), newest first within each group.
    items.sort(key=lambda v: v.results is not None)
    return VoteBoard(tuple(items), min((t for t in changes if t is not None), default=None))


def next_change(data) -> dt.datetime | None:
    return data.next_change


def render(data, width: int, height: int):
    from kiosk.render.slides import votes

    return votes.render(data, width, height)


KIND = SlideKind("votes", N_("Votes"), load, render, next_change)
