"""One household, one ballot, across every channel and process; one-time codes; receipts; guards."""

from __future__ import annotations

import dataclasses
import datetime as dt
import multiprocessing

import peewee as pw
import pytest

from kiosk import clock
from kiosk.db import backend
from kiosk.db.models import Ballot, Poll, VoteCode, database
from kiosk.domain import audit, codes, votes
from kiosk.domain.errors import Conflict, NotFound, ValidationError
from votes_helpers import ACTOR, drop_guard, make_estate, race_worker, simple_flats


@pytest.fixture
def poll(db):
    estate_id, ids = make_estate("测试小区", simple_flats([8650, 6432, 7515, 10288, 9025, 5870]))
    p = votes.create_poll(ACTOR, estate_id, "道路铺设沥青还是水泥", ["沥青", "水泥"])
    return p, ids


def _chosen(r: votes.Receipt) -> str:
    """What the ballot behind a receipt chose: only the database knows (the receipt does not)."""
    return Ballot.get(Ballot.receipt == r.receipt).option.label


def _state():
    """Everything a refused ballot must leave as it was."""
    rows = list(Ballot.select(Ballot.poll, Ballot.household, Ballot.option, Ballot.channel, Ballot.receipt).tuples())
    used = list(VoteCode.select(VoteCode.id, VoteCode.used_at, VoteCode.revoked_at).tuples())
    return rows, used, audit.head()


def test_kiosk_then_paper_is_refused_and_changes_nothing(poll):
    p, ids = poll
    slips = votes.issue_codes(ACTOR, p.id)
    first = votes.cast_with_code(ACTOR, slips[0].code, "沥青")
    assert first.channel == "kiosk" and codes.looks_like(first.receipt, codes.RECEIPT_DIGITS)
    before = _state()
    t_before = votes.tally(p.id)
    for channel in ("paper", "proxy"):
        with pytest.raises(Conflict) as err:
            votes.cast(ACTOR, p.id, ids[0], "水泥", channel, proxy_holder="王五" if channel == "proxy" else "")
        assert "投过票" in str(err.value)
    assert _state() == before
    assert votes.tally(p.id) == t_before


def test_paper_then_kiosk_code_is_refused_and_the_code_stays_unused(poll):
    p, ids = poll
    slips = votes.issue_codes(ACTOR, p.id)
    votes.cast(ACTOR, p.id, ids[0], "水泥", "paper")
    before = _state()
    with pytest.raises(Conflict):
        votes.check_code(slips[0].code)
    with pytest.raises(Conflict):
        votes.cast_with_code(ACTOR, slips[0].code, "沥青")
    assert _state() == before


def test_codes_skip_households_that_voted(poll):
    p, ids = poll
    votes.cast(ACTOR, p.id, ids[2], "水泥", "proxy", proxy_holder="王五")
    slips = votes.issue_codes(ACTOR, p.id)
    assert len(slips) == len(ids) - 1
    assert all(codes.looks_like(s.code, codes.CODE_DIGITS) for s in slips)
    assert len({s.code for s in slips}) == len(slips)


def test_a_code_works_once(poll):
    p, _ids = poll
    code = votes.issue_codes(ACTOR, p.id)[1].code
    ticket = votes.check_code(code)
    assert ticket.poll.id == p.id and ticket.building == "1号楼"
    votes.cast_with_code(ACTOR, code, "沥青")
    before = _state()
    with pytest.raises(Conflict) as err:
        votes.cast_with_code(ACTOR, code, "水泥")
    assert "已经使用" in str(err.value) or "already" in str(err.value)
    with pytest.raises(Conflict):
        votes.check_code(code)
    assert _state() == before


def test_codes_are_stored_hashed_only(poll):
    p, _ids = poll
    slips = votes.issue_codes(ACTOR, p.id)
    stored = {r[0] for r in VoteCode.select(VoteCode.code_hash).tuples()}
    for s in slips:
        assert s.code not in stored
        assert codes.code_hash("vote", s.code) in stored
    tables = sorted(backend.user_tables(database.obj))
    everything = "\n".join(str(row) for t in tables for row in database.execute_sql(f'SELECT * FROM "{t}"').fetchall())
    assert "道路铺设" in everything  # the dump is real
    assert not any(s.code in everything for s in slips)


def test_typed_codes_may_have_spaces_and_full_width_digits(poll):
    p, _ids = poll
    code = votes.issue_codes(ACTOR, p.id)[0].code
    typed = " ".join(code[i:i + 4] for i in range(0, 12, 4)).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert _chosen(votes.cast_with_code(ACTOR, typed, "沥青")) == "沥青"


