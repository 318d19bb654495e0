"""docs/ssh.md lists the console's menu as the console shows it: the table between its menu
markers has one row per section of SECTIONS, in order, with its key and name, and every
"menu X" or "section X" the guide mentions is a key of the menu, named as the menu names it."""

from __future__ import annotations

import re
from pathlib import Path

from kiosk.screens.admin.dashboard import SECTIONS

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "ssh.md"
ROW = re.compile(r"^\| `(\w)` \| ([^|]+?) \| [^|]+ \|$")


def menu_rows(text: str) -> list[tuple[str, str]]:
    start, end = text.index("<!-- menu -->"), text.index("<!-- /menu -->")
    return [m.groups() for line in text[start:end].splitlines() if (m := ROW.match(line.strip()))]


def test_the_guides_menu_table_is_the_consoles_menu():
    assert menu_rows(GUIDE.read_text(encoding="utf-8")) == [(s.key, s.label) for s in SECTIONS]


def test_every_menu_key_the_guide_mentions_is_the_consoles():
    labels = {s.key.lower(): s.label for s in SECTIONS}
    mentions = re.findall(r'(?:menu|section) (\w)\b(?:, "([^"]+)")?', GUIDE.read_text(encoding="utf-8"))
    assert mentions
    for key, label in mentions:
        assert key.lower() in labels, key
        assert label in ("", labels[key.lower()]), (key, label)
