"""A newcomer's first ten minutes with the real `kiosk` command in a fresh folder: every command
once with a mistake answers in one line in the chosen language (no English of argparse, the
system or a driver in Chinese mode) with a non-zero exit; the lists read as tables; the try-out
is offered, and the shipped kiosk units leave it off."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from rich.cells import cell_len

from kiosk import config
from kiosk_process import ROOT, run_kiosk

# Words that give away an untranslated line in Chinese mode (argparse's, the C library's, libpq's).
ENGLISH = re.compile(r"\b(error|usage|invalid|required|unrecognized|No such|directory|denied|refused|"
                     r"Connection|Input/output|No space|not a|internal)\b", re.I)

# (case, arguments with {tmp} for the folder, a piece of the Chinese line, a piece of the English one)
MISTAKES = [
    ("init in a missing folder", ["--db", "{tmp}/no/dir/x.db", "init"], "不存在", "does not exist"),
    ("a file that is not a database", ["--db", "{tmp}/notes.txt", "project", "list"], "不是 kiosk 数据库", "is not a kiosk database"),
    ("a notice without its body", ["notice", "post", "--title", "停水"], "缺少必需的参数：--body", "required: --body"),
    ("a notice with a blank body", ["notice", "post", "--title", "停水", "--body", "  "], "--body 不能为空", "--body must not be empty"),
    ("migrate-to something that is no address", ["migrate-to", "notaurl"], "不是数据库地址", "is not a database address"),
    ("a typo in an action", ["poll", "lst"], "无效的选项", "invalid choice"),
    ("an unknown option", ["--bogus"], "无法识别的参数", "unrecognized arguments"),
    ("a number that is not one", ["poll", "tally", "x"], "参数 ID：'x' 不是整数", "argument ID: invalid whole number value"),
    ("seconds that are not a number", ["display", "--interval", "abc"], "'abc' 不是数字", "invalid number value"),
    ("importing a file that is not there", ["import", "households", "{tmp}/nope.csv"], "没有这个文件", "No such file"),
    ("importing what cannot be read", ["import", "households", "/proc/self/mem"], "设备读写出错", "could not be read or written"),
    ("codes issued already", ["poll", "codes", "2", "--out", "{tmp}/codes.csv"], "--reissue", "--reissue"),
    ("a poll that does not exist", ["poll", "tally", "99"], "没有编号为 99 的表决", "No poll with id 99"),
    ("an estate that does not exist", ["lobby", "--estate", "不存在"], "没有名为 不存在 的小区", "No estate named 不存在"),
    ("an export onto a full disk", ["export", "report", "--out", "/dev/full"], "磁盘已满", "the disk is full"),
    ("a settings file that is not there", ["--config", "{tmp}/nope.toml", "verify"], "找不到配置文件", "Configuration file not found"),
    ("a settings file that is not TOML", ["--config", "{tmp}/bad.toml", "verify"], "第 2 行第 5 列", "line 2, column 5"),
    ("a database server that is not running", ["--db", "postgresql://kiosk@127.0.0.1:1/kiosk", "project", "list"],
     "服务器拒绝连接", "refused the connection"),
]


@pytest.fixture
def folder(tmp_path, demo_template, monkeypatch) -> Path:
    """A fresh folder with the demo database in it, as after `kiosk demo`."""
    shutil.copyfile(demo_template, tmp_path / "kiosk.db")
    (tmp_path / "notes.txt").write_text("买菜：白菜、豆腐\n", encoding="utf-8")
    (tmp_path / "bad.toml").write_text("a = 1\nb = = 2\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _kiosk(folder: Path, lang: str, args: list[str]):
    args = [a.replace("{tmp}", str(folder)) for a in args]
    return run_kiosk(*args, *(["--lang", "en"] if lang == "en" else []), env={"KIOSK_DB": str(folder / "kiosk.db")})


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("case,args,zh,en", MISTAKES, ids=[m[0] for m in MISTAKES])
def test_each_mistake_is_one_line_in_the_chosen_language(folder, lang, case, args, zh, en):
    home = {"data", "config"}  # the test's own XDG folders (where the log file goes)
    before = sorted(p.name for p in folder.iterdir() if p.name not in home)
    result = _kiosk(folder, lang, args)
    assert result.returncode != 0, result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    line = lines[0]
    assert line.startswith("kiosk")
    assert (zh if lang == "zh" else en) in line, line
    if lang == "zh":
        assert not ENGLISH.search(line.replace(str(folder), "")), line
    assert sorted(p.name for p in folder.iterdir() if p.name not in home) == before  # nothing made on the way (no notaurl, no no/)


def test_help_is_chinese_down_to_argparse_own_words_and_offers_the_try_out(folder):
    top = _kiosk(folder, "zh", ["--help"]).stdout
    assert "显示版本号并退出" in top and "显示帮助并退出" in top and "用法：" in top
    assert "show program's version" not in top and "usage:" not in top
    lobby = _kiosk(folder, "zh", ["lobby", "--help"]).stdout
    assert "--try" in lobby and "Ctrl+Q" in lobby
    assert "--try" in _kiosk(folder, "en", ["lobby", "--help"]).stdout


def test_poll_list_states_are_in_the_chosen_language(folder):
    zh = _kiosk(folder, "zh", ["poll", "list"]).stdout
    assert "投票中" in zh and "已截止" in zh
    assert not re.search(r"\b(ordinary|open|closed|major)\b", zh, re.I), zh
    en = _kiosk(folder, "en", ["poll", "list"]).stdout
    assert "Open" in en and "closed" in en


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_notice_list_is_a_table_with_the_estate_and_no_python_quotes(folder, lang):
    out = _kiosk(folder, lang, ["notice", "list"]).stdout.rstrip("\n").splitlines()
    header, rows = out[0], out[1:]
    assert ("小区" if lang == "zh" else "Estate") in header and ("标题" if lang == "zh" else "Title") in header
    assert rows and not any("'" in r or '"' in r for r in rows)
    # Aligned as the terminal draws them: each row's first date starts in the same cell.
    starts = {cell_len(r[: re.search(r"\d{4}-\d\d-\d\d", r).start()]) for r in rows}
    assert len(starts) == 1, out
    assert any("盈谷中心小区" in r for r in rows)
    data = json.loads(_kiosk(folder, lang, ["notice", "list", "--json"]).stdout)
    assert data and {"id", "title"} <= set(data[0]) and any("estate" in k for k in data[0])


def test_migrate_to_names_no_table_of_its_own_as_unknown(folder):
    result = _kiosk(folder, "zh", ["migrate-to", f"sqlite:///{folder / 'copy.db'}"])
    assert result.returncode == 0, result.stderr
    assert "funding_total" not in result.stdout + result.stderr
    assert "不认识" not in result.stdout + result.stderr


def test_the_shipped_kiosk_leaves_the_try_out_off():
    """The kiosk box's settings and units never turn on the way out."""
    settings = config.load(ROOT / "deploy" / "kiosk.toml")
    assert settings.try_out is False
    for unit in (ROOT / "deploy").glob("*.service"):
        assert "--try" not in unit.read_text(encoding="utf-8"), unit.name
    assert config.Settings().try_out is False


