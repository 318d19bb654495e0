"""`kiosk project accept`: a refusal is one line in the user's language with a non-zero exit; the
acceptance is recorded once and shows in `export report`."""

from __future__ import annotations

import json

from kiosk.domain.money import yuan
from kiosk_process import run_kiosk


def _project(path: str, project_id: int) -> dict:
    out = run_kiosk("--db", path, "export", "report", "--format", "json")
    assert out.returncode == 0, out.stderr
    return {p["id"]: p for e in json.loads(out.stdout)["estates"] for p in e["projects"]}[project_id]


def test_accept_refuses_in_one_line_then_records_once(demo_path):
    before = _project(demo_path, 3)  # the demo's courtyard: fundraising, nothing paid out
    assert before["acceptance"] is None and before["paid_fen"] == 0
    wrong = run_kiosk("--db", demo_path, "project", "accept", "3", "--final-account", "100", "--leftover", "returned")
    assert wrong.returncode != 0 and wrong.stdout == ""
    assert wrong.stderr.strip().count("\n") == 0 and "决算金额 ¥100 与已支出 ¥0 不符" in wrong.stderr
    en = run_kiosk("--db", demo_path, "--lang", "en", "project", "accept", "3", "--final-account", "0")
    assert en.returncode != 0 and f"{yuan(before['balance_fen'])} is left over" in en.stderr and "Traceback" not in en.stderr
    done = run_kiosk("--db", demo_path, "project", "accept", "3", "--final-account", "0", "--leftover", "carried_over",
                     "--on", "2026-11-20", "--parties", "owners,community", "--note", "结余转入车棚维修")
    assert done.returncode == 0, done.stderr
    after = _project(demo_path, 3)
    assert after["status"] == "completed"
    assert after["acceptance"] == {"accepted_on": "2026-11-20", "parties": ["owners", "community"], "final_account_fen": 0,
                                   "leftover_fen": before["balance_fen"], "leftover_action": "carried_over",
                                   "note": "结余转入车棚维修"}
    again = run_kiosk("--db", demo_path, "project", "accept", "3", "--final-account", "0", "--leftover", "carried_over")
    assert again.returncode != 0 and "已于 2026-11-20 验收过" in again.stderr
