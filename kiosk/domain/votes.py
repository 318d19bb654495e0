"""Household votes (居民议、居民定) counted as the Civil Code art. 278 counts them.

- A poll covers the households of its estate, or of the buildings it lists.
- One household, one ballot, whatever the channel (kiosk with a one-time code, paper or proxy
  entered by staff): the database refuses a second ballot with UNIQUE(poll, household).
- Owners (人数): one per household, but households with the same owner key are one owner.
- Quorate (有效): participating area >= 2/3 of the area AND participating owners >= 2/3 of the owners.
- Majority: more than half (过半数; exactly half is not enough) of the participating area AND
  owners; for a `major` matter (art. 278 items 6-8) at least 3/4 (以上 includes the bound) of both.
- Approved (`approved`, the one decision every output shows): the poll is closed, it was
  quorate, and the option has the majority. While voting goes on, or below the quorum, nothing is.
- Areas are integer hundredths of m²; every bound is checked by cross-multiplying integers.

An owner whose flats voted for different options participates once but supports neither option
in the head count: one person is never counted twice towards approval (their areas still count
for what each flat chose).

Results are public only after staff close the poll; the public never sees who voted or how.
A receipt proves that a ballot was counted (when, by which channel), never what it chose.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import unicodedata
from collections import defaultdict

import peewee as pw

from kiosk import clock
from kiosk.db.models import (
    AuditEntry, Ballot, Building, Estate, Household, Meeting, Poll, PollBuilding, PollOption, Project, Unit, VoteCode,
)
from kiosk.domain import address, audit, codes
from kiosk.domain.errors import Conflict, NotFound, ValidationError
from kiosk.domain.numbers import AT_LEAST_TWO_THIRDS, percent
from kiosk.domain.text import clean_line
from kiosk.i18n import N_, _

MATTERS = {
    "ordinary": N_("Ordinary matter (more than half)"),
    "major": N_("Major matter (three quarters)"),
}
CHANNELS = {"kiosk": N_("Kiosk"), "paper": N_("Paper ballot"), "proxy": N_("Proxy")}
STAFF_CHANNELS = ("paper", "proxy")
STATES = {
    "scheduled": N_("Not open yet"),
    "open": N_("Voting open"),
    "counting": N_("Voting ended, counting"),
    "closed": N_("Closed, results published"),
}
STATES_SHORT = {"scheduled": N_("Not open"), "open": N_("Open"), "counting": N_("Counting"), "closed": N_("Voting closed")}
MAX_OPTIONS = 10
CODE_PURPOSE = "vote"


def matter_label(key: str) -> str:
    return _(MATTERS.get(key, key))


def channel_label(key: str) -> str:
    return _(CHANNELS.get(key, key))


def state_label(key: str, *, short: bool = False) -> str:
    return _((STATES_SHORT if short else STATES).get(key, key))


# ---- plain data ---------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class OptionInfo:
    id: int
    label: str
    sort: int


@dataclasses.dataclass(frozen=True)
class PollInfo:
    id: int
    estate_id: int
    estate: str
    title: str
    matter: str
    options: tuple[OptionInfo, ...]
    buildings: tuple[str, ...]  # empty: the whole estate
    opens_at: dt.datetime
    closes_at: dt.datetime | None
    closed_at: dt.datetime | None
    project_id: int | None
    meeting_id: int | None

    def state(self, now: dt.datetime | None = None) -> str:
        return poll_state(self.opens_at, self.closes_at, self.closed_at, now or clock.now())

    def option(self, option_id: int) -> OptionInfo:
        for o in self.options:
            if o.id == option_id:
                return o
        raise NotFound(_("No such option."))


def poll_state(opens_at: dt.datetime, closes_at: dt.datetime | None, closed_at: dt.datetime | None, now: dt.datetime) -> str:
    """scheduled -> open -> counting (closing time passed: paper ballots may still be entered) -> closed."""
    if closed_at is not None:
        return "closed"
    if now < opens_at:
        return "scheduled"
    if closes_at is not None and now >= closes_at:
        return "counting"
    return "open"


@dataclasses.dataclass(frozen=True)
class Counts:
    households: int
    owners: int
    area_cm2: int  # hundredths of m²


@dataclasses.dataclass(frozen=True)
class Turnout:
    """Participation so far; no option figures (safe to show while voting is open)."""

    poll_id: int
    eligible: Counts
    participating: Counts
    quorate: bool

    @property
    def area_percent(self) -> int:
        """Whole percent, rounded down: 66.6% shows as 66, never as a 2/3 that is not there."""
        return floor_percent(self.participating.area_cm2, self.eligible.area_cm2)

    @property
    def owners_percent(self) -> int:
        return floor_percent(self.participating.owners, self.eligible.owners)


@dataclasses.dataclass(frozen=True)
class OptionResult:
    id: int
    label: str
    counts: Counts
    approved: bool


@dataclasses.dataclass(frozen=True)
class Tally:
    """`options[i].approved` and `outcome` come from `approved()`: never true while the poll is
    open or counting, nor when it closed below the quorum."""
    poll_id: int
    title: str
    matter: str
    state: str
    eligible: Counts
    participating: Counts
    quorate: bool
    options: tuple[OptionResult, ...]
    outcome: str | None  # the approved option's label when quorate, else None
    split_owners: int  # owners whose flats chose different options (counted for no option)

    @property
    def turnout(self) -> Turnout:
        return Turnout(self.poll_id, self.eligible, self.participating, self.quorate)

    @property
    def decided(self) -> bool:
        """Closed and quorate: each option is then either approved or not approved."""
        return self.state == "closed" and self.quorate


@dataclasses.dataclass(frozen=True)
class Receipt:
    """Proof that a ballot was counted: which vote, when, through which channel. Deliberately
    without the choice (a secret ballot): whoever holds the slip learns nothing of the vote."""

    receipt: str
    poll_id: int
    poll_title: str
    channel: str
    cast_at: dt.datetime


@dataclasses.dataclass(frozen=True)
class CodeTicket:
    """What a valid, unused code opens at the kiosk: the poll, and where the household is (no room)."""

    poll: PollInfo
    building: str
    unit: str


@dataclasses.dataclass(frozen=True)
class CodeSlip:
    """One printed slip. Private: it names the room and carries a live code."""

    building: str
    unit: str
    room: str
    code: str


def floor_percent(part: int, whole: int) -> int:
    """Whole percent as numbers.percent prints it against the 2/3 bound: rounded down, and exactly
    two thirds reads 67 (reached), never 66."""
    return percent(part, whole, places=0, thresholds=(AT_LEAST_TWO_THIRDS,)).units


# ---- the law's arithmetic (pure) ------------------------------------------------------------

def is_quorate(participating: Counts, eligible: Counts) -> bool:
    """Art. 278: owners holding >= 2/3 of the area AND >= 2/3 of the owners took part."""
    if eligible.area_cm2 <= 0 or eligible.owners <= 0:
        return False
    return (3 * participating.area_cm2 >= 2 * eligible.area_cm2
            and 3 * participating.owners >= 2 * eligible.owners)


def has_majority(option: Counts, participating: Counts, matter: str) -> bool:
    """ordinary: > 1/2 of participating area AND owners; major: >= 3/4 of both. Only the
    arithmetic: whether the option is approved is `approved()`'s to say."""
    if participating.area_cm2 <= 0 or participating.owners <= 0 or option.households <= 0:
        return False
    if matter == "major":
        return (4 * option.area_cm2 >= 3 * participating.area_cm2
                and 4 * option.owners >= 3 * participating.owners)
    return 2 * option.area_cm2 > participating.area_cm2 and 2 * option.owners > participating.owners


