"""`kiosk web` as a command: --help, and a database it cannot use refused in one line before it
listens; and the benchmark's wrk run on a small database."""

from __future__ import annotations

import pytest

from kiosk_process import run_kiosk

pytestmark = pytest.mark.process


def test_help_and_a_missing_database(tmp_path):
    r = run_kiosk("--lang", "en", "web", "--help")
    assert r.returncode == 0 and "--port" in r.stdout and "Open311" in r.stdout
    r = run_kiosk("--lang", "en", "--db", str(tmp_path / "none.db"), "web", "--port", "1")
    assert r.returncode != 0 and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "none.db" in r.stderr


def test_the_benchmark_measures_with_wrk(demo_path):
    import shutil

    if shutil.which("wrk") is None or not demo_path.endswith(".db"):
        pytest.skip("needs wrk; one backend is enough")
    from benchmarks import web

    rows = web.measure(demo_path, seconds=1, connections=2)
    assert [r.name for r in rows] == ["web: estate page p95 latency", "web: estate page throughput"]
    data = rows[0].data
    assert data["requests"] > 0 and data["errors"] == 0 and data["non2xx"] == 0 and data["page_bytes"] > 1000
    assert 0 < data["p50_ms"] <= data["p95_ms"] <= data["p99_ms"]
