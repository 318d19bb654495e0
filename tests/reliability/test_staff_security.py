"""Staff security that does not need the admin app: memory-hard hashing, constant-time comparison,
lock-out that no new session escapes, no password anywhere on disk, every staff action audited,
and the audit chain's head on the daily disclosure (so a paper copy anchors it). Many sessions
at once, and one message and one hash's time for every refusal: tests/test_auth.py.

Left for the admin app's tests: idle logout, no password on screen, ForceCommand sessions.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import importlib
import inspect
import json
import os
import pkgutil
import re
import sys
from pathlib import Path

import pytest

import kiosk.domain
from kiosk import clock
from kiosk.db import backend, models
from kiosk.db.models import AuditEntry, Staff
from kiosk.domain import (acceptance, audit, auth, disclosure, emergency, estates, funding, household_codes, households,
                          imports, kiosk_pledges, ledger, ledger_seal, meetings, notices, payments, plans, poll_edit,
                          report_loop, reports, verify, vote_slips, votes, works)
from kiosk.domain.errors import AuthError
from reliability import harness as h

PASSWORD = "Lao-Wang 2026 secret"
TYPO = "Lao-Wang 2026 secreT"


def test_passwords_are_hashed_with_memory_hard_scrypt(db):
    auth.add_staff("t", "wang", PASSWORD)
    stored = Staff.get(Staff.username == "wang").password_hash
    scheme, n, r, p, salt, digest = stored.split("$")
    assert scheme == "scrypt"
    assert 128 * int(n) * int(r) >= 16 * 1024 * 1024  # at least 16 MiB per guess
    assert PASSWORD not in stored
    auth.add_staff("t", "li", PASSWORD)
    assert Staff.get(Staff.username == "li").password_hash != stored  # salted


def test_comparison_is_constant_time_and_unknown_names_cost_the_same(db, monkeypatch):
    auth.add_staff("t", "wang", PASSWORD)
    compared, hashed = [], []
    real_compare, real_scrypt = hmac.compare_digest, hashlib.scrypt
    monkeypatch.setattr(auth.hmac, "compare_digest", lambda a, b: compared.append(1) or real_compare(a, b))
    monkeypatch.setattr(auth.hashlib, "scrypt", lambda *a, **k: hashed.append(1) or real_scrypt(*a, **k))
    with pytest.raises(AuthError):
        auth.login("wang", TYPO)
    assert compared == [1] and hashed == [1]
    for name in ("nobody", "nobody-else"):  # the first unknown name too: the dummy needs no hashing
        hashed.clear()
        compared.clear()
        with pytest.raises(AuthError):
            auth.login(name, TYPO)
        assert hashed == [1] and compared == [1]  # a hash is checked even for a name that does not exist
    auth.set_disabled("t", "wang")
    hashed.clear()
    with pytest.raises(AuthError):
        auth.login("wang", TYPO)
    assert hashed == [1]  # a disabled account as well


def test_lock_out_holds_across_sessions(demo_path):
    """Five failures lock the account in the database: a new SSH session (a new process) is
    refused even with the right password."""
    script = ("import sys; from kiosk.db import connection; from kiosk.domain import auth\n"
              "connection.connect(sys.argv[1])\n"
              "try:\n    auth.login(sys.argv[2], sys.argv[3]); print('IN')\n"
              "except Exception as e:\n    print(type(e).__name__, e)\n")
    try_login = lambda pw: h.run([sys.executable, "-c", script, demo_path, "fang", pw]).stdout.strip()  # noqa: E731
    for _ in range(auth.MAX_FAILURES):
        assert try_login("wrong password").startswith("AuthError")
    refused = try_login("demo-pass-2026")
    assert refused.startswith("AuthError")
    reasons = [json.loads(d)["reason"] for d, in h.sql(
        demo_path, "SELECT data FROM audit_entry WHERE action = 'staff.login_refused' ORDER BY seq")]
    assert reasons[-1:] == ["locked"]


def _secrets_in(path: Path, secrets: list[str]) -> list[str]:
    if not path.exists():
        return []
    data = path.read_bytes()
    found = []
    for s in secrets:
        for enc in ("utf-8", "utf-16-le"):
            if s.encode(enc) in data:
                found.append(f"{s!r} ({enc}) in {path.name}")
    return found


def test_no_password_in_the_database_file_or_the_log(demo_path, tmp_path):
    db = demo_path
    added = h.run(h.kiosk("--db", db, "staff", "add", "zhao", "--role", "admin", "--password-stdin"), input=PASSWORD + "\n")
    assert added.returncode == 0, added.stderr
    changed = h.run(h.kiosk("--db", db, "staff", "passwd", "zhao", "--password-stdin"), input=PASSWORD + "-new\n")
    assert changed.returncode == 0, changed.stderr
    script = ("import sys; from kiosk.db import connection; from kiosk.domain import auth\n"
              "connection.connect(sys.argv[1])\n"
              "for name, pw in [('zhao', sys.argv[2]), ('zhao', sys.argv[3]), (sys.argv[3], sys.argv[3]), ('zhao', sys.argv[4])]:\n"
              "    try:\n        auth.login(name, pw)\n    except Exception as e:\n        pass\n")
    # A typo, the old password, the password typed into the name field, then the right one.
    result = h.run([sys.executable, "-c", script, db, TYPO, PASSWORD, PASSWORD + "-new"])
    assert result.returncode == 0, result.stderr
    broken = h.run(h.kiosk("--db", db, "staff", "add", "x" * 100, "--password-stdin"), input=TYPO + "\n")
    assert broken.returncode != 0
    log = Path(os.environ["XDG_DATA_HOME"]) / "estate-kiosk" / "kiosk.log"
    secrets = [PASSWORD, PASSWORD + "-new", TYPO]
    found = []
    for path in (Path(db), Path(db + "-wal"), log):
        found += _secrets_in(path, secrets)
    assert found == []
    actions = [r[0] for r in h.sql(db, "SELECT action FROM audit_entry WHERE action LIKE 'staff.%' ORDER BY seq")]
    assert actions[-6:] == ["staff.add", "staff.passwd", "staff.login_failed", "staff.login_failed", "staff.login_failed",
                            "staff.login"]


# ---- every staff action is audited ---------------------------------------------------------

def _actor_first_functions() -> set[str]:
    """Every public domain function that takes the actor first."""
    found = set()
    for info in pkgutil.iter_modules(kiosk.domain.__path__):
        module = importlib.import_module(f"kiosk.domain.{info.name}")
        for name, fn in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(fn) or fn.__module__ != module.__name__:
                continue
            first = next(iter(inspect.signature(fn).parameters.values()), None)
            if first is not None and first.name == "actor" and first.kind is first.POSITIONAL_OR_KEYWORD and name != "write":
                found.add(f"{info.name}.{name}")
    return found


def _refusal_checks() -> set[str]:
    """Actor-first functions that only say why this actor may not do something ('' when they may),
    named `…_refusal`: the console asks them before offering an action. They must write nothing
    (the session below checks it), so they are not counted among the writes."""
    return {name for name in _actor_first_functions() if name.endswith("_refusal")}


def _write_functions() -> set[str]:
    """Every domain function that changes something: those that take the actor first, plus sign-in."""
    return (_actor_first_functions() - _refusal_checks()) | {"auth.login", "auth.logout"}


def _staff_session(tmp_path) -> list[tuple[str, object]]:
    """One call of each staff action, as the admin console makes them: (name, thunk)."""
    S = "staff:fang"
    state: dict = {}
    csv = tmp_path / "c.csv"
    hh = tmp_path / "h.csv"
    paper = tmp_path / "ballots.csv"

    def s(key, value):
        state[key] = value
        return value

    def write_files():
        csv.write_text("project_id,source,amount,contributor,status,date,receipt_no\n"
                       f"{state['p'].id},units,100,单位,received,2026-11-20,AU-1\n", encoding="utf-8")
        hh.write_text("estate,building,unit,room,floor,area_m2,owner_key\n"
                      + "".join(f"审计小区,1号楼,1单元,{r},{r // 100},80,K{r}\n" for r in (101, 102, 201, 202)),
                      encoding="utf-8")

    def household(room):
        return votes.find_household(state["poll"], "1号楼", "1单元", room)

    def building_1():
        return next(b.id for b in estates.layout(state["e"].id) if b.name == "1号楼")

    def payment(actor, fen):
        return payments.enter(actor, state["p"].id, "某防水公司", "屋面防水", "HT-1", fen, dt.date(2026, 11, 24),
                              {"units": fen})

    def own_payment_refused():
        assert payments.decide_refusal("fang", state["pay"]), "the one who entered a payment may not decide it"
        assert payments.decide_refusal("li", state["pay"]) == ""

    def paper_ballot():
        paper.write_text("poll_id,building,unit,room,choice,channel\n"
                         f"{state['poll'].id},1号楼,1单元,202,沥青,paper\n", encoding="utf-8")
        return imports.ballots(S, str(paper))

    return [
        ("auth.add_staff", lambda: auth.add_staff(S, "fang", PASSWORD)),
        ("auth.login", lambda: auth.login("fang", PASSWORD)),
        ("auth.add_staff", lambda: auth.add_staff(S, "li", PASSWORD)),  # the second person who approves payments
        ("estates.add_estate", lambda: s("e", estates.add_estate(S, "审计小区"))),
        ("funding.create_project", lambda: s("p", funding.create_project(S, state["e"].id, "屋面", 10_000_00))),
        ("funding.update_project", lambda: funding.update_project(S, state["p"].id, state["p"].version, description="改")),
        ("ledger.record", lambda: s("c", ledger.record(S, state["p"].id, "owners", 500, contributor="业主"))),
        ("ledger.confirm", lambda: ledger.confirm(S, state["c"].id)),
        ("ledger.cancel", lambda: ledger.cancel(S, state["c"].id, "录入错误")),
        ("ledger_seal.seal_existing", lambda: ledger_seal.seal_existing(S)),  # what `kiosk init` runs on upgrade
        ("imports.households", lambda: (write_files(), imports.households(S, str(hh)))),
        ("imports.contributions", lambda: imports.contributions(S, str(csv))),
        ("households.add", lambda: s("flat", households.add(S, state["e"].id, building="1", unit="一单元", room="301",
                                                           floor=3, area_cm2=80_00, owner_name="王建国"))),
        ("households.correct", lambda: households.correct(S, state["flat"].id, area_cm2=82_50, reason="按房产证更正")),
        ("households.transfer", lambda: households.transfer(S, state["flat"].id, owner_name="赵新", reason="买卖过户")),
        ("household_codes.issue", lambda: s("codes", household_codes.issue(S, state["e"].id))),
        ("kiosk_pledges.pledge_at_kiosk", lambda: s("kp", kiosk_pledges.pledge_at_kiosk(
            "lobby", state["e"].id, state["p"].id, state["codes"][0].code, 200_00))),
        ("kiosk_pledges.cancel", lambda: kiosk_pledges.cancel(S, state["kp"].contribution_id, "重复认捐")),
        ("works.add_stage", lambda: s("st", works.add_stage(S, state["p"].id, "施工", 1, 0))),
        ("works.update_stage", lambda: works.update_stage(S, state["st"].id, state["st"].version, percent=50)),
        ("works.add_milestone", lambda: s("m", works.add_milestone(S, state["p"].id, dt.date(2026, 12, 1), "验收"))),
        ("works.update_milestone", lambda: works.update_milestone(S, state["m"].id, on=dt.date(2026, 12, 3))),
        ("works.set_milestone_done", lambda: works.set_milestone_done(S, state["m"].id)),
        ("notices.post", lambda: s("n", notices.post(S, "停水", "明天停水", estate_id=state["e"].id))),
        ("notices.edit", lambda: notices.edit(S, state["n"].id, state["n"].version, body="后天停水")),
        ("notices.withdraw", lambda: notices.withdraw(S, state["n"].id)),
        ("reports.submit", lambda: s("r", reports.submit("lobby", state["e"].id, "road",
                                                         estates.layout(state["e"].id)[0].id, "路面坑洼"))),
        ("reports.me_too", lambda: reports.me_too("lobby", state["r"].id)),
        ("reports.transition", lambda: reports.transition(S, state["r"].id, "accepted", "已受理")),
        ("reports.merge", lambda: (s("r2", reports.submit("lobby", state["e"].id, "road",
                                                          estates.layout(state["e"].id)[0].id, "同一处坑洼")),
                                   reports.merge(S, state["r2"].id, state["r"].id))),
        ("report_loop.link", lambda: report_loop.link(S, state["r"].id, project_id=state["p"].id)),
        ("reports.publish_summary", lambda: reports.publish_summary(S, state["r"].id, "1号楼路面坑洼，已安排修补")),
        ("reports.hide", lambda: reports.hide(S, state["r"].id, "含电话号码")),
        ("votes.create_poll", lambda: s("poll", votes.create_poll(S, state["e"].id, "路面", ["沥青", "水泥"]))),
        ("votes.issue_codes", lambda: s("slips", votes.issue_codes(S, state["poll"].id))),
        ("votes.cast_with_code", lambda: votes.cast_with_code("lobby", next(c.code for c in state["slips"] if c.room == "101"),
                                                              "沥青")),
        ("votes.cast", lambda: votes.cast(S, state["poll"].id, household("102"), "水泥", "paper")),
        ("votes.cast_at_address", lambda: votes.cast_at_address(S, state["poll"].id, "1号楼", "1单元", "201", "沥青", "proxy",
                                                                proxy_holder="李四")),
        ("imports.ballots", paper_ballot),
        ("vote_slips.write_slips", lambda: vote_slips.write_slips(S, state["poll"].id, str(tmp_path / "slips.csv"),
                                                                  reissue=True)),
        ("votes.close_poll", lambda: votes.close_poll(S, state["poll"].id)),
        ("votes.create_poll", lambda: s("next", votes.create_poll(S, state["e"].id, "绿化", ["月季", "冬青"],
                                                                 opens_at=dt.datetime(2026, 12, 1, 8)))),
        ("poll_edit.update_poll", lambda: poll_edit.update_poll(S, state["next"].id, title="绿化补种", options=["月季", "冬青"],
                                                                closes_at=dt.datetime(2026, 12, 15, 20), buildings=[])),
        ("plans.create_plan", lambda: s("plan", plans.create_plan(S, state["p"].id, title="一户一策", rate_fen_per_m2=100_00))),
        ("plans.update_rule", lambda: plans.update_rule(S, state["plan"].id, state["plan"].version, rate_fen_per_m2=120_00,
                                                        coefficients=None, low_floors=1, low_floor_mode="exempt",
                                                        compensation_fen=0)),
        ("plans.set_hardship", lambda: plans.set_hardship(S, state["plan"].id, household("201"), 50, "低保家庭")),
        ("plans.set_override", lambda: plans.set_override(S, state["plan"].id, household("202"), 300_00, "协商定额")),
        ("plans.set_consent", lambda: plans.set_consent(S, state["plan"].id, household("201"), "agree")),
        ("plans.issue_codes", lambda: plans.issue_codes(S, state["plan"].id)),
        ("meetings.record", lambda: s("mt", meetings.record(S, state["e"].id, "courtyard", dt.datetime(2026, 11, 1, 19), "议事"))),
        ("meetings.update", lambda: meetings.update(S, state["mt"].id, decisions="铺沥青")),
        # Money out: fang enters, li approves; a reversal undoes it; li enters one that fang rejects.
        ("payments.enter", lambda: s("pay", payment("fang", 60_00))),
        ("payments.decide_refusal", own_payment_refused),
        ("payments.approve", lambda: payments.approve("li", state["pay"].id)),
        ("payments.reverse", lambda: s("undo", payments.reverse("fang", state["pay"].id, "发票金额有误"))),
        ("payments.approve", lambda: payments.approve("li", state["undo"].id)),
        ("payments.enter", lambda: s("pay2", payment("li", 10_00))),
        ("payments.reject", lambda: payments.reject("fang", state["pay2"].id, "无合同")),
        ("acceptance.accept", lambda: acceptance.accept(S, state["p"].id, dt.date(2026, 11, 25), ("owners", "community"),
                                                        final_account_fen=0, leftover_action="carried_over")),
        ("emergency.start", lambda: s("er", emergency.start(S, state["e"].id, "roof_leak", "1号楼屋面漏雨抢修",
                                                            dt.date(2026, 11, 22), buildings=[building_1()]))),
        ("emergency.record_cost", lambda: emergency.record_cost(S, state["er"].id, 1_234_56, dt.date(2026, 11, 24))),
        ("emergency.disclose", lambda: emergency.disclose(S, state["er"].id)),
        ("auth.set_password", lambda: auth.set_password(S, "fang", PASSWORD + "2")),
        ("auth.set_disabled", lambda: auth.set_disabled(S, "fang", True)),
        ("auth.logout", lambda: auth.logout("fang", "idle")),
        # What `kiosk verify --full` writes when everything checks out: the checkpoint later runs start from.
        ("verify.record_checkpoint", lambda: verify.record_checkpoint(S, verify.run(full=True))),
    ]


def test_every_staff_action_writes_only_inside_an_audited_transaction(db, db_path, tmp_path, monkeypatch):
    clock.freeze(dt.datetime(2026, 11, 25, 9, 0))
    inside = []
    unaudited = []
    real_write = audit.write

    @contextlib.contextmanager
    def watched_write(actor):
        inside.append(actor)
        try:
            with real_write(actor) as w:
                yield w
        finally:
            inside.pop()

    real_execute = models.database.obj.execute_sql

    # Taking the writers' lock (it only bumps the revision) before a read-then-write, as the kiosk
    # pledge does to hold its per-household limits, is not a change of its own.
    lock = backend.lock_state_sql(models.database.obj)

    def watched_execute(sql, params=None, *args, **kw):
        if re.match(r"\s*(INSERT|UPDATE|DELETE|REPLACE)\b", sql, re.I) and not inside and sql != lock:
            unaudited.append(sql[:80])
        return real_execute(sql, params, *args, **kw)

    monkeypatch.setattr(audit, "write", watched_write)
    monkeypatch.setattr(models.database.obj, "execute_sql", watched_execute)

    session = _staff_session(tmp_path)
    missing = _write_functions() - {name for name, _fn in session}
    assert not missing, f"staff actions this test does not exercise yet: add them to _staff_session: {sorted(missing)}"
    checks = _refusal_checks()
    for name, thunk in session:
        before = audit.head().seq
        thunk()
        new = audit.entries(limit=1000)
        new = [e for e in new if e.seq > before]
        assert unaudited == [], f"{name} wrote outside an audited transaction: {unaudited}"
        if name in checks:
            assert new == [], f"{name} only answers a question, yet it wrote {[e.action for e in new]}"
        else:
            assert new, f"{name} wrote no audit entry"
    report = h.sql(db_path, "SELECT COUNT(*) FROM audit_entry")
    assert report[0][0] == audit.head().seq
    actors = {e.actor for e in audit.entries(limit=1000)}
    assert "staff:fang" in actors and all(a for a in actors)


# ---- the chain head on the daily disclosure ------------------------------------------------

def test_daily_disclosure_carries_the_chain_head(demo_db):
    estate = estates.resolve_estate(None)
    d = disclosure.daily(estate.id)
    last = AuditEntry.select().order_by(AuditEntry.seq.desc()).get()
    assert (d.chain_seq, d.chain_hash) == (last.seq, last.hash)
    notices.post("staff:fang", "新通知", estate_id=estate.id)
    d2 = disclosure.daily(estate.id)
    assert d2.chain_seq == d.chain_seq + 1 and d2.chain_hash != d.chain_hash
    assert audit.verify_chain() == []


def test_markdown_report_prints_the_head_that_verify_checks(demo_path):
    md = h.run(h.kiosk("--db", demo_path, "--lang", "en", "export", "report", "--format", "md")).stdout
    m = re.search(r"Audit chain: entry #(\d+), hash ([0-9a-f]{64})", md)
    assert m, md[-500:]
    verify = h.verify(demo_path)
    assert verify.returncode == 0 and m.group(2) in verify.stdout
    (seq, head), = h.sql(demo_path, "SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1")
    assert (int(m.group(1)), m.group(2)) == (seq, head)
    zh = h.run(h.kiosk("--db", demo_path, "export", "report", "--format", "md")).stdout
    assert head in zh
    json.loads(h.run(h.kiosk("--db", demo_path, "export", "report", "--format", "json")).stdout)


def _rewrite_chain_from(path: str, seq: int, new_title: str) -> None:
    """Someone with the disk and the source code: changes an old entry and recomputes every hash
    after it, so the chain is consistent again (stock sqlite3, triggers dropped)."""
    import sqlite3

    from kiosk.domain.audit import entry_hash

    con = sqlite3.connect(path)
    for name, in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        con.execute(f"DROP TRIGGER {name}")
    rows = con.execute("SELECT seq, at, actor, action, entity, entity_id, data, prev_hash FROM audit_entry "
                       "WHERE seq >= ? ORDER BY seq", (seq,)).fetchall()
    prev = rows[0][7]
    for s, at, actor, action, entity, entity_id, data, _prev in rows:
        if s == seq:
            d = json.loads(data)
            d["title"] = new_title
            data = json.dumps(d, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
            con.execute("UPDATE notice SET title = ? WHERE id = ?", (new_title, int(entity_id)))
        h_ = entry_hash(prev, s, at, actor, action, entity, entity_id, data)
        con.execute("UPDATE audit_entry SET data = ?, prev_hash = ?, hash = ? WHERE seq = ?", (data, prev, h_, s))
        prev = h_
    con.execute("UPDATE kiosk_state SET chain_hash = ? WHERE id = 1", (prev,))
    con.commit()
    con.close()


@pytest.mark.sqlite_only("the rewrite is done on the file; the anchor check itself is the same code on both")
def test_a_rewritten_chain_passes_verify_but_not_the_printed_anchor(demo_path):
    md = h.run(h.kiosk("--db", demo_path, "--lang", "en", "export", "report", "--format", "md")).stdout
    seq, digest = re.search(r"Audit chain: entry #(\d+), hash ([0-9a-f]{64})", md).groups()
    anchor = f"{seq}:{digest[:16]}"  # what someone copies from the paper on the notice board
    assert h.run(h.kiosk("--db", demo_path, "verify", "--anchor", anchor)).returncode == 0
    (notice_seq,), = h.sql(demo_path, "SELECT MIN(seq) FROM audit_entry WHERE action = 'notice.post'")
    _rewrite_chain_from(demo_path, notice_seq, "篡改过的通知")
    assert h.run(h.kiosk("--db", demo_path, "init")).returncode == 0  # puts the guard triggers back
    assert h.verify(demo_path).returncode == 0  # consistent again: only the paper copy can tell
    caught = h.run(h.kiosk("--db", demo_path, "--lang", "en", "verify", "--anchor", anchor))
    assert caught.returncode == 1
    assert f"audit entry #{seq}" in caught.stdout and "printed copy" in caught.stdout
    for bad in ("617", "617:xyz", "617:abc", "x:" + "a" * 16):
        result = h.run(h.kiosk("--db", demo_path, "verify", "--anchor", bad))
        assert result.returncode == 1 and "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1
