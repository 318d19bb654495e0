"""Buildings, units and rooms as people type them: "1", "01", "1单元", "一单元", "１单元"
(full-width), "1 单元" all name unit "1单元"; "3", "3号楼", "三号楼" name building "3号楼".

One parser for every place that takes a typed household (the console's forms, the CLI): the typed
text and each name on record are reduced to the same key (width folded, spaces dropped, the
usual suffix removed, Chinese numerals read as numbers, leading zeros dropped) and compared.
A name typed exactly as recorded always wins; a key that fits two names is refused as ambiguous
rather than guessed. (kiosk/render/address.py is the other direction: how a place is shown.)
"""

from __future__ import annotations

import re
import unicodedata

from kiosk.db.models import Building, Household, Unit
from kiosk.domain.errors import NotFound, ValidationError
from kiosk.i18n import N_, _

# Longest first: "号楼" before "楼" and "号".
SUFFIXES = ("单元", "号楼", "号院", "栋", "幢", "座", "楼", "号", "门", "室")
PREFIXES = ("第", "unit", "building", "bldg", "block", "no.", "#")
DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
SHOWN = 8  # known names listed when nothing fits
PARTS = {"building": N_("building"), "unit": N_("unit"), "room": N_("room")}  # field -> its word


def plain(text: str | None) -> str:
    """Width folded (NFKC: "１单元" -> "1单元"), without any spaces."""
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def chinese_number(text: str) -> int | None:
    """一 .. 九十九 (十, 十一, 二十, 二十三) and digit by digit (一〇一); None if it is not one."""
    if not text or any(ch not in DIGITS and ch != "十" for ch in text):
        return None
    if "十" in text:
        tens, _sep, ones = text.partition("十")
        if "十" in ones or len(tens) > 1 or len(ones) > 1:
            return None
        return (DIGITS[tens] if tens else 1) * 10 + (DIGITS[ones] if ones else 0)
    return int("".join(str(DIGITS[ch]) for ch in text))


def key(text: str | None) -> str:
    """What a typed name and a recorded one are compared by: "一单元", "01", "1 单元" -> "1"."""
    s = plain(text).lower()
    for prefix in PREFIXES:
        if s.startswith(prefix) and len(s) > len(prefix):
            s = s[len(prefix):]
            break
    for suffix in SUFFIXES:
        if s.endswith(suffix) and len(s) > len(suffix):
            s = s[:-len(suffix)]
            break
    if s.isdigit():
        return str(int(s))
    n = chinese_number(s)
    return s if n is None else str(n)


def same(typed: str, name: str) -> bool:
    """Whether `typed` names the recorded `name` ("三号楼" and 3号楼), when there is no list of
    names to choose from (`pick` also refuses an ambiguous key)."""
    return plain(typed) == plain(name) or key(typed) == key(name)


def pick(typed: str, names: list[str], *, field: str) -> str:
    """The recorded name `typed` means. Refuses (NotFound, naming some known ones) when none
    fits, and (ValidationError) when the key fits more than one."""
    what = _(PARTS[field])
    exact = plain(typed)
    if not exact:
        raise ValidationError(_("Type the {what}.").format(what=what), field)
    for name in names:
        if plain(name) == exact:
            return name
    wanted = key(typed)
    fits = [n for n in names if key(n) == wanted]
    if len(fits) == 1:
        return fits[0]
    if fits:
        raise ValidationError(_("{typed} could mean {names}: type it as written there.").format(
            typed=typed.strip(), names="、".join(fits)), field)
    known = "、".join(names[:SHOWN]) + ("…" if len(names) > SHOWN else "")
    raise NotFound(_("No {what} {typed} here. Known: {known}").format(what=what, typed=typed.strip(), known=known or _("none")))


def building(estate_id: int, typed: str) -> Building:
    names = [b.name for b in Building.select(Building.name).where(Building.estate == estate_id).order_by(Building.sort, Building.id)]
    name = pick(typed, names, field="building")
    return Building.get(Building.estate == estate_id, Building.name == name)


def unit(building_row: Building, typed: str) -> Unit:
    names = [u.name for u in Unit.select(Unit.name).where(Unit.building == building_row.id).order_by(Unit.sort, Unit.id)]
    name = pick(typed, names, field="unit")
    return Unit.get(Unit.building == building_row.id, Unit.name == name)


def room_key(text: str | None) -> str:
    """"301", "301室", "３０１" -> "301"."""
    s = plain(text)
    for suffix in ("室", "号", "房"):
        if s.endswith(suffix) and len(s) > len(suffix):
            return s[:-len(suffix)]
    return s


def household(estate_id: int, building_text: str, unit_text: str, room_text: str) -> Household:
    """The household at a typed building, unit and room of an estate (with its unit and building
    loaded); each part refused in its own words."""
    b = building(estate_id, building_text)
    u = unit(b, unit_text)
    room = room_key(room_text)
    if not room:
        raise ValidationError(_("Type the {what}.").format(what=_(PARTS["room"])), "room")
    h = (Household.select(Household, Unit, Building).join(Unit).join(Building)
         .where(Household.unit == u.id, Household.room == room).first())
    if h is None:
        raise NotFound(_("No household {building} {unit} {room}.").format(building=b.name, unit=u.name, room=room))
    return h


def split(text: str) -> tuple[str, str, str]:
    """"3号楼 2单元 301", "3号楼2单元301" or "3-2-301" -> its three parts (as typed; `household`
    reads them)."""
    s = unicodedata.normalize("NFKC", text or "").strip()
    parts = s.split()
    if len(parts) == 3:
        return parts[0], parts[1], parts[2]
    dashed = re.fullmatch(r"([^-/\s]+)\s*[-/—]\s*([^-/\s]+)\s*[-/—]\s*([^-/\s]+)", s)  # 3-1-502, 3/1/502
    if dashed:
        return dashed[1], dashed[2], dashed[3]
    joined = "".join(parts)
    for building_end in ("号楼", "楼", "栋", "幢", "座"):
        b, sep, rest = joined.partition(building_end)
        if sep:
            u, sep2, room = rest.partition("单元")
            if sep2 and room:
                return b + sep, u + sep2, room
    raise ValidationError(_("Write the household as building, unit and room, e.g. 3号楼 2单元 301."), "household")