def test_the_readme_starts_with_the_try_out_and_says_how_to_leave():
    head = (ROOT / "README.md").read_text(encoding="utf-8").split("## ")[0]
    first_command = next(line for line in head.splitlines() if line.startswith("pip install"))
    assert "kiosk lobby --try" in first_command
    assert "Ctrl+Q" in head


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_new_codes_that_cannot_be_written_are_not_issued(folder, lang):
    """A full disk while writing the slips: one line, and the codes already printed still work."""
    import sqlite3

    def codes():
        with sqlite3.connect(folder / "kiosk.db") as con:
            return con.execute("SELECT id, revoked_at FROM vote_code WHERE poll_id = 2 ORDER BY id").fetchall()

    before = codes()
    result = _kiosk(folder, lang, ["poll", "codes", "2", "--out", "/dev/full", "--reissue", "--force"])
    assert result.returncode != 0 and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert ("磁盘已满" if lang == "zh" else "the disk is full") in result.stderr
    assert codes() == before


@pytest.mark.parametrize("args", [["plan", "codes", "1", "--out", "/dev/full", "--force"],
                                  ["plan", "codes", "1", "--out", "/dev/full", "--force", "--reissue"],
                                  ["poll", "codes", "2", "--out", "/dev/full", "--force"]],
                         ids=["plan codes issued already", "plan codes onto a full disk", "poll codes issued already"])
def test_a_refused_code_file_issues_nothing_and_removes_no_device(folder, args):
    """Refused before or while writing: the codes stay as they were, and the path given is never
    removed unless it is the command's own half-written file (here a device)."""
    import os
    import sqlite3
    import stat

    def rows():
        with sqlite3.connect(folder / "kiosk.db") as con:
            return [con.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in ("household_code", "vote_code")]

    before = rows()
    result = _kiosk(folder, "zh", args)
    assert result.returncode != 0 and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)
    assert rows() == before
