"""The staff dashboard says, in red, that QR codes lead nowhere while public_url is the example."""

from __future__ import annotations


import pytest

from kiosk import i18n
from support.admin import SIZE, make_app, sign_in

pytestmark = pytest.mark.app


@pytest.mark.parametrize("public_url, warned", [("https://kiosk.example.org", True), ("https://gongshi.binhe.cn", False)])
async def test_dashboard_warns_while_public_url_is_the_example(demo_path, demo_db, tmp_path, public_url, warned):
    if not demo_path.endswith(".db"):
        pytest.skip("one backend is enough for a screen's words")
    app = make_app(db=demo_path, lang="en", public_url=public_url, log_file=str(tmp_path / "kiosk.log"))

    i18n.set_language("en")
    try:
        async with app.run_test(size=SIZE) as pilot:
            await sign_in(pilot)
            for _ in range(100):
                text = str(app.screen.query_one("#attention").render())
                if "Works not updated" in text:
                    break
                await pilot.pause(0.05)
    finally:
        i18n.set_language("zh")
    assert "Works not updated" in text
    assert ("QR codes lead nowhere" in text) == warned
