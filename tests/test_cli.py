"""The `kiosk` command end to end, in real processes, as a new user would run it."""

import csv
import io
import json
import subprocess
import sys

import pytest

from kiosk.domain.sources import SOURCES

from kiosk_process import ROOT, run_kiosk
from intruder import tamper


def test_demo_report_follows_the_contract(demo_path):
    out = run_kiosk("--db", demo_path, "export", "report", "--format", "json")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert set(report) >= {"generated_at", "estates"}
    names = [e["name"] for e in report["estates"]]
    assert names[:4] == ["盈谷中心小区", "五号公寓小区", "文乐胡同14号楼", "府前西街7号楼"]
    for estate in report["estates"]:
        for p in estate["projects"]:
            assert set(p) >= {"id", "title", "status", "target_fen", "received_fen", "pledged_fen", "paid_fen", "balance_fen",
                              "works_percent", "sources"}
            assert [s["key"] for s in p["sources"]] == list(SOURCES)
            assert p["received_fen"] == sum(s["received_fen"] for s in p["sources"])
            assert p["pledged_fen"] == sum(s["pledged_fen"] for s in p["sources"])
            assert p["paid_fen"] == sum(s["paid_fen"] for s in p["sources"])
            assert all(s["balance_fen"] == s["received_fen"] - s["paid_fen"] for s in p["sources"])
            assert p["balance_fen"] == p["received_fen"] - p["paid_fen"] == sum(s["balance_fen"] for s in p["sources"])
            assert all(isinstance(s[k], int) for s in p["sources"]
                       for k in ("planned_fen", "received_fen", "pledged_fen", "paid_fen", "balance_fen"))
            assert 0 <= p["works_percent"] <= 100
    yg = report["estates"][0]["projects"]
    raised = sum(p["received_fen"] + p["pledged_fen"] for p in yg)
    assert 45_000_000 <= raised <= 50_000_000  # "close to ¥500,000"


def test_demo_is_deterministic(demo_path, tmp_path):
    other = str(tmp_path / "again.db")
    assert run_kiosk("--db", other, "demo").returncode == 0
    strip = lambda text: [line for line in text.splitlines() if "generated_at" not in line]  # noqa: E731
    a = run_kiosk("--db", demo_path, "export", "report", "--format", "csv").stdout
    b = run_kiosk("--db", other, "export", "report", "--format", "csv").stdout
    assert strip(a) == strip(b)


def test_csv_and_markdown_reports(demo_path):
    csv_out = run_kiosk("--db", demo_path, "export", "report", "--format", "csv")
    assert next(csv.reader(io.StringIO(csv_out.stdout)))[:5] == ["estate", "project_id", "title", "status", "target_fen"]
    md = run_kiosk("--db", demo_path, "export", "report", "--format", "md")
    assert "政府补一点" in md.stdout and "审计" in md.stdout


def test_verify_passes_then_fails_after_an_amount_is_changed_in_the_file(demo_path):
    ok = run_kiosk("--db", demo_path, "verify")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    tamper(demo_path, "UPDATE contribution SET amount_fen = amount_fen + 100 WHERE id = 7")
    bad = run_kiosk("--db", demo_path, "verify")
    assert bad.returncode != 0
    assert "7" in bad.stdout and "Traceback" not in bad.stdout + bad.stderr


def test_import_names_the_bad_line_and_changes_nothing(demo_path, tmp_path):
    before = run_kiosk("--db", demo_path, "export", "report", "--format", "csv").stdout
    f = tmp_path / "bad.csv"
    f.write_text("project_id,source,amount,contributor,status,date,receipt_no\n1,owners,10,甲,received,2026-11-01,X1\n"
                 "1,owners,abc,乙,received,2026-11-01,X2\n", encoding="gb18030")
    out = run_kiosk("--db", demo_path, "import", "contributions", str(f))
    assert out.returncode == 1
    assert "3" in out.stderr and "Traceback" not in out.stderr
    after = run_kiosk("--db", demo_path, "export", "report", "--format", "csv").stdout
    assert before.splitlines()[1:] == after.splitlines()[1:]


