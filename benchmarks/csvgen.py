"""The contributions CSV a treasurer would import: the documented columns, UTF-8 with a BOM (as
Excel saves it), amounts written the ways people write them, a fresh receipt number on every row."""

from __future__ import annotations

import datetime as dt
import random

from kiosk import clock

HEADER = "project_id,source,amount,contributor,status,date,receipt_no\n"
ORGS = ("平谷区老旧小区综合整治专项", "滨河街道办事处", "京平建设工程有限公司", "建西社区居委会", "盈谷物业服务中心")


def write(path: str, project_ids: list[int], rows: int, *, seed: int = 7, tag: str = "IMP") -> int:
    """Write `rows` rows spread over `project_ids`. Returns the total in fen."""
    rng = random.Random(seed)
    today = clock.today()
    total = 0
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        fh.write(HEADER)
        for i in range(rows):
            pid = project_ids[rng.randrange(len(project_ids))]
            if rng.random() < 0.7:
                source, who = "owners", f"{rng.randrange(1, 40)}号楼{rng.randrange(1, 4)}单元住户"
                yuan, cents = rng.randrange(100, 3000), rng.choice((0, 0, 0, 50))
            else:
                source = rng.choice(("government", "subdistrict", "units", "community", "property"))
                who, yuan, cents = rng.choice(ORGS), rng.randrange(1_000, 500_000), 0
            total += yuan * 100 + cents
            amount = f"{yuan}.{cents:02d}" if cents else (f'"{yuan:,}"' if yuan >= 1000 and i % 3 == 0 else str(yuan))
            status = "received" if rng.random() < 0.8 else "pledged"
            on = (today - dt.timedelta(days=rng.randrange(0, 365))).isoformat()
            fh.write(f"{pid},{source},{amount},{who},{status},{on},{tag}-{i + 1:07d}\n")
    return total
