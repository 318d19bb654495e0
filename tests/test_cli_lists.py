"""List commands print a header and aligned columns (a Chinese character is two cells), no
Python quotes, words in the chosen language; --json gives scripts the same rows with stable keys."""

import json
import unicodedata

import pytest

from kiosk_process import run_kiosk

LISTS = [["estate", "list"], ["staff", "list"], ["notice", "list"], ["project", "list"], ["poll", "list"],
         ["plan", "list"]]


def cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def column_starts(line: str) -> list[int]:
    """Where each column after the first begins, in terminal cells (columns are two spaces apart)."""
    starts, at, i = [], 0, 0
    while i < len(line):
        if line[i:i + 2] == "  " and i + 2 < len(line) and line[i + 2] != " ":
            starts.append(at + 2)
            at += 2
            i += 2
            continue
        at += cells(line[i])
        i += 1
    return starts


@pytest.mark.parametrize("command", LISTS)
def test_lists_have_a_header_and_aligned_columns(demo_path, command):
    out = run_kiosk("--db", demo_path, *command)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert len(lines) >= 2 and "\t" not in out.stdout and "'" not in out.stdout
    header = column_starts(lines[0])
    for line in lines[1:]:
        starts = column_starts(line)
        assert set(starts) <= set(header), (lines[0], line)


def test_notice_list_names_the_estate_and_prints_titles_as_written(demo_path):
    assert run_kiosk("--db", demo_path, "notice", "post", "--title", "停水", "--body", "明天停水",
                     "--estate", "文乐胡同14号楼").returncode == 0
    assert run_kiosk("--db", demo_path, "notice", "post", "--title", "全街道停电", "--body", "周六检修").returncode == 0
    lines = run_kiosk("--db", demo_path, "notice", "list").stdout.splitlines()
    assert lines[0].split() == ["ID", "小区", "标记", "发布", "截止", "标题"]
    water = next(line for line in lines if line.endswith("停水"))
    assert "文乐胡同14号楼" in water and "'" not in water
    assert "全部小区" in next(line for line in lines if line.endswith("全街道停电"))
    rows = json.loads(run_kiosk("--db", demo_path, "--lang", "en", "notice", "list", "--json").stdout)
    water = next(r for r in rows if r["title"] == "停水")
    assert water["estate"] == "文乐胡同14号楼" and water["estate_id"] and water["emergency"] is False


def test_poll_list_speaks_chinese_and_json_keeps_the_keys(demo_path):
    text = run_kiosk("--db", demo_path, "poll", "list").stdout
    for english in ("ordinary", "open", "closed"):
        assert english not in text
    assert "已截止" in text or "投票中" in text
    rows = json.loads(run_kiosk("--db", demo_path, "poll", "list", "--json").stdout)
    assert {r["matter"] for r in rows} <= {"ordinary", "major"}
    assert {r["state"] for r in rows} <= {"scheduled", "open", "counting", "closed"}


@pytest.mark.parametrize("command", LISTS)
def test_every_list_has_json_for_scripts(demo_path, command):
    out = run_kiosk("--db", demo_path, "--lang", "en", *command, "--json")
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert isinstance(rows, list) and rows and all(isinstance(r, dict) for r in rows)
