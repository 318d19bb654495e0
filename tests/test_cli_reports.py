"""`kiosk report status|link|rates` and the export's report_rates on the demo: mark a report fixed
(its ticket is then asked "修好了吗？"), link it, read the rates; errors in one line."""

import json

from kiosk_process import run_kiosk


def _ticket(demo_path: str, description: str) -> str:
    from kiosk.db import connection
    from kiosk.db.models import Report

    connection.connect(demo_path)
    try:
        return Report.get(Report.description == description).ticket
    finally:
        connection.close()


def test_mark_fixed_link_and_read_the_rates(demo_path):
    ticket = _ticket(demo_path, "二单元北侧墙体渗水，墙皮脱落。")  # being fixed in the demo
    out = run_kiosk("--db", demo_path, "report", "status", ticket, "resolved", "--note", "已修复")
    assert out.returncode == 0, out.stderr
    assert "已修好" in out.stdout or "修好" in out.stdout
    out = run_kiosk("--db", demo_path, "--lang", "en", "report", "link", ticket, "--project", "1")
    assert out.returncode == 0, out.stderr
    assert "answered by project 1" in out.stdout
    rates = json.loads(run_kiosk("--db", demo_path, "report", "rates", "--estate", "盈谷中心小区", "--json").stdout)
    export = json.loads(run_kiosk("--db", demo_path, "export", "report").stdout)["estates"][0]["report_rates"]
    assert rates[0]["resolution"] == export["resolution"]["percent"]
    assert rates[0]["satisfaction"] == export["satisfaction"]["percent"]
    assert export["satisfaction"]["answers"] == export["satisfaction"]["satisfied"] + export["satisfaction"]["basic"] \
        + export["satisfaction"]["unsatisfied"] > 0
    assert set(export) == {"window_days", "response", "resolution", "satisfaction"}


def test_errors_are_one_line(demo_path):
    for args, needle in ((["report", "link", "123456789", "--none"], "受理编号"),
                         (["report", "link", "123"], "--project"),
                         (["report", "status", "123456789", "nonsense"], "nonsense")):
        out = run_kiosk("--db", demo_path, *args)
        assert out.returncode != 0 and needle in out.stderr, (args, out.stderr)
        assert "Traceback" not in out.stderr and len(out.stderr.strip().splitlines()) <= 3


def test_every_report_command_has_help():
    for cmd in (["report"], ["report", "status"], ["report", "link"], ["report", "rates"]):
        out = run_kiosk(*cmd, "--help")
        assert out.returncode == 0 and "--db" in out.stdout, (cmd, out.stderr)


def test_a_status_is_taken_as_its_chinese_label_and_help_lists_them(demo_path):
    from kiosk.domain.reports import STATUSES

    ticket = _ticket(demo_path, "二单元北侧墙体渗水，墙皮脱落。")  # being fixed in the demo
    out = run_kiosk("--db", demo_path, "report", "status", ticket, "已修好")
    assert out.returncode == 0, out.stderr
    assert "「已修好」" in out.stdout
    out = run_kiosk("--db", demo_path, "report", "status", ticket, "维修中")  # 不满意 reopens it the same way
    assert out.returncode == 0 and "「维修中」" in out.stdout, out.stderr
    shown = run_kiosk("report", "status", "--help").stdout
    for label in ("已提交", "已受理", "维修中", "已修好", "不予受理"):
        assert f"「{label}」" in shown, shown
    assert len(STATUSES) == 7  # a new status must be listed above
    out = run_kiosk("--db", demo_path, "report", "status", ticket, "修好啦")
    assert out.returncode != 0 and "「已修好」" in out.stderr and "修好啦" in out.stderr, out.stderr
    assert len(out.stderr.strip().splitlines()) == 1