def test_wrong_and_malformed_codes(poll):
    p, _ids = poll
    votes.issue_codes(ACTOR, p.id)
    with pytest.raises(NotFound):
        votes.check_code("000000000000")
    with pytest.raises(ValidationError):
        votes.check_code("12345")
    with pytest.raises(ValidationError):
        votes.check_code("abcd efgh ijkl")


def test_issuing_again_needs_reissue_and_retires_the_old_slips(poll):
    p, _ids = poll
    old = votes.issue_codes(ACTOR, p.id)
    with pytest.raises(Conflict):
        votes.issue_codes(ACTOR, p.id)
    new = votes.issue_codes(ACTOR, p.id, reissue=True)
    assert len(new) == len(old)
    with pytest.raises(Conflict) as err:
        votes.check_code(old[0].code)
    assert "新" in str(err.value) or "newer" in str(err.value)
    assert _chosen(votes.cast_with_code(ACTOR, new[0].code, "水泥")) == "水泥"
    assert votes.codes_outstanding(p.id) == len(new) - 1


def test_a_lost_slip_is_replaced_for_one_household(poll):
    p, ids = poll
    old = votes.issue_codes(ACTOR, p.id)
    [one] = votes.issue_codes(ACTOR, p.id, household_id=ids[3])
    assert (one.building, one.room) == (old[3].building, old[3].room)
    with pytest.raises(Conflict):
        votes.check_code(old[3].code)
    votes.check_code(old[2].code)  # the others still work


def test_receipt_check_shows_the_ballot_was_counted_never_its_choice(poll):
    p, ids = poll
    r = votes.cast(ACTOR, p.id, ids[0], "水泥", "proxy", proxy_holder="王五")
    got = votes.check_receipt(codes.show(r.receipt))
    assert (got.poll_id, got.channel, got.cast_at) == (p.id, "proxy", r.cast_at)
    # Secret ballot: neither the receipt given at the vote nor the one looked up carries the
    # choice, so no screen, command or export built on them can show it.
    for receipt in (r, got):
        fields = dataclasses.asdict(receipt)
        assert set(fields) == {"receipt", "poll_id", "poll_title", "channel", "cast_at"}
        assert fields["poll_title"] == p.title  # (which names both options; nothing else does)
        assert not any(o.label in str(value) for o in p.options for key, value in fields.items() if key != "poll_title")
    assert _chosen(got) == "水泥"  # it was counted as cast
    with pytest.raises(NotFound):
        votes.check_receipt("0000000000" if r.receipt != "0000000000" else "1111111111")


def test_household_outside_the_polls_buildings_is_refused(db):
    flats = simple_flats([10000] * 2, building="1号楼") + simple_flats([10000] * 2, ["X", "Y"], building="2号楼")
    estate_id, ids = make_estate("两栋楼", flats)
    p = votes.create_poll(ACTOR, estate_id, "二号楼", ["换", "不换"], buildings=["2号楼"])
    with pytest.raises(ValidationError):
        votes.cast(ACTOR, p.id, ids[0], "换", "paper")
    assert len(votes.issue_codes(ACTOR, p.id)) == 2


def test_a_household_of_another_estate_is_refused(db):
    e1, ids1 = make_estate("甲小区", simple_flats([10000] * 2))
    _e2, ids2 = make_estate("乙小区", simple_flats([10000] * 2))
    p = votes.create_poll(ACTOR, e1, "甲", ["是", "否"])
    with pytest.raises(ValidationError):
        votes.cast(ACTOR, p.id, ids2[0], "是", "paper")


def test_unknown_choice_is_refused_with_the_options_named(poll):
    p, ids = poll
    with pytest.raises(ValidationError) as err:
        votes.cast(ACTOR, p.id, ids[0], "砖", "paper")
    assert "沥青" in str(err.value) and "水泥" in str(err.value)
    assert _chosen(votes.cast(ACTOR, p.id, ids[0], " 沥青 ", "paper")) == "沥青"


