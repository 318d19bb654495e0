"""`kiosk report status|link|rates`: move a report on (e.g. mark it fixed, which asks its resident
"修好了吗？"), link it to the project or poll that answers it, and each estate's response,
resolution and satisfaction rates."""

from __future__ import annotations

from kiosk.cli import common, table
from kiosk.cli.parser import EXIT_USAGE, command, group
from kiosk.i18n import _


def _settable() -> list[str]:
    from kiosk.domain.reports import STATUSES

    return [s for s in STATUSES if s != "merged"]  # merging is its own action


def _status_key(text: str) -> str:
    """A status as staff type it: its code (resolved) or its label in either language (已修好, Fixed)."""
    from kiosk.domain.reports import STATUSES, status_label

    typed = text.strip().casefold()
    for key in _settable():
        if typed in (key, status_label(key).casefold(), STATUSES[key].casefold()):
            return key
    raise common.CliError(_("Unknown report status {status}: give one of {states}.").format(
        status=common.say(text), states=_states()), EXIT_USAGE)


def _states() -> str:
    from kiosk.domain.reports import status_label

    return "".join(f"「{status_label(k)}」" for k in _settable())


def cmd_report_status(settings, args) -> int:
    from kiosk.domain import report_loop, reports

    to = _status_key(args.status)  # a mistyped status is said before the ticket is looked up
    common.open_db(settings)
    r = reports.transition(common.actor(), report_loop.report_id(args.ticket), to, args.note or "")
    print(_("Report {ticket} is now 「{status}」.").format(ticket=r.ticket, status=reports.status_label(r.status)))
    return 0


def cmd_report_link(settings, args) -> int:
    from kiosk.domain import report_loop

    if args.none == (args.project is not None or args.poll is not None):
        raise common.CliError(_("Give --project and/or --poll, or --none to remove the link."))
    common.open_db(settings)
    r = report_loop.link(common.actor(), report_loop.report_id(args.ticket), project_id=args.project, poll_id=args.poll)
    link = report_loop.linked([r.id]).get(r.id)
    if link is None:
        print(_("Report {ticket} is linked to nothing.").format(ticket=r.ticket))
    else:
        named = [f"{_('project')} {link.project_id} {link.project_title}"] if link.project_id else []
        named += [f"{_('poll')} {link.poll_id} {link.poll_title}"] if link.poll_id else []
        print(_("Report {ticket} is answered by {what}.").format(ticket=r.ticket, what=table.text("; ".join(named))))
    return 0


def cmd_report_rates(settings, args) -> int:
    from kiosk.domain import estates, report_rates

    common.open_db(settings)
    only = common.only_estate(settings, args)
    found = [estates.get_estate(only)] if only is not None else estates.list_estates()
    rates = report_rates.by_estate([e.id for e in found])
    rows = []
    for e in found:
        r = rates[e.id]
        d = report_rates.as_dict(r)
        rows.append({"estate": e.name, "response": d["response"]["percent"], "responded": r.responded, "counted": r.counted,
                     "resolution": d["resolution"]["percent"], "resolved": r.resolved, "taken_up": r.taken_up,
                     "satisfaction": d["satisfaction"]["percent"], "answers": r.answers, "satisfied": r.satisfied,
                     "basic": r.basic, "unsatisfied": r.unsatisfied})
    table.emit(args, [("estate", _("Estate")), ("response", _("Response rate")), ("counted", _("Counted")),
                      ("resolution", _("Resolution rate")), ("taken_up", _("Taken up")),
                      ("satisfaction", _("Satisfaction rate")), ("answers", _("Answers"))], rows)
    if not args.json:
        print(report_rates.note())
    return 0


def register(sub) -> None:
    rsub = group(sub, "report", _("residents' reports: move on, link, rates"))
    q = command(rsub, "status", cmd_report_status,
                _("move a report on (resolved: its resident is asked whether it is fixed)"))
    q.add_argument("ticket", metavar=_("TICKET"))
    q.add_argument("status", metavar=_("STATUS"), help=_("the new status, one of {states}").format(states=_states()))
    q.add_argument("--note", metavar=_("TEXT"), help=_("public note residents see with their ticket"))
    q = command(rsub, "link", cmd_report_link, _("link a report to the project or poll that answers it"))
    q.add_argument("ticket", metavar=_("TICKET"))
    q.add_argument("--project", type=int, metavar="ID")
    q.add_argument("--poll", type=int, metavar="ID")
    q.add_argument("--none", action="store_true", help=_("remove the link"))
    q = command(rsub, "rates", cmd_report_rates, _("each estate's response, resolution and satisfaction rates"))
    q.add_argument("--estate", metavar=_("NAME"), help=_("only this estate (default: all)"))
    table.add_json_flag(q)
