"""The phone pages keep a closed project: its 竣工验收 (the day, the final account, the leftover)
and its balance, with the very figures of `kiosk export report`, on the estate's page and its own."""

from __future__ import annotations

import pytest

from kiosk.domain import acceptance, funding
from web_helpers import project_figures, text_of
from test_web_pages import export_report

pytestmark = pytest.mark.app


def test_the_closed_project_shows_its_acceptance_and_balance(client, demo_path):
    (info,) = [p for p in funding.list_projects() if p.closed_at is not None]
    a = acceptance.get(info.id)
    exported = {p["id"]: p for e in export_report(demo_path)["estates"] for p in e["projects"]}[info.id]
    assert exported["acceptance"]["final_account_fen"] == a.final_account_fen == exported["paid_fen"]
    for path in (f"/?estate={info.estate_id}", f"/pledge?project={info.id}"):
        page = client.get(path)
        assert page.status_code == 200
        shown = project_figures(page.text)[info.id]
        assert (shown["final_account"], shown["leftover"]) == (exported["acceptance"]["final_account_fen"],
                                                                exported["acceptance"]["leftover_fen"])
        assert (shown["paid"], shown["balance"]) == (exported["paid_fen"], exported["balance_fen"])
        text = text_of(page.text)
        assert a.parties_text() in text and acceptance.leftover_label("returned") in text and a.note in text
