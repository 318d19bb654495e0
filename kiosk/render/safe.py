"""Text that people typed is data, never markup or terminal control.

`inert()` makes a string safe to draw: control characters (ESC, BEL, CSI, DEL …) become visible
control pictures (␛), and invisible format characters that reorder or hide text (bidi overrides,
zero-width characters) become a visible ⟨U+202E⟩ tag. Draw the result with `Text(...)` /
`Content(...)` / `markup=False`, never as markup.
"""

from __future__ import annotations

import unicodedata

# Invisible characters that can reorder, hide or disguise text: every format character (Cf:
# bidi embeddings/overrides/isolates, zero-width spaces and joiners, the soft hyphen, tag
# characters U+E0000…), the line and paragraph separators, and the Hangul fillers that draw as
# blanks. Each is shown as a visible ⟨U+XXXX⟩ tag.
_INVISIBLE_CATEGORIES = ("Cf", "Zl", "Zp")
_BLANK_LETTERS = {0x115F, 0x1160, 0x3164, 0xFFA0}


def _invisible(ch: str) -> bool:
    return unicodedata.category(ch) in _INVISIBLE_CATEGORIES or ord(ch) in _BLANK_LETTERS


def _picture(ch: str) -> str:
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"⟨U+{code:04X}⟩"


def inert(text: object, *, keep_newlines: bool = True) -> str:
    s = "" if text is None else str(text)
    out = []
    for ch in s:
        if ch == "\n" and keep_newlines:
            out.append(ch)
        elif ch == "\t":
            out.append("    ")
        elif _invisible(ch):
            out.append(f"⟨U+{ord(ch):04X}⟩")
        elif unicodedata.category(ch) in ("Cc", "Cs") or 0x80 <= ord(ch) <= 0x9F:
            out.append(_picture(ch))
        else:
            out.append(ch)
    return "".join(out)


def one_line(text: object, limit: int | None = None) -> str:
    """Inert and on one line (newlines shown as spaces), optionally cut to `limit` characters."""
    s = inert(text, keep_newlines=False)
    if limit is not None and len(s) > limit:
        s = s[: max(0, limit - 1)] + "…"
    return s


def markdown_source(text: object) -> str:
    """Markdown bodies keep their Markdown, but lose control characters and raw HTML's power:
    NoticeMarkdown (kiosk.render.markdown) shows links as text, so they open nothing on the host."""
    return inert(text)
