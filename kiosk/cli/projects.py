"""`kiosk project list`: projects with their funding."""

from __future__ import annotations

from kiosk.cli import common, table
from kiosk.cli.parser import command, group
from kiosk.i18n import _


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


def register(sub) -> None:
    psub = group(sub, "project", _("projects (works)"))
    q = command(psub, "list", cmd_project_list, _("list projects with their funding"))
    q.add_argument("--estate", metavar=_("NAME"))
    table.add_json_flag(q)
