"""The loop closed: a report linked to what answers it, "修好了吗？" once per fix, 不满意 reopening it,
and each estate's response, resolution and satisfaction rates (on SQLite and PostgreSQL)."""

import datetime as dt

import pytest

from kiosk import clock, i18n
from kiosk.db.models import AuditEntry, Project, ReportFeedback
from kiosk.domain import estates, report_loop, report_rates, reports
from kiosk.domain.errors import Conflict, ValidationError

T0 = dt.datetime(2026, 5, 4, 9, 0, 0)


@pytest.fixture
def place(db):
    from kiosk.db.models import Building

    clock.freeze(T0)
    e = estates.add_estate("t", "测试小区")
    b = Building.create(estate=e.id, name="1号楼")
    yield e.id, b.id
    clock.reset()


def fixed(e, b, category="seepage", *, accept_after=dt.timedelta(hours=1)):
    r = reports.submit("kiosk", e, category, b, "墙体渗水")
    clock.advance(accept_after)
    reports.transition("staff", r.id, "accepted")
    reports.transition("staff", r.id, "in_progress")
    reports.transition("staff", r.id, "resolved", "已修好")
    return r


def test_unsatisfied_reopens_and_the_next_fix_is_asked_again(place):
    e, b = place
    r = fixed(e, b)
    assert report_loop.question(r.ticket, estate_id=e) is not None
    done = report_loop.answer(r.ticket, "unsatisfied", "kiosk", "k1", estate_id=e)
    assert done.reopened
    assert reports.get(r.id).status == "in_progress"
    i18n.set_language("zh")
    trail = reports.trail(r.ticket, estate_id=e)
    assert trail.steps[-1].status == "in_progress"
    assert trail.steps[-1].note == "居民表示不满意，已重新处理"
    i18n.set_language("en")
    assert reports.trail(r.ticket, estate_id=e).steps[-1].note == "The resident was not satisfied: being fixed again"
    i18n.set_language("zh")
    assert report_loop.question(r.ticket, estate_id=e) is None  # being fixed: nothing to ask
    with pytest.raises(Conflict):
        report_loop.answer(r.ticket, "satisfied", "kiosk", "k1", estate_id=e)
    clock.advance(dt.timedelta(minutes=5))
    reports.transition("staff", r.id, "resolved", "重新修好")
    assert report_loop.question(r.ticket, estate_id=e) is not None
    assert not report_loop.answer(r.ticket, "basic", "web", estate_id=e).reopened
    assert reports.get(r.id).status == "resolved"
    assert [f.rating for f in ReportFeedback.select().order_by(ReportFeedback.id)] == ["unsatisfied", "basic"]
    actions = [a.action for a in AuditEntry.select().where(AuditEntry.action == "report.answer")]
    assert actions == ["report.answer", "report.answer"]


def test_one_answer_per_fix(place):
    e, b = place
    r = fixed(e, b)
    report_loop.answer(r.ticket, "satisfied", "web", estate_id=e)
    with pytest.raises(Conflict):
        report_loop.answer(r.ticket, "unsatisfied", "kiosk", "k1", estate_id=e)
    assert reports.get(r.id).status == "resolved"
    assert report_loop.question(r.ticket, estate_id=e) is None
    assert ReportFeedback.select().count() == 1


def test_a_merged_duplicates_trail_names_the_ticket_that_answers(place):
    """SECURITY.md: the one holder of a ticket besides its filer (and those given it) is the holder
    of a duplicate staff merged into it; the duplicate's own ticket answers nothing."""
    e, b = place
    stays = reports.submit("kiosk", e, "seepage", b, "墙体渗水")
    dup = reports.submit("kiosk", e, "seepage", b, "北墙也渗水")
    reports.merge("staff", dup.id, stays.id)
    assert reports.trail(dup.ticket, estate_id=e).steps[-1].note == stays.ticket
    for to in ("accepted", "in_progress", "resolved"):
        reports.transition("staff", stays.id, to)
    assert report_loop.question(dup.ticket, estate_id=e) is None
    with pytest.raises(Conflict):
        report_loop.answer(dup.ticket, "unsatisfied", "kiosk", "k1", estate_id=e)
    assert report_loop.question(stays.ticket, estate_id=e) is not None


