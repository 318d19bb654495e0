"""`kiosk plan …`: 一户一策 cost shares, consents and statement codes (registered by cli_poll).

    plan create --project P --rate YUAN_PER_M2 [--coef 3=1.0,4=1.2,5=1.4,6=1.6] [--low-floors 2]
                [--low-floor-mode exempt|compensated] [--compensation YUAN] [--building B] [--title T]
                                            prints the new plan's id as its last line
    plan list [--project P]
    plan show ID [--format text|json]       every household's share (private: rooms, notes)
    plan consent ID --building B --unit U --room R --status agree|object|undecided [--note N]
    plan hardship ID --building B --unit U --room R --percent N --reason R
    plan override ID --building B --unit U --room R (--amount YUAN | --clear) [--reason R]
    plan codes ID --out FILE.csv [--reissue] [--building B --unit U --room R]
"""

from __future__ import annotations

import json
import os
import re
import sys
import unicodedata

from kiosk.i18n import _


def _cli():
    from kiosk import cli

    return cli


def parse_coefficients(text: str | None) -> dict[int, int]:
    """'3=1.0,4=1.2' -> {3: 100, 4: 120} (percent; at most two decimals, exact)."""
    out: dict[int, int] = {}
    if not text:
        return out
    for part in unicodedata.normalize("NFKC", text).replace("，", ",").split(","):
        part = part.strip()
        if not part:
            continue
        m = re.fullmatch(r"(\d{1,2})\s*[=:]\s*(\d+)(?:\.(\d{1,2}))?", part)
        if not m:
            raise _cli().CliError(_("Bad coefficient {value!r}: write FLOOR=FACTOR, e.g. 5=1.4").format(value=part), _cli().EXIT_USAGE)
        out[int(m[1])] = int(m[2]) * 100 + int((m[3] or "0").ljust(2, "0"))
    return out


def _yuan(text: str, *, negative: bool = False) -> int:
    from kiosk.domain.money import parse_yuan

    s = unicodedata.normalize("NFKC", text).strip()
    if negative and s.startswith("-"):
        return -parse_yuan(s[1:])
    if s in ("0", "0.0", "0.00"):
        return 0
    return parse_yuan(s)


def _household(plan_id: int, args) -> int:
    from kiosk.domain import plans

    cli = _cli()
    if not (args.building and args.unit and args.room):
        raise cli.CliError(_("Name the household with --building, --unit and --room together."), cli.EXIT_USAGE)
    return plans.find_household(plan_id, args.building, args.unit, args.room)


def _print_line(x) -> None:
    from kiosk.domain import plans
    from kiosk.domain.money import area_text, yuan

    extra = []
    if x.hardship_percent:
        extra.append(_("hardship -{p}% ({reason})").format(p=x.hardship_percent, reason=x.hardship_reason))
    if x.override_fen is not None:
        extra.append(_("override ({reason})").format(reason=x.override_reason))
    print(f"{x.building}\t{x.unit}\t{x.room}\t{x.floor}\t{area_text(x.area_cm2)}\tx{x.coefficient / 100:.2f}\t"
          f"{yuan(x.share_fen)}\t{plans.consent_label(x.consent)}\t{'; '.join(extra)}")


def cmd_plan_create(settings, args) -> int:
    from kiosk.domain import plans

    cli = _cli()
    cli._open(settings)
    p = plans.create_plan(cli.actor(), args.project, title=args.title or _("One household, one policy"),
                          rate_fen_per_m2=_yuan(args.rate), coefficients=parse_coefficients(args.coef),
                          low_floors=args.low_floors, low_floor_mode=args.low_floor_mode,
                          compensation_fen=_yuan(args.compensation) if args.compensation else 0, building=args.building)
    print(_("Created household plan {id} for project {project}.").format(id=p.id, project=p.project))
    print(p.id)
    return 0


def cmd_plan_list(settings, args) -> int:
    from kiosk.domain import plans

    _cli()._open(settings)
    for p in plans.list_plans(project_id=args.project):
        print(f"{p.id}\t{p.project_id}\t{p.project}\t{p.building or '-'}\t{p.title}")
    return 0


def cmd_plan_show(settings, args) -> int:
    from kiosk.domain import plans
    from kiosk.domain.money import yuan

    _cli()._open(settings)
    lines = plans.shares(args.id)
    s = plans.summary(args.id)
    if args.format == "json":
        data = {"plan_id": s.plan.id, "project_id": s.plan.project_id, "households": s.households, "agreed": s.agreed,
                "objected": s.objected, "undecided": s.undecided, "payable_fen": s.payable_fen,
                "compensation_fen": s.compensation_fen,
                "shares": [{"building": x.building, "unit": x.unit, "room": x.room, "floor": x.floor,
                            "area_cm2": x.area_cm2, "coefficient_percent": x.coefficient, "rule_fen": x.rule_fen,
                            "hardship_percent": x.hardship_percent, "hardship_fen": x.hardship_fen,
                            "override_fen": x.override_fen, "override_reason": x.override_reason,
                            "share_fen": x.share_fen, "consent": x.consent, "note": x.note} for x in lines]}
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print(f"{s.plan.title} ({s.plan.project})")
    for x in lines:
        _print_line(x)
    print(_("{n} households: {a} agree, {o} object, {u} undecided; owners pay {pay}, compensation {comp}.").format(
        n=s.households, a=s.agreed, o=s.objected, u=s.undecided, pay=yuan(s.payable_fen), comp=yuan(s.compensation_fen)))
    return 0