def approved(option: Counts, participating: Counts, eligible: Counts, matter: str, state: str) -> bool:
    """Art. 278: an option is approved only by a closed poll that was quorate, with the matter's
    majority. Every output (tally text and JSON, screens, the board, exports) shows this."""
    return state == "closed" and is_quorate(participating, eligible) and has_majority(option, participating, matter)


def count(eligible: list[tuple[int, str, int]], ballots: list[tuple[int, int]],
          option_ids: list[int]) -> tuple[Counts, Counts, dict[int, Counts], int]:
    """eligible: (household id, owner key, area); ballots: (household id, option id).
    Returns (eligible, participating, per option, split owners)."""
    households = {hid: (owner, int(area)) for hid, owner, area in eligible}
    e = Counts(len(households), len({o for o, _a in households.values()}), sum(a for _o, a in households.values()))
    choices: dict[str, set[int]] = defaultdict(set)
    p_h = p_area = 0
    per_h: dict[int, int] = defaultdict(int)
    per_area: dict[int, int] = defaultdict(int)
    for hid, oid in ballots:
        if hid not in households:  # not covered by the poll: cannot count
            continue
        owner, area = households[hid]
        choices[owner].add(oid)
        p_h += 1
        p_area += area
        per_h[oid] += 1
        per_area[oid] += area
    per_owner: dict[int, int] = defaultdict(int)
    split = 0
    for chosen in choices.values():
        if len(chosen) == 1:
            per_owner[next(iter(chosen))] += 1
        else:
            split += 1
    p = Counts(p_h, len(choices), p_area)
    per = {oid: Counts(per_h[oid], per_owner[oid], per_area[oid]) for oid in option_ids}
    return e, p, per, split


