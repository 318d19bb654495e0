"""The one percentage formatter at its boundaries: rounded down below 100 and below a bound not
reached, an exactly reached bound read as reached, shares adding up to 100, and bars whose filled
cells are the printed percent's."""

from __future__ import annotations

import itertools
import re

from kiosk.domain.funding import FundingSnapshot, SourceFigures
from kiosk.domain.sources import SOURCES
from kiosk.render.bars import FULL, PLEDGED, funding_bar, progress_bar, still_missing
from kiosk.domain.numbers import (AT_LEAST_THREE_QUARTERS, AT_LEAST_TWO_THIRDS, MORE_THAN_HALF, Percent, percent,
                                  percent_of_float, shares)
from kiosk.render.quorum import meter_bar, quorum_line, turnout_percent
from kiosk.domain.votes import Counts, Turnout
from kiosk import i18n

QUORUM = (AT_LEAST_TWO_THIRDS,)


def test_below_a_hundred_never_reads_a_hundred():
    assert str(percent(299_800_00, 300_000_00)) == "99.9"
    assert str(percent(299_999_99, 300_000_00)) == "99.9"
    assert str(percent(300_000_00, 300_000_00)) == "100.0"
    assert str(percent(333_300, 200_000)) == "166.6"
    assert str(percent(1, 3, places=0)) == "33"
    assert str(percent(0, 0)) == "0.0" and str(percent(5, 0)) == "0.0"


def test_two_thirds_reads_reached_exactly_when_it_is():
    assert str(percent(2, 3, thresholds=QUORUM)) == "66.7"  # quorate: never 66.6
    assert str(percent(2, 3, places=0, thresholds=QUORUM)) == "67"
    assert str(percent(1999, 3000, thresholds=QUORUM)) == "66.6"  # one short: never 66.7
    assert str(percent(6665, 10000, places=0, thresholds=QUORUM)) == "66"
    assert str(percent(2, 3)) == "66.6"  # without the bound, plainly rounded down
    # Exhaustively for small wholes: the printed figure says "reached" iff the law's arithmetic does.
    least = AT_LEAST_TWO_THIRDS.least_units(10)
    for whole in range(1, 200):
        for part in range(whole + 1):
            shown = percent(part, whole, thresholds=QUORUM)
            assert (shown.units >= least) == (3 * part >= 2 * whole), (part, whole, shown)
            assert shown.units <= part * 1000 // whole + 1


def test_strict_and_inclusive_bounds():
    assert str(percent(1, 2, places=0, thresholds=(MORE_THAN_HALF,))) == "50"  # not more than half
    assert str(percent(5001, 10000, places=0, thresholds=(MORE_THAN_HALF,))) == "51"
    assert str(percent(3, 4, places=0, thresholds=(AT_LEAST_THREE_QUARTERS,))) == "75"
    assert str(percent(7499, 10000, places=0, thresholds=(AT_LEAST_THREE_QUARTERS,))) == "74"


def test_shares_add_up_to_a_hundred():
    assert [str(s) for s in shares([2, 1])] == ["67", "33"]  # not 66 + 33
    assert [str(s) for s in shares([1, 1, 1])] == ["34", "33", "33"]
    assert [str(s) for s in shares([1, 2, 3, 4, 5, 6], places=1)] == ["4.8", "9.5", "14.3", "19.0", "23.8", "28.6"]
    for parts in itertools.product(range(0, 7), repeat=3):
        if sum(parts):
            assert sum(s.units for s in shares(list(parts))) == 100, parts
    # Ballots that count for no option keep their share out of sight but in the sum.
    shown = shares([5, 3], 9)
    assert [str(s) for s in shown] == ["56", "33"] and sum(s.units for s in shown) + 11 == 100


def test_shares_never_lift_an_option_across_its_bound():
    # 74.6% of a major matter would round up to 75 by largest remainder: it stays at 74.
    assert [str(s) for s in shares([746, 254], thresholds=(AT_LEAST_THREE_QUARTERS,))] == ["74", "26"]
    assert [str(s) for s in shares([500, 500], thresholds=(MORE_THAN_HALF,))] == ["50", "50"]
    assert [str(s) for s in shares([2, 1], thresholds=(AT_LEAST_TWO_THIRDS,))] == ["67", "33"]


