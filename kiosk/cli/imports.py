"""`kiosk import households|contributions|ballots FILE.csv`: all or nothing."""

from __future__ import annotations

import os
import sys

from kiosk.cli import common, paths
from kiosk.cli.parser import command
from kiosk.i18n import _


def cmd_import(settings, args) -> int:
    from kiosk.domain import imports
    from kiosk.domain.money import yuan

    paths.require_file(args.file)
    common.open_db(settings)
    result = imports.import_file(args.kind, common.actor(), args.file, common.progress(_("Importing")))
    for line, why in result.skipped:
        print(common.say(_("skipped line {line}: {why}").format(line=line, why=why)), file=sys.stderr)
    msg = _("Imported {n} of {rows} rows from {file}.").format(
        n=result.imported, rows=result.rows, file=common.say(os.path.basename(args.file)))
    if args.kind == "contributions":
        msg += " " + _("Total {amount}.").format(amount=yuan(result.total_fen))
    print(msg)
    return 0


def register(sub) -> None:
    p = command(sub, "import", cmd_import, _("import a CSV file (UTF-8, with or without BOM, or GB18030); all or nothing"))
    p.add_argument("kind", choices=["households", "contributions", "ballots"], metavar=_("KIND"),
                   help="households | contributions | ballots")
    p.add_argument("file", metavar="FILE.csv")
