"""A household's place as residents write it: 5号楼1单元 (no space between Chinese parts), with
the floor after it (5号楼1单元3层). One helper for every screen that shows where someone lives or
where a problem is: never a room number."""

from __future__ import annotations

from rich.cells import cell_len

from kiosk.i18n import _, language
from kiosk.render.safe import one_line


def _join(left: str, right: str) -> str:
    if not left or not right:
        return left + right
    # Latin parts ("Block A", "Unit 2") keep a space between them; Chinese ones none.
    narrow = cell_len(left[-1]) == 1 and cell_len(right[0]) == 1
    return left + (" " if narrow else "") + right


def address(building: str, unit: str = "", floor: int | None = None) -> str:
    """5号楼1单元 / 5号楼1单元3层 (English: 5号楼1单元, floor 3)."""
    text = _join(one_line(building).strip(), one_line(unit).strip())
    if floor is not None and text:
        floor_text = _("floor {n}").format(n=floor)
        text = _join(text, floor_text) if language() == "zh" else f"{text}, {floor_text}"
    return text
