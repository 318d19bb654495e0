"""Amounts as staff type them on the command line (1200, 1,200.50, ¥1200元): one parser for every
command, and a refused one said in one line that names the flag it came from."""

from __future__ import annotations

from kiosk.cli import common
from kiosk.cli.parser import EXIT_USAGE
from kiosk.i18n import _


def yuan(text: str, flag: str) -> int:
    """Fen from yuan typed for `flag` (--amount, --target, or the name of a positional)."""
    from kiosk.domain.errors import ValidationError
    from kiosk.domain.money import parse_yuan

    try:
        return parse_yuan(text)
    except ValidationError as exc:
        raise common.CliError(f"{flag}: {exc}", EXIT_USAGE) from None


def by_source(values: list[str], flag: str, whole_fen: int | None = None) -> dict[str, int]:
    """SOURCE=YUAN pairs typed for `flag` (--source owners=1200 --source government=800), in fen by
    source; with `whole_fen`, one source typed alone takes the whole amount."""
    from kiosk.domain.sources import SOURCES

    parts = [v.replace("＝", "=").partition("=") for v in values]
    if whole_fen is not None and len(parts) == 1 and not parts[0][1]:
        parts = [(parts[0][0], "=", None)]
    shares: dict[str, int] = {}
    for key, sep, amount in parts:
        key = key.strip()
        if not sep or key not in SOURCES:
            raise common.CliError(_("{flag} is a source and its amount, like owners=1200 (sources: {keys}).").format(
                flag=flag, keys=", ".join(SOURCES)), EXIT_USAGE)
        shares[key] = shares.get(key, 0) + (whole_fen if amount is None else yuan(amount, flag))
    return shares
