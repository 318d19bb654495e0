"""`kiosk qr PROJECT_ID --out FILE.pdf|FILE.svg|FILE.png`: a printable pledge QR poster (FILE.pdf:
an A4 poster with the title and how to scan, kiosk/paper/poster.py; .svg and .png: the bare code)."""

from __future__ import annotations

import sys

from kiosk.cli import common, paths
from kiosk.cli.parser import command
from kiosk.i18n import _


def cmd_qr(settings, args) -> int:
    from kiosk.domain import funding
    from kiosk.render import qr

    out = paths.output_file(args.out, force=True)
    common.open_db(settings)
    project = funding.get_project(args.project_id)
    url = settings.pledge_template().format(project_id=project.id, estate_id=project.estate_id)
    if out.lower().endswith(".pdf"):
        from kiosk.paper import poster

        pdf = poster.build(project.id, settings)
        with open(out, "wb") as fh:
            fh.write(pdf)
    else:
        qr.save_poster(url, out)
    if settings.public_url_is_example():
        print(_("kiosk: warning: public_url is still the example address; set it in the settings file."), file=sys.stderr)
    print(_("Wrote {file} for {url}").format(file=args.out, url=url))
    return 0


def register(sub) -> None:
    p = command(sub, "qr", cmd_qr, _("a printable pledge QR code for a project"))
    p.add_argument("project_id", type=int, metavar=_("PROJECT_ID"))
    p.add_argument("--out", required=True, metavar="FILE.pdf|FILE.svg|FILE.png",
                   help=_("FILE.pdf: an A4 poster with the project's title and how to scan; .svg or .png: the code alone"))
