"""The demo database built as if today were a fixed moment, so what screens and slides show
never changes with the day the tests run."""

from __future__ import annotations

import datetime as dt
from typing import Callable

from kiosk import clock, demo
from kiosk.db import connection, schema


def build_fixed_demo(path: str, today: dt.datetime, then: Callable[[], None] = lambda: None) -> str:
    """Build the demo at `path` as of `today`, then run `then()` on the same frozen clock.
    demo.build() unfreezes the clock after its back-dated reports; here "unfrozen" means `today`."""
    real_freeze = clock.freeze

    def freeze(at):
        real_freeze(at if at is not None else today)

    clock.freeze = freeze
    try:
        real_freeze(today)
        schema.init(connection.connect(path, check_schema=False))
        demo.build()
        then()
    finally:
        clock.freeze = real_freeze
        clock.reset()
        connection.close()
    return path