def cmd_plan_consent(settings, args) -> int:
    from kiosk.domain import plans

    cli = _cli()
    cli._open(settings)
    _print_line(plans.set_consent(cli.actor(), args.id, _household(args.id, args), args.status, args.note))
    return 0


def cmd_plan_hardship(settings, args) -> int:
    from kiosk.domain import plans

    cli = _cli()
    cli._open(settings)
    _print_line(plans.set_hardship(cli.actor(), args.id, _household(args.id, args), args.percent, args.reason or ""))
    return 0


def cmd_plan_override(settings, args) -> int:
    from kiosk.domain import plans

    cli = _cli()
    cli._open(settings)
    if args.clear == (args.amount is not None):
        raise cli.CliError(_("Give either --amount or --clear."), cli.EXIT_USAGE)
    amount = None if args.clear else _yuan(args.amount, negative=True)
    _print_line(plans.set_override(cli.actor(), args.id, _household(args.id, args), amount, args.reason or ""))
    return 0


def cmd_plan_codes(settings, args) -> int:
    from kiosk.domain import codes, csv_safe, plans

    cli = _cli()
    cli._open(settings)
    household_id = _household(args.id, args) if any((args.building, args.unit, args.room)) else None
    out = os.path.abspath(args.out)
    if os.path.exists(out) and not args.force:
        raise cli.CliError(_("{file} exists; add --force to overwrite it.").format(file=args.out))
    try:
        fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    except OSError as exc:
        raise cli.CliError(_("Cannot write {file}: {error}").format(file=args.out, error=exc.strerror or exc)) from None
    with open(fd, "w", encoding="utf-8-sig", newline="") as fh:
        try:
            slips = plans.issue_codes(cli.actor(), args.id, reissue=args.reissue, household_id=household_id)
        except BaseException:
            fh.close()
            os.remove(out)
            raise
        writer = csv_safe.writer(fh)
        writer.writerow(["building", "unit", "room", "code"])
        for s in slips:
            writer.writerow([s.building, s.unit, s.room, codes.show(s.code)])
    print(_("Wrote {n} statement codes for plan {id} to {file}.").format(n=len(slips), id=args.id, file=args.out))
    print(_("This file is private: it names rooms, and each code shows a household's statement. Print the slips, "
            "hand each to its household, then delete the file."), file=sys.stderr)
    return 0


def _where(q) -> None:
    q.add_argument("--building", metavar="B")
    q.add_argument("--unit", metavar="U")
    q.add_argument("--room", metavar="R")


def register(sub, common, add) -> None:
    p = add("plan", None, _("one household, one policy (一户一策): cost shares, consents, statement codes"))
    psub = p.add_subparsers(dest="action", metavar=_("ACTION"), required=True)

    q = psub.add_parser("create", parents=[common], help=_("a cost-share plan for a project; prints its id last"))
    q.set_defaults(func=cmd_plan_create)
    q.add_argument("--project", type=int, required=True, metavar="ID")
    q.add_argument("--rate", required=True, metavar=_("YUAN"), help=_("yuan per m² at coefficient 1.0"))
    q.add_argument("--coef", metavar="3=1.0,4=1.2", help=_("floor coefficients; higher floors use the last one"))
    q.add_argument("--low-floors", type=int, default=2, metavar="N", help=_("floors 1..N pay nothing (default 2)"))
    q.add_argument("--low-floor-mode", choices=["exempt", "compensated"], default="exempt")
    q.add_argument("--compensation", metavar=_("YUAN"), help=_("paid to each low-floor household when compensated"))
    q.add_argument("--building", metavar="B", help=_("only this building (default: the whole estate)"))
    q.add_argument("--title", metavar="T")

    q = psub.add_parser("list", parents=[common], help=_("list plans"))
    q.set_defaults(func=cmd_plan_list)
    q.add_argument("--project", type=int, metavar="ID")

    q = psub.add_parser("show", parents=[common], help=_("every household's share (private)"))
    q.set_defaults(func=cmd_plan_show)
    q.add_argument("id", type=int, metavar="ID")
    q.add_argument("--format", choices=["text", "json"], default="text")

    q = psub.add_parser("consent", parents=[common], help=_("record a household's consent"))
    q.set_defaults(func=cmd_plan_consent)
    q.add_argument("id", type=int, metavar="ID")
    _where(q)
    q.add_argument("--status", required=True, choices=["agree", "object", "undecided"])
    q.add_argument("--note", metavar="N")

    q = psub.add_parser("hardship", parents=[common], help=_("a hardship reduction for a household"))
    q.set_defaults(func=cmd_plan_hardship)
    q.add_argument("id", type=int, metavar="ID")
    _where(q)
    q.add_argument("--percent", type=int, required=True, metavar="N")
    q.add_argument("--reason", metavar="R")

    q = psub.add_parser("override", parents=[common], help=_("fix a household's share by hand, with a reason"))
    q.set_defaults(func=cmd_plan_override)
    q.add_argument("id", type=int, metavar="ID")
    _where(q)
    q.add_argument("--amount", metavar=_("YUAN"), help=_("negative: the household is paid"))
    q.add_argument("--clear", action="store_true", help=_("back to the rule"))
    q.add_argument("--reason", metavar="R")

    q = psub.add_parser("codes", parents=[common], help=_("statement codes for printed slips (a private file)"))
    q.set_defaults(func=cmd_plan_codes)
    q.add_argument("id", type=int, metavar="ID")
    q.add_argument("--out", required=True, metavar="FILE.csv")
    q.add_argument("--reissue", action="store_true", help=_("replace codes already issued"))
    q.add_argument("--force", action="store_true", help=_("overwrite FILE"))
    _where(q)
