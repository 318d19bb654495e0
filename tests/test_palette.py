"""Colours are defined once, in kiosk/render/palette.py: no other module nor style sheet spells a
hex colour, and the domain holds none (its source keys and labels only)."""

from __future__ import annotations

import re

from kiosk_process import ROOT

from kiosk.domain import sources
from kiosk.render import palette

HEX = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b")


def test_no_hex_colour_outside_the_palette():
    files = [p for p in (ROOT / "kiosk").rglob("*.py") if p.name != "palette.py" or p.parent.name != "render"]
    files += list((ROOT / "styles").glob("*.tcss"))
    found = [f"{p.relative_to(ROOT)}:{n}: {line.strip()}" for p in files
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if HEX.search(line)]
    assert not found, "\n".join(found)


def test_every_source_has_its_colours():
    assert set(palette.SOURCE_COLOURS) == set(palette.SOURCE_COLOURS_16) == set(sources.SOURCES)
    assert not any(name.startswith("COLOUR") for name in vars(sources))