def test_nothing_to_answer_before_the_fix_nor_with_a_typo_nor_another_estate(place):
    e, b = place
    r = reports.submit("kiosk", e, "road", b, "路面坑洼")
    with pytest.raises(Conflict):
        report_loop.answer(r.ticket, "satisfied", "kiosk", estate_id=e)
    with pytest.raises(ValidationError):
        report_loop.answer(r.ticket, "great", "kiosk", estate_id=e)
    with pytest.raises(ValidationError):  # the check digit catches a typo
        report_loop.answer(r.ticket[:-1] + str((int(r.ticket[-1]) + 1) % 10), "satisfied", "kiosk", estate_id=e)
    other = estates.add_estate("o", "别的小区")
    with pytest.raises(Exception) as caught:
        report_loop.answer(r.ticket, "satisfied", "kiosk", estate_id=other.id)
    assert type(caught.value).__name__ == "NotFound"


def test_one_kiosk_cannot_pile_up_answers(place):
    e, b = place
    tickets = [fixed(e, b, accept_after=dt.timedelta(0)).ticket for _i in range(report_loop.ANSWERS_PER_MINUTE + 1)]
    for t in tickets[:-1]:
        report_loop.answer(t, "satisfied", "kiosk", "k1", estate_id=e)
    with pytest.raises(ValidationError):
        report_loop.answer(tickets[-1], "satisfied", "kiosk", "k1", estate_id=e)
    report_loop.answer(tickets[-1], "satisfied", "kiosk", "k2", estate_id=e)  # another kiosk is not held up


def test_link_to_a_project_of_the_same_estate_only(place):
    e, b = place
    r = reports.submit("kiosk", e, "roof_leak", b, "顶楼漏雨")
    p = Project.create(estate=e, title="屋面防水", created_at=T0, updated_at=T0)
    other = estates.add_estate("o", "别的小区")
    q = Project.create(estate=other.id, title="别处", created_at=T0, updated_at=T0)
    with pytest.raises(ValidationError):
        report_loop.link("staff", r.id, project_id=q.id)
    report_loop.link("staff", r.id, project_id=p.id)
    assert report_loop.linked([r.id])[r.id].project_title == "屋面防水"
    report_loop.link("staff", r.id)
    assert report_loop.linked([r.id]) == {}
    assert AuditEntry.select().where(AuditEntry.action == "report.link").count() == 2


def test_rates_count_in_time_fixed_and_satisfied(place):
    e, b = place
    a = fixed(e, b, "seepage", accept_after=dt.timedelta(hours=3))  # ordinary: 24 h, in time
    u = fixed(e, b, "roof_leak", accept_after=dt.timedelta(hours=3))  # urgent: 2 h, late
    late = fixed(e, b, "road", accept_after=dt.timedelta(hours=30))  # ordinary, late
    waiting = reports.submit("kiosk", e, "road", b, "未受理")  # within its limit: not counted yet
    overdue = reports.submit("kiosk", e, "lift", b, "电梯异响")  # urgent, never taken up
    clock.advance(dt.timedelta(hours=3))
    merged = reports.submit("kiosk", e, "seepage", b, "重复")
    reports.merge("staff", merged.id, waiting.id)
    report_loop.answer(a.ticket, "satisfied", "kiosk", estate_id=e)
    report_loop.answer(u.ticket, "basic", "kiosk", estate_id=e)
    report_loop.answer(late.ticket, "unsatisfied", "kiosk", estate_id=e)  # reopened: not fixed now
    r = report_rates.for_estate(e)
    assert (r.counted, r.responded) == (4, 1)  # a, u, late, overdue; waiting is new and in time
    assert (r.taken_up, r.resolved) == (3, 2)
    assert (r.answers, r.satisfied, r.basic, r.unsatisfied) == (3, 1, 1, 1)
    assert (str(r.response), str(r.resolution), str(r.satisfaction)) == ("25.0", "66.6", "66.6")
    d = report_rates.as_dict(r)
    assert d["satisfaction"]["answers"] == 3 and d["response"]["limit_hours"] == {"urgent": 2, "ordinary": 24}
    assert overdue.id and report_rates.by_estate([e, 999])[999].empty


