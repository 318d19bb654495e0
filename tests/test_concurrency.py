"""Several processes writing at once, on each back-end: nothing lost, nothing counted twice, the
audit chain never forks, and the change detector sees other processes' writes."""

import concurrent.futures as cf
import subprocess
import sys
import textwrap

import pytest

from kiosk.db import models
from kiosk.domain import audit, changes, estates, funding, verify

from kiosk_process import ROOT, kiosk_env, run_kiosk

HEADER = "project_id,source,amount,contributor,status,date,receipt_no\n"


@pytest.fixture
def project(db):
    e = estates.add_estate("t", "并发小区")
    return funding.create_project("t", e.id, "屋面防水", 500_000_00)


def test_three_imports_at_once_add_exactly_what_they_contain(tmp_path, project, db_path):
    files = {}
    for key, source, amount, n in (("a", "owners", "1.01", 1500), ("b", "units", "20.00", 1200), ("c", "government", "333.33", 900)):
        path = tmp_path / f"{key}.csv"
        path.write_text(HEADER + "".join(f"{project.id},{source},{amount},{key},received,2026-11-20,{key.upper()}-{i}\n" for i in range(n)),
                        encoding="utf-8")
        files[str(path)] = int(amount.replace(".", "")) * n
    with cf.ThreadPoolExecutor(3) as pool:
        results = list(pool.map(lambda p: run_kiosk("--db", db_path, "import", "contributions", p), files))
    assert all(r.returncode == 0 for r in results), [r.stderr for r in results]
    snap = funding.snapshot(project.id)
    assert snap.received_fen == sum(files.values())
    by_source = {s.key: s.received_fen for s in snap.sources}
    assert (by_source["owners"], by_source["units"], by_source["government"]) == tuple(files.values())
    ids = [c for c, in models.Contribution.select(models.Contribution.id).order_by(models.Contribution.id).tuples()]
    assert ids == list(range(1, 1500 + 1200 + 900 + 1))
    report = verify.run()
    assert report.ok, report.faults


WRITER = textwrap.dedent("""
    import sys
    from kiosk.db import connection
    from kiosk.domain import ledger, notices
    url, project, who, n = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    connection.connect(url)
    for i in range(n):
        if i % 3 == 0:
            notices.post(who, f"{who} {i}", "body")
        else:
            ledger.record(who, project, "owners", 100 + i, status="received", contributor=who, receipt_no=f"{who}-{i}")
    print("done")
""")


def test_many_writers_never_fork_the_chain(project, db_path):
    before = audit.head().seq
    start_revision = changes.revision()
    writers, each = 4, 30
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, db_path, str(project.id), f"w{k}", str(each)],
                              cwd=ROOT, env=kiosk_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for k in range(writers)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode == 0 for p in procs), [err for _out, err in outs]
    head = audit.head()
    assert head.seq == before + writers * each  # one entry per write, none lost, none doubled
    assert changes.revision() == start_revision + writers * each  # every write moved the revision once
    seqs = [s for s, in models.AuditEntry.select(models.AuditEntry.seq).order_by(models.AuditEntry.seq).tuples()]
    assert seqs == list(range(1, head.seq + 1))
    report = verify.run()
    assert report.ok, report.faults
    expected = sum(100 + i for i in range(each) if i % 3) * writers
    assert funding.snapshot(project.id).received_fen == expected


def test_the_change_detector_sees_another_process_write(db, db_path):
    estates.add_estate("t", "检测小区")
    seen = changes.revision()
    assert changes.revision() == seen  # reading does not move it
    out = run_kiosk("--db", db_path, "notice", "post", "--title", "停水通知", "--body", "明天停水")
    assert out.returncode == 0, out.stderr
    assert changes.revision() == seen + 1