# ---- reading ----------------------------------------------------------------------------------

def _poll_row(poll_id: int) -> Poll:
    p = Poll.select(Poll, Estate).join(Estate).where(Poll.id == poll_id).first()
    if p is None:
        raise NotFound(_("No poll with id {id}.").format(id=poll_id))
    return p


def _info(p: Poll) -> PollInfo:
    return _infos([p])[0]


def _infos(polls: list[Poll]) -> list[PollInfo]:
    """Several polls with their options and buildings in two queries, not two per poll (every
    query is a round trip to a sub-district's server)."""
    ids = [p.id for p in polls]
    options: dict[int, list[OptionInfo]] = defaultdict(list)
    buildings: dict[int, list[str]] = defaultdict(list)
    if ids:
        for o in PollOption.select().where(PollOption.poll.in_(ids)).order_by(PollOption.sort, PollOption.id):
            options[o.poll_id].append(OptionInfo(o.id, o.label, o.sort))
        for poll_id, name in (Building.select(PollBuilding.poll, Building.name)
                              .join(PollBuilding, on=(PollBuilding.building == Building.id))
                              .where(PollBuilding.poll.in_(ids)).order_by(Building.sort, Building.id).tuples()):
            buildings[poll_id].append(name)
    return [PollInfo(p.id, p.estate_id, p.estate.name, p.title, p.matter, tuple(options[p.id]), tuple(buildings[p.id]),
                     p.opens_at, p.closes_at, p.closed_at, p.project_id, p.meeting_id) for p in polls]


def get_poll(poll_id: int) -> PollInfo:
    return _info(_poll_row(poll_id))


def list_polls(estate_id: int | None = None, *, states: tuple[str, ...] | None = None) -> list[PollInfo]:
    """Newest first; `states` filters by poll_state at this moment."""
    q = Poll.select(Poll, Estate).join(Estate).order_by(Poll.opens_at.desc(), Poll.id.desc())
    if estate_id is not None:
        q = q.where(Poll.estate == estate_id)
    out = _infos(list(q))
    if states is not None:
        now = clock.now()
        out = [p for p in out if p.state(now) in states]
    return out


def next_change(estate_id: int | None, *, now: dt.datetime | None = None) -> dt.datetime | None:
    """When a poll (of the estate) next opens or reaches its closing time by the clock alone;
    None: nothing scheduled. A poll staff closed already changes nothing more."""
    now = now or clock.now()
    pending = Poll.select().where(Poll.closed_at.is_null())
    if estate_id is not None:
        pending = pending.where(Poll.estate == estate_id)
    opens = pending.select(Poll.opens_at).where(Poll.opens_at > now).order_by(Poll.opens_at).limit(1).scalar()
    closes = pending.select(Poll.closes_at).where(Poll.closes_at > now).order_by(Poll.closes_at).limit(1).scalar()
    times = [t for t in (opens, closes) if t is not None]
    return min(times) if times else None


def open_polls(estate_id: int) -> list[PollInfo]:
    return list_polls(estate_id, states=("open",))


def closed_polls(estate_id: int) -> list[PollInfo]:
    return list_polls(estate_id, states=("closed",))


