"""Line breaks for Chinese text (kiosk.render.wrap): no line starts with closing punctuation or
ends with opening punctuation, nothing is lost, nothing is wider than the line."""

from __future__ import annotations

import pytest
from rich.console import Console
from rich.text import Text

from kiosk.render.wrap import CLOSING, NO_BREAK, OPENING, Wrapped, wrap

SENTENCES = [
    "用手机扫码认捐，也可以打开二维码下面的网址。",
    "没有户码？请到社区办公室认捐：工作人员登记并给您收据。",
    "（注）请于12月13日前投票，逾期不计入。“一户一票”，每户只投一次！",
    "Scan the code with your phone to pledge, or open the address below it.",
    "5号楼1单元：屋顶漏雨（顶层），请尽快处理。谢谢！",
]


@pytest.mark.parametrize("text", SENTENCES)
@pytest.mark.parametrize("width", range(8, 45))  # from four Chinese characters a line
def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(text, width):
    lines = [line.plain for line in wrap(text, width)]
    for line in lines:
        assert Text(line).cell_len <= width, (width, lines)
    for line in lines[1:]:
        assert line and line[0] not in CLOSING, (width, lines)
    for line in lines[:-1]:
        assert line[-1] not in OPENING, (width, lines)
    # Nothing lost: the lines give back the text (spaces at a break aside).
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_the_lone_full_stop_of_the_pledge_screen_takes_a_character_with_it():
    # At 80x24 the note beside the QR code is 40 cells wide: "。" alone was the second line.
    lines = [line.plain for line in wrap("用手机扫码认捐，也可以打开二维码下面的网址。", 40)]
    assert lines == ["用手机扫码认捐，也可以打开二维码下面的网", "址。"]


def test_english_breaks_between_words_and_no_break_space_holds():
    assert [line.plain for line in wrap("one two three", 8)] == ["one two", "three"]
    held = wrap(f"AA{NO_BREAK}Property{NO_BREAK}co.  BB{NO_BREAK}物业搭", 16, cjk_breaks=False)
    assert [line.plain for line in held] == ["AA Property co.", "BB 物业搭"]


def test_paragraphs_and_styles_are_kept():
    text = Text("第一段")
    text.append("\n")
    text.append("红字", style="red")
    lines = wrap(text, 10)
    assert [line.plain for line in lines] == ["第一段", "红字"]
    assert lines[1].spans and lines[1].spans[0].style == "red"


def test_the_renderable_wraps_at_the_width_it_is_drawn():
    console = Console(width=12, record=True, color_system=None)
    console.print(Wrapped("用手机扫码认捐，也可以打开网址。"))
    rows = [row.rstrip() for row in console.export_text().splitlines()]
    assert rows == ["用手机扫码认", "捐，也可以打", "开网址。"]
