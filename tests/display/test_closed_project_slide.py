"""The TV's funding slide for a closed project: 已验收, who accepted it, the final account and the
leftover at every board size, the balance per source; the slide goes when closed_visible_days end,
and the kind says when (its `until`)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from kiosk import clock, config, i18n
from kiosk.db import connection
from kiosk.display import kinds
from kiosk.domain import acceptance, estates
from kiosk.domain.money import yuan
from kiosk.i18n import _
from kiosk.render.slides.pager import paginate
from support.fixed_demo import build_fixed_demo

FIXED = dt.datetime(2026, 11, 25, 10, 0, 0)
SIZES = [(60, 20), (80, 24), (128, 24), (200, 50)]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return build_fixed_demo(str(tmp_path_factory.mktemp("closed") / "demo.db"), FIXED)


def _load(path: str, now: dt.datetime, days: int = 90):
    connection.connect(path)
    e = estates.resolve_estate("文乐胡同14号楼")
    return kinds.get("funding").load(kinds.Context(e, config.Settings(db=path, closed_visible_days=days), now))


def _text(data, width: int, height: int) -> str:
    h = height - (6 if height >= 40 else 2)
    pages = [p.plain() for item in kinds.get("funding").render(data, width, h) for p in paginate(item, width, h)]
    return re.sub(r"\s+", "", "\n".join(pages))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_slide_shows_the_acceptance_at_every_size(demo, lang):
    i18n.set_language(lang)
    clock.freeze(FIXED)
    data = _load(demo, FIXED)
    (closed,) = [p for p in data if p.accepted is not None]
    a, f = closed.accepted, closed.funding
    assert a.leftover_fen == f.balance_fen > 0 and a.final_account_fen == f.paid_fen
    for width, height in SIZES:
        text = _text([closed], width, height)
        need = [_("Accepted {day}").format(day=""), a.parties_text(), yuan(a.final_account_fen), yuan(a.leftover_fen),
                acceptance.leftover_label(a.leftover_action), yuan(f.balance_fen)]
        need += [yuan(s.balance_fen) for s in f.sources] + [yuan(s.paid_fen) for s in f.sources]
        lost = [n for n in need if re.sub(r"\s+", "", n) not in text]
        assert not lost, (width, height, lost)
    connection.close()


def test_the_slide_leaves_when_the_period_ends(demo):
    clock.freeze(FIXED)
    data = _load(demo, FIXED, days=90)
    (closed,) = [p for p in data if p.accepted is not None]
    leaves = closed.info.closed_at + dt.timedelta(days=90)
    assert kinds.get("funding").until(data) == leaves
    assert closed.info.id in [p.info.id for p in _load(demo, leaves - dt.timedelta(seconds=1))]
    assert closed.info.id not in [p.info.id for p in _load(demo, leaves)]
    connection.close()
