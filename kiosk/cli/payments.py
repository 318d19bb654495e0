"""`kiosk payment …`: money paid out of a project's funds, entered by one staff member and
approved or rejected by another (--as names the staff member acting).

    payment add --as USER --project ID --payee ORG --purpose TEXT --amount YUAN --source KEY[=YUAN] …
                [--document NO] [--paid-on DATE] [--stage ID] [--advance-reason TEXT]
                                            prints the new payment's id as its last line
    payment approve ID --as USER [--note TEXT]
    payment reject ID --as USER --note TEXT
    payment reverse ID --as USER --reason TEXT   a reversing entry, itself approved by a second person
    payment list [--project ID] [--pending] [--estate E] [--json]
"""

from __future__ import annotations

from kiosk.cli import common, table
from kiosk.cli.amounts import by_source, yuan as _yuan
from kiosk.cli.parser import EXIT_USAGE, command, group
from kiosk.i18n import _


def _line(p) -> str:
    from kiosk.domain import payments
    from kiosk.domain.money import yuan

    return _("Payment {id}: {amount} to {payee} ({status})").format(
        id=p.id, amount=yuan(p.amount_fen), payee=common.say(p.payee), status=payments.status_label(p.status))


def cmd_payment_add(settings, args) -> int:
    from kiosk import clock
    from kiosk.domain import payments

    amount = _yuan(args.amount, "--amount")
    shares = by_source(args.source, "--source", amount)
    paid_on = common.parse_day(args.paid_on, "--paid-on")
    common.open_db(settings)
    p = payments.enter(args.as_, args.project, args.payee, args.purpose, args.document or "", amount,
                       paid_on or clock.today(), shares, stage_id=args.stage, advance_reason=args.advance_reason or "")
    print(_line(p))
    if p.beyond:
        print(_("Warning: {why}. It cannot be approved unless an administrator entered it as an advance with its reason.").format(
            why=payments.beyond_text(p.beyond)))
    print(p.id)
    return 0


def cmd_payment_approve(settings, args) -> int:
    from kiosk.domain import payments

    common.open_db(settings)
    print(_line(payments.approve(args.as_, args.id, args.note or "")))
    return 0


def cmd_payment_reject(settings, args) -> int:
    from kiosk.domain import payments

    common.open_db(settings)
    print(_line(payments.reject(args.as_, args.id, common.required_text(args.note, "--note"))))
    return 0


def cmd_payment_reverse(settings, args) -> int:
    from kiosk.domain import payments

    common.open_db(settings)
    p = payments.reverse(args.as_, args.id, common.required_text(args.reason, "--reason"))
    print(_line(p))
    print(p.id)
    return 0


def cmd_payment_list(settings, args) -> int:
    from kiosk.domain import payments
    from kiosk.domain.money import yuan

    common.open_db(settings)
    if args.project is not None:
        found = payments.for_project(args.project)
        if args.pending:
            found = [p for p in found if p.status == "pending"]
    elif args.pending:
        found = payments.pending(common.only_estate(settings, args))
    else:
        raise common.CliError(_("Name a project with --project, or ask for --pending."), EXIT_USAGE)
    rows = [{"id": p.id, "project_id": p.project_id, "project": p.project, "paid_on": p.paid_on.isoformat(),
             "payee": p.payee, "purpose": p.purpose, "document_no": p.document_no, "amount_fen": p.amount_fen,
             "amount": yuan(p.amount_fen), "shares": dict(p.shares), "status": p.status,
             "status_label": payments.status_label(p.status), "entered_by": p.entered_by, "decided_by": p.decided_by,
             "reverses": p.reverses_id, "advance_reason": p.advance_reason, "beyond": dict(p.beyond)} for p in found]
    table.emit(args, [("id", "ID"), ("paid_on", _("Date paid")), ("payee", _("Payee")), ("amount", _("Amount")),
                      ("status_label", _("Status")), ("entered_by", _("Entered by")), ("decided_by", _("Decided by")),
                      ("purpose", _("What for"))], rows)
    return 0


def _acting(q) -> None:
    q.add_argument("--as", dest="as_", required=True, metavar=_("USERNAME"),
                   help=_("the staff member acting (a second one must decide what the first entered)"))


def register(sub) -> None:
    psub = group(sub, "payment", _("payments out of a project's funds (entered by one, approved by another)"))
    q = command(psub, "add", cmd_payment_add, _("enter a payment; it waits for a second staff member's approval"))
    _acting(q)
    q.add_argument("--project", type=int, required=True, metavar="ID")
    q.add_argument("--payee", required=True, metavar=_("ORGANISATION"), help=_("who was paid"))
    q.add_argument("--purpose", required=True, metavar=_("TEXT"), help=_("what for: a works stage or item"))
    q.add_argument("--amount", required=True, metavar=_("YUAN"))
    q.add_argument("--source", action="append", required=True, metavar=_("SOURCE[=YUAN]"),
                   help=_("a source it is paid from and its part (repeat for several; one source alone pays it all)"))
    q.add_argument("--document", metavar=_("NO"), help=_("contract or invoice number"))
    q.add_argument("--paid-on", metavar=_("DATE"), help=_("date paid (default: today)"))
    q.add_argument("--stage", type=int, metavar="ID", help=_("the works stage it pays for"))
    q.add_argument("--advance-reason", metavar=_("TEXT"),
                   help=_("administrators only: pay beyond what was received, and why"))
    for name, func, help_text in (("approve", cmd_payment_approve, _("approve a payment someone else entered")),
                                  ("reject", cmd_payment_reject, _("reject a payment someone else entered, saying why"))):
        q = command(psub, name, func, help_text)
        q.add_argument("id", type=int, metavar="ID")
        _acting(q)
        q.add_argument("--note", metavar=_("TEXT"), help=_("why (required to reject)") if name == "reject" else None)
    q = command(psub, "reverse", cmd_payment_reverse, _("undo an approved payment with a reversing entry"))
    q.add_argument("id", type=int, metavar="ID")
    _acting(q)
    q.add_argument("--reason", required=True, metavar=_("TEXT"))
    q = command(psub, "list", cmd_payment_list, _("a project's payments, or those awaiting approval"))
    q.add_argument("--project", type=int, metavar="ID")
    q.add_argument("--pending", action="store_true", help=_("only payments awaiting approval"))
    q.add_argument("--estate", metavar=_("NAME"))
    table.add_json_flag(q)
