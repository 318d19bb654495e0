"""Nothing private on any page or API answer: every owner name, phone and room of the demo
database is looked for (the project's privacy check, tests/reliability/test_privacy.py) in every
page and response a new visitor can reach."""

from __future__ import annotations

import pytest

from kiosk.db.models import Ballot, Report
from kiosk.domain import estates, funding, votes
from reliability.test_privacy import find_leaks, load_private

pytestmark = pytest.mark.app


def every_response(client) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}

    def get(path: str, **params) -> None:
        r = client.get(path, params=params)
        assert r.status_code < 500
        out.setdefault(path, []).append(r.text)

    for e in estates.list_estates():
        for lang in ("zh", "en"):
            get("/", estate=e.id, lang=lang)
            get("/today", estate=e.id, lang=lang)
            get("/vote", estate=e.id, lang=lang)
        for poll in votes.closed_polls(e.id):
            get("/vote/result", poll=poll.id)
    for p in funding.list_projects():
        get("/pledge", project=p.id)
    for r in Report.select():
        get("/track", ticket=r.ticket)
        get(f"/open311/v2/requests/r{r.id}.json")
    for b in Ballot.select().limit(50):
        get("/vote", receipt=b.receipt)
    for fmt in ("json", "xml"):
        get(f"/open311/v2/requests.{fmt}", start_date="2000-01-01")
        get(f"/open311/v2/services.{fmt}")
    return out


def test_no_private_value_on_any_page_or_api_answer(client):
    private = load_private()
    assert len(private) > 100, "the demo has private values to look for"
    sources = every_response(client)
    assert sum(len(v) for v in sources.values()) > 50
    assert find_leaks(sources, private) == []


def test_no_ticket_on_any_page_but_the_trail_it_opens(client):
    """A ticket answers 修好了吗 (不满意 reopens the report): only the page of the ticket typed shows it."""
    from kiosk.domain import tickets

    held = [t for (t,) in Report.select(Report.ticket).tuples()]
    assert held
    sources = {path: texts for path, texts in every_response(client).items() if path != "/track"}
    assert sum(len(v) for v in sources.values()) > 50
    leaked = [(path, t) for path, texts in sources.items() for text in texts for t in held
              if t in text or tickets.show(t) in text]
    assert leaked == []


def test_a_pledge_receipt_names_no_room(client, household_code, estate):
    from web_helpers import parse

    project = funding.list_projects(estate.id, active_only=True)[0]
    form = dict(parse(client.get(f"/pledge?project={project.id}").text).inputs)
    r = client.post("/pledge", data=form | {"code": household_code, "amount": "20"})
    assert r.status_code == 200
    assert find_leaks({"pledged": [r.text]}, load_private()) == []
