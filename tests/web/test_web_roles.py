"""On PostgreSQL the pages read through a role that can only read, and the two writes (a pledge,
an Open311 report) go through the writer role of `web_writer_db` (docs/web.md's GRANTs)."""

from __future__ import annotations

import secrets
import warnings
from urllib.parse import urlsplit, urlunsplit

import psycopg2
import pytest

from conftest import KEY
from kiosk.config import Settings
from kiosk.db.models import PledgeReference, Report
from kiosk.domain import estates, funding
from web_helpers import parse

pytestmark = pytest.mark.app


def _as(url: str, user: str, password: str) -> str:
    u = urlsplit(url)
    return urlunsplit(u._replace(netloc=f"{user}:{password}@{u.hostname}:{u.port}"))


@pytest.fixture
def roles(db_kind, demo_path, demo_db):
    """The docs' read-only and writer roles on this test's database (names of its own), dropped after."""
    if db_kind != "postgresql":
        pytest.skip("roles are PostgreSQL's")
    tag, pw = secrets.token_hex(4), secrets.token_hex(12)
    names = (f"web_read_{tag}", f"web_write_{tag}")
    try:
        yield _create(demo_path, *names, pw)
    finally:
        from kiosk.db import connection

        connection.close()
        conn = psycopg2.connect(demo_path)
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename IN %s", (names,))
            cur.execute(f"DROP OWNED BY {names[0]}, {names[1]}")
            cur.execute(f"DROP ROLE {names[0]}, {names[1]}")
        conn.close()


def _create(url: str, read: str, write: str, pw: str) -> tuple[str, str]:
    db = urlsplit(url).path.lstrip("/")
    conn = psycopg2.connect(url)
    conn.autocommit = True
    with conn.cursor() as cur:
        for role, grants in ((read, "SELECT"), (write, "SELECT, INSERT, UPDATE")):
            cur.execute(f"CREATE ROLE {role} LOGIN PASSWORD '{pw}'")
            cur.execute(f'GRANT CONNECT ON DATABASE "{db}" TO {role}')
            cur.execute(f"GRANT USAGE ON SCHEMA public TO {role}")
            cur.execute(f"GRANT {grants} ON ALL TABLES IN SCHEMA public TO {role}")
        cur.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {write}")
    conn.close()
    return _as(url, read, pw), _as(url, write, pw)


def test_pages_read_as_a_reader_and_writes_go_through_the_writer(roles, household_code):
    from starlette.testclient import TestClient

    from kiosk.web import app as web_app

    reader, writer = roles
    with psycopg2.connect(reader) as conn, conn.cursor() as cur, pytest.raises(psycopg2.errors.InsufficientPrivilege):
        cur.execute("UPDATE kiosk_state SET revision = revision + 1")  # the reader cannot write
    estate = estates.list_estates()[0]
    settings = Settings(db=reader, web_writer_db=writer, open311_keys={KEY: "hotline"})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        client = TestClient(web_app.build(settings), base_url="https://testserver")
    project = funding.list_projects(estate.id, active_only=True)[0]
    for path in (f"/?estate={estate.id}", f"/today?estate={estate.id}", "/open311/v2/requests.json"):
        assert client.get(path).status_code == 200
    form = dict(parse(client.get(f"/pledge?project={project.id}").text).inputs)
    r = client.post("/pledge", data=form | {"code": household_code, "amount": "30"})
    assert r.status_code == 200, r.text
    assert PledgeReference.select().where(PledgeReference.kiosk == "web").count() == 1
    building = estates.layout(estate.id)[0]
    filed = client.post("/open311/v2/requests.json", data={"api_key": KEY, "service_code": "lift", "description": "电梯异响",
                                                           "address_id": str(building.id), "jurisdiction_id": str(estate.id)})
    assert filed.status_code == 200, filed.text
    assert Report.select().where(Report.id == int(filed.json()[0]["service_request_id"].removeprefix("r"))).exists()
    # And after the writes, pages read through the reader again.
    assert client.get(f"/pledge?project={project.id}").status_code == 200
