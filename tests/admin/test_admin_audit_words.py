"""The audit browser names every kind of change in the staff's language: each action code the
domain writes (found in its source: `w.record("…")`, an import's `action`, a `…ACTION` constant, the moves written as
f"contribution.{to}" and f"payment.{to}") has a label, translated; the browser shows the label,
not the code."""

from __future__ import annotations

import re
from pathlib import Path

from support import flat, press
from support.admin import SIZE, make_app, sign_in

from kiosk import i18n
from kiosk.domain import audit, ledger, payments, votes
from kiosk.screens.admin.audit import ACTIONS, AuditScreen

DOMAIN = Path(__file__).resolve().parents[2] / "kiosk" / "domain"
CODE = r'"([a-z_]+\.[a-z_]+)"'


def written_codes() -> set[str]:
    found: set[str] = set()
    for path in DOMAIN.rglob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if re.search(r"\.record\(|\baction\s*=|\b[A-Z_]*ACTION\s*=", line):  # a call, an import's, a constant
                found |= set(re.findall(CODE, line))
            if 'record(f"contribution.{to}"' in line:
                found |= {f"contribution.{to}" for moves in ledger.TRANSITIONS.values() for to in moves}
            if 'record(f"payment.{to}"' in line:
                found |= {f"payment.{to}" for to in payments.DECISIONS}
    return found


def test_every_action_code_the_domain_writes_has_a_translated_label():
    codes = written_codes()
    assert {"poll.close", "contribution.received", "payment.approved", "ballot.import"} <= codes
    assert sorted(codes - set(ACTIONS)) == []
    i18n.set_language("zh")
    untranslated = [c for c in codes if i18n._(ACTIONS[c]) == ACTIONS[c]]
    assert untranslated == []


async def test_the_browser_shows_a_closed_vote_in_words(demo_db):
    p = next(p for p in votes.list_polls() if p.closed_at is None)
    votes.close_poll("fang", p.id)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        await press(pilot, "6")
        assert isinstance(app.screen, AuditScreen)
        text = flat(app)
        assert "表决截止" in text and "poll.close" not in text
        # Its data in words, not JSON: the count as the close recorded it.
        closed = audit.entries(entity="poll", entity_id=str(p.id), limit=1)[0]
        app.screen.query_one("SearchTable").select_key(closed.seq)
        await press(pilot, "down", "up")
        assert "已参与：（面积：" in flat(app) and "达到法定人数：否" in flat(app)
        assert '{"' not in text and '":' not in text


def test_every_field_the_demo_wrote_is_named_in_words(demo_db):
    """Each key of every audit entry's data (the demo writes every kind of entry) reads in the
    staff's language: no raw field names (`advance_reason`, `found_on`) in Chinese."""
    import json

    from kiosk.db.models import AuditEntry, Staff
    from kiosk.render.audit_details import details
    from support.words import untranslated

    i18n.set_language("zh")
    names = {s.username for s in Staff.select()} | {"demo"}  # user names and the demo's import file: data
    leaks = {}
    for action, data in AuditEntry.select(AuditEntry.action, AuditEntry.data).tuples():
        found = untranslated(details(json.loads(data), action), names)
        if found:
            leaks.setdefault(action, set()).update(found)
    assert leaks == {}
