"""The vote commands end to end, as staff and scripts use them, on fresh estates."""

from __future__ import annotations

import csv
import io
import json
import os
import stat

import pytest

from kiosk_process import run_kiosk

HOUSEHOLDS = """estate,building,unit,room,floor,area_m2,owner_key
新建小区,1号楼,1单元,101,1,86.50,A
新建小区,1号楼,1单元,102,1,64.32,A
新建小区,1号楼,1单元,201,2,75.15,B
新建小区,1号楼,1单元,202,2,90.25,C
新建小区,2号楼,1单元,101,1,100.00,D
新建小区,2号楼,1单元,102,1,58.70,E
"""


def ok(*args, input=None):
    r = run_kiosk(*args, input=input)
    assert r.returncode == 0, (args, r.stdout, r.stderr)
    return r


@pytest.fixture
def estate(tmp_path):
    db = str(tmp_path / "cli.db")
    ok("--db", db, "init")
    ok("--db", db, "estate", "add", "新建小区")
    (tmp_path / "h.csv").write_text(HOUSEHOLDS, encoding="utf-8")
    ok("--db", db, "import", "households", str(tmp_path / "h.csv"))
    return db, tmp_path


def create(db, *extra) -> int:
    r = ok("--db", db, "poll", "create", "--estate", "新建小区", "--title", "道路铺设沥青还是水泥",
           "--option", "沥青", "--option", "水泥", *extra)
    return int(r.stdout.strip().splitlines()[-1])


def tally(db, poll_id) -> dict:
    return json.loads(ok("--db", db, "poll", "tally", str(poll_id), "--format", "json").stdout)


