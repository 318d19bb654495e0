"""`kiosk emergency` end to end in real processes: start, cost, disclose, list, shares; refusals in
one line with a non-zero exit; `kiosk export report` lists the repairs being disclosed."""

import json

from kiosk_process import run_kiosk


def kiosk(db, *args, lang="zh"):
    return run_kiosk("--db", db, "--lang", lang, *args)


def test_start_cost_disclose_and_the_report(demo_path):
    out = kiosk(demo_path, "emergency", "start", "--situation", "lift", "--title", "2号楼电梯困人抢修",
                "--unit", "2/一单元", "--found", "2026-01-05", "--json")  # 2号楼/1单元, as people type it
    assert out.returncode == 0, out.stderr
    (started,) = json.loads(out.stdout)
    assert started["situation"] == "lift" and started["households"] > 0 and started["cost_fen"] == 0
    rid = str(started["id"])
    out = kiosk(demo_path, "emergency", "cost", rid, "3001.01", "--repaired", "2026-01-06", "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)[0]["cost_fen"] == 300101
    shares = json.loads(kiosk(demo_path, "emergency", "shares", rid, "--json").stdout)
    assert len(shares) == started["households"] and sum(s["share_fen"] for s in shares) == 300101
    assert all(set(s) == {"household_id", "building", "unit", "room", "area_m2", "share_fen", "share"} for s in shares)
    out = kiosk(demo_path, "emergency", "disclose", rid, "--days", "10", "--lang", "en")
    assert out.returncode == 0, out.stderr
    assert "2号楼电梯困人抢修" in out.stdout and "Disclosed until" in out.stdout
    listed = kiosk(demo_path, "emergency", "list")
    assert listed.returncode == 0 and "电梯故障危及人身安全" in listed.stdout
    report = json.loads(kiosk(demo_path, "export", "report", "--format", "json").stdout)
    repairs = {r["id"]: r for e in report["estates"] for r in e["emergency_repairs"]}
    mine = repairs[int(rid)]
    assert mine["cost_fen"] == 300101 and mine["situation"] == "lift"
    assert sum(g["share_fen"] * g["households"] for g in mine["shares"]) == 300101
    assert all(set(g) == {"area_cm2", "share_fen", "households"} for g in mine["shares"])  # no room in public
    assert len(repairs) == 2  # and the demo's roof leak


def test_refusals_are_one_line(demo_path):
    for args, words in [
        (("emergency", "start", "--situation", "quake", "--title", "x", "--building", "1号楼"), "quake"),
        (("emergency", "start", "--situation", "drain", "--title", "x", "--building", "99号楼"), "99号楼"),
        (("emergency", "start", "--situation", "drain", "--title", "x"), "楼"),
        (("emergency", "cost", "999", "10"), "999"),
        (("emergency", "disclose", "1"), "已经公示"),
        (("emergency", "disclose", "1", "--days", "0"), "1"),
    ]:
        out = kiosk(demo_path, *args)
        assert out.returncode != 0, args
        assert len(out.stderr.strip().splitlines()) == 1 and "Traceback" not in out.stderr, out.stderr
        assert words in out.stderr, (args, out.stderr)


def test_every_subcommand_has_help(demo_path):
    for sub in ("start", "cost", "disclose", "list", "shares"):
        out = kiosk(demo_path, "emergency", sub, "--help", lang="en")
        assert out.returncode == 0 and "usage" in out.stdout.lower()


def test_cost_names_its_arguments_and_a_wrong_amount_says_how_to_write_it(demo_path):
    shown = kiosk(demo_path, "emergency", "cost", "--help").stdout
    assert "ID 元" in shown and "amount" not in shown and "例如 12345.67" in shown, shown
    started = kiosk(demo_path, "emergency", "start", "--help").stdout
    assert "--title 标题" in started and "--description 文字" in started, started
    out = kiosk(demo_path, "emergency", "cost", "1", "3千元")
    assert out.returncode == 2 and "例如 12345.67" in out.stderr and "3千元" in out.stderr, out.stderr
    assert len(out.stderr.strip().splitlines()) == 1
