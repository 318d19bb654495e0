"""修好了吗？ on the phone page of a ticket: the form appears only for a fix not yet answered, needs
the CSRF token, records one answer per fix with its audit entry, 不满意 reopens the report, and
what the client sends stays data (never markup) on the page that answers."""

from __future__ import annotations

import pytest

from kiosk.db.models import AuditEntry, Report, ReportFeedback
from kiosk.domain import report_loop
from web_helpers import parse, text_of

pytestmark = pytest.mark.app


def _fixed(estate) -> Report:
    r = Report.get(Report.description == "顶层卧室天花板漏雨，下雨就滴水。")
    assert r.estate_id == estate.id and report_loop.question(r.ticket, estate_id=estate.id) is not None
    return r


def _form(client, ticket: str, lang: str = "zh") -> dict:
    page = client.get(f"/track?ticket={ticket}&lang={lang}")
    assert page.status_code == 200
    assert 'id="answer"' in page.text
    return dict(parse(page.text).inputs)


def test_an_answer_is_recorded_once(client, estate):
    r = _fixed(estate)
    form = _form(client, r.ticket)
    answers = AuditEntry.select().where(AuditEntry.action == "report.answer").count()
    assert "修好了吗？" in text_of(client.get(f"/track?ticket={r.ticket}").text)
    done = client.post("/track", data=form | {"rating": "basic"})
    assert done.status_code == 200, done.text
    assert "谢谢您的评价" in text_of(done.text) and 'id="answer"' not in done.text
    assert [(f.rating, f.channel) for f in ReportFeedback.select().where(ReportFeedback.report == r.id)] == [("basic", "web")]
    assert AuditEntry.select().where(AuditEntry.action == "report.answer").count() == answers + 1
    again = client.post("/track", data=form | {"rating": "unsatisfied"})
    assert again.status_code == 400 and "已经评价过" in text_of(again.text)
    assert Report.get_by_id(r.id).status == "resolved"


def test_not_satisfied_reopens_it_in_english_too(client, estate):
    r = _fixed(estate)
    form = _form(client, r.ticket, "en")
    assert "Is it fixed?" in client.get(f"/track?ticket={r.ticket}&lang=en").text
    done = client.post("/track?lang=en", data=form | {"rating": "unsatisfied"})
    assert done.status_code == 200
    text = text_of(done.text)
    assert "open again" in text and "The resident was not satisfied: being fixed again" in text
    assert Report.get_by_id(r.id).status == "in_progress"
    assert 'id="answer"' not in client.get(f"/track?ticket={r.ticket}").text  # being fixed: nothing to ask


def test_without_the_csrf_token_nothing_is_written(client, estate):
    r = _fixed(estate)
    form = _form(client, r.ticket) | {"rating": "satisfied"}
    for bad in ({"csrf": ""}, {"csrf": "0" * 64}, {"csrf": form["csrf"][:-1] + "x"}):
        assert client.post("/track", data=form | bad).status_code == 403
    client.cookies.clear()  # a cross-site form: no cookie comes with it
    assert client.post("/track", data=form).status_code == 403
    assert ReportFeedback.select().where(ReportFeedback.report == r.id).count() == 0


def test_what_the_client_sends_stays_data(client, estate):
    r = _fixed(estate)
    form = _form(client, r.ticket)
    hostile = "<b>x</b>[bold red]y[/]\x1b[31m"
    bad_rating = client.post("/track", data=form | {"rating": hostile})
    assert bad_rating.status_code == 400 and "<b>x</b>" not in bad_rating.text and "\x1b" not in bad_rating.text
    bad_ticket = client.post("/track", data=form | {"ticket": hostile, "rating": "satisfied"})
    assert bad_ticket.status_code in (400, 404) and "<b>x</b>" not in bad_ticket.text
    assert ReportFeedback.select().where(ReportFeedback.report == r.id).count() == 0


def test_answers_from_one_client_are_limited(client, estate):
    r = _fixed(estate)
    form = _form(client, r.ticket) | {"rating": "nonsense"}
    codes = [client.post("/track", data=form).status_code for _i in range(8)]
    assert codes[:5] == [400] * 5 and 429 in codes[5:]


def test_the_estate_page_shows_the_rates_and_follows_an_answer(client, estate):
    from kiosk.domain import report_rates

    def shown() -> list[str]:
        page = client.get(f"/?estate={estate.id}")
        assert page.status_code == 200
        return [item["text"] for item in parse(page.text).items if "data-rate" in item]

    before = report_rates.for_estate(estate.id)
    assert shown() == [f"{s}%" for _n, s, _c in report_rates.lines(before)]
    r = _fixed(estate)
    client.post("/track", data=_form(client, r.ticket) | {"rating": "unsatisfied"})
    after = report_rates.for_estate(estate.id)
    assert after.answers == before.answers + 1 and after.resolved == before.resolved - 1
    assert shown() == [f"{s}%" for _n, s, _c in report_rates.lines(after)]