def write(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return str(path)


def test_create_import_vote_and_tally_as_json(estate):
    db, tmp = estate
    pid = create(db)
    f = write(tmp / "b.csv", f"poll_id,building,unit,room,choice,channel\n"
                             f"{pid},1号楼,1单元,101,沥青,paper\n{pid},1号楼,1单元,102,沥青,proxy\n"
                             f"{pid},1号楼,1单元,201,水泥,paper\n", "utf-8-sig")
    r = ok("--db", db, "import", "ballots", f)
    assert "3" in r.stdout
    r = ok("--db", db, "poll", "vote", str(pid), "--building", "2号楼", "--unit", "1单元", "--room", "101",
           "--choice", "沥青", "--channel", "proxy", "--proxy-holder", "王五")
    receipt = r.stdout.strip().splitlines()[-1]
    assert receipt.isdigit() and len(receipt) == 10
    data = tally(db, pid)
    assert data == {
        "poll_id": pid, "matter": "ordinary",
        "eligible": {"households": 6, "owners": 5, "area_m2": 474.92},
        "participating": {"households": 4, "owners": 3, "area_m2": 325.97},
        "quorate": False,  # area 325.97/474.92 = 68.6% but owners 3/5 = 60%
        "options": [  # 沥青 has 2 of 3 owners and 77% of the area, but the vote is open and not valid
            {"label": "沥青", "households": 3, "owners": 2, "area_m2": 250.82, "approved": False},
            {"label": "水泥", "households": 1, "owners": 1, "area_m2": 75.15, "approved": False},
        ],
        "outcome": None,
    }
    text = ok("--db", db, "poll", "tally", str(pid), "--format", "json").stdout
    assert '"area_m2": 474.92' in text and '"area_m2": 250.82' in text  # two decimals, as written
    ok("--db", db, "poll", "vote", str(pid), "--building", "2号楼", "--unit", "1单元", "--room", "102", "--choice", "沥青")
    data = tally(db, pid)
    assert data["quorate"] is True and data["outcome"] is None  # still open: nothing approved yet
    assert [o["approved"] for o in data["options"]] == [False, False]
    assert data["participating"] == {"households": 5, "owners": 4, "area_m2": 384.67}
    ok("--db", db, "poll", "close", str(pid))
    data = tally(db, pid)
    assert data["outcome"] == "沥青" and [o["approved"] for o in data["options"]] == [True, False]
    for lang, counted in (("en", "counted in poll"), ("zh", "已计入")):
        r = ok("--db", db, "--lang", lang, "poll", "receipt", receipt)
        assert counted in r.stdout and ("Proxy" in r.stdout or "委托" in r.stdout)
        assert "沥青" not in r.stdout.replace("道路铺设沥青还是水泥", "")  # the title names both options; the choice is not shown


def test_a_second_ballot_is_refused_and_changes_nothing(estate):
    db, tmp = estate
    pid = create(db)
    ok("--db", db, "poll", "vote", str(pid), "--building", "1号楼", "--unit", "1单元", "--room", "201", "--choice", "水泥")
    before = ok("--db", db, "poll", "tally", str(pid), "--format", "json").stdout
    audit_before = ok("--db", db, "verify").stdout
    for channel in ("paper", "proxy"):
        r = run_kiosk("--db", db, "poll", "vote", str(pid), "--building", "1号楼", "--unit", "1单元", "--room", "201",
                      "--choice", "沥青", "--channel", channel, *(["--proxy-holder", "王五"] if channel == "proxy" else []))
        assert r.returncode == 1 and "投过票" in r.stderr and "Traceback" not in r.stderr
    f = write(tmp / "again.csv", f"poll_id,building,unit,room,choice,channel\n{pid},1号楼,1单元,101,沥青,paper\n"
                                 f"{pid},1号楼,1单元,201,沥青,paper\n")
    r = run_kiosk("--db", db, "import", "ballots", f)
    assert r.returncode == 1 and "3" in r.stderr and "投过票" in r.stderr  # line 3 is named
    assert ok("--db", db, "poll", "tally", str(pid), "--format", "json").stdout == before
    assert ok("--db", db, "verify").stdout == audit_before  # not even an audit entry was added


def test_import_is_all_or_nothing_and_names_the_line(estate):
    db, tmp = estate
    pid = create(db)
    f = write(tmp / "dup.csv", "poll_id,building,unit,room,choice,channel\n"
                               f"{pid},1号楼,1单元,101,沥青,paper\n"
                               f"{pid},1号楼,1单元,102,水泥,paper\n"
                               f"{pid},1号楼,1单元,101,水泥,proxy\n", "gb18030")
    r = run_kiosk("--db", db, "--lang", "en", "import", "ballots", f)
    assert r.returncode == 1
    assert "line 4" in r.stderr and "line 2" in r.stderr and "nothing was imported" in r.stderr
    assert tally(db, pid)["participating"]["households"] == 0
    f = write(tmp / "bad.csv", "poll_id,building,unit,room,choice,channel\n"
                               f"{pid},1号楼,1单元,101,沥青,paper\n"
                               f"{pid},9号楼,1单元,101,沥青,paper\n"
                               f"{pid},1号楼,1单元,201,砖,paper\n"
                               f"{pid + 99},1号楼,1单元,202,沥青,paper\n"
                               f"{pid},1号楼,1单元,202,沥青,fax\n")
    r = run_kiosk("--db", db, "--lang", "en", "import", "ballots", f)
    assert r.returncode == 1
    for line in ("line 3", "line 4", "line 5", "line 6"):
        assert line in r.stderr
    assert "line 2" not in r.stderr
    assert tally(db, pid)["participating"]["households"] == 0


def test_major_matter_for_some_buildings_at_exactly_three_quarters(tmp_path):
    db = str(tmp_path / "major.db")
    ok("--db", db, "init")
    ok("--db", db, "estate", "add", "加梯小区")
    rows = ["estate,building,unit,room,floor,area_m2,owner_key"]
    rows += [f"加梯小区,3号楼,1单元,{r},{r // 100},80.00,P{r}" for r in (101, 201, 301, 401)]
    rows += [f"加梯小区,4号楼,1单元,{r},{r // 100},70.00,Q{r}" for r in (101, 201)]
    write(tmp_path / "h.csv", "\n".join(rows) + "\n")
    ok("--db", db, "import", "households", str(tmp_path / "h.csv"))
    r = ok("--db", db, "poll", "create", "--estate", "加梯小区", "--title", "使用维修资金加装电梯",
           "--option", "同意", "--option", "不同意", "--matter", "major", "--buildings", "3号楼", "--closes", "2099-01-01T18:00")
    pid = int(r.stdout.strip().splitlines()[-1])
    for room, choice in (("101", "不同意"), ("201", "同意"), ("301", "同意")):
        ok("--db", db, "poll", "vote", str(pid), "--building", "3号楼", "--unit", "1单元", "--room", room, "--choice", choice)
    data = tally(db, pid)
    assert data["eligible"] == {"households": 4, "owners": 4, "area_m2": 320.0}
    assert data["quorate"] is True and data["outcome"] is None  # 2 of 3 < 3/4
    r = run_kiosk("--db", db, "poll", "vote", str(pid), "--building", "4号楼", "--unit", "1单元", "--room", "101",
                  "--choice", "同意")
    assert r.returncode == 1  # 4号楼 is not covered
    ok("--db", db, "poll", "vote", str(pid), "--building", "3号楼", "--unit", "1单元", "--room", "401", "--choice", "同意")
    assert tally(db, pid)["outcome"] is None  # 3 of 4, but open
    ok("--db", db, "poll", "close", str(pid))
    data = tally(db, pid)
    assert data["matter"] == "major" and data["options"][0]["approved"] is True and data["outcome"] == "同意"


def test_codes_file_kiosk_vote_once_and_close(estate):
    db, tmp = estate
    pid = create(db)
    out = tmp / "codes.csv"
    r = ok("--db", db, "poll", "codes", str(pid), "--out", str(out))
    assert "保密" in r.stderr
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    lines = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert lines[0] == ["building", "unit", "room", "code"] and len(lines) == 7
    code = lines[1][3]
    r = run_kiosk("--db", db, "poll", "codes", str(pid), "--out", str(out))
    assert r.returncode == 1 and "--force" in r.stderr
    r = run_kiosk("--db", db, "poll", "codes", str(pid), "--out", str(tmp / "again.csv"))
    assert r.returncode == 1 and "--reissue" in r.stderr and not (tmp / "again.csv").exists()
    ok("--db", db, "poll", "vote", str(pid), "--code", code, "--choice", "水泥")
    r = run_kiosk("--db", db, "poll", "vote", str(pid), "--code", code, "--choice", "沥青")
    assert r.returncode == 1 and "使用过" in r.stderr
    r = run_kiosk("--db", db, "poll", "vote", str(pid), "--building", "1号楼", "--unit", "1单元", "--room", "101",
                  "--choice", "沥青")
    assert r.returncode == 1 and "投过票" in r.stderr
    r = ok("--db", db, "poll", "close", str(pid))
    assert "水泥" in r.stdout
    r = run_kiosk("--db", db, "poll", "vote", str(pid), "--building", "1号楼", "--unit", "1单元", "--room", "201",
                  "--choice", "沥青")
    assert r.returncode == 1 and "截止" in r.stderr
    listing = json.loads(ok("--db", db, "poll", "list", "--json").stdout)
    assert {"id": pid, "estate": "新建小区", "matter": "ordinary", "state": "closed"}.items() <= next(
        p for p in listing if p["id"] == pid).items()


def test_bad_arguments_get_one_line_errors(estate):
    db, _tmp = estate
    for args in (["poll", "create", "--estate", "新建小区", "--title", "T", "--option", "只有一个"],
                 ["poll", "create", "--estate", "没有的小区", "--title", "T", "--option", "A", "--option", "B"],
                 ["poll", "create", "--title", "T", "--option", "A", "--option", "B", "--buildings", "9号楼"],
                 ["poll", "tally", "99"],
                 ["poll", "vote", "99", "--building", "1号楼", "--unit", "1单元", "--room", "101", "--choice", "A"]):
        r = run_kiosk("--db", db, *args)
        assert r.returncode == 1, args
        assert r.stderr.startswith("kiosk: ") and "Traceback" not in r.stderr


def test_two_cli_processes_racing(estate):
    import subprocess
    import sys

    from kiosk_process import kiosk_env

    db, _tmp = estate
    pid = create(db)
    cmd = [sys.executable, "-m", "kiosk", "--db", db, "poll", "vote", str(pid), "--building", "1号楼", "--unit", "1单元",
           "--room", "202", "--channel"]
    procs = [subprocess.Popen(cmd + [ch, "--choice", choice, *(["--proxy-holder", "王五"] if ch == "proxy" else [])], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=kiosk_env())
             for ch, choice in (("paper", "沥青"), ("proxy", "水泥"), ("paper", "水泥"))]
    results = [(p.wait(timeout=120), *p.communicate()) for p in procs]
    codes = sorted(r[0] for r in results)
    assert codes == [0, 1, 1], results
    for rc, _out, err in results:
        if rc:
            assert "投过票" in err
    assert tally(db, pid)["participating"]["households"] == 1


def _vote_all(db, pid, rooms, choice="沥青"):
    for building, room in rooms:
        ok("--db", db, "poll", "vote", str(pid), "--building", building, "--unit", "1单元", "--room", room, "--choice", choice)


def _approval_marks(text: str, approved: str, not_approved: str) -> int:
    return text.replace(not_approved, "").count(approved)


def test_tally_approves_nothing_while_open_or_below_the_quorum(estate):
    """Text and JSON, both languages: an open poll (even a unanimous one) and a poll closed below
    the quorum mark no option approved, and say why."""
    db, _tmp = estate
    everyone = [("1号楼", "101"), ("1号楼", "102"), ("1号楼", "201"), ("1号楼", "202"), ("2号楼", "101"), ("2号楼", "102")]
    unanimous, below = create(db), create(db)
    _vote_all(db, unanimous, everyone)
    _vote_all(db, below, everyone[:3])  # owners A, A, B: 2 of 5 owners
    ok("--db", db, "poll", "close", str(below))
    for pid, why_en, why_zh in ((unanimous, "not closed", "未结束"), (below, "not valid", "无效")):
        data = tally(db, pid)
        assert data["outcome"] is None and not any(o["approved"] for o in data["options"])
        en = ok("--db", db, "--lang", "en", "poll", "tally", str(pid)).stdout
        assert _approval_marks(en, "approved", "not approved") == en.count("no option is approved")
        assert "Outcome: none" in en and why_en in en
        zh = ok("--db", db, "poll", "tally", str(pid)).stdout
        assert _approval_marks(zh, "通过", "未通过") == 0 and "表决结果：无" in zh and why_zh in zh
    assert tally(db, unanimous)["quorate"] is True and tally(db, below)["quorate"] is False
    ok("--db", db, "poll", "close", str(unanimous))
    zh = ok("--db", db, "poll", "tally", str(unanimous)).stdout
    assert _approval_marks(zh, "通过", "未通过") == 1 and "表决结果：沥青" in zh
