"""Privacy: no public output shows an owner's name, phone number or room.

Every private value is loaded from the demo database (owner names and phones of households,
phones on reports, and rooms written together with their building and unit — "3号楼2单元501" —
a pattern no ordinary text contains). `find_leaks` takes named lists of public strings; the
sources here are everything public that exists without the apps: the exported report in every
format and the domain functions public screens call. The lobby and display screens add their
rendered texts as further sources (see `screen_sources`), and the same check covers them.
"""

from __future__ import annotations

import dataclasses
import json
import re
from typing import Callable, Iterable

import pytest

from kiosk.db.models import Building, Household, Report, Unit
from kiosk.domain import disclosure, estates, funding, ledger, meetings, notices, reports, works
from reliability import harness as h

_SEPARATORS = re.compile(r"[\s\-_/·,，、]+")


@dataclasses.dataclass(frozen=True)
class PrivateValues:
    names: frozenset[str]
    phones: frozenset[str]
    rooms: frozenset[str]  # building + unit + room, separators removed

    def __len__(self) -> int:
        return len(self.names) + len(self.phones) + len(self.rooms)


def load_private() -> PrivateValues:
    """Every private value in the bound database."""
    names, phones, rooms = set(), set(), set()
    q = Household.select(Household, Unit, Building).join(Unit).join(Building)
    for hh in q:
        if hh.owner_name:
            names.add(hh.owner_name)
        if hh.phone:
            phones.add(hh.phone)
        rooms.add(_flat(f"{hh.unit.building.name}{hh.unit.name}{hh.room}"))
    phones |= {r.phone for r in Report.select(Report.phone).where(Report.phone.is_null(False))}
    return PrivateValues(frozenset(names), frozenset(phones), frozenset(rooms))


def _flat(text: str) -> str:
    return _SEPARATORS.sub("", text)


def find_leaks(sources: dict[str, Iterable[str]], private: PrivateValues) -> list[str]:
    """Every (source, kind, value) where a private value shows in a public text."""
    leaks = []
    for source, texts in sources.items():
        for text in texts:
            flat = _flat(text)
            joined = re.sub(r"(?<=\d)[\s\-]+(?=\d)", "", text)  # 138 0013 8000, 138-0013-8000
            for name in private.names:
                if name in text:
                    leaks.append(f"{source}: owner name {name}")
            for phone in private.phones:
                if phone in joined:
                    leaks.append(f"{source}: phone {phone}")
            for room in private.rooms:
                if room in flat:
                    leaks.append(f"{source}: room {room}")
    return leaks


def _dump(value) -> str:
    if dataclasses.is_dataclass(value):
        value = dataclasses.asdict(value)
    return json.dumps(value, ensure_ascii=False, default=str)


def cli_sources(db: str) -> dict[str, list[str]]:
    out = {}
    for fmt in ("json", "csv", "md"):
        for lang in ("zh", "en"):
            result = h.run(h.kiosk("--db", db, "--lang", lang, "export", "report", "--format", fmt))
            assert result.returncode == 0, result.stderr
            out[f"export report --format {fmt} --lang {lang}"] = [result.stdout]
    return out


def domain_sources() -> dict[str, list[str]]:
    """What public screens read through the domain, for every estate, project and report."""
    out: dict[str, list[str]] = {}

    def add(name: str, values: Iterable) -> None:
        out.setdefault(name, []).extend(_dump(v) for v in values)

    tickets = [t for (t,) in Report.select(Report.ticket).tuples()]
    for e in estates.list_estates():
        add("disclosure.daily", [disclosure.daily(e.id)])
        add("reports.recently_resolved", reports.recently_resolved(e.id, days=3650, limit=1000))
        add("notices.live", notices.live(e.id))
        add("meetings.list_meetings", meetings.list_meetings(e.id))
        add("estates.layout", estates.layout(e.id))
        for b in estates.layout(e.id):
            for category in reports.CATEGORIES:
                add("reports.similar_open", [r for _id, r in reports.similar_open(e.id, category, b.id, limit=100)])
    for p in funding.list_projects():
        add("ledger.latest_received", ledger.latest_received(p.id, limit=10_000))
        add("funding.snapshot", [funding.snapshot(p.id)])
        add("works.progress", [works.progress(p.id)])
        add("funding.get_project", [p])
    add("reports.trail", [reports.trail(t) for t in tickets])
    return out


def screen_sources() -> dict[str, list[str]]:
    """Rendered texts of the lobby and display screens, once those apps exist: render each
    screen on the demo data (App.run_test at 80×24 and 240×67, zh and en) and return
    {"lobby: funding screen": [text, …], …}. Empty until then."""
    return {}


SOURCES: list[Callable[[str], dict[str, list[str]]]] = [
    cli_sources,
    lambda db: domain_sources(),
    lambda db: screen_sources(),
]


@pytest.fixture
def private(demo_db) -> PrivateValues:
    values = load_private()
    # The demo holds enough private data for the check to mean something.
    assert len(values.names) > 100 and len(values.phones) > 100 and len(values.rooms) > 300
    return values


def test_the_check_finds_a_planted_leak(private):
    name, phone, room = sorted(private.names)[0], sorted(private.phones)[0], sorted(private.rooms)[0]
    planted = {"canary": [f"谢谢{name}", f"电话 {phone[:3]} {phone[3:7]} {phone[7:]}", room[:3] + " " + room[3:]]}
    leaks = find_leaks(planted, private)
    assert len(leaks) >= 3, leaks


def test_no_public_output_shows_a_name_phone_or_room(demo_path, private):
    sources: dict[str, list[str]] = {}
    for source in SOURCES:
        sources.update(source(demo_path))
    assert sum(len(v) for v in sources.values()) > 100
    leaks = find_leaks(sources, private)
    assert leaks == [], leaks[:20]


def test_an_owner_named_in_an_imported_contributor_column_stays_private(demo_path, private, tmp_path):
    """Spreadsheets of owners' money often carry the owner's name in the contributor column; the
    public list of receipts shows households only as building and unit, and owners' money
    without a household link as the source alone."""
    (pid,), = h.sql(demo_path, "SELECT MIN(id) FROM project")
    name = sorted(private.names)[0]
    csv = tmp_path / "owners.csv"
    csv.write_text("project_id,source,amount,contributor,status,date,receipt_no\n"
                   f"{pid},owners,300,{name},received,2099-01-01,PRIV-1\n"
                   f"{pid},units,500,京平建设工程有限公司,received,2099-01-01,PRIV-2\n", encoding="utf-8")
    result = h.run(h.kiosk("--db", demo_path, "import", "contributions", str(csv)))
    assert result.returncode == 0, result.stderr
    latest = ledger.latest_received(pid, limit=5)
    assert find_leaks({"ledger.latest_received": [_dump(c) for c in latest]}, private) == []
    assert any(c.who == "京平建设工程有限公司" for c in latest)  # organisations keep their name
