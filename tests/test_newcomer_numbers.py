"""Every figure the domain hands out reads as the one formatter prints it (kiosk.domain.numbers):
never rounded up to 100% or to a bound that was not reached, and an exactly reached bound reads as
reached. The float and whole-percent figures (funding, works progress, turnout, consent) follow it
at the boundaries; shares shown together add up."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, strategies as st

from kiosk.domain import money, numbers, plans, votes, works

wholes = st.integers(min_value=1, max_value=10**12)


@given(wholes, st.data())
def test_funding_percent_never_reads_100_short_of_the_target(whole, data):
    part = data.draw(st.integers(min_value=0, max_value=whole))
    shown = money.percent(part, whole)
    assert shown <= part * 100 / whole + 1e-9  # rounded down
    assert (shown >= 100) == (part == whole)
    assert shown == float(numbers.percent(part, whole))


def test_funding_percent_at_the_figures_of_the_issue():
    assert money.percent(299_800_00, 300_000_00) == 99.9
    assert money.percent(2_999_999, 3_000_000) == 99.9
    assert money.percent(300_000_00, 300_000_00) == 100.0


@given(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 100)), min_size=1, max_size=12))
def test_works_progress_is_100_only_when_every_weighted_stage_is_done(stages):
    shown = works.weighted_percent(stages)
    total = sum(w for w, _p in stages)
    exact = Fraction(sum(w * p for w, p in stages), total) if total else Fraction(0)
    tenths = round(shown * 10)  # the float carries one decimal
    assert tenths <= exact * 10 < tenths + 1  # rounded down to that decimal
    assert (shown >= 100) == (total > 0 and all(p == 100 for w, p in stages if w))


def test_works_progress_just_short_of_done():
    assert works.weighted_percent([(1, 100)] * 999 + [(1, 99)]) == 99.9  # 99.999 is not done


@given(wholes, st.data())
def test_turnout_and_consent_read_two_thirds_exactly_when_reached(whole, data):
    part = data.draw(st.integers(min_value=0, max_value=whole))
    reached = 3 * part >= 2 * whole
    for shown in (votes.floor_percent(part, whole), plans.UnitConsent("1", "1", whole, part).percent):
        assert (shown >= 67) == reached, (part, whole, shown)
        assert shown <= 100 and (shown == 100) == (part == whole)


def test_exactly_two_thirds_reads_reached_and_just_below_does_not():
    assert votes.floor_percent(2, 3) == 67
    assert votes.floor_percent(200, 300) == 67
    assert votes.floor_percent(1999, 3000) == 66
    assert plans.UnitConsent("1", "1", 6, 4).percent == 67
    assert plans.UnitConsent("1", "1", 6, 3).percent == 50


@given(st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=8), st.integers(0, 2))
def test_shares_shown_together_add_up(parts, places):
    shown = numbers.shares(parts, places=places)
    if sum(parts):
        assert sum(s.units for s in shown) == 100 * 10**places
        for part, s in zip(parts, shown):
            exact = Fraction(part * 100 * 10**places, sum(parts))
            assert exact - 1 < s.units < exact + 1  # each within one last digit of the truth
    else:
        assert all(s.units == 0 for s in shown)


def test_votes_of_the_issue_add_up_and_do_not_cross_a_bound_not_reached():
    # 2 of 3 for one option, 1 for the other: 67 + 33, never 67 + 32.
    assert [s.units for s in numbers.shares([2, 1], thresholds=(numbers.AT_LEAST_TWO_THIRDS,))] == [67, 33]
    # Just under half never reads 50 against "more than half".
    assert [s.units for s in numbers.shares([499, 501], thresholds=(numbers.MORE_THAN_HALF,))] == [49, 51]
