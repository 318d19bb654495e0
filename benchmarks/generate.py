"""A synthetic sub-district (街道), built fast and honestly.

Rows go in with bulk inserts (`kiosk.db.bulk`, what imports use) in big chunks, but every chunk is written inside `audit.write` with
one audit entry that vouches for it (a digest of the rows, exactly as `imports.contributions`
does for money), so `kiosk verify` passes on the result. Projects, stages and milestones go
through the domain functions one by one: there are few of them and they are what staff create.

Deterministic: a fixed seed, dates relative to today.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import importlib.util
import io
import math
import os
import random
import time
from typing import Callable

from kiosk import clock
from kiosk.db import bulk, connection, models, schema
from kiosk.db.models import (
    Building, Contribution, Household, Meeting, Notice, Project, Report, ReportEvent, Unit, database,
)
from kiosk.domain import audit, estates, funding, ledger, works
from kiosk.domain.reports import TAKEN_UP
from kiosk.domain.sources import SOURCES

ACTOR = "benchmark"
SUB_DISTRICT = "滨河街道"
CHUNK = 10_000
WAN = 1_000_000  # fen in 1万 yuan

Progress = Callable[[str, int, int], None]

ESTATE_NAMES = (
    "盈谷中心", "五号公寓", "文乐胡同", "府前西街", "建西里", "金谷东园", "新平北路", "和平街", "向阳里", "东鼎园",
    "西寺渠", "滨河南里", "平谷新城", "胜利街", "南岔子", "北台头", "上纸寨", "洳河湾", "育新园", "林荫北街",
    "兴谷家园", "岳各庄", "承平里", "迎宾花园", "太和园", "园丁小区", "北寨村", "党校小区", "供销社宿舍", "粮食局宿舍",
)
PROJECT_TITLES = (
    "楼顶防水与墙体渗水修缮", "院内道路及车库出入口路面修复", "加装电梯", "单元门更换", "楼道地砖修复",
    "车棚顶棚更换", "采光井修缮", "停车场建设与停车秩序治理", "雨污管网改造", "外墙保温改造",
)
ORGS = {
    "government": ("平谷区老旧小区综合整治专项", "北京市老楼加装电梯补贴"),
    "subdistrict": ("滨河街道办事处",),
    "units": ("京平建设工程有限公司", "滨河商贸中心", "平谷供电服务站", "北京美丽城停车服务有限公司"),
    "community": ("建西社区居委会", "金谷东园社区居委会"),
    "property": ("盈谷物业服务中心", "文乐物业", "金谷东园物业"),
}
REPORT_CATEGORIES = ("roof_leak", "seepage", "unit_door", "stair_tiles", "road", "carport", "parking", "lift", "other")
REPORT_TEXTS = ("顶层天花板漏雨，下雨就滴水。", "北侧墙体渗水，墙皮脱落。", "单元门锁坏了，关不上。", "楼道地砖松动，老人容易绊倒。",
                "楼前路面坑洼，雨后积水。", "车棚顶棚破损漏雨。", "消防通道有车辆长期停放。", "电梯异响。", "楼道灯不亮。")
# Where a report ends up, and the path it took (every step is a public event).
REPORT_PATHS = (
    (50, ("accepted", "in_progress", "resolved", "closed")),
    (15, ("accepted", "in_progress", "resolved")),
    (10, ("accepted", "in_progress")),
    (7, ("accepted",)),
    (5, ("rejected",)),
    (13, ()),
)


@dataclasses.dataclass(frozen=True)
class Scale:
    estates: int
    households: int
    projects: int
    contributions: int
    reports: int
    notices: int
    ballots: int

    @classmethod
    def of(cls, factor: float) -> "Scale":
        def n(base: int, least: int = 1) -> int:
            return max(least, int(round(base * factor)))

        e = n(30)
        return cls(e, n(20_000, 12 * e), n(300, e), n(200_000), n(50_000), n(5_000), n(20_000))


@dataclasses.dataclass
class Summary:
    path: str
    scale: Scale
    seconds: float
    estate_name: str  # the first estate: what the lobby shows by default
    counts: dict[str, int]
    open_project_ids: list[int]  # projects that accept money (for the import CSV)
    poll: str  # "ok: …", or why there is none


def _names(count: int) -> list[str]:
    out = []
    for i in range(count):
        base = ESTATE_NAMES[i % len(ESTATE_NAMES)]
        out.append(f"{base}小区" if i < len(ESTATE_NAMES) else f"{base}{i // len(ESTATE_NAMES) + 1}期小区")
    return out


def _split(total: int, parts: int) -> list[int]:
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def _phone(rng: random.Random) -> str:
    return rng.choice(["13", "15", "18", "17"]) + f"{rng.randrange(0, 10**9):09d}"


def remove(path: str) -> None:
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.remove(path + suffix)


def build(path: str, scale: Scale, progress: Progress | None = None, seed: int = 2024) -> Summary:
    """Create a fresh database at `path` filled at `scale`. Leaves it closed and checkpointed."""
    say = progress or (lambda what, done, total: None)
    started = time.perf_counter()
    rng = random.Random(seed)
    remove(path)
    db = connection.connect(path, check_schema=False)
    schema.init(db)
    # Synthetic data: if the machine dies we build it again, so no fsync per commit, and a big
    # page cache while millions of index entries go in.
    db.execute_sql("PRAGMA synchronous = OFF")
    with bulk.large_cache(db, 256):
        summary, households = _fill(path, scale, rng, say)
    # Votes go through the documented CLI, which opens (and closes) its own connection.
    summary.poll = _polls(path, households, scale.ballots, rng, say)
    db = database.obj
    if db.is_closed():
        db = connection.connect(path)
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.execute_sql("ANALYZE")
    connection.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _fill(path: str, scale: Scale, rng: random.Random, say: Progress) -> tuple[Summary, dict[int, list[tuple]]]:
    now = clock.now()
    today = now.date()

    names = _names(scale.estates)
    estate_ids = []
    for i, name in enumerate(names):
        say("estates", i, len(names))
        estate_ids.append(estates.add_estate(ACTOR, name, f"{name[:2]}社区", 1985 + i % 20, SUB_DISTRICT).id)

    households = _households(estate_ids, scale.households, rng, say)
    projects, open_projects = _projects(estate_ids, scale.projects, rng, today, say)
    n_contrib = _contributions(projects, households, scale.contributions, rng, now, say)
    n_reports = _reports(estate_ids, scale.reports, rng, now, say)
    n_notices = _notices(estate_ids, scale.notices, rng, now, say)

    counts = {
        "estates": len(estate_ids), "households": sum(len(v) for v in households.values()),
        "projects": Project.select().count(), "contributions": n_contrib, "reports": n_reports, "notices": n_notices,
    }
    return Summary(path, scale, 0.0, names[0], counts, open_projects, "not available"), households


def _households(estate_ids: list[int], total: int, rng: random.Random, say: Progress) -> dict[int, list[tuple]]:
    """Six-floor walk-ups, three units, two flats a landing. Returns estate -> [(id, building, unit, room)]."""
    out: dict[int, list[tuple]] = {}
    n = 0
    for e_i, (estate_id, count) in enumerate(zip(estate_ids, _split(total, len(estate_ids)))):
        say("households", n, total)
        rows = []
        places = []
        with audit.write(ACTOR) as w:
            per_building = 3 * 6 * 2
            for b in range(math.ceil(count / per_building)):
                building = Building.create(estate=estate_id, name=f"{b + 1}号楼", sort=b)
                for u in range(3):
                    unit = Unit.create(building=building, name=f"{u + 1}单元", sort=u)
                    for floor in range(1, 7):
                        for flat in (1, 2):
                            if len(rows) >= count:
                                break
                            n += 1
                            room = f"{floor}{flat:02d}"
                            owner = f"E{estate_id}-O{n - 1 if n % 40 == 0 else n}"  # now and then one owner, two flats
                            rows.append((unit.id, room, floor, rng.choice((5870, 6432, 7515, 8650, 9025, 10288, 11960)),
                                         owner, f"业主{n}", _phone(rng)))
                            places.append((building.name, unit.name, room))
            first = (Household.select(Household.id).order_by(Household.id.desc()).scalar() or 0) + 1
            fields = [Household.unit, Household.room, Household.floor, Household.area_cm2, Household.owner_key,
                      Household.owner_name, Household.phone]
            bulk.insert_rows(Household, fields, rows)
            w.record("household.import", "household_batch", w.next_seq(), file="synthetic", count=len(rows),
                     digest=audit.digest_rows([r[:5] for r in rows]))
        out[estate_id] = [(first + i, *places[i]) for i in range(len(rows))]
    say("households", total, total)
    return out


def _projects(estate_ids, total, rng, today, say) -> tuple[list[tuple[int, int]], list[int]]:
    """Through the domain (staff create these one at a time). Returns [(project, estate)] that take money."""
    statuses = ["fundraising"] * 3 + ["in_progress"] * 4 + ["completed"] * 2 + ["planning"]
    projects, open_ids = [], []
    k = 0
    for estate_id, count in zip(estate_ids, _split(total, len(estate_ids))):
        for j in range(count):
            say("projects", k, total)
            k += 1
            target = rng.randrange(10, 300) * WAN
            shares = [rng.random() for _ in SOURCES]
            plan = {s: int(target * x / sum(shares)) // 100 * 100 for s, x in zip(SOURCES, shares)}
            status = "cancelled" if k % 20 == 0 else statuses[(k * 7) % len(statuses)]
            p = funding.create_project(ACTOR, estate_id, PROJECT_TITLES[j % len(PROJECT_TITLES)] + ("" if j < 10 else f"（{j // 10 + 1}期）"),
                                       target, status=status, plan=plan, description="合成数据：性能测试用。")
            if status != "cancelled":
                projects.append((p.id, estate_id))
                open_ids.append(p.id)
            for s, (stage, weight) in enumerate((("方案公示", 10), ("施工准备", 20), ("主体施工", 50), ("竣工验收", 20))):
                pct = 100 if status == "completed" else (rng.choice((0, 30, 60, 100)) if status == "in_progress" and s < 3 else 0)
                works.add_stage(ACTOR, p.id, stage, weight, pct)
            works.add_milestone(ACTOR, p.id, today - dt.timedelta(days=rng.randrange(10, 300)), "方案通过", True)
            works.add_milestone(ACTOR, p.id, today + dt.timedelta(days=rng.randrange(5, 120)), "计划完工", False)
    say("projects", total, total)
    return projects, open_ids


_CONTRIB_FIELDS = [
    Contribution.id, Contribution.project, Contribution.source, Contribution.contributor, Contribution.household,
    Contribution.amount_fen, Contribution.status, Contribution.created_status, Contribution.pledged_on,
    Contribution.received_on, Contribution.receipt_no, Contribution.idempotency_key, Contribution.note,
    Contribution.cancel_reason, Contribution.created_at, Contribution.entry_seq,
]


def _contributions(projects, households, total, rng, now, say) -> int:
    """Owners' money from the project's own households, the rest from organisations; one audited
    write (and one digest) per chunk, like an import."""
    if not projects:
        return 0
    today = now.date()
    receipts: dict[int, int] = {}
    done = 0
    while done < total:
        say("contributions", done, total)
        size = min(CHUNK, total - done)
        with audit.write(ACTOR) as w:
            seq = w.next_seq()
            first = ledger.next_id()
            rows, lines, details, money = [], [], [], 0
            for i in range(size):
                pid, estate_id = projects[rng.randrange(len(projects))]
                if rng.random() < 0.7 and households[estate_id]:
                    source, contributor = "owners", ""
                    household = households[estate_id][rng.randrange(len(households[estate_id]))][0]
                    amount = rng.randrange(100, 3000) * 100
                else:
                    source = rng.choice(("government", "subdistrict", "units", "community", "property"))
                    contributor, household = rng.choice(ORGS[source]), None
                    amount = rng.randrange(1, 50) * WAN // 10
                status = "received" if rng.random() < 0.8 else "pledged"
                on = today - dt.timedelta(days=rng.randrange(0, 1000))
                receipt = None
                if status == "received":
                    receipts[pid] = receipts.get(pid, 0) + 1
                    receipt = f"S{pid}-{receipts[pid]:06d}"
                row = (first + i, pid, source, contributor, household, amount, status, status,
                       on if status == "pledged" else None, on if status == "received" else None, receipt, None, "", "", now, seq)
                rows.append(row)
                lines.append((row[0], pid, source, amount, household, contributor, receipt, status))
                details.append(ledger.detail_line(dict(zip([f.name for f in _CONTRIB_FIELDS], row))))
                money += amount
            bulk.insert_rows(Contribution, _CONTRIB_FIELDS, rows)
            w.record("contribution.import", "contribution_batch", seq, file="synthetic", rows=size, count=size, skipped=0,
                     total_fen=money, digest=audit.digest_rows(lines), details=audit.digest_rows(details))
        done += size
    say("contributions", total, total)
    return done


def _reports(estate_ids, total, rng, now, say) -> int:
    """Three years of reports with their public status trails; one audited write per chunk."""
    layout = {e: [(b.id, [u.id for u in b.units]) for b in estates.layout(e)] for e in estate_ids}
    weights = [w for w, _p in REPORT_PATHS]
    per_day: dict[str, int] = {}
    done = 0
    first_id = 1
    while done < total:
        say("reports", done, total)
        size = min(CHUNK, total - done)
        reports, events = [], []
        for i in range(size):
            rid = first_id + done + i
            estate_id = estate_ids[rng.randrange(len(estate_ids))]
            building, units = layout[estate_id][rng.randrange(len(layout[estate_id]))]
            created = now - dt.timedelta(minutes=rng.randrange(0, 3 * 365 * 24 * 60))
            prefix = created.strftime("%y%m%d")
            per_day[prefix] = per_day.get(prefix, 0) + 1
            cat = rng.randrange(len(REPORT_CATEGORIES))
            path = rng.choices(REPORT_PATHS, weights)[0][1]
            at = created
            taken_up_at = None  # the first move that takes it up, kept on the report as the domain does
            events.append((rid, at, "new", "", ACTOR))
            for step in path:
                at = min(now, at + dt.timedelta(hours=rng.randrange(2, 240)))
                events.append((rid, at, step, "已处理。" if step != "rejected" else "不属于维修事项。", ACTOR))
                if taken_up_at is None and step in TAKEN_UP:
                    taken_up_at = at
            hidden = rng.random() < 0.005
            reports.append((rid, estate_id, f"{prefix}{per_day[prefix]:03d}", REPORT_CATEGORIES[cat], building,
                            rng.choice(units) if units and cat < 4 else None, rng.randrange(1, 7) if cat < 4 else None,
                            REPORT_TEXTS[cat], _phone(rng) if rng.random() < 0.3 else None, path[-1] if path else "new",
                            rng.randrange(0, 4), hidden, "无关内容" if hidden else "", created, at, 1 + len(path),
                            taken_up_at))
        with audit.write(ACTOR) as w:
            bulk.insert_rows(Report, [
                Report.id, Report.estate, Report.ticket, Report.category, Report.building, Report.unit, Report.floor,
                Report.description, Report.phone, Report.status, Report.me_too, Report.hidden, Report.hidden_reason,
                Report.created_at, Report.updated_at, Report.version, Report.taken_up_at], reports)
            bulk.insert_rows(ReportEvent, [ReportEvent.report, ReportEvent.at, ReportEvent.status, ReportEvent.note,
                                           ReportEvent.actor], events)
            w.record("report.import", "report_batch", w.next_seq(), file="synthetic", count=size, events=len(events),
                     digest=audit.digest_rows([(r[0], r[2], r[3], r[9]) for r in reports]))
        done += size
    say("reports", total, total)
    return done


def _notices(estate_ids, total, rng, now, say) -> int:
    """Mostly expired history; a handful live per estate; emergencies only in the past."""
    say("notices", 0, total)
    rows = []
    for i in range(total):
        estate_id = None if i % 25 == 0 else estate_ids[rng.randrange(len(estate_ids))]
        live = i >= total - max(1, total // 50)  # the newest 2% are live
        publish = now - dt.timedelta(hours=rng.randrange(1, 24 * 20) if live else rng.randrange(24 * 30, 24 * 1000))
        expires = None if live and i % 3 else publish + dt.timedelta(days=rng.randrange(3, 60) if not live else 60)
        emergency = not live and i % 97 == 0
        rows.append((estate_id, f"通知 {i + 1}：{rng.choice(('停水', '停电', '施工', '会议', '缴费', '安全提示'))}",
                     "请居民相互转告。\n\n- 时间：另行通知\n- 地点：社区居委会", "safety" if emergency else "general",
                     publish, expires, live and i % 40 == 0, emergency, now if i % 50 == 7 else None, publish, publish))
    with audit.write(ACTOR) as w:
        bulk.insert_rows(Notice, [
            Notice.estate, Notice.title, Notice.body, Notice.category, Notice.publish_at, Notice.expires_at,
            Notice.pinned, Notice.emergency, Notice.withdrawn_at, Notice.created_at, Notice.updated_at], rows)
        w.record("notice.import", "notice_batch", w.next_seq(), file="synthetic", count=len(rows),
                 digest=audit.digest_rows([(r[0], r[1], str(r[4])) for r in rows]))
        meetings = [(e, None, "deliberation", now - dt.timedelta(days=7 * k), f"议事会第{k + 1}次", "社区议事厅", 20, "", now)
                    for e in estate_ids for k in range(20)]
        bulk.insert_rows(Meeting, [Meeting.estate, Meeting.project, Meeting.kind, Meeting.held_at, Meeting.topic,
                                   Meeting.location, Meeting.attendance, Meeting.decisions, Meeting.created_at], meetings)
        w.record("meeting.import", "meeting_batch", w.next_seq(), file="synthetic", count=len(meetings))
    say("notices", total, total)
    return total


def polls_available() -> bool:
    """Votes are another engineer's work: use them only once the model, the CLI and the import exist."""
    return (hasattr(models, "Ballot") and importlib.util.find_spec("kiosk.cli.polls") is not None
            and importlib.util.find_spec("kiosk.domain.imports.kinds.ballots") is not None)


