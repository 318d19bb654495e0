"""`kiosk project create`: a new project (works) with its target and planned sources; `kiosk project
list`: projects with their funding; `kiosk project accept`: a project's 竣工验收.

    project create --estate NAME --title T --target YUAN [--plan SOURCE=YUAN …] [--status STATUS]
                   [--description TEXT]      prints the new project's id as its last line
    project accept ID --final-account YUAN [--on DATE] [--parties owners,property,community]
                   [--leftover none|returned|carried_over] [--note TEXT] [--as USERNAME]
"""

from __future__ import annotations

from kiosk.cli import amounts, common, table
from kiosk.cli.parser import EXIT_USAGE, command, group
from kiosk.i18n import _


def cmd_project_create(settings, args) -> int:
    from kiosk.domain import funding
    from kiosk.domain.money import yuan

    title = common.required_text(args.title, "--title")
    target = amounts.yuan(args.target, "--target")
    plan = amounts.by_source(args.plan or [], "--plan")
    common.open_db(settings)
    p = funding.create_project(common.actor(), common.estate(settings).id, title, target,
                               description=args.description or "", status=args.status, plan=plan)
    print(_("Project {id} created in {estate}: {title}, target {target} ({status}).").format(
        id=p.id, estate=p.estate, title=table.text(p.title), target=yuan(p.target_fen), status=funding.status_label(p.status)))
    print(p.id)
    return 0


def cmd_project_list(settings, args) -> int:
    from kiosk.domain import funding
    from kiosk.domain.money import yuan

    common.open_db(settings)
    projects = funding.list_projects(common.only_estate(settings, args))
    snaps = funding.snapshots([p.id for p in projects])
    rows = [{"id": p.id, "estate": p.estate, "title": p.title, "status": p.status,
             "status_label": funding.status_label(p.status), "received_fen": snaps[p.id].received_fen,
             "target_fen": snaps[p.id].target_fen,
             "funding": f"{yuan(snaps[p.id].received_fen)}/{yuan(snaps[p.id].target_fen)}"} for p in projects]
    table.emit(args, [("id", "ID"), ("estate", _("Estate")), ("title", _("Title")), ("status_label", _("Status")),
                      ("funding", _("Received/target"))], rows)
    return 0


def cmd_project_accept(settings, args) -> int:
    from kiosk import clock
    from kiosk.domain import acceptance
    from kiosk.domain.errors import ValidationError
    from kiosk.domain.money import parse_yuan, yuan

    text = args.final_account.strip()
    try:
        final = 0 if text in ("0", "0.0", "0.00") else parse_yuan(text)
    except ValidationError as exc:
        raise common.CliError(f"--final-account: {exc}", EXIT_USAGE) from None
    on = common.parse_day(args.on, "--on") or clock.today()
    common.open_db(settings)
    a = acceptance.accept(args.as_ or common.actor(), args.id, on, args.parties, final_account_fen=final,
                          leftover_action=args.leftover, note=args.note or "")
    print(_("Project {id} accepted on {day} by {parties}: final account {final}, left over {leftover} ({action}).").format(
        id=args.id, day=a.accepted_on.isoformat(), parties=a.parties_text(), final=yuan(a.final_account_fen),
        leftover=yuan(a.leftover_fen), action=acceptance.leftover_label(a.leftover_action)))
    return 0


def register(sub) -> None:
    from kiosk.domain.funding import STATUSES

    psub = group(sub, "project", _("projects (works)"))
    q = command(psub, "create", cmd_project_create, _("create a project with its target and planned sources"))
    q.add_argument("--estate", required=True, metavar=_("NAME"), help=_("the estate it is for"))
    q.add_argument("--title", required=True, metavar=_("TITLE"), help=_("what the works are, in a line"))
    q.add_argument("--target", required=True, metavar=_("YUAN"), help=_("the money the works need, e.g. 185000"))
    q.add_argument("--plan", action="append", metavar=_("SOURCE=YUAN"),
                   help=_("how much a source is planned to give, e.g. owners=60000 (repeat for each source)"))
    q.add_argument("--status", default="planning", choices=list(STATUSES), help=_("what stage it is at (default: planning)"))
    q.add_argument("--description", metavar=_("TEXT"), help=_("more about it for residents (optional)"))
    q = command(psub, "list", cmd_project_list, _("list projects with their funding"))
    q.add_argument("--estate", metavar=_("NAME"))
    table.add_json_flag(q)
    q = command(psub, "accept", cmd_project_accept,
                _("record a project's acceptance (竣工验收) and close it; once only"))
    q.add_argument("id", type=int, metavar="ID")
    q.add_argument("--final-account", required=True, metavar=_("YUAN"),
                   help=_("the final account: must equal what was paid out (approved payments)"))
    q.add_argument("--on", metavar=_("DATE"), help=_("the day it was accepted (default: today)"))
    q.add_argument("--parties", default="owners,property,community", metavar="owners,property,community",
                   help=_("who accepted it, comma-separated (default: all three)"))
    q.add_argument("--leftover", default="none", choices=("none", "returned", "carried_over"),
                   help=_("what happens to the money left over (received − paid): returned or carried over"))
    q.add_argument("--note", metavar=_("TEXT"), help=_("a public note"))
    q.add_argument("--as", dest="as_", metavar=_("USERNAME"), help=_("who records it (default: this system user)"))
