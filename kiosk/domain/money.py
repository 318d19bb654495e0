"""Money is integer fen. Parsing what people type, and formatting for people to read."""

from __future__ import annotations

import re

from kiosk.domain import numbers
from kiosk.domain.errors import ValidationError
from kiosk.i18n import _, language

MAX_FEN = 10**15  # ten trillion yuan: beyond any estate, well inside 64 bits

# Full-width forms (U+FF01–FF5E) are what Chinese input methods type: ０-９ ． ， ＋ － are the same
# characters as 0-9 . , + -. Nothing else is folded: other digit-like characters (٣, ①, ², 𝟏)
# would be guesses about what someone meant, and a wrong guess is a wrong amount.
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_NUMBER = re.compile(r"^(?P<int>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.(?P<frac>[0-9]+))?$", re.ASCII)
_DIGITS_MAX = 16  # more integer digits than MAX_FEN has in yuan: refused before any arithmetic
# What almost every line of an import holds ("1234.5", "1,234.5"): answered without the general
# path, which costs three times as much per amount.
_PLAIN = re.compile(r"(?P<int>[0-9]{1,16}|[0-9]{1,3}(?:,[0-9]{3}){1,4})(?:\.(?P<frac>[0-9]{1,2}))?", re.ASCII)


def half_width(text: object) -> str:
    """Full-width ASCII forms to ASCII (１２３ -> 123), ideographic space to space; trimmed."""
    return str(text).translate(_FULL_WIDTH).replace("\u3000", " ").strip()


def _number(s: str) -> tuple[int, str] | None:
    """'1,234.5' -> (1234, '5'); None unless it is plain digits, with commas only between groups
    of three ('1,5' is not fifteen) and at most one decimal point."""
    m = _NUMBER.match(s)
    if not m:
        return None
    whole = m["int"].replace(",", "")
    if len(whole) > _DIGITS_MAX:
        return None
    return int(whole), m["frac"] or ""


def _shown(value: object) -> str:
    """The refused input, as a message quotes it: cut short, so a pasted page stays one line."""
    s = str(value)
    return s if len(s) <= 30 else s[:27] + "..."


def parse_yuan(text: str) -> int:
    """'1,234.5' -> 123450 fen. Accepts full-width digits (１２３) as typed by Chinese IMEs,
    thousands separators, a leading ¥/￥ and a trailing 元. Refuses negatives, zero, exponents,
    more than two decimals and anything else, with a message that says which.
    """
    m = _PLAIN.fullmatch(text) if isinstance(text, str) else None
    if m:
        fen = int(m["int"].replace(",", "")) * 100 + int((m["frac"] or "0").ljust(2, "0"))
        if 0 < fen <= MAX_FEN:
            return fen
    raw = _shown(text)
    s = half_width(text).replace("，", ",")
    if s.startswith(("¥", "￥")):
        s = s[1:].lstrip()
    if s.endswith("元"):
        s = s[:-1].rstrip()
    if not s:
        raise ValidationError(_("Amount is empty."), "amount")
    if s.startswith(("-", "−")):
        raise ValidationError(_("Amount must be positive: {value}").format(value=raw), "amount")
    if s.startswith("+"):
        s = s[1:]
    parts = _number(s)
    if parts is None:
        if re.fullmatch(r"[0-9]{1,16}", s.replace(",", ""), re.ASCII) and "," in s:
            raise ValidationError(_("Put commas only between groups of three digits: {value}").format(value=raw), "amount")
        if re.fullmatch(r"[0-9]{17,}(\.[0-9]*)?", s.replace(",", ""), re.ASCII):
            raise ValidationError(_("Amount is too large: {value}").format(value=raw), "amount")
        raise ValidationError(_("Not an amount in yuan: {value}").format(value=raw), "amount")
    whole, frac = parts
    if len(frac) > 2:
        raise ValidationError(_("At most two decimals (fen): {value}").format(value=raw), "amount")
    fen = whole * 100 + int(frac.ljust(2, "0"))
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
    """Percentage to one decimal, rounded down as every figure is (numbers.percent); 0 when the
    whole is 0."""
    return float(numbers.percent(part, whole))


def parse_area(text: str) -> int:
    """'86.5' m² -> 8650 hundredths of m²; at most two decimals, positive; full-width digits as
    for amounts; a trailing ㎡, m², m2 or 平方米 is allowed."""
    s = half_width(text)
    for unit in ("平方米", "㎡", "m²", "m2", "M2"):
        if s.endswith(unit):
            s = s[: -len(unit)].rstrip()
            break
    parts = _number(s) if "," not in s else None
    if parts is None or len(parts[1]) > 2:
        raise ValidationError(_("Not a floor area in m² (up to two decimals): {value}").format(value=_shown(text)), "area_m2")
    whole, frac = parts
    value = whole * 100 + int(frac.ljust(2, "0"))
    if value <= 0 or value > 10_000_00:
        raise ValidationError(_("Floor area out of range: {value}").format(value=_shown(text)), "area_m2")
    return value


def area_text(cm2: int) -> str:
    whole, frac = divmod(int(cm2), 100)
    return f"{whole}.{frac:02d}"