def test_notice_estate_staff_and_backup(demo_path, tmp_path, db_kind):
    assert run_kiosk("--db", demo_path, "estate", "add", "新小区", "--community", "新社区").returncode == 0
    out = run_kiosk("--db", demo_path, "notice", "post", "--title", "[@click=app.quit]停水", "--body", "明天停水", "--emergency")
    assert out.returncode == 0, out.stderr
    listed = run_kiosk("--db", demo_path, "notice", "list", "--estate", "新小区").stdout
    assert "[@click=app.quit]停水" in listed
    added = run_kiosk("--db", demo_path, "staff", "add", "li", "--role", "admin", "--password-stdin", input="a long password\n")
    assert added.returncode == 0, added.stderr
    copy = str(tmp_path / "copy.db")
    backup = run_kiosk("--db", demo_path, "--lang", "en", "backup", copy)
    if db_kind == "postgresql":  # pg_dump is the tool for that; say so in one line
        assert backup.returncode == 1 and "pg_dump" in backup.stderr
        assert len(backup.stderr.strip().splitlines()) == 1
        return
    assert backup.returncode == 0, backup.stderr
    assert run_kiosk("--db", copy, "verify").returncode == 0


@pytest.mark.parametrize("args,needle", [
    (["--db", "/nonexistent/dir/x.db", "export", "report"], "kiosk init"),
    (["export", "report", "--estate", "没有这个小区"], "没有这个小区"),
    (["notice", "post", "--title", "x", "--body", "y", "--until", "someday"], "--until"),
    (["import", "contributions", "/no/such/file.csv"], "file.csv"),
])
def test_errors_are_one_line_without_traceback(demo_path, args, needle):
    if "--db" not in args:
        args = ["--db", demo_path] + args
    out = run_kiosk(*args)
    assert out.returncode != 0
    assert "Traceback" not in out.stderr
    assert needle in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_english_is_complete(demo_path):
    out = run_kiosk("--db", demo_path, "--lang", "en", "export", "report", "--estate", "nowhere")
    assert "No estate named nowhere" in out.stderr
    zh = run_kiosk("--db", demo_path, "export", "report", "--estate", "nowhere")
    assert "没有" in zh.stderr


def test_every_command_has_help():
    commands = [[], ["lobby"], ["admin"], ["display"], ["init"], ["demo"], ["estate", "add"], ["estate", "list"],
                ["staff"], ["notice", "post"], ["notice", "list"], ["notice", "withdraw"], ["import"],
                ["export", "report"], ["project", "list"], ["qr"], ["verify"], ["backup"]]
    for cmd in commands:
        out = run_kiosk(*cmd, "--help")
        assert out.returncode == 0, (cmd, out.stderr)
        assert "--db" in out.stdout


def test_python_dash_m_and_version():
    out = subprocess.run([sys.executable, "-m", "kiosk", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.startswith("kiosk ")


@pytest.mark.parametrize("command", [["verify"], ["export", "report"], ["notice", "list"], ["lobby"]])
def test_a_mistyped_database_path_is_one_line_and_creates_nothing(tmp_path, command):
    missing = tmp_path / "typo.db"
    result = run_kiosk("--db", str(missing), *command)
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert "kiosk init" in result.stderr
    assert not missing.exists() and not (tmp_path / "typo.db-wal").exists()


@pytest.mark.parametrize("argv,app", [
    ([], "lobby"), (["--db", "x.db"], "lobby"), (["--db=x.db", "lobby", "--estate", "A"], "lobby"),
    (["--lang", "en", "display", "--interval", "3"], "display"), (["admin"], "admin"),
    (["-h"], None), (["lobby", "--help"], None), (["--version"], None), (["init"], None), (["lobbyy"], None),
    (["--db", "lobby", "init"], None),  # "lobby" is the value of --db here
])
def test_which_app_a_command_line_starts(argv, app):
    from kiosk import cli

    assert cli.app_command(argv) == app


def test_the_app_parser_parses_what_the_whole_parser_does():
    from kiosk import cli

    argv = ["--db", "x.db", "--lang", "en", "display", "--estate", "文乐胡同", "--interval", "2.5"]
    small, whole = cli.build_parser(only="display").parse_args(argv), cli.build_parser().parse_args(argv)
    assert vars(small) == vars(whole)
    bad = run_kiosk("lobby", "--bogus")
    assert bad.returncode == 2 and "--bogus" in bad.stderr and "Traceback" not in bad.stderr
