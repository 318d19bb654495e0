"""The vote's papers read back: the result 公示 (by area and owners as the tally counts them, never
a name or a room), ballot papers (one per household, the options, the code only below the cut
line), and vote-code slips ten to a page; `kiosk poll codes --out FILE.pdf` issues them."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk import clock, i18n
from kiosk.cli import main
from kiosk.domain import codes, households, votes
from kiosk.domain.errors import ValidationError
from kiosk.domain.money import area_text
from kiosk.paper import ballots, slips, vote_result
from kiosk.paper.ballots import STRIP_TOP
from kiosk.render.votes import option_shares
from support import pdf as read

PRINTED = dt.datetime(2026, 11, 25, 10, 5)
pytestmark = read.needs_poppler


def closed_poll() -> votes.PollInfo:
    return next(p for p in votes.list_polls() if p.closed_at is not None)


def open_poll() -> votes.PollInfo:
    """A poll still taking ballots (the demo's next one, opened by moving the clock)."""
    poll = next(p for p in votes.list_polls() if p.closed_at is None)
    clock.freeze(poll.opens_at + dt.timedelta(hours=1))
    return poll


def test_the_result_shows_the_tally_by_area_and_owners(paper_db, settings):
    poll = closed_poll()
    t = votes.tally(poll.id)
    text = read.text(vote_result.build(poll.id, settings, printed=PRINTED))
    assert read.squeeze(poll.title) in text and "表决结果" in text
    assert "面积（平方米）" + area_text(t.eligible.area_cm2) + area_text(t.participating.area_cm2) in text
    assert "人数" + str(t.eligible.owners) + str(t.participating.owners) in text
    for o, (area_share, owners_share) in zip(t.options, option_shares(t)):
        mark = "通过" if o.approved else "未通过"
        assert read.squeeze(o.label) + f"{area_text(o.counts.area_cm2)}({area_share}%){o.counts.owners}({owners_share}%){mark}" in text
    assert t.outcome and f"获得通过：「{t.outcome}」" in text
    assert "过半数" in text  # the ordinary matter's rule


def test_the_result_names_no_one(paper_db, settings):
    poll = closed_poll()
    text = read.text(vote_result.build(poll.id, settings, printed=PRINTED))
    people = households.search(poll.estate_id)
    assert people
    for h in people:
        assert read.squeeze(h.building + h.unit + h.room) not in text
        assert not h.owner_name or h.owner_name not in text


def test_no_result_while_the_poll_is_open(paper_db, settings):
    with pytest.raises(ValidationError):
        vote_result.build(open_poll().id, settings)


def issue(poll: votes.PollInfo, render, **kw) -> tuple[list[votes.CodeSlip], bytes]:
    """Codes issued with the PDF built from them before the commit, as `kiosk print` does."""
    got = {}
    issued = votes.issue_codes("cli:test", poll.id, deliver=lambda s: got.setdefault("pdf", render(s)), **kw)
    return issued, got["pdf"]


def test_a_ballot_per_household_with_its_code_below_the_cut_line(paper_db, settings):
    poll = open_poll()
    issued, pdf = issue(poll, reissue=True, render=lambda s: ballots.build(poll, s, settings, printed=PRINTED))
    assert issued and len(read.page_texts(pdf)) == len(issued)
    assert set(read.page_sizes(pdf)) == {read.A4_POINTS}
    for n in (1, len(issued)):
        slip = issued[n - 1]
        above = read.region_text(pdf, n, 0, STRIP_TOP - 3)
        below = read.region_text(pdf, n, STRIP_TOP + 3, 297)
        where = read.squeeze(slip.building + slip.unit + slip.room)
        assert "表决票" in above and where in above
        assert all(read.squeeze(o.label) in above for o in poll.options)
        assert codes.show(slip.code).replace(" ", "") in below and where in below
        assert slip.code not in above and codes.show(slip.code).replace(" ", "") not in above
    assert read.dashed_lines(pdf) >= 1
    assert read.images(pdf) == 0 and all(f["embedded"] == "/FontFile3" for f in read.fonts(pdf))
    # The code printed is the code issued: it votes once.
    receipt = votes.cast_with_code("kiosk:1", issued[0].code, poll.options[0].id)
    assert receipt.poll_id == poll.id


def test_vote_code_slips_ten_to_a_page(paper_db, settings):
    poll = open_poll()
    issued, pdf = issue(poll, reissue=True, render=lambda s: slips.vote_codes(poll, s, settings, printed=PRINTED))
    pages = read.page_texts(pdf)
    assert len(pages) == -(-len(issued) // 10)
    for i, slip in enumerate(issued):
        assert codes.show(slip.code).replace(" ", "") in pages[i // 10]
        assert read.squeeze(slip.building + slip.unit + slip.room) in pages[i // 10]
    assert set(read.page_sizes(pdf)) == {read.A4_POINTS} and read.images(pdf) == 0


def test_poll_codes_to_a_pdf_file(paper_db, tmp_path, settings):
    poll = open_poll()
    out = tmp_path / "ballots.pdf"
    assert main(["--db", paper_db, "poll", "codes", str(poll.id), "--out", str(out), "--reissue"]) == 0
    pdf = out.read_bytes()
    assert (out.stat().st_mode & 0o777) == 0o600  # it names rooms and holds live codes
    pages = read.page_texts(pdf)
    t = votes.turnout(poll.id)
    assert len(pages) == t.eligible.households - t.participating.households  # every household yet to vote
    assert all("表决票" in p for p in pages)


def test_ballots_in_english(paper_db, settings):
    i18n.set_language("en")
    poll = open_poll()
    issued, pdf = issue(poll, reissue=True, render=lambda s: ballots.build(poll, s, settings, printed=PRINTED))
    first = read.page_texts(pdf)[0]
    assert "Ballotpaper" in first and "One-timevotecode" in first
