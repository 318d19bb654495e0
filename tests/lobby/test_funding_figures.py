"""The funding screen shows exactly the figures of `kiosk export report`, and the latest money
received names organisations but households only by building and unit."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

from kiosk.domain import estates
from kiosk.domain.money import yuan
from kiosk.domain.sources import short_label
from support import drive, press, screen_lines, settle


def export(path: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    out = subprocess.run([sys.executable, "-m", "kiosk", "--db", path, "export", "report", "--format", "json"],
                         capture_output=True, text=True, env=env, check=True)
    return json.loads(out.stdout)


async def test_every_figure_equals_the_export(make_app, lobby_db):
    report = export(lobby_db)
    for estate_report in report["estates"]:
        app = make_app(estate=estate_report["name"])
        projects = estate_report["projects"]

        async with app.run_test(size=(100, 80)) as pilot:  # one column: a row is one source
            await settle(pilot)
            for i, p in enumerate(sorted(projects, key=lambda p: (p["status"] not in ("planning", "fundraising", "in_progress"), p["id"])), 1):
                await app.go_home()
                await press(pilot, "2")
                if len(projects) > 1:
                    await press(pilot, str(i))
                assert app.screen.item_id == p["id"]
                lines = screen_lines(app)
                text = "\n".join(lines)
                for key in ("target_fen", "received_fen", "pledged_fen", "paid_fen", "balance_fen"):
                    assert yuan(p[key]) in text, (p["title"], key)
                for s in p["sources"]:
                    row = next(line for line in lines if line.strip().startswith("██ " + short_label(s["key"])) and "¥" in line)
                    amounts = re.findall(r"¥[\d,]+(?:\.\d\d)?", row)
                    assert amounts == [yuan(s[k]) for k in ("planned_fen", "received_fen", "pledged_fen", "paid_fen", "balance_fen")], row
        assert app.errors == []


async def test_latest_received_shows_households_as_building_and_unit(make_app):
    app = make_app()
    layout = estates.layout(app.estate.id)
    units = {b.name + u.name for b in layout for u in b.units}

    async with drive(app, (160, 80)) as pilot:
        await press(pilot, "2", "1")
        lines = screen_lines(app)
        start = next(i for i, line in enumerate(lines) if "最近到账" in line)
        latest = [line for line in lines[start + 1:] if "¥" in line]
        assert latest
        for line in latest:
            assert any(u in line for u in units) or "有限公司" in line or "办事处" in line or "居委会" in line \
                or "物业" in line or "专项" in line or "中心" in line, line