def polls_for_meetings(meeting_ids: list[int]) -> dict[int, list[PollInfo]]:
    """The polls each meeting led to."""
    out: dict[int, list[PollInfo]] = defaultdict(list)
    if not meeting_ids:
        return out
    for info in _infos(list(Poll.select(Poll, Estate).join(Estate).where(Poll.meeting.in_(list(meeting_ids)))
                            .order_by(Poll.opens_at))):
        out[info.meeting_id].append(info)
    return out


def _scope_ids(poll_id: int) -> list[int]:
    return [r[0] for r in PollBuilding.select(PollBuilding.building).where(PollBuilding.poll == poll_id).tuples()]


def _eligible_query(poll: Poll):
    """The poll's households: its buildings', or the whole estate's when it names none (in the
    query itself: no round trip to read the buildings first)."""
    scope = PollBuilding.select(PollBuilding.building).where(PollBuilding.poll == poll.id)
    return (Household.select(Household.id, Household.owner_key, Household.area_cm2)
            .join(Unit).join(Building)
            .where(Building.estate == poll.estate_id, ~pw.fn.EXISTS(scope) | Building.id.in_(scope)))


def _count(p: Poll) -> tuple[PollInfo, Counts, Counts, dict[int, Counts], int]:
    info = _info(p)
    eligible = list(_eligible_query(p).tuples())
    ballots = list(Ballot.select(Ballot.household, Ballot.option).where(Ballot.poll == p.id).tuples())
    e, part, per, split = count(eligible, ballots, [o.id for o in info.options])
    return info, e, part, per, split


CLOSE_ACTION = "poll.close"


def _count_at_close(p: Poll, info: PollInfo) -> tuple[Counts, Counts, dict[int, Counts], int] | None:
    """The count staff published when they closed the poll, as its audit entry keeps it. A flat's
    area or owner corrected afterwards (the household register, an import) must not move a result
    already announced and printed. None while the poll is not closed."""
    if p.closed_at is None:
        return None
    row = (AuditEntry.select(AuditEntry.data)
           .where(AuditEntry.entity == "poll", AuditEntry.entity_id == str(p.id), AuditEntry.action == CLOSE_ACTION)
           .order_by(AuditEntry.seq.desc()).first())
    if row is None:
        return None
    data = json.loads(row.data)
    by_label = {label: Counts(**counts) for label, counts in data["options"].items()}
    per = {o.id: by_label.get(o.label, Counts(0, 0, 0)) for o in info.options}
    split = data.get("split_owners")
    if split is None:  # closed before the count kept it: the owners who split, counted now
        split = _count(p)[4]
    return Counts(**data["eligible"]), Counts(**data["participating"]), per, int(split)


def tally(poll_id: int) -> Tally:
    """The full count (staff, and the public once closed: see `public_results`). A closed poll's
    count is the one published at its close."""
    p = _poll_row(poll_id)
    info = _info(p)
    frozen = _count_at_close(p, info)
    if frozen is None:
        info, e, part, per, split = _count(p)
    else:
        e, part, per, split = frozen
    state = info.state()
    results = tuple(OptionResult(o.id, o.label, per[o.id], approved(per[o.id], part, e, info.matter, state))
                    for o in info.options)
    passed = [r.label for r in results if r.approved]
    outcome = passed[0] if len(passed) == 1 else None
    return Tally(info.id, info.title, info.matter, state, e, part, is_quorate(part, e), results, outcome, split)


def turnout(poll_id: int) -> Turnout:
    """The same figures as `tally`'s, summed by the database: the lobby's home shows it for each
    open poll, and at a sub-district's size loading every household and ballot cost memory."""
    p = _poll_row(poll_id)
    voted = Ballot.id.is_null(False)  # one ballot per household and poll: the join adds no rows

    def only_voted(value):
        return pw.Case(None, [(voted, value)], None)

    sums = (pw.fn.COUNT(Household.id), pw.fn.COUNT(Household.owner_key.distinct()),
            pw.fn.COALESCE(pw.fn.SUM(Household.area_cm2), 0),
            pw.fn.COUNT(Ballot.id), pw.fn.COUNT(only_voted(Household.owner_key).distinct()),
            pw.fn.COALESCE(pw.fn.SUM(only_voted(Household.area_cm2)), 0))
    q = (_eligible_query(p).select(*sums).switch(Household)
         .join(Ballot, pw.JOIN.LEFT_OUTER, on=((Ballot.household == Household.id) & (Ballot.poll == p.id))))
    row = q.tuples().get()
    e, part = Counts(*map(int, row[:3])), Counts(*map(int, row[3:]))
    return Turnout(poll_id, e, part, is_quorate(part, e))


