"""Privacy: no public output shows an owner's name, phone number or room.

Every private value is loaded from the demo database (owner names and phones of households,
phones on reports, and rooms written together with their building and unit — "3号楼2单元501" —
a pattern no ordinary text contains). `find_leaks` takes named lists of public strings; the
sources are everything public: the exported report in every format, the domain functions public
screens call, and what the display's slides and the lobby's screens actually draw.
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

    tickets = list(Report.select(Report.ticket, Report.estate).tuples())
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
    add("reports.trail", [reports.trail(t, estate_id=e) for t, e in tickets])
    return out


# Lobby paths (digit keys from home) whose screens show data of many households.
LOBBY_PATHS = [(), ("1",), ("1", "1"), ("2",), ("2", "1"), ("2", "2"), ("3",), ("3", "1"), ("3", "2"), ("4",),
               ("4", "2"), ("6",), ("6", "1"), ("7",), ("7", "3"), ("7", "5")]


def _display_texts(estate: str) -> list[str]:
    from kiosk.config import Settings
    from kiosk.display import deck, kinds
    from kiosk.render.slides.pager import paginate

    d = deck.load(estate, Settings(), kinds.known())
    texts = []
    for width, height in ((80, 22), (232, 63)):
        for key in kinds.known():
            for item in kinds.get(key).render(d.data.get(key), width, height):
                texts += [page.plain() for page in paginate(item, width, height)]
    return texts


async def _lobby_texts(db: str, estate: str, tmp: str, paths: list[tuple[str, ...]] = LOBBY_PATHS) -> list[str]:
    """The real lobby app on a TV-sized terminal, each path opened from home."""
    from kiosk.apps.lobby import LobbyApp
    from kiosk.config import Settings
    from support import screen_text

    app = LobbyApp(Settings(db=db, log_file=f"{tmp}/lobby.log"), estates.resolve_estate(estate))
    texts: list[str] = []

    async with app.run_test(size=(240, 67)) as pilot:
        await pilot.pause()
        for path in paths:
            await app.go_home()
            await pilot.pause()
            for key in path:
                await pilot.press(key)
                await pilot.pause()
            texts.append(screen_text(app))
    return texts


async def screen_sources(db: str, tmp: str) -> dict[str, list[str]]:
    """Rendered texts of the display's slides (every kind, 80×24 and TV) and of the lobby's
    main screens, for every demo estate. The lobby's own crawl (tests/lobby/test_privacy.py)
    goes deeper with a simpler check."""
    out: dict[str, list[str]] = {}
    for e in estates.list_estates():
        out[f"display: {e.name}"] = _display_texts(e.name)
        out[f"lobby: {e.name}"] = await _lobby_texts(db, e.name, tmp)
    return out


SOURCES: list[Callable[[str, str], dict[str, list[str]]]] = [
    lambda db, tmp: cli_sources(db),
    lambda db, tmp: domain_sources(),
]  # and screen_sources, which runs the apps


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


async def test_no_public_output_shows_a_name_phone_or_room(demo_path, private, tmp_path):
    sources: dict[str, list[str]] = {}
    for source in SOURCES:
        sources.update(source(demo_path, str(tmp_path)))
    sources.update(await screen_sources(demo_path, str(tmp_path)))
    assert sum(len(v) for v in sources.values()) > 100
    lobby = [t for name, texts in sources.items() if name.startswith("lobby:") for t in texts]
    assert len(set(lobby)) > 30  # the paths really opened different screens
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


# What one resident typed into a report, and numbers staff put in their public texts.
PLANTED_WORDS = "王小明说：电话13812345678，住1502室，身份证110101199003071234，北墙渗水"
PLANTED_SECRETS = ("王小明", "13812345678", "1502", "110101199003071234", "北墙渗水", "13912345678")


@pytest.mark.slow
async def test_a_residents_words_and_numbers_in_staff_text_stay_private(demo_path, demo_db, tmp_path):
    """A report's description reaches no public output (export, domain, TV, lobby: the me-too list
    and the track screen of that very ticket); the numbers staff put in a public note or summary
    are masked there."""
    yg = estates.resolve_estate("盈谷中心小区")
    b5 = next(b for b in estates.layout(yg.id) if b.name == "5号楼")
    planted = reports.submit("lobby", yg.id, "seepage", b5.id, PLANTED_WORDS, unit_id=b5.units[1].id, floor=4,
                             phone="13912345678")
    reports.transition("fang", planted.id, "accepted", "已联系住户 138 1234 5678，1502室")
    reports.publish_summary("fang", planted.id, "窗户渗水。电话13812345678，身份证110101199003071234，住1502室")
    fixed = reports.submit("lobby", yg.id, "roof_leak", b5.id, PLANTED_WORDS, phone="13912345678")
    for status in ("accepted", "in_progress", "resolved"):
        reports.transition("fang", fixed.id, status, "回访：13812345678，5-2-1502")
    sources: dict[str, list[str]] = {}
    sources.update(cli_sources(demo_path))
    sources.update(domain_sources())
    sources["display"] = _display_texts(yg.name)
    sources["lobby"] = await _lobby_texts(demo_path, yg.name, str(tmp_path), [
        ("4", "2", "2", "5", "2", "4"),  # the me-too list for seepage at 5号楼 2单元 4层
        ("5", *planted.ticket, "enter"),
        ("5", *fixed.ticket, "enter"),
    ])
    lobby = "\n".join(sources["lobby"])
    assert "窗户渗水。电话138****5678" in lobby and "回访：138****5678，5-2-****" in lobby  # the right screens were read
    leaks = []
    for source, texts in sources.items():
        for text in texts:
            joined = re.sub(r"(?<=\d)[\s\-]+(?=\d)", "", text)
            leaks += [f"{source}: {secret}" for secret in PLANTED_SECRETS if secret in joined]
    assert leaks == [], leaks[:20]
