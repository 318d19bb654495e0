"""Cell parsers that several schemas share. Each takes a cell's stripped text and returns the
value, or raises `Problem` with one line that says what is wrong."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Callable

from kiosk.domain.errors import DomainError
from kiosk.domain.imports.problems import Problem
from kiosk.domain.money import half_width
from kiosk.i18n import _

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DIGITS = re.compile(r"[0-9]{1,9}", re.ASCII)
# Unicode category Cc is exactly these code points; a regex scans a field far faster than a loop.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def date(text: str) -> dt.date:
    """2026-11-25, 2026/11/25, 2026.11.25, 20261125, full-width digits too."""
    if _ISO_DATE.fullmatch(text):  # the common case, a tenth of the cost of strptime
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    s = unicodedata.normalize("NFKC", text).strip().replace("/", "-").replace(".", "-")
    for fmt in ("%Y-%m-%d", "%Y%m%d"):
        try:
            return dt.datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    raise Problem(_("bad date {value!r} (use 2026-11-25)").format(value=text))


def whole_number(text: str, *, signed: bool = False) -> int:
    """'12' or full-width '１２' -> 12 (and '-1' when signed); anything else (٣, ①, 1.0) raises
    ValueError, as amounts refuse them. The caller words the problem."""
    if text.isascii() and text.isdigit() and len(text) <= 9:  # plain digits: what nearly every row holds
        return int(text)
    s = half_width(text)
    sign = 1
    if signed and s.startswith("-"):
        sign, s = -1, s[1:]
    if not _DIGITS.fullmatch(s):
        raise ValueError(text)
    return sign * int(s)


def line_of_text(name: str, limit: int, *, required: bool = True) -> Callable[[str], str]:
    """A single line of at most `limit` characters; empty is a problem when required."""

    def parse(text: str) -> str:
        if len(text) > limit:
            raise Problem(_("{name} is longer than {limit} characters").format(name=name, limit=limit))
        if _CONTROL.search(text):
            raise Problem(_("{name} contains control characters").format(name=name))
        if required and not text:
            raise Problem(_("{name} is empty").format(name=name))
        return text

    def column(texts: tuple[str, ...]) -> list[str]:
        # All of a column's cells in three C-level scans; a refusal here is never shown: the
        # driver then parses the rows one by one, and `parse` words each cell's problem.
        if texts and (max(map(len, texts)) > limit or _CONTROL.search("".join(texts)) or (required and not all(texts))):
            raise Problem(name)
        return list(texts)

    parse.column = column
    return parse


def or_none(parse: Callable[[str], str]) -> Callable[[str], str | None]:
    """The same parser, with an empty cell read as None (and its whole-column check, if any)."""

    def maybe(text: str) -> str | None:
        return parse(text) or None

    whole = getattr(parse, "column", None)
    if whole is not None:
        maybe.column = lambda texts: [text or None for text in whole(texts)]
    return maybe


def nfkc(text: str) -> str:
    """Full-width letters and digits as people type them in Chinese spreadsheets, made plain."""
    return unicodedata.normalize("NFKC", text).strip()


def domain(parse: Callable[[str], object]) -> Callable[[str], object]:
    """A domain validator (money, areas, phone numbers) as a cell parser: its refusal becomes
    the cell's problem."""

    def cell(text: str) -> object:
        try:
            return parse(text)
        except DomainError as exc:
            raise Problem(str(exc)) from None

    return cell