def public_results(poll_id: int) -> Tally:
    """Totals per option for the public: only once the poll is closed."""
    t = tally(poll_id)
    if t.state != "closed":
        raise ValidationError(_("Results are published when the poll is closed."))
    return t


def check_receipt(receipt: str) -> Receipt:
    r = codes.normalise(receipt)
    # Not the option: a receipt proves the ballot was counted, never what it chose.
    row = (Ballot.select(Ballot.receipt, Ballot.channel, Ballot.cast_at, Poll.id, Poll.title).join(Poll)
           .where(Ballot.receipt == r).first()) if r else None
    if row is None:
        raise NotFound(_("No ballot with receipt {receipt}.").format(receipt=codes.show(r) if r else receipt))
    return Receipt(row.receipt, row.poll.id, row.poll.title, row.channel, row.cast_at)


def ballot_count(poll_id: int) -> int:
    return Ballot.select().where(Ballot.poll == poll_id).count()


# ---- writing ----------------------------------------------------------------------------------

def _norm_label(s: str) -> str:
    return unicodedata.normalize("NFKC", s).strip().casefold()


def resolve_option(poll: PollInfo, choice: str | int) -> OptionInfo:
    if isinstance(choice, int) and not isinstance(choice, bool):
        return poll.option(choice)
    want = _norm_label(str(choice))
    for o in poll.options:
        if _norm_label(o.label) == want:
            return o
    raise ValidationError(
        _("No option {choice!r} in this poll; the options are: {options}").format(
            choice=str(choice), options="、".join(o.label for o in poll.options)), "choice")


