"""`kiosk project create`: a new office creates a project from the command line with its target and
planned sources (amounts as staff type them), and finds the command in the README; mistakes are one
line with a non-zero exit and nothing written."""

from pathlib import Path

from kiosk_process import run_kiosk

README = Path(__file__).resolve().parent.parent / "README.md"
ESTATE = "文乐胡同14号楼"


def _projects(db: str) -> dict[str, int]:
    from kiosk.db import connection
    from kiosk.domain import estates, funding

    connection.connect(db)
    try:
        estate = next(e for e in estates.list_estates() if e.name == ESTATE)
        return {p.title: p.id for p in funding.list_projects(estate.id)}
    finally:
        connection.close()


def test_create_a_project_with_its_planned_sources(demo_path):
    out = run_kiosk("--db", demo_path, "project", "create", "--estate", ESTATE, "--title", "楼道照明改造",
                    "--target", "18,000", "--plan", "owners=6000", "--plan", "government＝12000.50")
    assert out.returncode == 0, out.stderr
    new_id = int(out.stdout.strip().splitlines()[-1])
    assert "楼道照明改造" in out.stdout and "¥18,000" in out.stdout and "筹备中" in out.stdout
    assert _projects(demo_path)["楼道照明改造"] == new_id

    from kiosk.db import connection
    from kiosk.domain import funding

    connection.connect(demo_path)
    try:
        (snap,) = funding.snapshots([new_id]).values()
        planned = {s.key: s.planned_fen for s in snap.sources if s.planned_fen}
    finally:
        connection.close()
    assert snap.target_fen == 1_800_000 and planned == {"owners": 600_000, "government": 1_200_050}
    listed = run_kiosk("--db", demo_path, "project", "list", "--estate", ESTATE).stdout
    assert "楼道照明改造" in listed


def test_mistakes_are_one_line_and_write_nothing(demo_path):
    before = _projects(demo_path)
    for args, needle in ((["--target", "1百"], "--target"), (["--target", "100", "--plan", "owner=1"], "--plan"),
                         (["--target", "100", "--plan", "owners"], "owners=1200"),
                         (["--target", "100", "--status", "done"], "done")):
        out = run_kiosk("--db", demo_path, "project", "create", "--estate", ESTATE, "--title", "x", *args)
        assert out.returncode == 2 and needle in out.stderr, (args, out.stderr)
        assert len(out.stderr.strip().splitlines()) == 1 and "Traceback" not in out.stderr
    out = run_kiosk("--db", demo_path, "project", "create", "--estate", "没有这个小区", "--title", "x", "--target", "100")
    assert out.returncode != 0 and "没有这个小区" in out.stderr and len(out.stderr.strip().splitlines()) == 1
    assert _projects(demo_path) == before


def test_help_and_readme_name_it():
    out = run_kiosk("project", "create", "--help")
    assert out.returncode == 0 and "--plan 来源=元" in out.stdout and "--target 元" in out.stdout, out.stdout
    assert "project create --estate NAME --title T --target YUAN" in README.read_text(encoding="utf-8")
