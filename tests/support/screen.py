"""What the terminal shows, read from the compositor's cells."""

from __future__ import annotations

import re


def screen_lines(app) -> list[str]:
    """The characters on the terminal right now (the active screen, with any dialog), one string per row."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def screen_text(app) -> str:
    return "\n".join(screen_lines(app))


def flat(app) -> str:
    """The screen's words with line breaks and box borders folded into single spaces, so that a
    message wrapped over two lines still reads as one."""
    return re.sub(r"[\s│╭╮╰╯─▔▁▏▕]+", " ", screen_text(app))
