"""`kiosk print DOCUMENT … --out FILE.pdf`: the printable A4 documents (kiosk/paper) as vector PDF
with the Chinese font embedded. Each action builds the document's bytes and hands them to
`deliver`, the one place that decides where they go."""

from __future__ import annotations

import datetime as dt

from kiosk.cli import common, paths
from kiosk.cli.parser import EXIT_USAGE, command, group
from kiosk.i18n import _


def add_destination(p) -> None:
    """Where a document goes: the options every action shares, a file or a printer."""
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", metavar="FILE.pdf", help=_("write the PDF to this file"))
    where.add_argument("--printer", metavar=_("NAME"), help=_("send it to this printer of the box (`kiosk printers` lists them)"))
    p.add_argument("--force", action="store_true", help=_("overwrite the file if it exists"))


def deliver(settings, args, pdf: bytes) -> int:
    """Hand a built document to its destination: the --out file, or a printer (CUPS)."""
    if getattr(args, "printer", None):
        from kiosk.paper import printers

        job = printers.submit(args.printer, pdf, "kiosk print " + args.func.__name__.removeprefix("cmd_"))
        print(_("Sent to printer {printer}: job {job}.").format(printer=args.printer, job=job))
        return 0
    out = paths.output_file(args.out, force=args.force)
    with open(out, "wb") as fh:
        fh.write(pdf)
    print(_("Wrote {file}").format(file=args.out))
    return 0


def _day(text: str | None, field: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text.strip().replace("/", "-"))
    except ValueError:
        raise common.CliError(_("{field}: not a date like 2026-12-31: {value}").format(field=field, value=text), EXIT_USAGE) from None


def _period(args):
    from kiosk import clock
    from kiosk.paper.sheet import Period

    start = _day(args.period_from, "--from") or clock.today()
    end = _day(args.period_to, "--to")
    if end is not None and end < start:
        raise common.CliError(_("--to is before --from."), EXIT_USAGE)
    return Period(start, end)


def cmd_funding(settings, args) -> int:
    from kiosk.paper import funding

    out_check(args)
    common.open_db(settings)
    if args.project_id is not None:
        pdf = funding.build(args.project_id, settings, period=_period(args))
    else:
        pdf = funding.build_estate(common.estate(settings).id, settings, period=_period(args))
    return deliver(settings, args, pdf)


def out_check(args) -> None:
    """A file that cannot be written, or a printer missing or stopped, is refused before the
    document is built."""
    if getattr(args, "out", None):
        paths.output_file(args.out, force=args.force)
    if getattr(args, "printer", None):
        from kiosk.paper import printers

        printers.find(args.printer)


def _add_period(p) -> None:
    p.add_argument("--from", dest="period_from", metavar="YYYY-MM-DD", help=_("first day of the posting period (default: today)"))
    p.add_argument("--to", dest="period_to", metavar="YYYY-MM-DD", help=_("last day of the posting period (default: a week)"))


def register(sub) -> None:
    psub = group(sub, "print", _("printable A4 documents (PDF): 公示 sheets, ballots, code slips, statements, QR posters"))
    p = command(psub, "funding", cmd_funding, _("the funding 公示 of a project, or of the estate without PROJECT_ID"))
    p.add_argument("project_id", type=int, nargs="?", metavar="PROJECT_ID")
    p.add_argument("--estate", metavar=_("NAME"), help=_("the estate (default: the configured one)"))
    _add_period(p)
    add_destination(p)
