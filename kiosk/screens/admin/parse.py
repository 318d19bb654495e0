"""What staff type into form fields -> values for the domain. Errors are ValidationErrors that
name the field, so the form can point at it. Full-width digits (from a Chinese IME) are accepted."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from kiosk.domain.errors import ValidationError
from kiosk.domain.money import parse_yuan
from kiosk.i18n import _


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").strip()


def amount(text: str, field: str, *, required: bool = True) -> int:
    """Yuan as typed -> fen. An empty optional field is 0."""
    if not _norm(text) and not required:
        return 0
    try:
        return parse_yuan(text)
    except ValidationError as exc:
        raise ValidationError(str(exc), field) from None


def day(text: str, field: str, *, required: bool = True) -> dt.date | None:
    s = _norm(text).replace("/", "-").replace(".", "-")
    if not s:
        if required:
            raise ValidationError(_("This field is required."), field)
        return None
    try:
        return dt.date.fromisoformat(_pad(s))
    except ValueError:
        raise ValidationError(_("Not a date like 2026-03-10: {value}").format(value=text), field) from None


def when(text: str, field: str, *, required: bool = True) -> dt.datetime | None:
    """`2026-03-10 14:30`, `2026-3-10 9:00`, or a date alone (midnight)."""
    s = _norm(text).replace("/", "-").replace("T", " ")
    if not s:
        if required:
            raise ValidationError(_("This field is required."), field)
        return None
    m = re.fullmatch(r"(\d{4}-\d{1,2}-\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?", s)
    try:
        if not m:
            raise ValueError
        d = dt.date.fromisoformat(_pad(m[1]))
        return dt.datetime(d.year, d.month, d.day, int(m[2] or 0), int(m[3] or 0))
    except ValueError:
        raise ValidationError(_("Not a date and time like 2026-03-10 14:30: {value}").format(value=text), field) from None


def whole(text: str, field: str, *, low: int, high: int) -> int:
    s = _norm(text)
    if not re.fullmatch(r"\d+", s):
        raise ValidationError(_("Not a whole number: {value}").format(value=text), field)
    n = int(s)
    if not (low <= n <= high):
        raise ValidationError(_("Must be from {low} to {high}.").format(low=low, high=high), field)
    return n


def _pad(s: str) -> str:
    y, mth, d = s.split("-") if s.count("-") == 2 else (s, "", "")
    return f"{y}-{mth.zfill(2)}-{d.zfill(2)}"


def show_when(value: dt.datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def show_day(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def show_amount(fen: int) -> str:
    """Fen -> yuan as typed into a field: 90000, 1234.5 (no ¥, no separators)."""
    whole_yuan, cents = divmod(int(fen), 100)
    if not cents:
        return str(whole_yuan)
    return f"{whole_yuan}.{cents:02d}".rstrip("0")