def test_bar_cells_are_the_printed_percent():
    for width in (1, 7, 25, 66, 91):
        assert percent(299_800, 300_000).cells(width) == 99.9 * width // 100 < width
        assert percent(300_000, 300_000).cells(width) == width
        assert percent(900, 300).cells(width) == width  # over the target: full, not beyond
    assert Percent(763).cells(25) == 19
    assert progress_bar(99.99, 40).plain.count(FULL) == 39
    assert progress_bar(percent_of_float(60.0), 10).plain.count(FULL) == 6


def _snap(target: int, received: dict[str, int], pledged: dict[str, int]) -> FundingSnapshot:
    sources = tuple(SourceFigures(k, 0, received.get(k, 0), pledged.get(k, 0)) for k in SOURCES)
    return FundingSnapshot(1, "x", "fundraising", target, sum(received.values()), sum(pledged.values()), sources)


def test_funding_bar_counts_only_received_money():
    beyond = _snap(200_000_00, {"government": 100_000_00, "owners": 52_600_00}, {"owners": 333_300_00})
    assert str(percent(beyond.received_fen, beyond.target_fen)) == "76.3"
    for width in (10, 25, 60, 200):
        bar = funding_bar(beyond, width).plain
        assert len(bar) == width
        assert bar.count(FULL) == 763 * width // 1000  # 19 of 25, not 8 (pledges rescaled it before)
        assert bar.count(PLEDGED) == width - bar.count(FULL)  # pledged beyond: capped at the end
        assert bar.index(PLEDGED) == bar.count(FULL)  # after the received money, never inside it
    assert still_missing(beyond) == 47_400_00  # pledges do not make it 0
    almost = _snap(300_000_00, {"government": 299_800_00}, {})
    assert funding_bar(almost, 25).plain == FULL * 24 + "░"
    assert still_missing(almost) == 200_00
    some = _snap(100, {"owners": 10}, {"units": 20})
    assert funding_bar(some, 10).plain == FULL + PLEDGED * 2 + "░" * 7


def test_funding_bar_segments_share_the_received_cells():
    snap = _snap(1000, {k: 100 + i for i, k in enumerate(SOURCES)}, {})
    bar = funding_bar(snap, 33)
    assert bar.plain.count(FULL) == percent(snap.received_fen, 1000).cells(33) == 20
    assert len([s for s in bar.spans if s.style != "grey50"]) == 6  # every source shows


def test_quorum_meter_at_exactly_two_thirds():
    i18n.set_language("zh")
    t = Turnout(1, Counts(3, 3, 300), Counts(2, 2, 200), quorate=True)
    line = quorum_line(t).plain
    assert line == "参与：面积 66.7% / 人数 66.7%，已达 2/3" and "需 2/3" not in line and "66%" not in line
    short = Turnout(1, Counts(3000, 3000, 3000), Counts(1999, 1999, 1999), quorate=False)
    assert quorum_line(short).plain == "参与：面积 66.6% / 人数 66.6%，需 2/3"
    for width in (6, 30, 90):
        bar = meter_bar(2, 3, width)
        filled = sum(len(s.text) for s in bar.render(_console()) if s.style and "green" in str(s.style))
        assert filled == turnout_percent(2, 3).cells(width)


def _console():
    from rich.console import Console

    return Console(width=200)


def test_text_forms():
    assert Percent(1000).text(trim=True) == "100" and Percent(999).text(trim=True) == "99.9"
    assert Percent(67, 0).text() == "67" and str(Percent(5)) == "0.5"


def test_stage_weights_shown_together_add_up_to_a_hundred():
    import datetime as dt

    from rich.console import Console

    from kiosk.domain.works import StageInfo, WorksProgress
    from kiosk.render.works_view import stage_table

    at = dt.datetime(2026, 11, 25)
    stages = tuple(StageInfo(i, name, 1, 99 if i == 1 else 0, at, 1) for i, name in enumerate(("拆除", "防水", "验收"), 1))
    console = Console(width=80, record=True)
    console.print(stage_table(WorksProgress(1, stages, (), 33.0, at), 20))
    text = console.export_text()
    assert [int(w) for w in re.findall(r"(\d+)% ", text)][:3] == [34, 33, 33], text  # not 33 + 33 + 33
    assert FULL * 20 not in text  # 99% of a stage: not a full bar
