"""`kiosk emergency start|cost|disclose|list|shares`: emergency repairs from the maintenance fund."""

from __future__ import annotations

import datetime as dt

from kiosk.cli import amounts, common, table
from kiosk.cli.parser import EXIT_USAGE, command, group
from kiosk.i18n import _


def _day(text: str | None, flag: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text.strip().replace("/", "-"))
    except ValueError:
        raise common.CliError(_("{flag}: not a date like 2026-07-20: {value}").format(flag=flag, value=common.say(text)),
                              EXIT_USAGE) from None


def _served(estate_id: int, args) -> dict[str, list[int]]:
    """--building NAME and --unit BUILDING/UNIT as people type them (3, 3号楼, 三号楼; 3/1), to ids."""
    from kiosk.domain import address

    buildings = [address.building(estate_id, name).id for name in args.building or []]
    units = []
    for text in args.unit or []:
        b_name, sep, u_name = text.partition("/")
        if not sep or not u_name.strip():
            raise common.CliError(_("No unit {value}: give it as BUILDING/UNIT, e.g. 3号楼/1单元.").format(
                value=common.say(text)))
        units.append(address.unit(address.building(estate_id, b_name), u_name).id)
    return {"buildings": buildings, "units": units}


def _row(r) -> dict:
    from kiosk.domain.money import area_text, yuan

    return {"id": r.id, "project_id": r.project_id, "title": r.title, "situation": r.situation,
            "situation_label": r.situation_label, "found_on": r.found_on.isoformat(),
            "repaired_on": r.repaired_on.isoformat() if r.repaired_on else "", "cost_fen": r.cost_fen,
            "cost": yuan(r.cost_fen), "households": r.households, "area_m2": area_text(r.area_cm2),
            "disclosed_at": r.disclosed_at.isoformat(sep=" ") if r.disclosed_at else "",
            "disclose_until": r.disclose_until.isoformat() if r.disclose_until else ""}


def _columns():
    return [("id", "ID"), ("title", _("Title")), ("situation_label", _("Situation")), ("found_on", _("Found")),
            ("repaired_on", _("Repaired")), ("cost", _("Cost")), ("households", _("Households")),
            ("disclose_until", _("Disclosed until"))]


def cmd_start(settings, args) -> int:
    from kiosk import clock
    from kiosk.domain import emergency

    common.open_db(settings)
    estate = common.estate(settings)
    served = _served(estate.id, args)
    r = emergency.start(common.actor(), estate.id, args.situation, common.required_text(args.title, "--title"),
                        _day(args.found, "--found") or clock.today(), description=args.description or "", **served)
    table.emit(args, _columns(), [_row(r)])
    return 0


def cmd_cost(settings, args) -> int:
    from kiosk import clock
    from kiosk.domain import emergency
    cost = amounts.yuan(args.amount, _("the cost in yuan, e.g. 12345.67"))  # said before the database is opened
    common.open_db(settings)
    r = emergency.record_cost(common.actor(), args.id, cost, _day(args.repaired, "--repaired") or clock.today())
    table.emit(args, _columns(), [_row(r)])
    return 0


def cmd_disclose(settings, args) -> int:
    from kiosk.domain import emergency

    common.open_db(settings)
    r = emergency.disclose(common.actor(), args.id, args.days)
    table.emit(args, _columns(), [_row(r)])
    return 0


def cmd_list(settings, args) -> int:
    from kiosk.domain import emergency

    common.open_db(settings)
    repairs = emergency.list_repairs(common.only_estate(settings, args))
    table.emit(args, _columns(), [_row(r) for r in repairs])
    return 0


def cmd_shares(settings, args) -> int:
    """Staff's list: each household served by its place, area and share (no owner, no phone)."""
    from kiosk.domain import emergency
    from kiosk.domain.money import area_text, yuan

    common.open_db(settings)
    emergency.get(args.id)  # refuses an unknown id in one line
    rows = [{"household_id": s.household_id, "building": s.building, "unit": s.unit, "room": s.room,
             "area_m2": area_text(s.area_cm2), "share_fen": s.share_fen, "share": yuan(s.share_fen)}
            for s in emergency.shares(args.id)]
    table.emit(args, [("building", _("Building")), ("unit", _("Unit")), ("room", _("Room")),
                      ("area_m2", _("Area (m²)")), ("share", _("Household share"))], rows)
    return 0


def register(sub) -> None:
    from kiosk.domain.emergency import DEFAULT_DAYS, SITUATIONS

    esub = group(sub, "emergency", _("emergency repairs from the maintenance fund"))
    q = command(esub, "start", cmd_start, _("record an emergency repair as it starts"))
    q.add_argument("--situation", required=True, choices=list(SITUATIONS),
                   help=_("which of the six situations: {keys}").format(keys=", ".join(SITUATIONS)))
    q.add_argument("--title", required=True, metavar=_("TITLE"), help=_("what is being repaired, in a line"))
    q.add_argument("--description", default="", metavar=_("TEXT"), help=_("more about it for residents (optional)"))
    q.add_argument("--found", metavar="YYYY-MM-DD", help=_("the day the problem was found (default: today)"))
    q.add_argument("--building", action="append", metavar=_("NAME"), help=_("a whole building served (repeat)"))
    q.add_argument("--unit", action="append", metavar=_("BUILDING/UNIT"), help=_("a whole unit served (repeat)"))
    q.add_argument("--estate", metavar=_("NAME"))
    table.add_json_flag(q)
    q = command(esub, "cost", cmd_cost, _("record the repair's cost, shared by floor area"))
    q.add_argument("id", type=int, metavar="ID", help=_("the repair's number (`kiosk emergency list`)"))
    q.add_argument("amount", metavar=_("YUAN"), help=_("the cost in yuan, e.g. 12345.67"))
    q.add_argument("--repaired", metavar="YYYY-MM-DD", help=_("the day it was repaired (default: today)"))
    table.add_json_flag(q)
    q = command(esub, "disclose", cmd_disclose, _("begin the disclosure to residents"))
    q.add_argument("id", type=int, metavar="ID", help=_("the repair's number (`kiosk emergency list`)"))
    q.add_argument("--days", type=int, default=DEFAULT_DAYS,
                   help=_("how many days it is shown (default: {days})").format(days=DEFAULT_DAYS))
    table.add_json_flag(q)
    q = command(esub, "list", cmd_list, _("list emergency repairs"))
    q.add_argument("--estate", metavar=_("NAME"))
    table.add_json_flag(q)
    q = command(esub, "shares", cmd_shares, _("each household's share of one repair (staff)"))
    q.add_argument("id", type=int, metavar="ID", help=_("the repair's number (`kiosk emergency list`)"))
    table.add_json_flag(q)
