"""Draw the pictures of the printed documents in docs/paper/ (needs poppler-utils' pdftoppm):
each document built over the fixed-day demo that the tests use, its first page at a modest
resolution.

    python tools/paper_pictures.py
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from kiosk import clock, i18n  # noqa: E402
from kiosk.config import Settings  # noqa: E402
from kiosk.db import connection  # noqa: E402
from kiosk.domain import estates, household_codes, payments, plans, votes  # noqa: E402
from kiosk.paper import ballots, funding, poster, slips, statements, vote_result  # noqa: E402
from support.fixed_demo import build_fixed_demo  # noqa: E402

FIXED = dt.datetime(2026, 11, 25, 10, 0, 0)
DPI = "50"
OUT = ROOT / "docs" / "paper"


def a_payment() -> None:
    """One approved payment, so the funding sheet shows money out and the balance."""
    p = payments.enter("fang", 1, "北京盈固防水工程有限公司", "楼顶防水第一期工程款", "FK-2026-031", 12_000_000,
                       clock.today(), {"government": 9_000_000, "owners": 3_000_000})
    payments.approve("admin", p.id)


def documents(settings: Settings) -> dict[str, bytes]:
    estate = estates.list_estates()[0]
    closed = next(p for p in votes.list_polls() if p.closed_at is not None)
    ongoing = next(p for p in votes.list_polls() if p.closed_at is None)
    clock.freeze(ongoing.opens_at + dt.timedelta(hours=1))
    out = {
        "funding": funding.build(1, settings),
        "funding-estate": funding.build_estate(estate.id, settings),
        "vote-result": vote_result.build(closed.id, settings),
    }
    votes.issue_codes("cli:pictures", ongoing.id, reissue=True, deliver=lambda s: out.update(
        ballot=ballots.build(ongoing, s, settings), **{"vote-slips": slips.vote_codes(ongoing, s, settings)}))
    household_codes.issue("cli:pictures", estate.id, reissue=True, deliver=lambda s: out.update(
        **{"household-codes": slips.household_codes_pdf(estate.name, s, settings)}))
    plan = plans.list_plans()[0]
    upper = next(s for s in plans.shares(plan.id) if s.floor > plan.rule.low_floors)
    out["statement"] = statements.build(plan.id, settings, household_id=upper.household_id)
    out["poster"] = poster.build(1, settings)
    return out


def main() -> int:
    i18n.set_language("zh")
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = build_fixed_demo(str(Path(tmp) / "demo.db"), FIXED)
        connection.connect(db)
        clock.freeze(FIXED + dt.timedelta(minutes=5))
        a_payment()
        for name, pdf in documents(Settings(public_url="https://gongshi.yinggu.example")).items():
            src = Path(tmp) / f"{name}.pdf"
            src.write_bytes(pdf)
            subprocess.run(["pdftoppm", "-r", DPI, "-png", "-singlefile", "-f", "1", "-l", "1", str(src), str(OUT / name)], check=True)
            print(f"docs/paper/{name}.png")
        connection.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
