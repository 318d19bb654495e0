"""The projects' lines the lobby and the daily disclosure read (`disclosure.project_lines`) are the
same as those of the full disclosure (`collect`), without its report rates and emergency repairs,
which read every report of the last year and are not shown on the lobby's home."""

from __future__ import annotations

from kiosk.domain import disclosure, estates
from support.queries import query_hook


class AllQueries:
    def __init__(self) -> None:
        self.sql: list[str] = []

    def __call__(self, event) -> None:
        self.sql.append(event.sql)


def test_project_lines_are_the_disclosures_projects(demo_db):
    every = estates.list_estates()
    assert every
    shown = 0
    for e in every:
        lines = disclosure.project_lines(e.id)
        assert lines == disclosure.collect(e.id)[0].projects
        assert all(pl.info.estate_id == e.id for pl in lines)
        shown += len(lines)
        daily = disclosure.daily(e.id)
        assert daily.projects == lines
        assert disclosure.daily(e.id, projects=lines) == daily
    assert shown > 0  # the demo has projects: the comparison compared something
    everyone = sorted((pl for d in disclosure.collect() for pl in d.projects), key=lambda pl: pl.info.id)
    assert list(disclosure.project_lines()) == everyone


def test_the_daily_disclosure_reads_no_report(demo_db):
    estate = estates.list_estates()[0]
    with query_hook(AllQueries()) as daily:
        disclosure.daily(estate.id)
    with query_hook(AllQueries()) as full:
        disclosure.collect(estate.id)
    assert daily.sql and not [sql for sql in daily.sql if '"report' in sql], daily.sql
    assert [sql for sql in full.sql if '"report' in sql]  # the full disclosure does (its rates)
