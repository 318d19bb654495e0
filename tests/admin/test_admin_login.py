"""Sign-in: password never echoed, lock-out after five failures for fifteen minutes (the right
password is refused meanwhile, with the same words as any refusal), sign-out after ten idle minutes."""

from __future__ import annotations

import datetime as dt

from support import flat, press, screen_text, settle, type_text
from support.admin import SIZE, make_app, sign_in

from kiosk import clock, i18n
from kiosk.demo import DEMO_PASSWORD
from kiosk.domain import audit, auth
from kiosk.screens.admin.dashboard import DashboardScreen
from kiosk.screens.admin.login import LoginScreen

T0 = dt.datetime(2026, 3, 10, 9, 0)


def shows_refusal(app) -> bool:
    """The one refusal message is on screen (however it wrapped)."""
    return auth.failed_message().replace(" ", "") in flat(app).replace(" ", "")


async def test_sign_in_opens_the_overview_and_is_audited(demo_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        assert isinstance(app.screen, DashboardScreen)
        assert app.user.username == "fang"
        assert "方书记" in screen_text(app)  # who is signed in, in the top bar
    assert audit.entries(actor="fang")[0].action == "staff.login"


async def test_typed_password_is_never_on_screen(demo_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await press(pilot, *"fang", "enter")
        await type_text(pilot, "wrong-secret-99")
        shown = screen_text(app)
        assert "wrong-secret-99" not in shown and "•" * 15 in shown
        await type_text(pilot, "\r")
        assert "wrong-secret-99" not in screen_text(app)
        assert app.screen.query_one("#f-password").value == ""  # not kept after the attempt


async def test_typed_ahead_password_goes_to_the_password_field(demo_db):
    """A slow SSH link delivers `fang⏎secret⏎` in one read: the password must not land in the
    (visible) username field."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "fang\r" + DEMO_PASSWORD + "\r")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert app.user.username == "fang"


async def test_wrong_password_says_so_without_telling_which_part_was_wrong(demo_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang", "not-the-password")
        assert isinstance(app.screen, LoginScreen)
        assert shows_refusal(app)  # the rule (5 times, 15 minutes), for any name
        assert app.screen.query_one("#f-username").value == "fang"  # what was typed stays


async def test_lock_out_after_five_failures_refuses_the_right_password_for_15_minutes(demo_db):
    clock.freeze(T0)

    i18n.set_language("en")
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "wuye", "bad-password")
        for _ in range(4):  # the username stays; the cursor waits in the password field
            assert shows_refusal(app)
            await type_text(pilot, "bad-password\r")
        assert next(s for s in auth.list_staff() if s.username == "wuye").locked_until == T0 + dt.timedelta(minutes=15)
        # The right password is refused during the lock-out, with the words of any refusal.
        await type_text(pilot, DEMO_PASSWORD + "\r")
        assert isinstance(app.screen, LoginScreen)
        assert shows_refusal(app)
        # Another account is not affected. Keys only: back to the username, erase it, type.
        await press(pilot, "shift+tab", "ctrl+u")
        assert app.screen.query_one("#f-username").value == ""
        await sign_in(pilot, "fang")
        assert isinstance(app.screen, DashboardScreen)
    clock.advance(dt.timedelta(minutes=15, seconds=1))

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "wuye")
        assert isinstance(app.screen, DashboardScreen)
    actions = [e.action for e in audit.entries(actor="wuye")]
    assert actions.count("staff.login_failed") == 5 and "staff.login_refused" in actions


async def test_idle_sign_out_after_ten_minutes(demo_db):
    clock.freeze(T0)

    app = make_app()
    assert app.settings.admin_idle_seconds == 600
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        await press(pilot, "1")  # open a list
        clock.advance(dt.timedelta(seconds=500))
        assert app.check_inactivity() is False
        await press(pilot, "down")  # any key counts as activity
        clock.advance(dt.timedelta(seconds=500))
        assert app.check_inactivity() is False
        clock.advance(dt.timedelta(seconds=100))
        assert app.check_inactivity() is True
        await settle(pilot)
        assert isinstance(app.screen, LoginScreen) and app.user is None
        assert "10" in screen_text(app)  # says why: ten minutes without activity
    last = audit.entries(actor="fang")[0]
    assert (last.action, last.data) == ("staff.logout", {"reason": "idle"})


async def test_disabled_account_is_refused(demo_db):
    auth.set_disabled("test", "wuye", True)

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "wuye")
        assert isinstance(app.screen, LoginScreen)


async def test_sign_out_key_returns_to_sign_in(demo_db):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, "fang")
        await press(pilot, "1")
        await press(pilot, "escape")
        await press(pilot, "q")
        await settle(pilot)
        assert isinstance(app.screen, LoginScreen) and app.user is None
    assert audit.entries(actor="fang")[0].action == "staff.logout"
