"""Money is integer fen. Parsing what people type, and formatting for people to read."""

from __future__ import annotations

import re
import unicodedata

from kiosk.domain.errors import ValidationError
from kiosk.i18n import _, language

MAX_FEN = 10**15  # ten trillion yuan: beyond any estate, well inside 64 bits

_AMOUNT = re.compile(r"^(?P<int>[0-9]+)(?:\.(?P<frac>[0-9]{1,2}))?$", re.ASCII)


def parse_yuan(text: str) -> int:
    """'1,234.5' -> 123450 fen. Accepts full-width digits (１２３) as typed by Chinese IMEs,
    thousands separators, a leading ¥/￥ and a trailing 元. Refuses negatives, zero, exponents,
    more than two decimals and anything else, with a message that says which.
    """
    raw = text
    m = _AMOUNT.match(text) if isinstance(text, str) else None
    if m and m.end() == len(text):  # plain ASCII "1234.5": what most files hold, 3x faster
        return _checked(int(m["int"]) * 100 + int((m["frac"] or "0").ljust(2, "0")), raw)
    s = unicodedata.normalize("NFKC", str(text)).strip()
    s = s.replace(",", "").replace("，", "").replace(" ", "")
    if s.startswith(("¥", "￥")):
        s = s[1:]
    if s.endswith("元"):
        s = s[:-1]
    if not s:
        raise ValidationError(_("Amount is empty."), "amount")
    if s.startswith("-") or s.startswith("−"):
        raise ValidationError(_("Amount must be positive: {value}").format(value=raw), "amount")
    if s.startswith("+"):
        s = s[1:]
    m = _AMOUNT.match(s)
    if not m:
        if re.fullmatch(r"[0-9]+\.[0-9]{3,}", s):
            raise ValidationError(_("At most two decimals (fen): {value}").format(value=raw), "amount")
        raise ValidationError(_("Not an amount in yuan: {value}").format(value=raw), "amount")
    return _checked(int(m["int"]) * 100 + int((m["frac"] or "0").ljust(2, "0")), raw)


def _checked(fen: int, raw) -> int:
    if fen <= 0:
        raise ValidationError(_("Amount must be positive: {value}").format(value=raw), "amount")
    if fen > MAX_FEN:
        raise ValidationError(_("Amount is too large: {value}").format(value=raw), "amount")
    return fen


def yuan(fen: int) -> str:
    """Exact: ¥487,612.34 (¥500,000 when whole)."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(int(fen)), 100)
    text = f"{whole:,}" if not cents else f"{whole:,}.{cents:02d}"
    return f"{sign}¥{text}"


def yuan_short(fen: int) -> str:
    """Big figure for people: ¥48.76万 in Chinese, ¥487.6K in English; exact below 10,000 yuan."""
    fen = int(fen)
    if abs(fen) < 1_000_000:
        return yuan(fen)
    if language() == "zh":
        if abs(fen) >= 10_000_000_000:  # 1亿
            return f"¥{_trim(fen / 10_000_000_000)}亿"
        return f"¥{_trim(fen / 1_000_000)}万"
    if abs(fen) >= 100_000_000:
        return f"¥{_trim(fen / 100_000_000)}M"
    return f"¥{_trim(fen / 100_000)}K"


def _trim(x: float) -> str:
    return f"{x:,.2f}".rstrip("0").rstrip(".")


def percent(part: int, whole: int) -> float:
    """Percentage to one decimal; 0 when the whole is 0."""
    if whole <= 0:
        return 0.0
    return round(part * 100.0 / whole, 1)


def parse_area(text: str) -> int:
    """'86.5' m² -> 8650 hundredths of m²; at most two decimals, positive."""
    s = unicodedata.normalize("NFKC", str(text)).strip().replace("㎡", "").replace("m²", "").replace("m2", "")
    m = _AMOUNT.match(s)
    if not m:
        raise ValidationError(_("Not a floor area in m² (up to two decimals): {value}").format(value=text), "area_m2")
    value = int(m["int"]) * 100 + int((m["frac"] or "0").ljust(2, "0"))
    if value <= 0 or value > 10_000_00:
        raise ValidationError(_("Floor area out of range: {value}").format(value=text), "area_m2")
    return value


def area_text(cm2: int) -> str:
    whole, frac = divmod(int(cm2), 100)
    return f"{whole}.{frac:02d}"
