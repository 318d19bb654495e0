"""`kiosk estate add|list`."""

from __future__ import annotations

from kiosk.cli import common, table
from kiosk.cli.parser import command, group
from kiosk.i18n import _


def cmd_estate_add(settings, args) -> int:
    from kiosk.domain import estates

    common.open_db(settings)
    e = estates.add_estate(common.actor(), args.name, args.community or "", args.build_year,
                           args.sub_district or estates.DEFAULT_SUB_DISTRICT)
    print(_("Added estate {name} (id {id}).").format(name=e.name, id=e.id))
    print(e.id)
    return 0


def cmd_estate_list(settings, args) -> int:
    from kiosk.domain import estates

    common.open_db(settings)
    rows = [{"id": e.id, "name": e.name, "community": e.community, "sub_district": e.sub_district,
             "build_year": e.build_year} for e in estates.list_estates()]
    table.emit(args, [("id", "ID"), ("name", _("Estate")), ("community", _("Community name")),
                      ("sub_district", _("Sub-district name")), ("build_year", _("Built in"))], rows)
    return 0


def register(sub) -> None:
    esub = group(sub, "estate", _("estates (小区)"))
    q = command(esub, "add", cmd_estate_add, _("add an estate"))
    q.add_argument("name", metavar=_("NAME"))
    q.add_argument("--community", metavar="C", help=_("community (社区); default: the estate's name"))
    q.add_argument("--sub-district", metavar="S", help=_("sub-district (街道); default: 滨河街道"))
    q.add_argument("--build-year", type=int, metavar=_("YEAR"))
    q = command(esub, "list", cmd_estate_list, _("list estates"))
    table.add_json_flag(q)