def test_times_kiosk_closes_at_the_deadline_paper_until_staff_close(db):
    estate_id, ids = make_estate("测试小区", simple_flats([10000] * 4))
    start = dt.datetime(2026, 11, 1, 9, 0)
    clock.freeze(start)
    p = votes.create_poll(ACTOR, estate_id, "定时", ["是", "否"], opens_at=start + dt.timedelta(days=1),
                          closes_at=start + dt.timedelta(days=8))
    slips = votes.issue_codes(ACTOR, p.id)
    with pytest.raises(ValidationError):  # not open yet
        votes.cast_with_code(ACTOR, slips[0].code, "是")
    with pytest.raises(ValidationError):
        votes.cast(ACTOR, p.id, ids[0], "是", "paper")
    clock.freeze(start + dt.timedelta(days=2))
    assert votes.get_poll(p.id).state() == "open"
    votes.cast_with_code(ACTOR, slips[0].code, "是")
    clock.freeze(start + dt.timedelta(days=8))
    assert votes.get_poll(p.id).state() == "counting"
    with pytest.raises(ValidationError):
        votes.cast_with_code(ACTOR, slips[1].code, "是")
    votes.cast(ACTOR, p.id, ids[1], "否", "paper")  # paper ballots collected in time are still entered
    with pytest.raises(ValidationError):
        votes.public_results(p.id)
    t = votes.close_poll(ACTOR, p.id)
    assert t.state == "closed" and t.participating.households == 2
    assert votes.public_results(p.id) == votes.tally(p.id)
    for attempt in (lambda: votes.cast(ACTOR, p.id, ids[2], "是", "paper"),
                    lambda: votes.cast_with_code(ACTOR, slips[2].code, "是"),
                    lambda: votes.issue_codes(ACTOR, p.id, reissue=True)):
        with pytest.raises(ValidationError):
            attempt()
    with pytest.raises(Conflict):
        votes.close_poll(ACTOR, p.id)


def test_poll_validation(db):
    estate_id, _ids = make_estate("测试小区", simple_flats([10000] * 2))
    bad = [
        dict(options=["只有一个"]),
        dict(options=["甲", "甲"]),
        dict(options=["A", "ａ"]),  # the same label once normalised
        dict(options=["甲", "乙"], matter="urgent"),
        dict(options=["甲", "乙"], closes_at=clock.now() - dt.timedelta(hours=1)),
        dict(options=["甲", "乙"], buildings=["9号楼"]),
        dict(options=["甲", "乙\x1b[31m"]),
    ]
    for kw in bad:
        options = kw.pop("options")
        with pytest.raises(ValidationError):
            votes.create_poll(ACTOR, estate_id, "题目", options, **kw)
    assert votes.list_polls(estate_id) == []


# ---- the database itself ----------------------------------------------------------------------------

def test_the_database_refuses_a_second_ballot_row(poll):
    p, ids = poll
    votes.cast(ACTOR, p.id, ids[0], "沥青", "paper")
    other = votes.get_poll(p.id).options[1].id
    with pytest.raises(pw.IntegrityError):
        with database.atomic():
            Ballot.create(poll=p.id, household=ids[0], option=other, channel="kiosk", receipt="9999999999",
                          cast_at=clock.now(), entry_seq=0)


def test_ballots_cannot_be_updated_or_deleted(poll):
    p, ids = poll
    votes.cast(ACTOR, p.id, ids[0], "沥青", "paper")
    other = votes.get_poll(p.id).options[1].id
    for stmt in (Ballot.update(option=other), Ballot.update(channel="proxy"), Ballot.delete()):
        with pytest.raises(pw.IntegrityError):
            with database.atomic():
                stmt.execute()
    assert votes.tally(p.id).options[0].counts.households == 1


def test_used_codes_and_closed_polls_cannot_be_reopened(poll):
    p, _ids = poll
    code = votes.issue_codes(ACTOR, p.id)[0].code
    votes.cast_with_code(ACTOR, code, "沥青")
    votes.close_poll(ACTOR, p.id)
    for stmt in (VoteCode.update(used_at=None), Poll.update(closed_at=None), Poll.update(matter="major")):
        with pytest.raises(pw.IntegrityError):
            with database.atomic():
                stmt.execute()


def test_the_unique_constraint_is_the_last_word(poll, monkeypatch):
    """Even if the check before the insert missed the first ballot, the database refuses the second."""
    p, ids = poll
    votes.cast(ACTOR, p.id, ids[0], "沥青", "paper")
    before = _state()
    real = votes.already_voted_message
    calls = []

    def blind(poll_id, household_id):
        calls.append(household_id)
        return None if len(calls) == 1 else real(poll_id, household_id)

    monkeypatch.setattr(votes, "already_voted_message", blind)
    with pytest.raises(Conflict) as err:
        votes.cast(ACTOR, p.id, ids[0], "水泥", "proxy", proxy_holder="王五")
    assert "投过票" in str(err.value)
    assert _state() == before


