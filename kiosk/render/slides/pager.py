"""Cut any slide into screen-sized pages: render it once into lines at the stage's width, then
slice. A page is a plain list of lines, so showing it again costs nothing."""

from __future__ import annotations

import io

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.segment import Segment


class Page:
    """Pre-rendered lines, drawn as they are."""

    def __init__(self, lines: list[list[Segment]]) -> None:
        self.lines = lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in self.lines:
            yield from line
            yield Segment.line()

    def plain(self) -> str:
        """The text without styles (for tests and logs)."""
        return "\n".join("".join(s.text for s in line).rstrip() for line in self.lines)


def _blank(line: list[Segment]) -> bool:
    """Nothing visible: only spaces without a background (block figures are coloured spaces)."""
    return all(not s.text.strip() and not (s.style and s.style.bgcolor) for s in line)


def measuring_console(width: int) -> Console:
    return Console(width=max(1, width), file=io.StringIO(), force_terminal=True, color_system="truecolor",
                   legacy_windows=False, emoji=False, markup=False, highlight=False)


def paginate(renderable: RenderableType, width: int, height: int) -> list[Page]:
    """Pages of at most `height` lines (trailing blank lines dropped); at least one page."""
    console = measuring_console(width)
    lines = console.render_lines(renderable, console.options.update(width=max(1, width)), pad=False)
    while lines and _blank(lines[-1]):
        lines.pop()
    height = max(1, height)
    pages = [Page(lines[i:i + height]) for i in range(0, len(lines), height)]
    return pages or [Page([])]
