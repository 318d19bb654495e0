"""A poll's count as JSON (for scripts) and as plain text (for staff at a terminal).

`kiosk poll tally ID --format json` prints exactly:

    {"poll_id": 1, "matter": "ordinary",
     "eligible": {"households": 270, "owners": 263, "area_m2": 23145.67},
     "participating": {"households": 231, "owners": 225, "area_m2": 19876.54},
     "quorate": true,
     "options": [{"label": "沥青", "households": 160, "owners": 156, "area_m2": 13900.12, "approved": true}, ...],
     "outcome": "沥青"}

`area_m2` is written from the integer hundredths of m² by integer division: always two decimals,
never rounded through a float (a parser reads 86.50 as the number 86.5). `approved` is the
domain's `votes.approved`: false for every option while the poll is open or counting, and when
it closed below the quorum; `outcome` is null unless exactly one option is approved.
"""

from __future__ import annotations

import json

from kiosk.domain.money import area_text
from kiosk.domain.votes import Counts, Tally, matter_label, state_label
from kiosk.domain.numbers import AT_LEAST_THREE_QUARTERS, AT_LEAST_TWO_THIRDS, MORE_THAN_HALF, percent, shares
from kiosk.i18n import _


class _Area:
    """A JSON number with exactly two decimals."""

    def __init__(self, cm2: int) -> None:
        self.text = area_text(cm2)


def _counts(c: Counts) -> dict:
    return {"households": c.households, "owners": c.owners, "area_m2": _Area(c.area_cm2)}


def as_dict(t: Tally) -> dict:
    return {
        "poll_id": t.poll_id,
        "matter": t.matter,
        "eligible": _counts(t.eligible),
        "participating": _counts(t.participating),
        "quorate": t.quorate,
        "options": [{"label": o.label, **_counts(o.counts), "approved": o.approved} for o in t.options],
        "outcome": t.outcome,
    }


def _dump(value, indent: int) -> str:
    pad = "  " * (indent + 1)
    end = "  " * indent
    if isinstance(value, _Area):
        return value.text
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [f"{pad}{json.dumps(k, ensure_ascii=False)}: {_dump(v, indent + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + end + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        return "[\n" + ",\n".join(pad + _dump(v, indent + 1) for v in value) + "\n" + end + "]"
    return json.dumps(value, ensure_ascii=False)


def to_json(t: Tally) -> str:
    return _dump(as_dict(t), 0) + "\n"


def to_text(t: Tally) -> str:
    def line(name: str, c: Counts, shown: tuple | None = None) -> str:
        s = _("{name}: households {h}, owners {o}, area {a} m²").format(name=name, h=c.households, o=c.owners, a=area_text(c.area_cm2))
        if shown is not None:
            s += "  " + _("(area {pa}%, owners {po}%)").format(pa=shown[0], po=shown[1])
        return s

    bound = (AT_LEAST_THREE_QUARTERS if t.matter == "major" else MORE_THAN_HALF,)
    area_shares = shares([o.counts.area_cm2 for o in t.options], t.participating.area_cm2, thresholds=bound)
    owner_shares = shares([o.counts.owners for o in t.options], t.participating.owners, thresholds=bound)
    turnout = (percent(t.participating.area_cm2, t.eligible.area_cm2, thresholds=(AT_LEAST_TWO_THIRDS,)),
               percent(t.participating.owners, t.eligible.owners, thresholds=(AT_LEAST_TWO_THIRDS,)))

    out = [_("Poll {id}: {title}").format(id=t.poll_id, title=t.title),
           f"{matter_label(t.matter)}  {state_label(t.state)}",
           line(_("Eligible"), t.eligible),
           line(_("Took part"), t.participating, turnout),
           _("Quorate (2/3 of area and of owners): {yes}").format(yes=_("yes") if t.quorate else _("no"))]
    for o, pa, po in zip(t.options, area_shares, owner_shares):
        # Approved or not is said only of a decided vote (closed and quorate).
        mark = (_("approved") if o.approved else _("not approved")) if t.decided else ""
        out.append(("  " + line(o.label, o.counts, (pa, po)) + f"  {mark}").rstrip())
    if t.split_owners:
        out.append(_("{n} owners voted differently for their flats and count for no option.").format(n=t.split_owners))
    if t.state != "closed":
        out.append(_("The poll is not closed: no option is approved until staff close it."))
    elif not t.quorate:
        out.append(_("Fewer than 2/3 of the area or of the owners took part: the vote is not valid."))
    out.append(_("Outcome: {outcome}").format(outcome=t.outcome if t.outcome is not None else _("none")))
    return "\n".join(out) + "\n"