def _polls(path, households, total, rng, say) -> str:
    """One poll per estate through the documented CLI (`poll create`, `import ballots`); the
    ballots add up to `total` (at most one per household)."""
    if not polls_available():
        return "not available"
    from kiosk import cli

    say("ballots", 0, total)
    estate_ids = list(households)
    want = _split(min(total, sum(len(v) for v in households.values())), len(estate_ids))
    out_dir = os.path.dirname(os.path.abspath(path))
    cast = 0
    for estate_id, n in zip(estate_ids, want):
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            rc = cli.main(["--db", path, "poll", "create", "--estate", str(estate_id), "--title", "院内道路铺设沥青还是水泥",
                           "--option", "沥青", "--option", "水泥"])
        if rc != 0:
            return f"failed: poll create exit {rc}"
        poll_id = buf.getvalue().strip().splitlines()[-1]
        csv_path = os.path.join(out_dir, f"ballots-{estate_id}.csv")
        with open(csv_path, "w", encoding="utf-8", newline="") as fh:
            fh.write("poll_id,building,unit,room,choice,channel\n")
            for _hid, building, unit, room in households[estate_id][:n]:
                fh.write(f"{poll_id},{building},{unit},{room},{'沥青' if rng.random() < 0.65 else '水泥'},paper\n")
        with contextlib.redirect_stdout(io.StringIO()):
            rc = cli.main(["--db", path, "import", "ballots", csv_path])
        os.remove(csv_path)
        if rc != 0:
            return f"failed: import ballots exit {rc}"
        cast += n
        say("ballots", cast, total)
    return f"ok: {cast:,} ballots in {len(estate_ids)} polls"
