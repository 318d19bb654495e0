"""`kiosk import ballots FILE.csv`: paper and proxy ballots collected by staff, all or nothing.

Columns: poll_id,building,unit,room,choice, optionally channel (choice = an option's label;
channel paper, proxy or kiosk — ballots an offline kiosk collected; empty means paper). A second
ballot for a household — twice in the file, or already counted through any channel — refuses
the whole file and names the line.
"""

from __future__ import annotations

import dataclasses

import peewee as pw

from kiosk import clock
from kiosk.db import bulk
from kiosk.db.models import Ballot, Building, Household, Poll, Unit
from kiosk.domain import audit, votes
from kiosk.domain.errors import Conflict, DomainError
from kiosk.domain.imports import fields
from kiosk.domain.imports.problems import LineProblem, Problem
from kiosk.domain.imports.schema import Column, Schema, Settled
from kiosk.i18n import _

# What people write in the channel column of a spreadsheet.
CHANNEL_WORDS = {
    "": "paper", "paper": "paper", "纸质": "paper", "纸质票": "paper", "书面": "paper",
    "proxy": "proxy", "委托": "proxy", "代理": "proxy", "代投": "proxy",
    "kiosk": "kiosk", "自助": "kiosk", "触屏": "kiosk", "现场": "kiosk",
}
INSERT_FIELDS = (Ballot.poll, Ballot.household, Ballot.option, Ballot.channel, Ballot.receipt, Ballot.cast_at,
                 Ballot.entry_seq)


@dataclasses.dataclass(slots=True)  # not frozen: a frozen __init__ costs five times as much
class BallotRow:
    """A row as the file gives it."""

    line: int
    poll: votes.PollInfo
    building: str
    unit: str
    room: str
    choice: str
    channel: str


@dataclasses.dataclass(slots=True)  # not frozen: a frozen __init__ costs five times as much
class BallotEntry:
    """A row resolved to what is stored."""

    line: int
    poll_id: int
    household_id: int
    option_id: int
    channel: str


def _channel(text: str) -> str:
    channel = CHANNEL_WORDS.get(fields.nfkc(text).lower())
    if channel is None:
        raise Problem(_("unknown channel {value!r} (use paper, proxy or kiosk)").format(value=text))
    return channel


class Ballots(Schema[BallotEntry]):
    action = "ballot.import"
    entity = "ballot_batch"
    row = BallotRow

    def __init__(self) -> None:
        self.now = clock.now()
        self.polls: dict[int, votes.PollInfo | None] = {}
        self.homes: dict[int, dict[tuple[str, str, str], int]] = {}  # poll -> (building, unit, room) -> household
        self.seen: dict[tuple[int, int], int] = {}  # (poll, household) -> first line
        self.receipts: set[str] = set()
        self.digest: list[tuple] = []

    def columns(self) -> tuple[Column, ...]:
        return (
            Column("poll_id", self._poll),
            Column("building", fields.nfkc),
            Column("unit", fields.nfkc),
            Column("room", fields.nfkc),
            Column("choice", str),
            Column("channel", _channel, required=False),
        )

    def _poll(self, text: str) -> votes.PollInfo:
        try:
            pid = fields.whole_number(text)
        except ValueError:
            raise Problem(_("bad poll id {value!r}").format(value=text)) from None
        if pid not in self.polls:
            try:
                self.polls[pid] = votes.get_poll(pid)
            except DomainError:
                self.polls[pid] = None
        info = self.polls[pid]
        if info is None:
            raise Problem(_("unknown poll {value}").format(value=pid))
        state = info.state(self.now)
        if state == "closed":
            raise Problem(_("poll {id} is closed").format(id=pid))
        if state == "scheduled":
            raise Problem(_("poll {id} is not open yet").format(id=pid))
        return info

    def _households(self, info: votes.PollInfo) -> dict[tuple[str, str, str], int]:
        if info.id not in self.homes:
            q = (Household.select(Household.id, Building.name, Unit.name, Household.room).join(Unit).join(Building)
                 .where(Building.estate == info.estate_id))
            if info.buildings:
                q = q.where(Building.name.in_(list(info.buildings)))
            self.homes[info.id] = {(b, u, r): hid for hid, b, u, r in q.tuples()}
        return self.homes[info.id]

    def check(self, row: BallotRow) -> BallotEntry:
        problems = []
        household = self._households(row.poll).get((row.building, row.unit, row.room))
        if household is None:
            problems.append(_("no household {building} {unit} {room} covered by poll {id}").format(
                building=row.building, unit=row.unit, room=row.room, id=row.poll.id))
        option = None
        try:
            option = votes.resolve_option(row.poll, row.choice).id
        except DomainError as exc:
            problems.append(str(exc))
        if household is not None:
            first = self.seen.setdefault((row.poll.id, household), row.line)
            if first != row.line:
                problems.append(_("a second ballot for the same household (first on line {line})").format(line=first))
        if problems:
            raise Problem("; ".join(problems))
        return BallotEntry(row.line, row.poll.id, household, option, row.channel)

    def settle(self, rows: list[BallotEntry]) -> Settled[BallotEntry]:
        """Inside the write lock: polls closed meanwhile, and ballots already counted (any channel)."""
        refused = []
        for poll_id in sorted({r.poll_id for r in rows}):
            lines = {r.household_id: r.line for r in rows if r.poll_id == poll_id}
            if Poll.get_by_id(poll_id).closed_at is not None:
                refused.append(LineProblem(min(lines.values()), _("poll {id} is closed").format(id=poll_id)))
                continue
            for hid, channel, cast_at in (Ballot.select(Ballot.household, Ballot.channel, Ballot.cast_at)
                                          .where(Ballot.poll == poll_id).tuples()):
                if hid in lines:
                    refused.append(LineProblem(lines[hid], _("this household has already voted in poll {id} ({channel}, {when})").format(
                        id=poll_id, channel=votes.channel_label(channel), when=f"{cast_at:%Y-%m-%d %H:%M}")))
        return Settled(rows, refused=sorted(refused, key=lambda p: p.line))

    def write(self, w: audit.Write, seq: int, rows: list[BallotEntry]) -> None:
        batch = []
        for r in rows:
            while True:
                receipt = votes.new_receipt()
                if receipt not in self.receipts:
                    break
            self.receipts.add(receipt)
            batch.append((r.poll_id, r.household_id, r.option_id, r.channel, receipt, self.now, seq))
            self.digest.append((r.poll_id, r.household_id, r.option_id, r.channel, receipt))
        bulk.insert_rows(Ballot, INSERT_FIELDS, batch)

    def audit_fields(self, skipped: int) -> dict:
        return {"digest": audit.digest_rows(self.digest)}

    def refusal(self, exc: Exception) -> DomainError | None:
        if isinstance(exc, pw.IntegrityError) and votes.is_duplicate_ballot(exc):
            return Conflict(_("Another ballot for one of these households was counted meanwhile; nothing was imported. "
                              "Import the file again to see which line."))
        return None
