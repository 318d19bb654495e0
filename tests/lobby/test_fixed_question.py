"""修好了吗？ in the lobby: a typed ticket of a fixed report shows its trail, then three numbered
answers; 1 and 2 keep it fixed, 3 reopens it; a fix is asked about once, and the next fix again."""

from __future__ import annotations

from kiosk.db.models import Report, ReportFeedback
from kiosk.domain import report_loop, reports
from support import drive, press, screen_text, settle, until


async def _track(pilot, ticket: str) -> None:
    await press(pilot, "5")
    pilot.app.screen.query_one("Input").value = ticket
    await press(pilot, "enter")


def _fixed_unanswered() -> Report:
    """The demo's roof leak: fixed, waiting for the resident's answer."""
    r = Report.get(Report.description == "顶层卧室天花板漏雨，下雨就滴水。")
    assert r.status == "resolved" and report_loop.question(r.ticket, estate_id=r.estate_id) is not None
    return r


async def test_a_fixed_report_is_asked_about_and_3_reopens_it(make_app):
    app = make_app()
    r = _fixed_unanswered()
    async with drive(app) as pilot:
        await _track(pilot, r.ticket)
        assert type(app.screen).__name__ == "FixedQuestionScreen"
        text = screen_text(app)
        assert "已修复，请居民确认。" in text  # the trail first
        assert "修好了吗？" in text and "满意" in text and "基本满意" in text and "不满意" in text
        assert r.description not in text and (r.phone or "-") not in text
        await press(pilot, "3")
        assert type(app.screen).__name__ == "AnsweredScreen"
        assert "不满意" in screen_text(app) and "重新" in screen_text(app)
        await press(pilot, "0")  # home
        await _track(pilot, r.ticket)  # being fixed again: the trail says so, nothing is asked
        assert type(app.screen).__name__ == "TrackScreen"
        assert "居民表示不满意，已重新处理" in screen_text(app)
    assert Report.get_by_id(r.id).status == "in_progress"
    assert [f.rating for f in ReportFeedback.select().where(ReportFeedback.report == r.id)] == ["unsatisfied"]
    assert app.errors == []


async def test_1_answers_once_and_in_english(make_app):
    app = make_app("en")
    r = _fixed_unanswered()
    async with drive(app) as pilot:
        await _track(pilot, r.ticket)
        text = screen_text(app)
        assert "Is it fixed?" in text and "Basically satisfied" in text and "Not satisfied" in text
        await press(pilot, "1")
        assert "Thank you for your answer" in screen_text(app)
        await press(pilot, "0")
        await _track(pilot, r.ticket)  # answered: the trail only
        assert type(app.screen).__name__ == "TrackScreen"
    assert Report.get_by_id(r.id).status == "resolved"
    assert [f.rating for f in ReportFeedback.select().where(ReportFeedback.report == r.id)] == ["satisfied"]
    assert app.errors == []


async def test_answered_elsewhere_meanwhile_is_refused_kindly(make_app):
    app = make_app()
    r = _fixed_unanswered()
    async with drive(app) as pilot:
        await _track(pilot, r.ticket)
        report_loop.answer(r.ticket, "basic", "web", estate_id=r.estate_id)  # the phone page, first
        await press(pilot, "2")
        assert await until(pilot, lambda: "已经" in screen_text(app), 10)  # the save's refusal, from its worker
        assert type(app.screen).__name__ == "FixedQuestionScreen"
        await app.screen.reload()  # the change detector saw that write: the step is composed again
        await settle(pilot)
        assert "已经" in screen_text(app)  # and still says why the answer was not taken
    assert ReportFeedback.select().where(ReportFeedback.report == r.id).count() == 1
    assert reports.get(r.id).status == "resolved"
    assert app.errors == []


async def test_a_report_reopened_by_staff_while_asked_shows_so_and_asks_no_more(make_app):
    """Live data: the trail under the question is the report's as it is now, not as it was typed."""
    from kiosk.apps.live import DataChanged
    from kiosk.domain import changes

    app = make_app()
    r = _fixed_unanswered()
    async with drive(app) as pilot:
        await _track(pilot, r.ticket)
        assert type(app.screen).__name__ == "FixedQuestionScreen"
        reports.transition("staff", r.id, "in_progress", "复查后再修")
        app.post_message(DataChanged(changes.revision()))
        await settle(pilot)
        text = screen_text(app)
        assert "复查后再修" in text and "修好了吗？" not in text and "不满意" not in text
        assert "还没有标记为已修好" in text
        await press(pilot, "1")  # nothing left to answer: no answer is recorded
        await press(pilot, "0")
    assert not ReportFeedback.select().where(ReportFeedback.report == r.id).exists()
    assert app.errors == []
