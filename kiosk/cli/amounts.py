"""Amounts as staff type them on the command line (1200, 1,200.50, ¥1200元): one parser for every
command, and a refused one said in one line that names the flag it came from."""

from __future__ import annotations

from kiosk.cli import common
from kiosk.cli.parser import EXIT_USAGE


def yuan(text: str, flag: str) -> int:
    """Fen from yuan typed for `flag` (--amount, --target, or the name of a positional)."""
    from kiosk.domain.errors import ValidationError
    from kiosk.domain.money import parse_yuan

    try:
        return parse_yuan(text)
    except ValidationError as exc:
        raise common.CliError(f"{flag}: {exc}", EXIT_USAGE) from None