def _when(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone().replace(tzinfo=None)
    return value.replace(microsecond=0)


def option_labels(options: list[str]) -> list[str]:
    """A poll's options as typed, checked: two or more, at most MAX_OPTIONS, none twice."""
    labels = [clean_line(o, field="option", limit=40) for o in options or []]
    if len(labels) < 2:
        raise ValidationError(_("A poll needs at least two options."), "option")
    if len(labels) > MAX_OPTIONS:
        raise ValidationError(_("At most {n} options.").format(n=MAX_OPTIONS), "option")
    seen: set[str] = set()
    for label in labels:
        if _norm_label(label) in seen:
            raise ValidationError(_("The option {label!r} is given twice.").format(label=label), "option")
        seen.add(_norm_label(label))
    return labels


def scope_ids(estate_id: int, names: list[str]) -> list[int]:
    """Inside a write: the ids of the named buildings of the estate (none named: the whole estate)."""
    known = {b.name: b.id for b in Building.select().where(Building.estate == estate_id)}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ValidationError(
            _("No building {names} in this estate. Known: {known}").format(
                names="、".join(unknown), known="、".join(known) or "-"), "buildings")
    return sorted({known[n] for n in names})


def create_poll(actor: str, estate_id: int, title: str, options: list[str], *, matter: str = "ordinary",
                opens_at: dt.datetime | None = None, closes_at: dt.datetime | None = None,
                buildings: list[str] | None = None, meeting_id: int | None = None,
                project_id: int | None = None) -> PollInfo:
    title = clean_line(title, field="title", limit=100)
    if matter not in MATTERS:
        raise ValidationError(_("The matter must be ordinary or major, not {value!r}.").format(value=matter), "matter")
    labels = option_labels(options)
    now = clock.now()
    opens_at = _when(opens_at) or now
    closes_at = _when(closes_at)
    if closes_at is not None and closes_at <= max(opens_at, now):
        raise ValidationError(_("The closing time must be after the opening time and in the future."), "closes")
    names = [clean_line(b, field="buildings", limit=40) for b in (buildings or []) if b and b.strip()]
    with audit.write(actor) as w:
        if not Estate.select().where(Estate.id == estate_id).exists():
            raise NotFound(_("No estate with id {id}.").format(id=estate_id))
        scope = scope_ids(estate_id, names)
        if meeting_id is not None and not Meeting.select().where(Meeting.id == meeting_id, Meeting.estate == estate_id).exists():
            raise NotFound(_("No meeting with id {id} in this estate.").format(id=meeting_id))
        if project_id is not None and not Project.select().where(Project.id == project_id, Project.estate == estate_id).exists():
            raise NotFound(_("No project with id {id} in this estate.").format(id=project_id))
        p = Poll.create(estate=estate_id, project=project_id, meeting=meeting_id, title=title, matter=matter,
                        opens_at=opens_at, closes_at=closes_at, created_at=now)
        PollOption.insert_many([{"poll": p.id, "label": label, "sort": i} for i, label in enumerate(labels)]).execute()
        if scope:
            PollBuilding.insert_many([{"poll": p.id, "building": b} for b in scope]).execute()
        w.record("poll.create", "poll", p.id, title=title, matter=matter, options=labels, buildings=sorted(set(names)),
                 opens_at=opens_at.isoformat(), closes_at=closes_at.isoformat() if closes_at else None,
                 meeting_id=meeting_id, project_id=project_id)
    return get_poll(p.id)


def close_poll(actor: str, poll_id: int) -> Tally:
    """Close the poll: no more ballots, results public. The count is written into the audit chain."""
    with audit.write(actor) as w:
        p = _poll_row(poll_id)
        if p.closed_at is not None:
            raise Conflict(_("Poll {id} is already closed.").format(id=poll_id))
        now = clock.now()
        Poll.update(closed_at=now).where(Poll.id == poll_id, Poll.closed_at.is_null()).execute()
        t = tally(poll_id)  # counted now: this transaction's entry is not written yet
        w.record(CLOSE_ACTION, "poll", poll_id, eligible=dataclasses.asdict(t.eligible),
                 participating=dataclasses.asdict(t.participating), quorate=t.quorate, outcome=t.outcome,
                 options={r.label: dataclasses.asdict(r.counts) for r in t.options}, split_owners=t.split_owners)
    return t


def _household_in_scope(poll: Poll, household_id: int) -> Household:
    h = (Household.select(Household, Unit, Building).join(Unit).join(Building)
         .where(Household.id == household_id).first())
    if h is None:
        raise NotFound(_("No household with id {id}.").format(id=household_id))
    if h.unit.building.estate_id != poll.estate_id:
        raise ValidationError(_("This household is not in the poll's estate."), "household")
    scope = _scope_ids(poll.id)
    if scope and h.unit.building_id not in scope:
        raise ValidationError(_("This household's building is not covered by this poll."), "household")
    return h


def find_household(poll: PollInfo, building: str, unit: str, room: str) -> int:
    """A household of the poll's estate by building, unit and room (as staff type them)."""
    return address.household(poll.estate_id, building, unit, room).id


def already_voted_message(poll_id: int, household_id: int) -> str | None:
    prev = Ballot.get_or_none(Ballot.poll == poll_id, Ballot.household == household_id)
    if prev is None:
        return None
    return _("This household has already voted in this poll ({channel}, {when}); the new ballot was not counted.").format(
        channel=channel_label(prev.channel), when=f"{prev.cast_at:%Y-%m-%d %H:%M}")


def _accepts(p: Poll, channel: str, now: dt.datetime) -> None:
    state = poll_state(p.opens_at, p.closes_at, p.closed_at, now)
    if state == "closed":
        raise ValidationError(_("Poll {id} is closed: no more ballots.").format(id=p.id), "poll")
    if state == "scheduled":
        raise ValidationError(_("Poll {id} opens at {when}.").format(id=p.id, when=f"{p.opens_at:%Y-%m-%d %H:%M}"), "poll")
    if state == "counting" and channel == "kiosk":
        raise ValidationError(_("Voting has ended for this poll."), "poll")


def new_receipt() -> str:
    """A receipt not yet used (called inside the write, so no one else takes it meanwhile)."""
    while True:
        r = codes.new_receipt()
        if not Ballot.select().where(Ballot.receipt == r).exists():
            return r


def _insert(w: audit.Write, p: Poll, household_id: int, option_id: int, channel: str, now: dt.datetime,
            proxy_holder: str = "") -> Ballot:
    refusal = already_voted_message(p.id, household_id)
    if refusal:
        raise Conflict(refusal)
    seq = w.next_seq()
    b = Ballot.create(poll=p.id, household=household_id, option=option_id, channel=channel, receipt=new_receipt(),
                      cast_at=now, entry_seq=seq, proxy_holder=proxy_holder)
    w.record("ballot.cast", "ballot", b.id, poll_id=p.id, household_id=household_id, option_id=option_id, channel=channel,
             **({"proxy_holder": proxy_holder} if proxy_holder else {}))
    return b


def check_proxy_holder(channel: str, proxy_holder: str) -> str:
    """A proxy ballot names who cast it for the household (private: staff and the audit log only);
    any other ballot names no one."""
    if channel == "proxy":
        if not (proxy_holder or "").strip():
            raise ValidationError(_("A proxy ballot names its holder: who voted for the household."), "proxy_holder")
        return clean_line(proxy_holder, field="proxy_holder", limit=40)
    if (proxy_holder or "").strip():
        raise ValidationError(_("Only a proxy ballot names a proxy holder."), "proxy_holder")
    return ""


def is_duplicate_ballot(exc: pw.IntegrityError) -> bool:
    """The database refused a second ballot for a household (UNIQUE poll + household)."""
    text = str(exc).lower()
    return "ballot" in text and "household" in text and ("unique" in text or "duplicate" in text)


def cast(actor: str, poll_id: int, household_id: int, choice: str | int, channel: str, *, proxy_holder: str = "") -> Receipt:
    """A ballot entered by staff (paper, or proxy naming its holder), or by the kiosk after a code
    was checked."""
    if channel not in CHANNELS:
        raise ValidationError(_("The channel must be one of {channels}.").format(channels="/".join(CHANNELS)), "channel")
    proxy_holder = check_proxy_holder(channel, proxy_holder)
    info = get_poll(poll_id)
    option = resolve_option(info, choice)
    try:
        with audit.write(actor) as w:
            p = _poll_row(poll_id)
            now = clock.now()
            _accepts(p, channel, now)
            _household_in_scope(p, household_id)
            b = _insert(w, p, household_id, option.id, channel, now, proxy_holder)
    except pw.IntegrityError as exc:
        # Another process slipped a ballot in between (the UNIQUE constraint is the last word).
        if is_duplicate_ballot(exc):
            raise Conflict(already_voted_message(poll_id, household_id) or _("This household has already voted.")) from None
        raise
    return Receipt(b.receipt, poll_id, info.title, channel, b.cast_at)


def cast_at_address(actor: str, poll_id: int, building: str, unit: str, room: str, choice: str, channel: str, *,
                    proxy_holder: str = "") -> Receipt:
    info = get_poll(poll_id)
    return cast(actor, poll_id, find_household(info, building, unit, room), choice, channel, proxy_holder=proxy_holder)


# ---- one-time codes ---------------------------------------------------------------------------

def _code_row(code: str) -> VoteCode:
    if not codes.looks_like(code, codes.CODE_DIGITS):
        raise ValidationError(_("A vote code has {n} digits.").format(n=codes.CODE_DIGITS), "code")
    row = VoteCode.get_or_none(VoteCode.code_hash == codes.code_hash(CODE_PURPOSE, code))
    if row is None:
        raise NotFound(_("This code is not valid. Check the slip and try again."))
    if row.used_at is not None:
        raise Conflict(_("This code has already been used."))
    if row.revoked_at is not None:
        raise Conflict(_("This code was replaced by a newer slip. Please use the newer one."))
    return row


def check_code(code: str) -> CodeTicket:
    """Validate a code without using it: the kiosk then shows the ballot."""
    row = _code_row(code)
    p = _poll_row(row.poll_id)
    _accepts(p, "kiosk", clock.now())
    refusal = already_voted_message(p.id, row.household_id)
    if refusal:
        raise Conflict(refusal)
    h = Household.select(Household, Unit, Building).join(Unit).join(Building).where(Household.id == row.household_id).get()
    return CodeTicket(_info(p), h.unit.building.name, h.unit.name)


def cast_with_code(actor: str, code: str, choice: str | int) -> Receipt:
    """A kiosk ballot: the code is used in the same transaction as the ballot is written."""
    row = _code_row(code)
    info = get_poll(row.poll_id)
    option = resolve_option(info, choice)
    try:
        with audit.write(actor) as w:
            row = _code_row(code)  # again, inside the write lock
            p = _poll_row(row.poll_id)
            now = clock.now()
            _accepts(p, "kiosk", now)
            used = VoteCode.update(used_at=now).where(VoteCode.id == row.id, VoteCode.used_at.is_null()).execute()
            if used != 1:
                raise Conflict(_("This code has already been used."))
            b = _insert(w, p, row.household_id, option.id, "kiosk", now)
    except pw.IntegrityError as exc:
        if is_duplicate_ballot(exc):
            raise Conflict(already_voted_message(row.poll_id, row.household_id) or _("This household has already voted.")) from None
        raise
    return Receipt(b.receipt, info.id, info.title, "kiosk", b.cast_at)


def _eligible_rows(p: Poll) -> list[Household]:
    q = (Household.select(Household, Unit, Building).join(Unit).join(Building)
         .where(Building.estate == p.estate_id).order_by(Building.sort, Building.id, Unit.sort, Unit.id, Household.floor, Household.room))
    scope = _scope_ids(p.id)
    if scope:
        q = q.where(Building.id.in_(scope))
    return list(q)


def issue_codes(actor: str, poll_id: int, *, reissue: bool = False, household_id: int | None = None,
                deliver=None) -> list[CodeSlip]:
    """Fresh one-time codes for households that have not voted. The plain codes exist only in the
    returned slips (print them, then destroy the file); the database keeps their hashes.

    Codes already issued and unused are replaced only with `reissue` (their slips stop working);
    naming one household (a lost slip) always replaces that household's code.

    `deliver(slips)` runs before the commit: when it fails (a full disk), nothing was issued and
    the old slips still work."""
    with audit.write(actor) as w:
        p = _poll_row(poll_id)
        if p.closed_at is not None:
            raise ValidationError(_("Poll {id} is closed: no more ballots.").format(id=poll_id), "poll")
        voted = {r[0] for r in Ballot.select(Ballot.household).where(Ballot.poll == poll_id).tuples()}
        targets = [h for h in _eligible_rows(p) if h.id not in voted]
        if household_id is not None:
            _household_in_scope(p, household_id)
            if household_id in voted:
                raise Conflict(already_voted_message(poll_id, household_id) or "")
            targets = [h for h in targets if h.id == household_id]
            reissue = True
        ids = [h.id for h in targets]
        live = (VoteCode.select().where(VoteCode.poll == poll_id, VoteCode.household.in_(ids),
                                        VoteCode.used_at.is_null(), VoteCode.revoked_at.is_null())) if ids else []
        live = list(live)
        if live and not reissue:
            first = min(c.issued_at for c in live)
            raise Conflict(_("Codes for this poll were already issued on {when}. New slips make the old ones invalid: "
                             "add --reissue to do that.").format(when=f"{first:%Y-%m-%d %H:%M}"))
        now = clock.now()
        if live:
            VoteCode.update(revoked_at=now).where(VoteCode.id.in_([c.id for c in live])).execute()
        slips, rows, hashes = [], [], set()
        for h in targets:
            while True:
                code = codes.new_code()
                digest = codes.code_hash(CODE_PURPOSE, code)
                if digest not in hashes and not VoteCode.select().where(VoteCode.code_hash == digest).exists():
                    break
            hashes.add(digest)
            rows.append({"poll": poll_id, "household": h.id, "code_hash": digest, "issued_at": now})
            slips.append(CodeSlip(h.unit.building.name, h.unit.name, h.room, code))
        for i in range(0, len(rows), 500):
            VoteCode.insert_many(rows[i:i + 500]).execute()
        w.record("poll.codes", "poll", poll_id, issued=len(rows), replaced=len(live), household_id=household_id)
        if deliver is not None:
            deliver(slips)
    return slips


def codes_outstanding(poll_id: int) -> int:
    return (VoteCode.select().where(VoteCode.poll == poll_id, VoteCode.used_at.is_null(), VoteCode.revoked_at.is_null())
            .count())
