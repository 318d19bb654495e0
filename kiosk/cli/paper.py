"""`kiosk print DOCUMENT … --out FILE.pdf`: the printable A4 documents (kiosk/paper) as vector PDF
with the Chinese font embedded. Each action builds the document's bytes and hands them to
`deliver`, the one place that decides where they go."""

from __future__ import annotations

import datetime as dt
import sys

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


def cmd_result(settings, args) -> int:
    from kiosk.paper import vote_result

    out_check(args)
    common.open_db(settings)
    return deliver(settings, args, vote_result.build(args.poll_id, settings, period=_period(args)))


def _issued(settings, args, issue, build) -> int:
    """Codes are issued and delivered in one step: the PDF is with the printer, or on the disk
    (readable by its owner only), before the codes are committed; when that fails nothing is
    issued and the old slips still work."""
    from kiosk.domain import vote_slips

    if getattr(args, "printer", None):
        issue(lambda slips: deliver(settings, args, build(slips)))
        return 0
    vote_slips.write_codes(args.out, issue, overwrite=args.force, render=build)
    print(_("Wrote {file}").format(file=args.out))
    print(_("This file is private: it names rooms and every code in it works. Print it, hand each household its "
            "own, then delete the file."), file=sys.stderr)
    return 0


def _vote_codes(settings, args, *, slips_only: bool) -> int:
    from kiosk.domain import votes
    from kiosk.paper import ballots

    out_check(args)
    common.open_db(settings)
    poll = votes.get_poll(args.poll_id)
    household_id = votes.find_household(poll, args.building, args.unit, args.room) if common.household_given(args) else None
    render = ballots.renderer(".pdf", poll, settings, slips_only=slips_only)
    return _issued(settings, args, lambda deliver: votes.issue_codes(
        common.actor(), poll.id, reissue=args.reissue, household_id=household_id, deliver=deliver), render)


def cmd_ballots(settings, args) -> int:
    return _vote_codes(settings, args, slips_only=False)


def cmd_vote_slips(settings, args) -> int:
    return _vote_codes(settings, args, slips_only=True)


def cmd_household_codes(settings, args) -> int:
    from kiosk.domain import household_codes, households
    from kiosk.paper import slips

    out_check(args)
    common.open_db(settings)
    estate = common.estate(settings)
    household_id = households.find(estate.id, args.building, args.unit, args.room).id if common.household_given(args) else None
    return _issued(settings, args, lambda deliver: household_codes.issue(
        common.actor(), estate.id, household_id=household_id, reissue=args.reissue, deliver=deliver),
        lambda issued: slips.household_codes_pdf(estate.name, issued, settings))


def cmd_statements(settings, args) -> int:
    from kiosk.domain import plans
    from kiosk.paper import statements

    out_check(args)
    common.open_db(settings)
    household_id = plans.find_household(args.plan_id, args.building, args.unit, args.room) if common.household_given(args) else None
    return deliver(settings, args, statements.build(args.plan_id, settings, household_id=household_id))


def cmd_poster(settings, args) -> int:
    from kiosk.paper import poster

    out_check(args)
    common.open_db(settings)
    if args.project_id is not None:
        return deliver(settings, args, poster.build(args.project_id, settings))
    return deliver(settings, args, poster.build_estate(common.estate(settings).id, settings))


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
    p.add_argument("project_id", type=int, nargs="?", metavar=_("PROJECT_ID"))
    p.add_argument("--estate", metavar=_("NAME"), help=_("the estate (default: the configured one)"))
    _add_period(p)
    add_destination(p)
    p = command(psub, "result", cmd_result, _("the result 公示 of a closed vote (by area and owners, no names)"))
    p.add_argument("poll_id", type=int, metavar=_("POLL_ID"))
    _add_period(p)
    add_destination(p)
    for name, func, text in (
        ("ballots", cmd_ballots, _("ballot papers, one per household that has not voted, each with its one-time vote code on a tear-off strip (issues the codes)")),
        ("vote-slips", cmd_vote_slips, _("one-time vote codes as slips with cut marks, ten to a page (issues the codes)")),
    ):
        p = command(psub, name, func, text)
        p.add_argument("poll_id", type=int, metavar=_("POLL_ID"))
        p.add_argument("--reissue", action="store_true", help=_("replace codes already issued (old slips stop working)"))
        common.add_household(p, _("only this household (a lost slip)"))
        add_destination(p)
    p = command(psub, "household-codes", cmd_household_codes,
                _("household codes (户码) as slips with cut marks, for households without one (issues the codes)"))
    p.add_argument("--estate", metavar=_("NAME"), help=_("the estate (default: the configured one)"))
    p.add_argument("--reissue", action="store_true", help=_("new codes for every household (old slips stop working)"))
    common.add_household(p, _("only this household (a lost slip)"))
    add_destination(p)
    p = command(psub, "statements", cmd_statements, _("一户一策 statements, one page per household of a plan, with a reply slip"))
    p.add_argument("plan_id", type=int, metavar=_("PLAN_ID"))
    common.add_household(p, _("only this household"))
    add_destination(p)
    p = command(psub, "poster", cmd_poster, _("a QR poster for a project's phone page, or the estate's without PROJECT_ID"))
    p.add_argument("project_id", type=int, nargs="?", metavar=_("PROJECT_ID"))
    p.add_argument("--estate", metavar=_("NAME"), help=_("the estate (default: the configured one)"))
    add_destination(p)
