"""Home's funding bars read from the screen's cells: filled cells = floor(printed percent x width),
received money only. A project ¥200 short of its target reads 99.9%, not 100%; one whose pledges
run past the target reads received / target, its pledges drawn apart (▒) and labelled as pledged."""

from __future__ import annotations

import re

from kiosk.domain import estates, funding, ledger
from support import drive, screen_lines, settle

BAR = re.compile(r"资金 ([█▒░]+) +(>?\d+(?:\.\d)?)%")


def _estate() -> str:
    e = estates.add_estate("t", "测试小区")
    almost = funding.create_project("t", e.id, "屋面防水", 300_000_00, status="fundraising")
    ledger.record("t", almost.id, "government", 299_800_00, status="received", contributor="区政府", receipt_no="G1")
    beyond = funding.create_project("t", e.id, "道路修复", 200_000_00, status="fundraising")
    ledger.record("t", beyond.id, "government", 100_000_00, status="received", contributor="区政府", receipt_no="G2")
    ledger.record("t", beyond.id, "units", 52_600_00, status="received", contributor="某有限公司", receipt_no="U1")
    ledger.record("t", beyond.id, "units", 333_300_00, contributor="另一有限公司")  # pledged only
    return e.name


def _bars(lines: list[str]) -> list[tuple[str, str]]:
    return [m.groups() for line in lines for m in BAR.finditer(line)]


def _check(bar: str, printed: str) -> None:
    units = int(printed.replace(".", ""))
    assert bar.count("█") == units * len(bar) // 1000, (bar, printed)
    assert "░" not in bar[: bar.count("█")] and "▒" not in bar[: bar.count("█")]


async def test_home_bars_fill_the_cells_of_their_percent(make_app):
    for size in ((80, 24), (100, 30), (160, 50)):
        app = make_app(estate=_estate() if size == (80, 24) else "测试小区")

        async with drive(app, size) as pilot:
            lines = screen_lines(app)
            bars = _bars(lines)
            assert {p for _b, p in bars} == {"99.9", "76.3"}, bars
            for bar, printed in bars:
                _check(bar, printed)
            almost = [b for b, p in bars if p == "99.9"]
            beyond = [b for b, p in bars if p == "76.3"]
            assert all(b.endswith("░") and "▒" not in b for b in almost)  # ¥200 short: not full
            # Pledged money lies beyond the received cells up to the bar's end: never in the 76.3%.
            assert all(b.count("▒") == len(b) - b.count("█") > 0 for b in beyond)
            text = "\n".join(lines)
            assert "100.0%" not in text and "100%" not in text
            assert "已认捐未到账" in text  # the lighter cells are named pledged, not received
        assert app.errors == []


async def test_pledge_list_still_missing_ignores_pledges(make_app):
    app = make_app(estate=_estate())

    async with drive(app) as pilot:
        await pilot.press("6")
        await settle(pilot)
        text = "\n".join(screen_lines(app))
        assert "还差 ¥4.74万" in text, text  # 200,000 − 152,600; pledges of 333,300 do not make it 0
        assert "还差 ¥0" not in text and "还差 ¥200" in text
