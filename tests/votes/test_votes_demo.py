"""The demo database tells the article's story: the road vote decided 沥青; a carport vote is open;
the lift of 文乐胡同14号楼 has its 一户一策 plan with consents."""

from __future__ import annotations

from kiosk.domain import estates, meetings, plans, votes


def test_the_road_vote_is_closed_quorate_and_chose_asphalt(demo_db):
    yg = estates.resolve_estate("盈谷中心小区")
    [road] = [p for p in votes.list_polls(yg.id) if p.title == "道路铺设沥青还是水泥"]
    t = votes.public_results(road.id)
    assert t.state == "closed" and t.quorate and t.outcome == "沥青"
    assert t.options[0].approved and not t.options[1].approved
    assert {"kiosk", "paper", "proxy"} <= {votes.check_receipt(b.receipt).channel for b in
                                           __import__("kiosk.db.models", fromlist=["Ballot"]).Ballot.select()}
    assert road.meeting_id is not None
    m = [m for m in meetings.list_meetings(yg.id) if m.id == road.meeting_id][0]
    assert m.topic == "道路铺设沥青还是水泥"
    assert votes.polls_for_meetings([m.id])[m.id][0].id == road.id


def test_an_open_vote_with_partial_turnout(demo_db):
    yg = estates.resolve_estate("盈谷中心小区")
    [open_poll] = votes.open_polls(yg.id)
    assert open_poll.buildings == ("5号楼", "6号楼")
    t = votes.turnout(open_poll.id)
    assert 0 < t.participating.households < t.eligible.households and not t.quorate
    assert votes.codes_outstanding(open_poll.id) > 0


def test_the_turnout_summed_by_the_database_equals_the_full_count(demo_db):
    # turnout sums in SQL what tally counts in Python; the open poll covers two buildings only
    polls = [p for e in estates.list_estates() for p in votes.list_polls(e.id)]
    assert any(p.buildings for p in polls) and any(not p.buildings for p in polls)
    for p in polls:
        t, full = votes.turnout(p.id), votes.tally(p.id)
        assert (t.eligible, t.participating, t.quorate) == (full.eligible, full.participating, full.quorate)
        assert t.participating.households > 0


def test_the_lift_plan_has_consents(demo_db):
    wl = estates.resolve_estate("文乐胡同14号楼")
    [plan] = plans.list_plans(estate_id=wl.id)
    s = plans.summary(plan.id)
    assert s.households == 72 and s.agreed == 70 and s.objected == 1 and s.undecided == 1
    lines = plans.shares(plan.id)
    assert all(x.share_fen == 0 for x in lines if x.floor <= 2)
    assert sum(1 for x in lines if x.hardship_percent) == 2 and sum(1 for x in lines if x.override_fen is not None) == 1
