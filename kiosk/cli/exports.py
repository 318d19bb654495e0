"""`kiosk export report`: the public disclosure (公示) as JSON, CSV or Markdown."""

from __future__ import annotations

import sys

from kiosk.cli import common, paths
from kiosk.cli.parser import command, group
from kiosk.i18n import _


def cmd_export(settings, args) -> int:
    from kiosk.domain import disclosure

    out = paths.output_file(args.out, force=True) if args.out else None
    common.open_db(settings)
    data = disclosure.collect(common.only_estate(settings, args))
    text = {"json": disclosure.to_json, "csv": disclosure.to_csv, "md": disclosure.to_markdown}[args.format](data)
    text = text if text.endswith("\n") else text + "\n"
    if out:
        with open(out, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)
    return 0


def register(sub) -> None:
    xsub = group(sub, "export", _("export data"))
    q = command(xsub, "report", cmd_export, _("the public disclosure (公示)"))
    q.add_argument("--format", choices=["json", "csv", "md"], default="json")
    q.add_argument("--estate", metavar=_("NAME"), help=_("only this estate (default: all)"))
    q.add_argument("--out", metavar="FILE", help=_("write to a file instead of standard output"))
