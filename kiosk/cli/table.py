"""Lists for people and for scripts: a header and aligned columns (a Chinese character takes two
cells of the terminal), or with --json one JSON array of objects, the same keys in any language."""

from __future__ import annotations

import json
import sys
from typing import Any, Sequence

GAP = "  "


def add_json_flag(q) -> None:
    from kiosk.i18n import _

    q.add_argument("--json", action="store_true", help=_("print a JSON array (for scripts)"))


def text(value: Any) -> str:
    """A cell as people read it: no Python quotes or None, and no escape sequences."""
    from kiosk.render.safe import inert

    if value is None:
        return "-"
    return inert(" ".join(str(value).split()))


def emit(args, columns: Sequence[tuple[str, str]], rows: Sequence[dict[str, Any]], out=None) -> None:
    """`columns`: (key, translated heading). Rows hold plain values under those keys (and may
    hold more for --json: a status key beside its label)."""
    out = out or sys.stdout
    if getattr(args, "json", False):
        json.dump(list(rows), out, ensure_ascii=False, indent=2, default=str)
        out.write("\n")
        return
    print_table([h for _k, h in columns], [[r.get(k) for k, _h in columns] for r in rows], out)


def print_table(headings: Sequence[str], rows: Sequence[Sequence[Any]], out=None) -> None:
    from rich.cells import cell_len

    out = out or sys.stdout
    cells = [[text(h) for h in headings]] + [[text(v) for v in row] for row in rows]
    widths = [max(cell_len(r[i]) for r in cells) for i in range(len(headings))]
    for row in cells:
        padded = [c + " " * (w - cell_len(c)) for c, w in zip(row, widths)]
        out.write(GAP.join(padded).rstrip() + "\n")
