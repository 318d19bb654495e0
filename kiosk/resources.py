"""Files shipped inside the package: styles (from the repository's styles/), catalogs, demo data."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def styles_dir() -> Path:
    """Installed wheels carry styles/ as kiosk/styles; a source checkout has it beside kiosk/."""
    inside = _PACKAGE / "styles"
    if inside.is_dir():
        return inside
    return _PACKAGE.parent / "styles"


def style(name: str) -> Path:
    return styles_dir() / name
