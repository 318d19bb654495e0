"""`kiosk plan …`: 一户一策 cost shares, consents and statement codes .

    plan create --project P --rate YUAN_PER_M2 [--coef 3=1.0,4=1.2,5=1.4,6=1.6] [--low-floors 2]
                [--low-floor-mode exempt|compensated] [--compensation YUAN] [--building B] [--title T]
                                            prints the new plan's id as its last line
    plan list [--project P] [--json]
    plan show ID [--format text|json]       every household's share (private: rooms, notes)
    plan consent ID --building B --unit U --room R --status agree|object|undecided [--note N]
    plan hardship ID --building B --unit U --room R --percent N --reason R
    plan override ID --building B --unit U --room R (--amount YUAN | --clear) [--reason R]
    plan codes ID --out FILE.csv [--reissue] [--building B --unit U --room R]
"""

from __future__ import annotations

import json
import sys
import unicodedata

from kiosk.cli import common, paths, table
from kiosk.cli.parser import EXIT_USAGE, command, group
from kiosk.i18n import _


def parse_coefficients(text: str | None) -> dict[int, int]:
    """'3=1.0,4=1.2' -> {3: 100, 4: 120} (the domain's reading; a bad one is a usage error here)."""
    from kiosk.domain import plans
    from kiosk.domain.errors import ValidationError

    try:
        return plans.parse_coefficients(text)
    except ValidationError as exc:
        raise common.CliError(str(exc), EXIT_USAGE) from None


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

    if not common.household_given(args):
        raise common.CliError(_("Name the household with --building, --unit and --room together."), EXIT_USAGE)
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

    common.open_db(settings)
    p = plans.create_plan(common.actor(), args.project, title=args.title or _("One household, one policy"),
                          rate_fen_per_m2=_yuan(args.rate), coefficients=parse_coefficients(args.coef),
                          low_floors=args.low_floors, low_floor_mode=args.low_floor_mode,
                          compensation_fen=_yuan(args.compensation) if args.compensation else 0, building=args.building)
    print(_("Created household plan {id} for project {project}.").format(id=p.id, project=p.project))
    print(p.id)
    return 0


def cmd_plan_list(settings, args) -> int:
    from kiosk.domain import plans

    common.open_db(settings)
    rows = [{"id": p.id, "project_id": p.project_id, "project": p.project, "building": p.building or None,
             "title": p.title} for p in plans.list_plans(project_id=args.project)]
    table.emit(args, [("id", "ID"), ("project_id", _("Project")), ("project", _("Title")), ("building", _("Building")),
                      ("title", _("Plan"))], rows)
    return 0


def cmd_plan_show(settings, args) -> int:
    from kiosk.domain import plans
    from kiosk.domain.money import yuan

    common.open_db(settings)
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

    common.open_db(settings)
    _print_line(plans.set_consent(common.actor(), args.id, _household(args.id, args), args.status, args.note))
    return 0


def cmd_plan_hardship(settings, args) -> int:
    from kiosk.domain import plans

    common.open_db(settings)
    _print_line(plans.set_hardship(common.actor(), args.id, _household(args.id, args), args.percent, args.reason or ""))
    return 0


def cmd_plan_override(settings, args) -> int:
    from kiosk.domain import plans

    common.open_db(settings)
    if args.clear == (args.amount is not None):
        raise common.CliError(_("Give either --amount or --clear."), EXIT_USAGE)
    amount = None if args.clear else _yuan(args.amount, negative=True)
    _print_line(plans.set_override(common.actor(), args.id, _household(args.id, args), amount, args.reason or ""))
    return 0


def cmd_plan_codes(settings, args) -> int:
    from kiosk.domain import plans, vote_slips
    from kiosk.paper import slips as code_slips

    out = paths.output_file(args.out, args.force)
    common.open_db(settings)
    household_id = _household(args.id, args) if common.household_given(args) else None
    plan = plans.get_plan(args.id)
    # FILE.pdf: slips with cut marks, ten to a page; any other name: the codes as a CSV table.
    render = (lambda issued: code_slips.plan_codes(plan, issued, settings)) if out.lower().endswith(".pdf") else None
    n = vote_slips.write_codes(out, lambda deliver: plans.issue_codes(
        common.actor(), args.id, reissue=args.reissue, household_id=household_id, deliver=deliver), overwrite=True,
        render=render)
    print(_("Wrote {n} statement codes for plan {id} to {file}.").format(n=n, id=args.id, file=args.out))
    print(_("This file is private: it names rooms, and each code shows a household's statement. Print the slips, "
            "hand each to its household, then delete the file."), file=sys.stderr)
    return 0


def register(sub) -> None:
    psub = group(sub, "plan", _("one household, one policy (一户一策): cost shares, consents, statement codes"))

    q = command(psub, "create", cmd_plan_create, _("a cost-share plan for a project; prints its id last"))
    q.add_argument("--project", type=int, required=True, metavar="ID")
    q.add_argument("--rate", required=True, metavar=_("YUAN"), help=_("yuan per m² at coefficient 1.0"))
    q.add_argument("--coef", metavar="3=1.0,4=1.2", help=_("floor coefficients; higher floors use the last one"))
    q.add_argument("--low-floors", type=int, default=2, metavar="N", help=_("floors 1..N pay nothing (default 2)"))
    q.add_argument("--low-floor-mode", choices=["exempt", "compensated"], default="exempt")
    q.add_argument("--compensation", metavar=_("YUAN"), help=_("paid to each low-floor household when compensated"))
    q.add_argument("--building", metavar="B", help=_("only this building (default: the whole estate)"))
    q.add_argument("--title", metavar="T")

    q = command(psub, "list", cmd_plan_list, _("list plans"))
    q.add_argument("--project", type=int, metavar="ID")
    table.add_json_flag(q)

    q = command(psub, "show", cmd_plan_show, _("every household's share (private)"))
    q.add_argument("id", type=int, metavar="ID")
    q.add_argument("--format", choices=["text", "json"], default="text")

    q = command(psub, "consent", cmd_plan_consent, _("record a household's consent"))
    q.add_argument("id", type=int, metavar="ID")
    common.add_household(q)
    q.add_argument("--status", required=True, choices=["agree", "object", "undecided"])
    q.add_argument("--note", metavar="N")

    q = command(psub, "hardship", cmd_plan_hardship, _("a hardship reduction for a household"))
    q.add_argument("id", type=int, metavar="ID")
    common.add_household(q)
    q.add_argument("--percent", type=int, required=True, metavar="N")
    q.add_argument("--reason", metavar="R")

    q = command(psub, "override", cmd_plan_override, _("fix a household's share by hand, with a reason"))
    q.add_argument("id", type=int, metavar="ID")
    common.add_household(q)
    q.add_argument("--amount", metavar=_("YUAN"), help=_("negative: the household is paid"))
    q.add_argument("--clear", action="store_true", help=_("back to the rule"))
    q.add_argument("--reason", metavar="R")

    q = command(psub, "codes", cmd_plan_codes, _("statement codes for printed slips (a private file)"))
    q.add_argument("id", type=int, metavar="ID")
    q.add_argument("--out", required=True, metavar="FILE.pdf|FILE.csv",
                   help=_("FILE.pdf: code slips with cut marks, ten to a page; FILE.csv: the codes as a table"))
    q.add_argument("--reissue", action="store_true", help=_("replace codes already issued"))
    q.add_argument("--force", action="store_true", help=_("overwrite FILE"))
    common.add_household(q)
