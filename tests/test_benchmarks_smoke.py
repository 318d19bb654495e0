"""The benchmark harness runs end to end at a tiny scale and leaves a database that verifies.
No timing is asserted here: speed is what `python -m benchmarks` reports."""

from __future__ import annotations

import io
import json

import pytest

from benchmarks import commands, csvgen, generate, startup, writers
from benchmarks.context import Context
from benchmarks.report import Progress, table
from benchmarks.terminal import Tmux
from benchmarks.terminal import available as tmux_available
from kiosk.db import connection
from kiosk.db.models import Contribution, Household, Notice, Project, Report
from kiosk.domain import verify

TINY = generate.Scale.of(0.005)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench")
    summary = generate.build(str(out / "subdistrict.db"), TINY)
    return out, summary


def _ctx(out, summary) -> Context:
    return Context(out=str(out), db=summary.path, quick=True, progress=Progress(io.StringIO()), estate=summary.estate_name)


def test_the_generator_builds_what_it_says_and_it_verifies(built):
    _out, summary = built
    assert summary.counts == {"estates": TINY.estates, "households": TINY.households, "projects": TINY.projects,
                              "contributions": TINY.contributions, "reports": TINY.reports, "notices": TINY.notices}
    connection.connect(summary.path)
    assert Household.select().count() == TINY.households
    assert Contribution.select().count() == TINY.contributions
    assert Report.select().count() == TINY.reports
    assert Notice.select().count() == TINY.notices
    assert Project.select().count() == TINY.projects
    report = verify.run()
    assert report.ok, report.faults
    if not generate.polls_available():
        assert summary.poll == "not available"


def test_import_export_and_four_writers_run_and_keep_the_database_sound(built):
    out, summary = built
    ctx = _ctx(out, summary)
    imported = commands.import_csv(ctx, summary.open_project_ids, 500)
    assert imported.data.get("rows") == 500, imported.note
    exported = commands.export(ctx, 1)
    assert exported.data.get("seconds"), exported.note
    with open(out / "report.json", encoding="utf-8") as fh:
        assert len(json.load(fh)["estates"]) == TINY.estates
    rows = writers.measure(ctx, 10)
    errors = rows[-1]
    assert errors.data["errors"] == 0, errors.note
    assert errors.data["entries"] == errors.data["expected"]
    connection.connect(summary.path)
    assert Contribution.select().count() == TINY.contributions + 500 + errors.data["entries"]
    report = verify.run()
    assert report.ok, report.faults
    checked = commands.verify(ctx)
    assert checked.data["exit"] == 0, checked.note


def test_the_contributions_csv_imports_every_row(tmp_path, built):
    _out, summary = built
    path = tmp_path / "c.csv"
    total = csvgen.write(str(path), summary.open_project_ids, 50)
    assert total > 0
    assert len(path.read_text(encoding="utf-8-sig").splitlines()) == 51


@pytest.mark.skipif(not tmux_available(), reason="tmux is not installed")
def test_the_terminal_measurement_runs(built):
    out, summary = built
    ctx = _ctx(out, summary)
    ctx.repeats = 1
    with Tmux(str(out)) as term:
        rows = startup.measure(ctx, term)
    assert rows[0].data["peak_kb"][0] > 0
    text = table({"machine": "test"}, rows)
    assert "first paint, lobby / bare" in text
    # The stack's floor started, read the database (its marker shows only after the read) and
    # took some memory, less than the whole lobby.
    floor = {r.name: r for r in rows}["peak memory, stack floor / bare"]
    lobby = {r.name: r for r in rows}["peak memory, lobby / bare"]
    assert 0 < floor.data["peak_kb"][0] < lobby.data["peak_kb"][0], (floor, lobby)
