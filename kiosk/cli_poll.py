"""`kiosk poll …` (household votes) and `kiosk plan …` (一户一策), registered into the main parser.

    poll create --estate E --title T --option A --option B [--matter ordinary|major]
                [--opens ISO] [--closes ISO] [--buildings B1,B2] [--meeting ID] [--project ID]
                                            prints the new poll's id as its last line
    poll list [--estate E]
    poll tally ID [--format text|json]      the count as the Civil Code art. 278 counts it (nothing is
                                            approved before the close, nor below the quorum)
    poll codes ID --out FILE.csv [--reissue] [--building B --unit U --room R]
                                            one-time vote codes for printed slips (a private file)
    poll vote ID --building B --unit U --room R --choice LABEL [--channel paper|proxy]
    poll vote ID --code CODE --choice LABEL a kiosk ballot with a one-time code
    poll close ID                           no more ballots; results become public
    poll receipt RECEIPT                    was this ballot counted? (when and how, never the choice)
"""

from __future__ import annotations

import os
import sys

from kiosk.i18n import _


def _cli():
    from kiosk import cli

    return cli


def cmd_poll_create(settings, args) -> int:
    from kiosk.domain import votes

    cli = _cli()
    cli._open(settings)
    estate = cli._estate(settings, args.estate)
    buildings = [b.strip() for b in (args.buildings or "").replace("，", ",").split(",") if b.strip()]
    p = votes.create_poll(cli.actor(), estate.id, args.title, args.option or [], matter=args.matter,
                          opens_at=cli._parse_when(args.opens, "--opens"), closes_at=cli._parse_when(args.closes, "--closes"),
                          buildings=buildings, meeting_id=args.meeting, project_id=args.project)
    scope = "、".join(p.buildings) if p.buildings else _("the whole estate")
    print(_("Created poll {id} in {estate} ({scope}): {title}").format(id=p.id, estate=p.estate, scope=scope, title=p.title))
    print(p.id)
    return 0


def cmd_poll_list(settings, args) -> int:
    from kiosk.domain import votes

    cli = _cli()
    cli._open(settings)
    estate_id = cli._estate(settings, args.estate).id if args.estate else None
    for p in votes.list_polls(estate_id):
        closes = f"{p.closes_at:%Y-%m-%d %H:%M}" if p.closes_at else "-"
        print(f"{p.id}\t{p.estate}\t{p.matter}\t{p.state()}\t{closes}\t{p.title}")
    return 0


def cmd_poll_tally(settings, args) -> int:
    from kiosk.domain import tally_export, votes

    _cli()._open(settings)
    t = votes.tally(args.id)
    sys.stdout.write(tally_export.to_json(t) if args.format == "json" else tally_export.to_text(t))
    return 0


def cmd_poll_codes(settings, args) -> int:
    from kiosk.domain import vote_slips, votes

    cli = _cli()
    cli._open(settings)
    info = votes.get_poll(args.id)
    household_id = None
    where = (args.building, args.unit, args.room)
    if any(where):
        if not all(where):
            raise cli.CliError(_("Name the household with --building, --unit and --room together."), cli.EXIT_USAGE)
        household_id = votes.find_household(info, *where)
    if os.path.exists(args.out) and not args.force:
        raise cli.CliError(_("{file} exists; add --force to overwrite it.").format(file=args.out))
    n = vote_slips.write_slips(cli.actor(), args.id, args.out, reissue=args.reissue, overwrite=args.force,
                               household_id=household_id)
    print(_("Wrote {n} one-time vote codes for poll {id} to {file}.").format(n=n, id=args.id, file=args.out))
    print(_("This file is private: it names rooms and every code in it can vote once. Print the slips, "
            "hand each to its household, then delete the file."), file=sys.stderr)
    return 0


def cmd_poll_vote(settings, args) -> int:
    from kiosk.domain import codes, votes

    cli = _cli()
    cli._open(settings)
    if args.code:
        if args.channel not in (None, "kiosk"):
            raise cli.CliError(_("A vote code is for the kiosk channel; leave out --channel."), cli.EXIT_USAGE)
        ticket = votes.check_code(args.code)
        if ticket.poll.id != args.id:
            raise cli.CliError(_("This code belongs to poll {id}.").format(id=ticket.poll.id))
        r = votes.cast_with_code(cli.actor(), args.code, args.choice)
    else:
        if not (args.building and args.unit and args.room):
            raise cli.CliError(_("Name the household with --building, --unit and --room (or give --code)."), cli.EXIT_USAGE)
        channel = args.channel or "paper"
        if channel not in votes.STAFF_CHANNELS:
            raise cli.CliError(_("Staff enter paper or proxy ballots; a kiosk ballot needs --code."), cli.EXIT_USAGE)
        r = votes.cast_at_address(cli.actor(), args.id, args.building, args.unit, args.room, args.choice, channel)
    print(_("Ballot counted ({channel}). Receipt: {receipt}").format(
        channel=votes.channel_label(r.channel), receipt=codes.show(r.receipt)))
    print(r.receipt)
    return 0