# ---- two processes at once ----------------------------------------------------------------------------

def _race(db_path, p, hid, contenders):
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(len(contenders))
    results = ctx.Queue()
    procs = [ctx.Process(target=race_worker, args=(db_path, p.id, hid, choice, channel, code, barrier, results))
             for choice, channel, code in contenders]
    for proc in procs:
        proc.start()
    out = [results.get(timeout=120) for _ in procs]
    for proc in procs:
        proc.join(timeout=60)
    return out


def test_two_processes_racing_for_one_household(poll, db_path):
    p, ids = poll
    code = votes.issue_codes(ACTOR, p.id)[0].code
    before_head = audit.head()
    out = _race(db_path, p, ids[0], [("沥青", "kiosk", code), ("水泥", "paper", None), ("水泥", "proxy", None)])
    won = [r for r in out if r[0] == "ok"]
    lost = [r for r in out if r[0] == "refused"]
    assert len(won) == 1 and len(lost) == 2, out
    for _status, _channel, message in lost:
        assert "投过票" in message or "已经使用" in message
    rows = list(Ballot.select().where(Ballot.poll == p.id))
    assert len(rows) == 1 and rows[0].receipt == won[0][2]
    assert audit.head().seq == before_head.seq + 1
    assert audit.verify_chain() == []


# ---- kiosk verify ------------------------------------------------------------------------------------

def test_verify_finds_a_ballot_changed_behind_the_programs_back(poll, tmp_path):
    from kiosk.domain import verify

    p, ids = poll
    votes.cast(ACTOR, p.id, ids[0], "沥青", "paper")
    f = tmp_path / "b.csv"
    f.write_text(f"poll_id,building,unit,room,choice,channel\n{p.id},1号楼,1单元,002,水泥,proxy\n{p.id},1号楼,1单元,003,沥青,\n",
                 encoding="utf-8")
    from kiosk.domain import imports

    assert imports.ballots(ACTOR, str(f)).imported == 2
    assert verify.run().ok
    other = votes.get_poll(p.id).options[1].id
    dropped = drop_guard(database.obj, "ballot", "update")
    drop_guard(database.obj, "ballot", "delete")
    # Straight to the table: no domain function, no audit entry.
    Ballot.update(option=other).where(Ballot.household == ids[0]).execute()
    Ballot.update(channel="paper").where(Ballot.household == ids[1]).execute()
    Ballot.delete().where(Ballot.household == ids[2]).execute()
    problems = [str(f) for f in verify.run().faults]
    assert any(dropped in x for x in problems)
    assert sum("投票" in x or "ballot" in x or "选票" in x for x in problems) >= 2, problems


def test_turnout_is_the_tallys_count_for_a_whole_estate_and_for_some_buildings(db):
    """The lobby's quorum meter (one summing query) says what the full count says: households,
    owners (one owner of two flats counts once) and floor area, of those who may vote and of those
    who voted; a poll naming buildings counts only theirs."""
    flats = (simple_flats([8650, 6432, 7515], ["A", "A", "B"], building="1号楼")
             + simple_flats([10288, 9025], ["C", "D"], building="2号楼"))
    estate_id, ids = make_estate("两栋楼", flats)
    whole = votes.create_poll(ACTOR, estate_id, "全小区", ["同意", "不同意"])
    second = votes.create_poll(ACTOR, estate_id, "二号楼", ["换", "不换"], buildings=["2号楼"])
    votes.cast(ACTOR, whole.id, ids[0], "同意", "paper")
    votes.cast(ACTOR, whole.id, ids[1], "不同意", "paper")
    votes.cast(ACTOR, whole.id, ids[3], "同意", "paper")
    votes.cast(ACTOR, second.id, ids[4], "换", "paper")
    for p, eligible, voted in ((whole, (5, 4, 41910), (3, 2, 25370)), (second, (2, 2, 19313), (1, 1, 9025))):
        t, full = votes.turnout(p.id), votes.tally(p.id)
        assert (t.eligible, t.participating, t.quorate) == (full.eligible, full.participating, full.quorate)
        assert dataclasses.astuple(t.eligible) == eligible and dataclasses.astuple(t.participating) == voted
    listed = {p.title: p for p in votes.open_polls(estate_id)}
    assert listed["二号楼"].buildings == ("2号楼",) and listed["全小区"].buildings == ()
    assert [o.label for o in listed["全小区"].options] == ["同意", "不同意"]
