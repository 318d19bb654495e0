"""The staff console on a test database: built from settings, at the kiosk's screen size, signed in."""

from __future__ import annotations

import datetime as dt

from kiosk.apps.admin import AdminApp
from kiosk.config import Settings
from kiosk.demo import DEMO_PASSWORD
from support.pilot import press, settle, type_text

T0 = dt.datetime(2026, 3, 10, 9, 0)
SIZE = (80, 24)


def make_app(**settings) -> AdminApp:
    return AdminApp(Settings(**settings))


async def sign_in(pilot, username: str = "fang", password: str = DEMO_PASSWORD) -> None:
    await press(pilot, *username, "enter")
    await type_text(pilot, password + "\r")
    await settle(pilot)
