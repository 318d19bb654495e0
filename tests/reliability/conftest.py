"""Reliability tests: a seed per run (printed, and fixed with KIOSK_TEST_SEED to replay a failure),
the number of kills (KIOSK_TEST_KILLS), and `slow` variants that run only with `-m slow`."""

from __future__ import annotations

import os
import random

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))


def pytest_collection_modifyitems(config, items):
    if "slow" in (config.getoption("-m") or ""):
        return
    skip = pytest.mark.skip(reason="slow: run with -m slow")
    for item in items:
        if str(item.fspath).startswith(HERE) and "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def seed() -> str:
    value = os.environ.get("KIOSK_TEST_SEED") or str(random.SystemRandom().randrange(10**6))
    print(f"\nreliability seed: {value} (replay with KIOSK_TEST_SEED={value})")
    return value


@pytest.fixture
def kills() -> int:
    return int(os.environ.get("KIOSK_TEST_KILLS", "20"))
