"""Cut text to a number of terminal cells. A cut shows as "..." and not as "…": the one-cell
ellipsis is ambiguous-width and misaligns on terminals set to treat such characters as wide."""

from __future__ import annotations

from rich.text import Text

MARK = "..."


def fit(text: Text, width: int) -> Text:
    if width <= 0:
        return Text("")
    if text.cell_len <= width:
        return text
    cut = text.copy()
    cut.truncate(max(0, width - len(MARK)), overflow="crop")
    cut.append(MARK[: width], style="dim")
    return cut
