"""Line breaks for Chinese (and English) text: a line never starts with closing punctuation
("。", "，", "）" …) nor ends with opening punctuation ("（", "“" …), the way Chinese is typeset
(避头尾). A terminal's own wrapping folds Chinese wherever the width ends, so a lone "。" could
take a line of its own.

Breaks are allowed after a space and between two Chinese characters; a no-break space (U+00A0)
keeps its neighbours together (a colour swatch and its label). `Wrapped` is the renderable that
wraps at the width it is given.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

# May not start a line.
CLOSING = frozenset("，。、；：！？）］｝〕〉》」』】〗〙〛’”…—～·%％,.;:!?)]}")
# May not end a line.
OPENING = frozenset("（［｛〔〈《「『【〖〘〚‘“([{")
NO_BREAK = "\u00a0"
SPACES = frozenset(" \u3000")


def _wide(ch: str) -> bool:
    return cell_len(ch) == 2


def _may_break(before: str, after: str, cjk_breaks: bool) -> bool:
    """May a line end after `before` and the next start with `after`?"""
    if NO_BREAK in (before, after) or after in CLOSING or before in OPENING or after in SPACES:
        return False
    if before in SPACES:
        return True
    return cjk_breaks and (_wide(before) or _wide(after))


def break_offsets(plain: str, width: int, *, cjk_breaks: bool = True) -> list[tuple[int, int]]:
    """(start, end) of each line of one paragraph, spaces at a break left out."""
    lines: list[tuple[int, int]] = []
    start, n = 0, len(plain)
    while start < n:
        used, end, last_break = 0, start, None
        while end < n and used + cell_len(plain[end]) <= width:
            if end > start and _may_break(plain[end - 1], plain[end], cjk_breaks):
                last_break = end
            used += cell_len(plain[end])
            end += 1
        if end >= n:
            lines.append((start, n))
            break
        if _may_break(plain[end - 1], plain[end], cjk_breaks) or plain[end] in SPACES:
            cut = end  # the next character starts a line well
        elif last_break is not None:
            cut = last_break
        else:
            # Nowhere allowed (a word longer than the line): fold, still not before a "。".
            cut = end - 1 if plain[end] in CLOSING and end - 1 > start else max(end, start + 1)
        stop = cut
        while stop > start and plain[stop - 1] in SPACES:
            stop -= 1
        lines.append((start, stop))
        start = cut
        while start < n and plain[start] in SPACES:
            start += 1
    return lines or [(0, 0)]


def wrap(text: Text | str, width: int, *, cjk_breaks: bool = True) -> list[Text]:
    """The lines of `text` at `width` cells, styles kept; "\\n" starts a new paragraph."""
    if isinstance(text, str):
        text = Text(text)
    width = max(1, width)
    lines: list[Text] = []
    for paragraph in text.split("\n", allow_blank=True):
        plain = paragraph.plain
        for start, end in break_offsets(plain, width, cjk_breaks=cjk_breaks):
            line = paragraph[start:end]
            line.plain = line.plain.replace(NO_BREAK, " ")
            lines.append(line)
    return lines


class Wrapped:
    """A renderable: `text` wrapped by `wrap` at the width it is drawn in."""

    def __init__(self, text: Text | str, *, cjk_breaks: bool = True) -> None:
        self.text = Text(text) if isinstance(text, str) else text
        self.cjk_breaks = cjk_breaks

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lines = wrap(self.text, options.max_width, cjk_breaks=self.cjk_breaks)
        joined = Text("\n", no_wrap=True, overflow="crop").join(lines)
        joined.no_wrap, joined.overflow = True, "crop"
        yield joined

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        longest = max((line.cell_len for line in self.text.split("\n")), default=0)
        return Measurement(1, min(options.max_width, longest))
