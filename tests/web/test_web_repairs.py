"""应急维修公示 on the phone pages: linked from the estate page during its period, its cost and shares
by floor area equal to the domain's (they add up to the cost), no room, no owner, no phone; gone the
day after its period ends."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from kiosk import clock
from kiosk.db.models import Household
from kiosk.domain import emergency

pytestmark = pytest.mark.app


def _repair(estate):
    (r,) = emergency.current(estate.id)
    return r


@pytest.mark.parametrize("lang, words", [("zh", ("应急维修", "每户分摊")), ("en", ("Emergency repairs", "Share each"))])
def test_linked_from_the_estate_page_with_its_shares(client, estate, lang, words):
    r = _repair(estate)
    home = client.get(f"/?estate={estate.id}&lang={lang}")
    assert home.status_code == 200 and words[0] in home.text
    assert f'/repairs?estate={estate.id}&amp;lang={lang}#repair-{r.id}' in home.text
    page = client.get(f"/repairs?estate={estate.id}&lang={lang}")
    assert page.status_code == 200 and all(w in page.text for w in words)
    card = page.text[page.text.index(f'id="repair-{r.id}"'):]
    fen = [int(x) for x in re.findall(r'data-fen="(\d+)"', card)]
    assert fen[0] == r.cost_fen
    groups = emergency.disclosure(r.id).groups
    assert fen[1:] == [g.share_fen for g in groups]
    assert sum(g.share_fen * g.households for g in groups) == r.cost_fen
    served = Household.select().where(Household.id.in_([s.household_id for s in emergency.shares(r.id)]))
    for h in served:
        assert not (h.phone and h.phone in page.text)
        assert not (h.owner_name and len(h.owner_name) > 1 and h.owner_name in page.text)
        assert f">{h.room}<" not in page.text


def test_gone_after_its_period(client, estate):
    r = _repair(estate)
    clock.freeze(dt.datetime.combine(r.disclose_until + dt.timedelta(days=1), dt.time(8)))
    try:
        page = client.get(f"/repairs?estate={estate.id}")
        assert page.status_code == 200 and r.title not in page.text and "目前没有正在公示的应急维修" in page.text
        assert r.title not in client.get(f"/?estate={estate.id}").text
    finally:
        clock.reset()
