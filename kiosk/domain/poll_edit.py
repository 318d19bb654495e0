"""A poll corrected before it opens: its title, options, closing time and buildings, only while its
opening time is still ahead and it has no ballot. Options and scope are replaced (the rows
deleted and written again): the database's guards allow that for a poll without ballots and
refuse it from the first ballot on (db/backend.py UNTIL_VOTED), so a counted vote's options and
scope never change. The audit entry keeps what each changed field was."""

from __future__ import annotations

import datetime as dt

from kiosk import clock
from kiosk.db.models import Ballot, Poll, PollBuilding, PollOption, VoteCode
from kiosk.domain import audit, votes
from kiosk.domain.errors import ValidationError
from kiosk.domain.text import clean_line
from kiosk.i18n import _


def editable(poll: votes.PollInfo, now: dt.datetime | None = None) -> bool:
    """Whether the poll may still be changed (no ballot is checked here: see update_poll)."""
    return poll.closed_at is None and poll.opens_at > (now or clock.now())


def _as_typed(poll: votes.PollInfo) -> dict:
    return {"title": poll.title, "options": [o.label for o in poll.options], "closes_at": poll.closes_at,
            "buildings": sorted(poll.buildings)}


def _changed(poll: votes.PollInfo, after: dict) -> dict:
    was = _as_typed(poll)
    return {k: v for k, v in after.items() if v != was[k]}


def update_poll(actor: str, poll_id: int, *, title: str, options: list[str], closes_at: dt.datetime | None,
                buildings: list[str]) -> votes.PollInfo:
    title = clean_line(title, field="title", limit=100)
    labels = votes.option_labels(options)
    names = sorted({clean_line(b, field="buildings", limit=40) for b in buildings if b and b.strip()})
    after = {"title": title, "options": labels, "closes_at": closes_at, "buildings": names}
    if not _changed(votes.get_poll(poll_id), after):
        return votes.get_poll(poll_id)  # saved as it was: no audit entry
    with audit.write(actor) as w:
        before = votes.get_poll(poll_id)  # again, under the write lock
        now = clock.now()
        if not editable(before, now):
            raise ValidationError(_("Vote {id} has opened: it can no longer be changed.").format(id=poll_id), "title")
        if Ballot.select().where(Ballot.poll == poll_id).exists():
            raise ValidationError(_("Vote {id} has ballots: it can no longer be changed.").format(id=poll_id), "title")
        if closes_at is not None and closes_at <= max(before.opens_at, now):
            raise ValidationError(_("The closing time must be after the opening time and in the future."), "closes")
        was = _as_typed(before)
        changed = _changed(before, after)
        if "buildings" in changed and VoteCode.select().where(VoteCode.poll == poll_id).exists():
            raise ValidationError(_("Vote codes were issued for this vote: its buildings can no longer change."), "buildings")
        scope = votes.scope_ids(before.estate_id, names)
        if "title" in changed or "closes_at" in changed:
            Poll.update(title=title, closes_at=closes_at).where(Poll.id == poll_id).execute()
        if "options" in changed:
            PollOption.delete().where(PollOption.poll == poll_id).execute()
            PollOption.insert_many([{"poll": poll_id, "label": label, "sort": i} for i, label in enumerate(labels)]).execute()
        if "buildings" in changed:
            PollBuilding.delete().where(PollBuilding.poll == poll_id).execute()
            if scope:
                PollBuilding.insert_many([{"poll": poll_id, "building": b} for b in scope]).execute()

        def logged(value):
            return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value

        w.record("poll.update", "poll", poll_id, **{k: logged(v) for k, v in changed.items()},
                 was={k: logged(was[k]) for k in changed})
    return votes.get_poll(poll_id)