def test_the_first_taking_up_stays_on_the_report_as_its_trail_goes_on(place):
    """The response rate reads the first move that took a report up from the report itself: it
    is set by that move and never by a later one (being fixed, fixed, reopened by 不满意)."""
    from kiosk.db.models import Report, ReportEvent

    e, b = place
    r = reports.submit("kiosk", e, "seepage", b, "墙体渗水")
    assert Report.get_by_id(r.id).taken_up_at is None
    clock.advance(dt.timedelta(hours=5))
    reports.transition("staff", r.id, "accepted")
    accepted_at = clock.now()
    for step in ("in_progress", "resolved"):
        clock.advance(dt.timedelta(days=1))
        reports.transition("staff", r.id, step)
    report_loop.answer(r.ticket, "unsatisfied", "kiosk", estate_id=e)  # reopened: in progress again
    straight = reports.submit("kiosk", e, "road", b, "路面坑洼")
    clock.advance(dt.timedelta(hours=2))
    reports.transition("staff", straight.id, "rejected")  # not taken up
    for rid in (r.id, straight.id):
        trail = [ev.at for ev in ReportEvent.select().where(ReportEvent.report == rid,
                                                             ReportEvent.status.in_(reports.TAKEN_UP))]
        assert Report.get_by_id(rid).taken_up_at == min(trail, default=None)
    assert Report.get_by_id(r.id).taken_up_at == accepted_at


def test_rates_grouped_by_estate(place):
    e, b = place
    from kiosk.db.models import Building

    other = estates.add_estate("o", "别的小区")
    ob = Building.create(estate=other.id, name="2号楼")
    fixed(e, b)
    fixed(other.id, ob.id, accept_after=dt.timedelta(hours=25))
    both = report_rates.by_estate()
    assert (both[e].counted, both[e].responded) == (1, 1)
    assert (both[other.id].counted, both[other.id].responded, both[other.id].resolved) == (1, 0, 1)


def test_the_export_carries_each_estates_rates_with_their_counts(place):
    from kiosk.domain import disclosure

    e, b = place
    r = fixed(e, b)
    report_loop.answer(r.ticket, "basic", "web", estate_id=e)
    data = disclosure.collect()
    out = disclosure.as_dict(data)["estates"][0]["report_rates"]
    assert out["response"] == {"percent": "100.0", "responded": 1, "counted": 1,
                               "limit_hours": {"urgent": report_rates.URGENT_HOURS, "ordinary": report_rates.ORDINARY_HOURS}}
    assert out["resolution"] == {"percent": "100.0", "resolved": 1, "taken_up": 1}
    assert out["satisfaction"] == {"percent": "100.0", "answers": 1, "satisfied": 0, "basic": 1, "unsatisfied": 0}
    assert "100%" in disclosure.to_markdown(data)
    empty = estates.add_estate("n", "没有报事的小区")
    nothing = disclosure.as_dict(disclosure.collect(empty.id))["estates"][0]["report_rates"]
    assert nothing["satisfaction"]["percent"] is None and nothing["response"]["counted"] == 0


def test_taken_up_exactly_at_the_limit_is_in_time(place):
    """Two hours to the second is within two hours on both back-ends (SQLite's julianday
    arithmetic made 7200 s into 7200.0000134 s, so a roof leak taken up on the dot counted late
    there and in time on PostgreSQL)."""
    e, b = place
    clock.freeze(dt.datetime(2025, 5, 31, 0, 55, 55))
    fixed(e, b, "roof_leak", accept_after=dt.timedelta(hours=report_rates.URGENT_HOURS))
    fixed(e, b, "seepage", accept_after=dt.timedelta(hours=report_rates.ORDINARY_HOURS))
    fixed(e, b, "lift", accept_after=dt.timedelta(hours=report_rates.URGENT_HOURS, seconds=1))  # late
    r = report_rates.for_estate(e)
    assert (r.counted, r.responded) == (3, 2)
