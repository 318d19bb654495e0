"""`kiosk payment …` end to end on the demo, in real processes: one staff member enters, a second
approves; self-approval, bad shares and unknown payments are one line and a non-zero exit."""

import json

from kiosk_process import run_kiosk


def _kiosk(db: str, *args: str, lang: str = "en"):
    return run_kiosk("--db", db, "--lang", lang, "payment", *args)


def test_enter_approve_list_and_reverse(demo_path):
    before = json.loads(_kiosk(demo_path, "list", "--project", "1", "--json").stdout)
    added = _kiosk(demo_path, "add", "--as", "fang", "--project", "1", "--payee", "京防水工程公司", "--purpose", "屋面防水卷材",
                   "--amount", "1234.56", "--source", "government=1000", "--source", "owners=234.56", "--document", "FP-77")
    assert added.returncode == 0, added.stderr
    pid = added.stdout.split()[-1]
    mine = _kiosk(demo_path, "approve", pid, "--as", "fang", lang="zh")
    assert mine.returncode == 1 and mine.stderr.count("\n") == 1 and "另一位工作人员" in mine.stderr, mine.stderr
    assert _kiosk(demo_path, "approve", pid, "--as", "admin", "--note", "发票相符").returncode == 0
    rows = json.loads(_kiosk(demo_path, "list", "--project", "1", "--json").stdout)
    assert len(rows) == len(before) + 1
    row = next(r for r in rows if str(r["id"]) == pid)
    assert (row["amount_fen"], row["shares"], row["status"], row["entered_by"], row["decided_by"]) == (
        1234_56, {"government": 1000_00, "owners": 234_56}, "approved", "fang", "admin")
    back = _kiosk(demo_path, "reverse", pid, "--as", "wuye", "--reason", "发票作废")
    assert back.returncode == 0, back.stderr
    pending = json.loads(_kiosk(demo_path, "list", "--pending", "--json").stdout)
    assert any(r["reverses"] == int(pid) and r["amount_fen"] == -1234_56 for r in pending)
    assert run_kiosk("--db", demo_path, "verify").returncode == 0


def test_refusals_are_one_line(demo_path):
    for args in (("add", "--as", "fang", "--project", "2", "--payee", "X", "--purpose", "Y", "--amount", "10",
                  "--source", "owners=5"),
                 ("add", "--as", "fang", "--project", "2", "--payee", "X", "--purpose", "Y", "--amount", "10", "--source", "nowhere"),
                 ("add", "--as", "nobody", "--project", "2", "--payee", "X", "--purpose", "Y", "--amount", "10", "--source", "owners"),
                 ("approve", "99999", "--as", "admin"),
                 ("reject", "99999", "--as", "admin", "--note", " "),
                 ("list",)):
        out = _kiosk(demo_path, *args)
        assert out.returncode in (1, 2) and out.stderr.startswith("kiosk: ") and out.stderr.count("\n") == 1, (args, out.stderr)
        assert "Traceback" not in out.stderr


def test_kiosk_demo_builds_again_over_a_demo_but_not_over_real_data(demo_path):
    """The demo's own staff entered and approved its payments: still a demo, so `kiosk demo` may
    wipe it; a staff account added from the command line makes it real data."""
    again = run_kiosk("--db", demo_path, "--lang", "en", "demo")
    assert again.returncode == 0, again.stderr
    assert run_kiosk("--db", demo_path, "staff", "add", "zhang", "--password-stdin", input="long enough pw\n").returncode == 0
    refused = run_kiosk("--db", demo_path, "--lang", "en", "demo")
    assert refused.returncode == 1 and "--replace" in refused.stderr and refused.stderr.count("\n") == 1
