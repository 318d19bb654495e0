"""Markdown typed by staff (notice bodies) as one Rich renderable: control characters made
visible, raw HTML powerless, links shown as text and never opened. Used by the lobby's notice
screen and the display's slides alike; one renderable rather than a widget per block, so a
notice opens in one frame."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.markdown import ListItem, Markdown
from rich.segment import Segment

from kiosk.i18n import language
from kiosk.render.safe import markdown_source


class _Bullet(ListItem):
    """List items with a bullet that is one width everywhere (Rich's '•' is ambiguous-width)."""

    def render_bullet(self, console: Console, options: ConsoleOptions) -> RenderResult:
        render_options = options.update(width=options.max_width - 3)
        lines = console.render_lines(self.elements, render_options, style=self.style)
        bullet = Segment(" ・" if language() == "zh" else " - ", console.get_style("markdown.item.bullet", default="none"))
        padding = Segment("   ")
        for i, line in enumerate(lines):
            yield bullet if i == 0 else padding
            yield from line
            yield Segment.line()


class NoticeMarkdown(Markdown):
    elements = {**Markdown.elements, "list_item_open": _Bullet}

    def __init__(self, source: str, style: str = "none") -> None:
        super().__init__(markdown_source(source), hyperlinks=False, style=style)
