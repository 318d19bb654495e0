"""`kiosk printers`: the printers of this box's print service (CUPS), their state, and which is
the default; `kiosk print … --printer NAME` sends a document to one of them."""

from __future__ import annotations

from kiosk.cli import table
from kiosk.cli.parser import command
from kiosk.i18n import _


def cmd_printers(settings, args) -> int:
    from kiosk.paper import printers

    found = printers.list_printers()
    if not found and not args.json:
        print(_("No printers are set up on this box (see docs/printing.md)."))
        return 0
    rows = [{"name": p.name, "description": p.description, "state": p.state, "state_label": printers.state_label(p.state),
             "default": p.default, "default_label": _("default") if p.default else "", "reason": p.reason} for p in found]
    table.emit(args, [("name", _("Printer")), ("description", _("Description")), ("state_label", _("State")),
                      ("default_label", ""), ("reason", _("Reason"))], rows)
    return 0


def register(sub) -> None:
    p = command(sub, "printers", cmd_printers, _("the printers of this box's print service (CUPS) and their state"))
    table.add_json_flag(p)
