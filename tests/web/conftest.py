"""The web service's tests: Starlette's TestClient (real HTTP requests through the whole ASGI
app, no server) against a real demo database, on SQLite and (with KIOSK_TEST_PG) PostgreSQL."""

from __future__ import annotations

import warnings

import pytest

from kiosk.config import Settings
from kiosk.domain import estates, household_codes

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Starlette asks for httpx2 one day; httpx is what it runs with now
    from starlette.testclient import TestClient

from kiosk.web import app as web_app

KEY = "test-key-0123456789"


@pytest.fixture
def web_settings(demo_path, demo_db) -> Settings:
    return Settings(db=demo_path, pay_instructions="请到社区办公室缴款 <b>周一</b>", open311_keys={KEY: "12345热线"})


@pytest.fixture
def client(web_settings):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        yield TestClient(web_app.build(web_settings), base_url="https://testserver")


@pytest.fixture
def estate(demo_db) -> estates.EstateInfo:
    return estates.list_estates()[0]


@pytest.fixture
def household_code(estate) -> str:
    """A fresh private code of one household of the estate (staff issue slips like this)."""
    slip = household_codes.issue("test", estate.id, household_id=_first_household(estate.id))[0]
    return slip.code


def _first_household(estate_id: int) -> int:
    return next(iter(household_codes.in_slip_order(estate_id))).id
