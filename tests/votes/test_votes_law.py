"""Civil Code art. 278, counted exactly: quorum 2/3 of area AND owners; approval > 1/2 (ordinary) or
>= 3/4 (major) of participating area AND owners; an owner of two flats is one owner. Only a closed,
quorate poll approves anything (votes.approved), so the counts here are taken at the close."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings, strategies as st

from kiosk.domain import votes
from kiosk.domain.votes import Counts, approved, count, has_majority, is_quorate
from votes_helpers import ACTOR, make_estate, simple_flats


def _poll(db, areas, owners=None, matter="ordinary", options=("甲", "乙")):
    estate_id, ids = make_estate("测试小区", simple_flats(areas, owners))
    p = votes.create_poll(ACTOR, estate_id, "测试表决", list(options), matter=matter)
    return p, ids


def _vote(p, ids, choices):
    for hid, choice in zip(ids, choices):
        if choice is not None:
            votes.cast(ACTOR, p.id, hid, choice, "paper")


def _closed(p) -> votes.Tally:
    """The count the close publishes (and writes into the audit chain)."""
    return votes.close_poll(ACTOR, p.id)


# ---- quorum -------------------------------------------------------------------------------------

def test_exactly_two_thirds_of_area_and_owners_is_quorate(db):
    p, ids = _poll(db, [10000, 10000, 10000])
    _vote(p, ids, ["甲", "甲", None])
    t = _closed(p)
    assert (t.eligible.area_cm2, t.participating.area_cm2) == (30000, 20000)
    assert (t.eligible.owners, t.participating.owners) == (3, 2)
    assert t.quorate and t.outcome == "甲"


def test_area_one_hundredth_of_a_square_metre_short_is_not_quorate(db):
    p, ids = _poll(db, [10000, 10000, 10001])
    _vote(p, ids, ["甲", "甲", None])
    t = _closed(p)
    assert t.participating.owners * 3 == t.eligible.owners * 2  # owners exactly 2/3
    assert not t.quorate
    assert has_majority(t.options[0].counts, t.participating, t.matter)  # every ballot for 甲 ...
    assert not t.options[0].approved and t.outcome is None  # ... but the vote is not valid


def test_owners_just_under_two_thirds_is_not_quorate_even_with_the_area(db):
    # 9 owners, 5 take part (5/9 < 2/3) but they hold most of the area.
    p, ids = _poll(db, [90000] * 5 + [1000] * 4)
    _vote(p, ids, ["甲"] * 5 + [None] * 4)
    t = _closed(p)
    assert 3 * t.participating.area_cm2 >= 2 * t.eligible.area_cm2
    assert not t.quorate and t.outcome is None


def test_six_of_nine_owners_is_exactly_two_thirds(db):
    p, ids = _poll(db, [10000] * 9)
    _vote(p, ids, ["甲"] * 6 + [None] * 3)
    assert _closed(p).quorate


# ---- approval -----------------------------------------------------------------------------------

def test_exactly_half_is_not_approved(db):
    p, ids = _poll(db, [10000] * 4)
    _vote(p, ids, ["甲", "甲", "乙", "乙"])
    t = _closed(p)
    assert t.quorate
    assert [o.approved for o in t.options] == [False, False]
    assert t.outcome is None


def test_half_the_area_with_more_than_half_the_owners_is_not_approved(db):
    p, ids = _poll(db, [5000, 5000, 5000, 7500, 7500])
    _vote(p, ids, ["甲", "甲", "甲", "乙", "乙"])
    t = _closed(p)
    a = t.options[0].counts
    assert 2 * a.area_cm2 == t.participating.area_cm2 and 2 * a.owners > t.participating.owners
    assert not t.options[0].approved and t.outcome is None


def test_just_over_half_is_approved(db):
    p, ids = _poll(db, [5000, 5000, 5001, 7500, 7500])
    _vote(p, ids, ["甲", "甲", "甲", "乙", "乙"])
    t = _closed(p)
    assert t.options[0].counts.area_cm2 == 15001 and t.participating.area_cm2 == 30001
    assert t.options[0].approved and t.outcome == "甲"


def test_major_matter_exactly_three_quarters_is_approved(db):
    p, ids = _poll(db, [10000] * 4, matter="major")
    _vote(p, ids, ["甲", "甲", "甲", "乙"])
    t = _closed(p)
    assert t.matter == "major" and t.options[0].approved and t.outcome == "甲"


def test_major_matter_just_under_three_quarters_is_not_approved(db):
    p, ids = _poll(db, [10000, 10000, 9999, 10000], matter="major")
    _vote(p, ids, ["甲", "甲", "甲", "乙"])
    t = _closed(p)
    assert 4 * t.options[0].counts.area_cm2 == 119996 < 3 * t.participating.area_cm2
    assert not t.options[0].approved and t.outcome is None


def test_major_matter_owners_just_under_three_quarters(db):
    # 5 owners: 3 of 5 is 60%; the area is 90% — both bounds are needed.
    p, ids = _poll(db, [30000, 30000, 30000, 5000, 5000], matter="major")
    _vote(p, ids, ["甲", "甲", "甲", "乙", "乙"])
    t = _closed(p)
    assert not t.options[0].approved


def test_the_same_numbers_pass_as_an_ordinary_matter(db):
    p, ids = _poll(db, [10000, 10000, 9999, 10000])
    _vote(p, ids, ["甲", "甲", "甲", "乙"])
    assert _closed(p).outcome == "甲"


# ---- owners and areas ---------------------------------------------------------------------------

def test_an_owner_with_two_flats_counts_once(db):
    p, ids = _poll(db, [8650, 6432, 7515, 10288], owners=["A", "A", "B", "C"])
    _vote(p, ids, ["甲", "甲", "乙", None])
    t = _closed(p)
    assert t.eligible == Counts(4, 3, 8650 + 6432 + 7515 + 10288)
    assert t.participating == Counts(3, 2, 8650 + 6432 + 7515)
    assert t.options[0].counts == Counts(2, 1, 8650 + 6432)
    assert t.options[1].counts == Counts(1, 1, 7515)
    # 2 of 3 owners and (15082+7515)/32885 of the area took part: quorate; 甲 has 1 of 2 owners: not > 1/2.
    assert t.quorate and not t.options[0].approved and t.outcome is None


def test_an_owner_whose_flats_disagree_supports_neither_option_in_the_head_count(db):
    p, ids = _poll(db, [10000, 10000, 10000], owners=["A", "A", "B"])
    _vote(p, ids, ["甲", "乙", "甲"])
    t = _closed(p)
    assert t.participating.owners == 2 and t.split_owners == 1
    assert t.options[0].counts == Counts(2, 1, 20000)
    assert t.options[1].counts == Counts(1, 0, 10000)
    assert not t.options[0].approved  # 1 of 2 owners is not more than half


def test_areas_with_cents_add_up_exactly(db):
    areas = [1, 10, 8650, 6432, 7515, 9999]  # 0.01 m² … 99.99 m²
    p, ids = _poll(db, areas)
    _vote(p, ids, ["甲", "乙", "甲", "乙", "甲", "甲"])
    t = _closed(p)
    assert t.eligible.area_cm2 == sum(areas)
    assert t.options[0].counts.area_cm2 == 1 + 8650 + 7515 + 9999
    assert t.options[1].counts.area_cm2 == 10 + 6432


def test_no_eligible_households_is_never_quorate(db):
    from kiosk.domain import estates

    e = estates.add_estate(ACTOR, "空小区")
    p = votes.create_poll(ACTOR, e.id, "空", ["甲", "乙"])
    t = _closed(p)
    assert t.eligible == Counts(0, 0, 0) and not t.quorate and t.outcome is None


def test_a_poll_for_some_buildings_counts_only_them(db):
    flats = simple_flats([10000] * 3, building="1号楼") + simple_flats([20000] * 3, ["X0", "X1", "X2"], building="2号楼")
    estate_id, ids = make_estate("两栋楼", flats)
    p = votes.create_poll(ACTOR, estate_id, "二号楼单元门", ["换", "不换"], buildings=["2号楼"])
    assert p.buildings == ("2号楼",)
    t = _closed(p)
    assert t.eligible == Counts(3, 3, 60000)


# ---- the arithmetic against a reference with exact fractions ---------------------------------------

def _reference(matter, flats, ballots, options):
    owners = {o for o, _a in flats.values()}
    area = sum(a for _o, a in flats.values())
    voted = {h: c for h, c in ballots}
    p_area = sum(flats[h][1] for h in voted)
    p_owners = {flats[h][0] for h in voted}
    quorate = bool(area) and Fraction(p_area, area) >= Fraction(2, 3) and Fraction(len(p_owners), len(owners)) >= Fraction(2, 3)
    out = {}
    for opt in options:
        o_area = sum(flats[h][1] for h, c in voted.items() if c == opt)
        o_owners = {o for o in p_owners if {c for h, c in voted.items() if flats[h][0] == o} == {opt}}
        if not voted or not any(c == opt for c in voted.values()):
            out[opt] = False
        elif matter == "major":
            out[opt] = Fraction(o_area, p_area) >= Fraction(3, 4) and Fraction(len(o_owners), len(p_owners)) >= Fraction(3, 4)
        else:
            out[opt] = Fraction(o_area, p_area) > Fraction(1, 2) and Fraction(len(o_owners), len(p_owners)) > Fraction(1, 2)
    return quorate, out


@settings(max_examples=300, deadline=None)
@given(
    matter=st.sampled_from(["ordinary", "major"]),
    flats=st.lists(st.tuples(st.integers(0, 4), st.integers(1, 30000)), min_size=1, max_size=12),
    picks=st.lists(st.sampled_from([None, 1, 2, 3]), min_size=12, max_size=12),
)
def test_count_agrees_with_exact_fractions(matter, flats, picks):
    table = {i + 1: (f"O{o}", a) for i, (o, a) in enumerate(flats)}
    ballots = [(h, picks[h - 1]) for h in table if picks[h - 1] is not None]
    e, p, per, _split = count([(h, o, a) for h, (o, a) in table.items()], ballots, [1, 2, 3])
    quorate, majority = _reference(matter, table, ballots, [1, 2, 3])
    assert is_quorate(p, e) == quorate
    for opt in (1, 2, 3):
        assert has_majority(per[opt], p, matter) == majority[opt]
        assert approved(per[opt], p, e, matter, "closed") == (quorate and majority[opt])


# ---- nothing is approved before the close, nor below the quorum ----------------------------------

def test_an_open_poll_approves_nothing_however_clear_the_count(db):
    p, ids = _poll(db, [10000] * 3)
    _vote(p, ids, ["甲", "甲", "甲"])  # everyone, all for 甲
    t = votes.tally(p.id)
    assert t.state == "open" and t.quorate and has_majority(t.options[0].counts, t.participating, t.matter)
    assert [o.approved for o in t.options] == [False, False] and t.outcome is None and not t.decided
    assert _closed(p).outcome == "甲"


def test_a_poll_past_its_closing_time_approves_nothing_until_staff_close_it(db):
    import datetime as dt

    from kiosk import clock

    clock.freeze(dt.datetime(2026, 11, 1, 9, 0))
    estate_id, ids = make_estate("测试小区", simple_flats([10000] * 3))
    p = votes.create_poll(ACTOR, estate_id, "测试表决", ["甲", "乙"], closes_at=dt.datetime(2026, 11, 2, 9, 0))
    _vote(p, ids, ["甲", "甲", "甲"])
    clock.advance(dt.timedelta(days=2))
    t = votes.tally(p.id)
    assert t.state == "counting" and not any(o.approved for o in t.options) and t.outcome is None
    assert _closed(p).options[0].approved


def test_only_the_closed_state_approves_a_unanimous_full_turnout():
    everyone = Counts(3, 3, 30000)
    assert [approved(everyone, everyone, everyone, "major", state) for state in ("scheduled", "open", "counting", "closed")] \
        == [False, False, False, True]
