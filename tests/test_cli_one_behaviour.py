"""Every command treats paths, addresses, required fields and its own mistakes the same way: one
line in the chosen language, a non-zero exit, nothing created on the way."""

import json
import os
import subprocess
import sys

import pytest

from kiosk_process import kiosk_env, run_kiosk


def one_line(result) -> str:
    assert result.returncode != 0, result.stdout
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_init_refuses_a_folder_that_does_not_exist_and_creates_none(tmp_path):
    missing = tmp_path / "no" / "such" / "x.db"
    line = one_line(run_kiosk("--db", str(missing), "init"))
    assert str(tmp_path / "no" / "such") in line and "不存在" in line
    assert not (tmp_path / "no").exists()
    line = one_line(run_kiosk("--db", str(missing), "--lang", "en", "demo"))
    assert "does not exist" in line and not (tmp_path / "no").exists()


@pytest.mark.parametrize("command", [["init"], ["verify"], ["notice", "list"], ["demo"]])
def test_a_file_that_is_not_a_database_says_so(tmp_path, command):
    text = tmp_path / "notes.txt"
    text.write_text("买菜：白菜、豆腐\n", encoding="utf-8")
    line = one_line(run_kiosk("--db", str(text), *command))
    assert "不是 kiosk 数据库" in line and "内部错误" not in line
    assert text.read_text(encoding="utf-8") == "买菜：白菜、豆腐\n"
    english = one_line(run_kiosk("--db", str(text), "--lang", "en", *command))
    assert "is not a kiosk database" in english


def _notices(db):
    return json.loads(run_kiosk("--db", db, "notice", "list", "--all", "--json").stdout)


@pytest.mark.parametrize("fields", [["--title", "停水"], ["--title", "停水", "--body", "  "],
                                    ["--title", " ", "--body", "明天停水"], ["--body", "明天停水"]])
def test_a_notice_needs_a_title_and_a_body(demo_path, fields):
    before = _notices(demo_path)
    line = one_line(run_kiosk("--db", demo_path, "notice", "post", *fields))
    assert "--title" in line or "--body" in line
    assert _notices(demo_path) == before


@pytest.mark.parametrize("url", ["notaurl", "mysql://host/db", "http://example.org/x.db", "sqlite://"])
def test_migrate_to_takes_only_database_addresses(demo_path, tmp_path, url):
    work = tmp_path / "cwd"
    work.mkdir()
    result = subprocess.run([sys.executable, "-m", "kiosk", "--db", demo_path, "migrate-to", url], cwd=work,
                            capture_output=True, text=True, env=kiosk_env())
    line = one_line(result)
    assert url in line and "sqlite:///" in line
    assert os.listdir(work) == []


def test_db_takes_only_database_addresses(tmp_path):
    work = tmp_path / "cwd"
    work.mkdir()
    result = subprocess.run([sys.executable, "-m", "kiosk", "--db", "notaurl", "init"], cwd=work,
                            capture_output=True, text=True, env=kiosk_env())
    assert "notaurl" in one_line(result) and os.listdir(work) == []
    ok = subprocess.run([sys.executable, "-m", "kiosk", "--db", "kiosk.db", "init"], cwd=work,
                        capture_output=True, text=True, env=kiosk_env())
    assert ok.returncode == 0, ok.stderr
    assert (work / "kiosk.db").exists()


def test_migrate_to_a_missing_folder_creates_nothing(demo_path, tmp_path):
    line = one_line(run_kiosk("--db", demo_path, "migrate-to", str(tmp_path / "no" / "copy.db")))
    assert "不存在" in line and not (tmp_path / "no").exists()


@pytest.mark.parametrize("argv,needle", [(["lobbyy"], "lobbyy"), (["notice", "post", "--title", "x"], "--body"),
                                         (["poll", "tally", "abc"], "abc"), (["lobby", "--bogus"], "--bogus")])
def test_argparse_errors_are_one_line_in_the_chosen_language(argv, needle):
    zh = run_kiosk(*argv)
    assert zh.returncode == 2
    line = one_line(zh)
    assert line.startswith("kiosk: 错误：") and needle in line and "usage" not in line.lower()
    en = run_kiosk("--lang", "en", *argv)
    assert en.returncode == 2 and one_line(en).startswith("kiosk: error: ")


def test_chinese_help_has_no_english_of_argparse():
    out = run_kiosk("--help")
    assert out.returncode == 0
    assert "显示版本号并退出" in out.stdout and "show program's version" not in out.stdout


def test_a_missing_import_file_is_said_in_the_chosen_language(demo_path, tmp_path):
    missing = str(tmp_path / "户籍.csv")
    line = one_line(run_kiosk("--db", demo_path, "import", "households", missing))
    assert missing in line and "No such file or directory" not in line and "没有" in line
    folder = one_line(run_kiosk("--db", demo_path, "--lang", "en", "import", "households", str(tmp_path)))
    assert "folder" in folder


def test_codes_already_issued_point_at_reissue(demo_path, tmp_path):
    out = tmp_path / "codes.csv"
    line = one_line(run_kiosk("--db", demo_path, "poll", "codes", "2", "--out", str(out)))
    assert "--reissue" in line and not out.exists()
    again = run_kiosk("--db", demo_path, "poll", "codes", "2", "--out", str(out), "--reissue")
    assert again.returncode == 0, again.stderr
    assert out.exists()


def test_outputs_into_a_missing_folder_are_refused_alike(demo_path, tmp_path):
    missing = tmp_path / "no"
    for argv in (["backup", str(missing / "b.db")], ["export", "report", "--out", str(missing / "r.json")],
                 ["qr", "1", "--out", str(missing / "q.svg")], ["poll", "codes", "2", "--out", str(missing / "c.csv")],
                 ["plan", "codes", "1", "--out", str(missing / "c.csv")]):
        line = one_line(run_kiosk("--db", demo_path, *argv))
        assert str(missing) in line and "不存在" in line, argv
    assert not missing.exists()


@pytest.mark.sqlite_only("the target of the copy is a new SQLite file")
def test_migrate_to_names_no_table_of_its_own_as_not_copied(demo_path, tmp_path):
    result = run_kiosk("--db", demo_path, "migrate-to", str(tmp_path / "copy.db"))
    assert result.returncode == 0, result.stderr
    assert "未复制" not in result.stderr and "funding_total" not in result.stderr
    assert run_kiosk("--db", str(tmp_path / "copy.db"), "verify").returncode == 0
