"""`kiosk poll …`: household votes (Civil Code art. 278).

    poll create --estate E --title T --option A --option B [--matter ordinary|major]
                [--opens ISO] [--closes ISO] [--buildings B1,B2] [--meeting ID] [--project ID]
                                            prints the new poll's id as its last line
    poll list [--estate E] [--json]
    poll tally ID [--format text|json]      the count as the Civil Code art. 278 counts it (nothing is
                                            approved before the close, nor below the quorum)
    poll codes ID --out FILE.pdf [--slips] [--reissue] [--building B --unit U --room R]
                                            one-time vote codes: ballot papers with the code on a
                                            tear-off strip, or code slips (FILE.csv: a table)
    poll vote ID --building B --unit U --room R --choice LABEL [--channel paper|proxy --proxy-holder NAME]
    poll vote ID --code CODE --choice LABEL a kiosk ballot with a one-time code
    poll close ID                           no more ballots; results become public
    poll receipt RECEIPT                    was this ballot counted? (when and how, never the choice)
"""

from __future__ import annotations

import sys

from kiosk.cli import common, paths, table
from kiosk.cli.parser import EXIT_USAGE, command, group
from kiosk.i18n import _


def cmd_poll_create(settings, args) -> int:
    from kiosk.domain import votes

    opens_at = common.parse_when(args.opens, "--opens")
    closes_at = common.parse_when(args.closes, "--closes")
    common.open_db(settings)
    estate = common.estate(settings)
    buildings = [b.strip() for b in (args.buildings or "").replace("，", ",").split(",") if b.strip()]
    p = votes.create_poll(common.actor(), estate.id, args.title, args.option or [], matter=args.matter,
                          opens_at=opens_at, closes_at=closes_at, buildings=buildings,
                          meeting_id=args.meeting, project_id=args.project)
    scope = "、".join(p.buildings) if p.buildings else _("the whole estate")
    print(_("Created poll {id} in {estate} ({scope}): {title}").format(id=p.id, estate=p.estate, scope=scope, title=p.title))
    print(p.id)
    return 0


def cmd_poll_list(settings, args) -> int:
    from kiosk.domain import votes

    common.open_db(settings)
    rows = []
    for p in votes.list_polls(common.only_estate(settings, args)):
        state = p.state()
        rows.append({"id": p.id, "estate": p.estate, "matter": p.matter, "matter_label": votes.matter_label(p.matter),
                     "state": state, "state_label": votes.state_label(state, short=True),
                     "closes_at": f"{p.closes_at:%Y-%m-%d %H:%M}" if p.closes_at else None, "title": p.title})
    table.emit(args, [("id", "ID"), ("estate", _("Estate")), ("matter_label", _("Matter")), ("state_label", _("State")),
                      ("closes_at", _("Closes")), ("title", _("Title"))], rows)
    return 0


def cmd_poll_tally(settings, args) -> int:
    from kiosk.domain import tally_export, votes

    common.open_db(settings)
    t = votes.tally(args.id)
    sys.stdout.write(tally_export.to_json(t) if args.format == "json" else tally_export.to_text(t))
    return 0


def cmd_poll_codes(settings, args) -> int:
    from kiosk.domain import vote_slips, votes
    from kiosk.paper import ballots

    paths.output_file(args.out, args.force)
    common.open_db(settings)
    info = votes.get_poll(args.id)
    household_id = votes.find_household(info, args.building, args.unit, args.room) if common.household_given(args) else None
    n = vote_slips.write_slips(common.actor(), args.id, args.out, reissue=args.reissue, overwrite=args.force,
                               household_id=household_id,
                               render=ballots.renderer(args.out, info, settings, slips_only=args.slips))
    print(_("Wrote {n} one-time vote codes for poll {id} to {file}.").format(n=n, id=args.id, file=args.out))
    print(_("This file is private: it names rooms and every code in it can vote once. Print the slips, "
            "hand each to its household, then delete the file."), file=sys.stderr)
    return 0


