"""The sources' table never cuts an amount: at a sub-district's millions and a phone-narrow
column it splits into more, narrower tables instead (seen at 60×80: "¥6,934,7…")."""

from __future__ import annotations

import pytest
from rich.console import Console

from kiosk.domain.funding import FundingSnapshot, SourceFigures
from kiosk.domain.money import yuan
from kiosk.domain.sources import SOURCES
from kiosk.render.funding_view import source_table


def _snapshot() -> FundingSnapshot:
    sources = tuple(SourceFigures(key, planned_fen=693_470_012 + i, received_fen=512_345_678 + i,
                                  pledged_fen=98_765_432 + i, paid_fen=401_234_567 + i)
                    for i, key in enumerate(SOURCES))
    return FundingSnapshot(project_id=1, title="t", status="fundraising", target_fen=sum(s.planned_fen for s in sources),
                           received_fen=sum(s.received_fen for s in sources),
                           pledged_fen=sum(s.pledged_fen for s in sources), sources=sources,
                           paid_fen=sum(s.paid_fen for s in sources))


@pytest.mark.parametrize("width", [36, 44, 56, 76, 120])
def test_every_amount_is_drawn_whole_at_any_width(width):
    snap = _snapshot()
    console = Console(width=width, record=True, color_system=None, legacy_windows=False)
    console.print(source_table(snap, wide=True))
    text = console.export_text()
    assert "…" not in text
    for s in (*snap.sources, snap):
        for fen in (s.planned_fen, s.received_fen, s.pledged_fen, s.paid_fen, s.balance_fen):
            assert yuan(fen) in text, (width, yuan(fen), text)
