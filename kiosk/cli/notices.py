"""`kiosk notice post|list|withdraw`."""

from __future__ import annotations

from kiosk.cli import common, table
from kiosk.cli.parser import command, group
from kiosk.i18n import _


def cmd_notice_post(settings, args) -> int:
    from kiosk.domain import notices

    # An empty notice would reach the lobby and the TV as a blank slide.
    title = common.required_text(args.title, "--title")
    body = common.required_text(args.body, "--body")
    publish_at = common.parse_when(args.at, "--at")
    expires_at = common.parse_when(args.until, "--until")
    common.open_db(settings)
    n = notices.post(common.actor(), title, body, estate_id=common.only_estate(settings, args), category=args.category,
                     publish_at=publish_at, expires_at=expires_at, pinned=args.pinned, emergency=args.emergency)
    print(_("Posted notice {id}.").format(id=n.id))
    print(n.id)
    return 0


def _flags(n) -> str:
    return " ".join(word for on, word in ((n.emergency, _("emergency")), (n.pinned, _("pinned")),
                                          (n.withdrawn, _("withdrawn"))) if on)


def cmd_notice_list(settings, args) -> int:
    from kiosk.domain import estates, notices

    common.open_db(settings)
    estate_id = common.only_estate(settings, args)
    names = {e.id: e.name for e in estates.list_estates()}
    rows = []
    for n in notices.live(estate_id) if not args.all else notices.list_all(estate_id):
        rows.append({"id": n.id, "estate_id": n.estate_id,
                     "estate": names.get(n.estate_id, "") if n.estate_id else _("every estate"),
                     "category": n.category, "flags": _flags(n), "emergency": n.emergency, "pinned": n.pinned,
                     "withdrawn": n.withdrawn, "publish_at": f"{n.publish_at:%Y-%m-%d %H:%M}",
                     "expires_at": f"{n.expires_at:%Y-%m-%d %H:%M}" if n.expires_at else None, "title": n.title})
    table.emit(args, [("id", "ID"), ("estate", _("Estate")), ("flags", _("Flags")), ("publish_at", _("Published")),
                      ("expires_at", _("Until")), ("title", _("Title"))], rows)
    return 0


def cmd_notice_withdraw(settings, args) -> int:
    from kiosk.domain import notices

    common.open_db(settings)
    notices.withdraw(common.actor(), args.id)
    print(_("Withdrew notice {id}.").format(id=args.id))
    return 0


def register(sub) -> None:
    nsub = group(sub, "notice", _("public notices"))
    q = command(nsub, "post", cmd_notice_post, _("post a notice"))
    q.add_argument("--title", required=True, metavar="T")
    q.add_argument("--body", required=True, metavar="B", help=_("Markdown text"))
    q.add_argument("--estate", metavar=_("NAME"), help=_("only this estate (default: every estate)"))
    q.add_argument("--category", default="general", choices=["general", "works", "money", "meeting", "vote", "safety"])
    q.add_argument("--emergency", action="store_true", help=_("takes over the lobby and the display"))
    q.add_argument("--pinned", action="store_true")
    q.add_argument("--at", metavar="ISO-DATETIME", help=_("publish later (default: now)"))
    q.add_argument("--until", metavar="ISO-DATETIME", help=_("expires at"))
    q = command(nsub, "list", cmd_notice_list, _("list live notices"))
    q.add_argument("--estate", metavar=_("NAME"))
    q.add_argument("--all", action="store_true", help=_("include expired and withdrawn"))
    table.add_json_flag(q)
    q = command(nsub, "withdraw", cmd_notice_withdraw, _("withdraw a notice"))
    q.add_argument("id", type=int, metavar="ID")
