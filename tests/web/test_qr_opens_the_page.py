"""A QR code decoded from the lobby's own screen opens a page of `kiosk web` whose figures equal
the kiosk's: the lobby under Pilot, its pledge QR read back by an independent decoder (zxing-cpp,
the lobby tests' qr_decode), the address's path asked of the web app."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from kiosk.config import Settings
from kiosk.domain import funding
from web_helpers import project_figures

pytestmark = pytest.mark.app
PUBLIC = "https://gongshi.binhe.cn"


async def test_the_lobby_pledge_qr_opens_the_project_page_with_the_same_figures(client, estate, demo_path, tmp_path):
    if not demo_path.endswith(".db"):
        pytest.skip("one backend is enough for the screen")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "lobby"))
    from qr_decode import decode

    from kiosk.apps.lobby import LobbyApp

    app = LobbyApp(Settings(db=demo_path, public_url=PUBLIC, log_file=str(tmp_path / "kiosk.log")), estate)

    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        for key in ("6", "1"):  # home -> pledge -> the first project that takes pledges
            await pilot.press(key)
            await pilot.pause(0.3)
        for _ in range(100):
            found = app.screen.query("#qr")
            if found:
                await pilot.pause(0.2)
                urls = decode(app, found.first())
                break
            await pilot.pause(0.05)
        else:
            urls = []

    assert len(urls) == 1 and urls[0].startswith(PUBLIC + "/pledge?project="), urls
    page = client.get(urls[0].removeprefix(PUBLIC))
    assert page.status_code == 200
    project_id = int(urls[0].rsplit("=", 1)[1])
    shown = project_figures(page.text)[project_id]
    snap = funding.snapshot(project_id)  # what the lobby's screens draw from
    assert (shown["received"], shown["target"], shown["pledged"]) == (snap.received_fen, snap.target_fen, snap.pledged_fen)
    assert (shown["paid"], shown["balance"]) == (snap.paid_fen, snap.balance_fen)
    assert shown["sources"] == {s.key: [s.planned_fen, s.received_fen, s.pledged_fen, s.paid_fen, s.balance_fen] for s in snap.sources}
    assert app.errors == []