def cmd_poll_vote(settings, args) -> int:
    from kiosk.domain import codes, votes

    common.open_db(settings)
    who = common.actor()
    if args.code:
        if args.channel not in (None, "kiosk"):
            raise common.CliError(_("A vote code is for the kiosk channel; leave out --channel."), EXIT_USAGE)
        ticket = votes.check_code(args.code)
        if ticket.poll.id != args.id:
            raise common.CliError(_("This code belongs to poll {id}.").format(id=ticket.poll.id))
        r = votes.cast_with_code(who, args.code, args.choice)
    else:
        if not (args.building and args.unit and args.room):
            raise common.CliError(_("Name the household with --building, --unit and --room (or give --code)."), EXIT_USAGE)
        channel = args.channel or "paper"
        if channel not in votes.STAFF_CHANNELS:
            raise common.CliError(_("Staff enter paper or proxy ballots; a kiosk ballot needs --code."), EXIT_USAGE)
        r = votes.cast_at_address(who, args.id, args.building, args.unit, args.room, args.choice, channel,
                                  proxy_holder=args.proxy_holder)
    print(_("Ballot counted ({channel}). Receipt: {receipt}").format(
        channel=votes.channel_label(r.channel), receipt=codes.show(r.receipt)))
    print(r.receipt)
    return 0


def cmd_poll_close(settings, args) -> int:
    from kiosk.domain import tally_export, votes

    common.open_db(settings)
    t = votes.close_poll(common.actor(), args.id)
    print(_("Closed poll {id}; the results are now public.").format(id=args.id))
    sys.stdout.write(tally_export.to_text(t))
    return 0


def cmd_poll_receipt(settings, args) -> int:
    from kiosk.domain import codes, votes

    common.open_db(settings)
    r = votes.check_receipt(args.receipt)
    print(_("Receipt {receipt}: counted in poll {id} ({title}), {channel}, {when}.").format(
        receipt=codes.show(r.receipt), id=r.poll_id, title=r.poll_title,
        channel=votes.channel_label(r.channel), when=f"{r.cast_at:%Y-%m-%d %H:%M}"))
    return 0


def register(sub) -> None:
    psub = group(sub, "poll", _("household votes (Civil Code art. 278): create, codes, ballots, tally, close"))

    q = command(psub, "create", cmd_poll_create, _("create a poll; prints its id as the last line"))
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

    q = command(psub, "list", cmd_poll_list, _("list polls"))
    q.add_argument("--estate", metavar=_("NAME"))
    table.add_json_flag(q)

    q = command(psub, "tally", cmd_poll_tally, _("count a poll (staff: also while it is open)"))
    q.add_argument("id", type=int, metavar="ID")
    q.add_argument("--format", choices=["text", "json"], default="text")

    q = command(psub, "codes", cmd_poll_codes, _("one-time vote codes for printed slips (a private file)"))
    q.add_argument("id", type=int, metavar="ID")
    q.add_argument("--out", required=True, metavar="FILE.pdf|FILE.csv",
                   help=_("FILE.pdf: a ballot paper per household with its code on a tear-off strip; FILE.csv: the codes as a table"))
    q.add_argument("--slips", action="store_true", help=_("with FILE.pdf: code slips, ten to a page, instead of ballot papers"))
    q.add_argument("--reissue", action="store_true", help=_("replace codes already issued (old slips stop working)"))
    q.add_argument("--force", action="store_true", help=_("overwrite FILE"))
    common.add_household(q, _("only this household (a lost slip)"))

    q = command(psub, "vote", cmd_poll_vote, _("enter a ballot (paper or proxy; or a kiosk code)"))
    q.add_argument("id", type=int, metavar="ID")
    common.add_household(q)
    q.add_argument("--choice", required=True, metavar=_("LABEL"))
    q.add_argument("--channel", choices=["paper", "proxy", "kiosk"], help=_("default: paper"))
    q.add_argument("--proxy-holder", default="", metavar=_("NAME"), help=_("who voted for the household (required with --channel proxy)"))
    q.add_argument("--code", metavar="CODE", help=_("a household's one-time vote code (kiosk channel)"))

    q = command(psub, "close", cmd_poll_close, _("close a poll: no more ballots, results public"))
    q.add_argument("id", type=int, metavar="ID")

    q = command(psub, "receipt", cmd_poll_receipt, _("check that a ballot was counted"))
    q.add_argument("receipt", metavar=_("RECEIPT"))
