"""One masking function for everything public that people wrote: staff's public notes on a report
and the summaries they publish. Phone numbers, ID numbers and room numbers become stars.

It errs on the side of hiding: any run of 7 or more digits (spaces and dashes inside allowed) is a
phone, an ID or a card number unless it is a date or a report ticket; a mobile keeps its first 3
and last 4 digits (138****8000), the way residents know from parcels; everything else loses every
digit. Rooms are 3–4 digits that read as a room: 502室, 502号, 3-502, 5-2-502, 2单元502, 住502,
房号：502, Room 502. Full-width digits and spaces count the same as ASCII ones, and dots, slashes and
underscores inside a number as spaces (138.0013.8000); a phone read out in Chinese numerals
(一三八零零一三八零零零) is hidden too. The text around a number is left as it is (full-width
punctuation included).
"""

from __future__ import annotations

import re
import unicodedata

from kiosk.domain import tickets

STAR = "*"
# Spaces (full-width too), dashes, dots, slashes and underscores inside a number.
_SEP = r"[ \t\u00a0\u3000\-\u2010-\u2015\uff0d._/\uff0e\uff0f\u00b7]"
# Digits as Chinese numerals, the way a phone number is read out (幺 for 1, 两 for 2).
_HANZI_DIGIT = "零〇一二三四五六七八九幺两"
_DASH = r"[\-\u2010-\u2015\uff0d]"
_X = r"[Xx\u00d7\uff38\uff58]"  # the check character of an 18-digit ID

_PATTERN = re.compile(
    # A date is not a phone number: 2026-12-01, 2026年12月1日, 2026/12/01.
    rf"(?P<date>(?<!\d)(?:19|20)\d\d(?:{_DASH}|[/.年])\d{{1,2}}(?:{_DASH}|[/.月])\d{{1,2}}日?(?!\d))"
    # Long numbers: phones (with area code), ID numbers, cards.
    rf"|(?P<long>(?<!\d)\d(?:{_SEP}{{0,2}}\d){{6,}}(?:{_SEP}{{0,2}}{_X})?(?!\d))"
    # 3-502, 5-2-502: building(-unit)-room.
    rf"|(?P<dash_lead>(?<![\d\-\uff0d])\d{{1,2}}(?:\s*{_DASH}\s*\d{{1,2}})?\s*{_DASH}\s*)(?P<dash_room>\d{{3,4}})(?![\d\-\uff0d])"
    # 2单元502, 5号楼302, 住502, 房间502.
    # (and after a colon: 房号：502), and in English: Room 502, Flat 1502, Apt. 502.
    r"|(?P<pre>单元|号楼|楼|家住|住在|住|房间号|房间|房号|门牌号|门牌|室号|(?i:room|rm|flat|apt|apartment|suite)\.?)"
    r"(?P<pre_gap>\s*[:：]?\s*)(?P<pre_room>\d{3,4})(?![\d元米年月日%％万块])"
    # 502室, 502号 (not 12号楼 / 107号院), 502房. Not 户: "120户" counts households.
    r"|(?<!\d)(?P<suf_room>\d{3,4})(?P<suf>\s*(?:室|号房|房间?|[号號](?![楼樓院线門门路街巷])))"
    # 一三八 零零一三 八零零零: seven or more Chinese numerals in a row.
    rf"|(?P<hanzi>[{_HANZI_DIGIT}](?:{_SEP}{{0,2}}[{_HANZI_DIGIT}]){{6,}})"
)


def _digits(text: str) -> str:
    """The digits of `text` in ASCII (full-width ５ -> 5), nothing else."""
    return "".join(unicodedata.normalize("NFKC", ch) for ch in text if ch.isdecimal())


def _stars(text: str) -> str:
    return STAR * sum(1 for ch in text if ch.isdecimal())


def _long(number: str) -> str:
    digits = _digits(number)
    if len(digits) == tickets.LENGTH and tickets.looks_like_ticket(digits):
        return number  # a ticket quoted in a note ("merged into 123 456 786") stays readable
    if len(digits) == 11 and digits[0] == "1":
        return digits[:3] + STAR * 4 + digits[-4:]
    return STAR * (len(digits) + (1 if re.search(_X + "$", number) else 0))


def _replace(m: re.Match) -> str:
    if m.group("date"):
        return m.group("date")
    if m.group("long"):
        return _long(m.group("long"))
    if m.group("dash_room"):
        return m.group("dash_lead") + _stars(m.group("dash_room"))
    if m.group("hanzi"):
        return STAR * sum(1 for ch in m.group("hanzi") if ch in _HANZI_DIGIT)
    if m.group("pre_room"):
        return m.group("pre") + m.group("pre_gap") + _stars(m.group("pre_room"))
    return _stars(m.group("suf_room")) + m.group("suf")


def mask(text: str) -> str:
    """`text` with phone, ID and room numbers masked; safe to run twice."""
    return _PATTERN.sub(_replace, text or "")