def cmd_poll_close(settings, args) -> int:
    from kiosk.domain import tally_export, votes

    cli = _cli()
    cli._open(settings)
    t = votes.close_poll(cli.actor(), args.id)
    print(_("Closed poll {id}; the results are now public.").format(id=args.id))
    sys.stdout.write(tally_export.to_text(t))
    return 0


def cmd_poll_receipt(settings, args) -> int:
    from kiosk.domain import codes, votes

    _cli()._open(settings)
    r = votes.check_receipt(args.receipt)
    print(_("Receipt {receipt}: counted in poll {id} ({title}), {channel}, {when}.").format(
        receipt=codes.show(r.receipt), id=r.poll_id, title=r.poll_title,
        channel=votes.channel_label(r.channel), when=f"{r.cast_at:%Y-%m-%d %H:%M}"))
    return 0


def register(sub, common, add) -> None:
    p = add("poll", None, _("household votes (Civil Code art. 278): create, codes, ballots, tally, close"))
    psub = p.add_subparsers(dest="action", metavar=_("ACTION"), required=True)

    q = psub.add_parser("create", parents=[common], help=_("create a poll; prints its id as the last line"))
    q.set_defaults(func=cmd_poll_create)
    q.add_argument("--estate", metavar=_("NAME"), help=_("estate (default: configured, else the first)"))
    q.add_argument("--title", required=True, metavar="T")
    q.add_argument("--option", action="append", metavar=_("LABEL"), help=_("an option; give two or more"))
    q.add_argument("--matter", choices=["ordinary", "major"], default="ordinary",
                   help=_("major: raising repair funds, rebuilding, changing the use of common parts (3/4 needed)"))
    q.add_argument("--opens", metavar="ISO-DATETIME", help=_("default: now"))
    q.add_argument("--closes", metavar="ISO-DATETIME", help=_("default: open until `poll close`"))
    q.add_argument("--buildings", metavar="B1,B2", help=_("only these buildings (default: the whole estate)"))
    q.add_argument("--meeting", type=int, metavar="ID", help=_("the meeting this vote came from"))
    q.add_argument("--project", type=int, metavar="ID", help=_("the project it decides about"))

    q = psub.add_parser("list", parents=[common], help=_("list polls"))
    q.set_defaults(func=cmd_poll_list)
    q.add_argument("--estate", metavar=_("NAME"))

    q = psub.add_parser("tally", parents=[common], help=_("count a poll (staff: also while it is open)"))
    q.set_defaults(func=cmd_poll_tally)
    q.add_argument("id", type=int, metavar="ID")
    q.add_argument("--format", choices=["text", "json"], default="text")

    q = psub.add_parser("codes", parents=[common], help=_("one-time vote codes for printed slips (a private file)"))
    q.set_defaults(func=cmd_poll_codes)
    q.add_argument("id", type=int, metavar="ID")
    q.add_argument("--out", required=True, metavar="FILE.csv")
    q.add_argument("--reissue", action="store_true", help=_("replace codes already issued (old slips stop working)"))
    q.add_argument("--force", action="store_true", help=_("overwrite FILE"))
    q.add_argument("--building", metavar="B", help=_("only this household (a lost slip)"))
    q.add_argument("--unit", metavar="U")
    q.add_argument("--room", metavar="R")

    q = psub.add_parser("vote", parents=[common], help=_("enter a ballot (paper or proxy; or a kiosk code)"))
    q.set_defaults(func=cmd_poll_vote)
    q.add_argument("id", type=int, metavar="ID")
    q.add_argument("--building", metavar="B")
    q.add_argument("--unit", metavar="U")
    q.add_argument("--room", metavar="R")
    q.add_argument("--choice", required=True, metavar=_("LABEL"))
    q.add_argument("--channel", choices=["paper", "proxy", "kiosk"], help=_("default: paper"))
    q.add_argument("--code", metavar="CODE", help=_("a household's one-time vote code (kiosk channel)"))

    q = psub.add_parser("close", parents=[common], help=_("close a poll: no more ballots, results public"))
    q.set_defaults(func=cmd_poll_close)
    q.add_argument("id", type=int, metavar="ID")

    q = psub.add_parser("receipt", parents=[common], help=_("check that a ballot was counted"))
    q.set_defaults(func=cmd_poll_receipt)
    q.add_argument("receipt", metavar="RECEIPT")

    try:
        from kiosk import cli_plan
    except ImportError:  # pragma: no cover
        return
    cli_plan.register(sub, common, add)
