"""The lobby's Chinese strings use no ambiguous-width characters (“ ” … — · ① → ★ ■): they
misalign on terminals that draw such characters two cells wide."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from babel.messages.pofile import read_po

PO = Path(__file__).resolve().parents[2] / "kiosk" / "locale" / "zh_CN" / "LC_MESSAGES" / "kiosk.po"


def test_no_ambiguous_width_characters_in_lobby_translations():
    with open(PO, "rb") as fh:
        catalog = read_po(fh, locale="zh_CN")
    bad = {}
    for msg in catalog:
        if not msg.id or not any("lobby" in path or "render/" in path or "widgets/" in path for path, _line in msg.locations):
            continue
        strings = msg.string if isinstance(msg.string, tuple) else (msg.string,)
        for s in strings:
            odd = [ch for ch in s if unicodedata.east_asian_width(ch) == "A"]
            if odd:
                bad[msg.id] = odd
    assert bad == {}
