"""`kiosk staff add|passwd|disable|enable|list`."""

from __future__ import annotations

import getpass
import sys

from kiosk.cli import common, table
from kiosk.cli.parser import EXIT_USAGE, command
from kiosk.i18n import _


def _read_password(args) -> str:
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        if not sys.stdin.isatty():
            raise common.CliError(_("No terminal to ask for the password: use --password-stdin."), EXIT_USAGE)
        password = getpass.getpass(_("Password: "))
        if password != getpass.getpass(_("Password again: ")):
            raise common.CliError(_("The passwords differ."))
    if not password:
        raise common.CliError(_("The password is empty."))
    return password


def _list(args) -> None:
    from kiosk.domain import auth

    rows = []
    for s in auth.list_staff():
        state = "disabled" if s.disabled else ("locked" if s.locked_until else "active")
        rows.append({"username": s.username, "role": s.role, "display_name": s.display_name, "state": state,
                     "state_label": {"disabled": _("disabled"), "locked": _("locked"), "active": ""}[state]})
    table.emit(args, [("username", _("Username")), ("role", _("Role")), ("display_name", _("Name")),
                      ("state_label", _("State"))], rows)


def cmd_staff(settings, args) -> int:
    from kiosk.domain import auth

    common.open_db(settings)
    if args.action == "list":
        _list(args)
        return 0
    if not args.name:
        raise common.CliError(_("Name the staff member."), EXIT_USAGE)
    who = common.actor()
    if args.action == "add":
        s = auth.add_staff(who, args.name, _read_password(args), role=args.role or "staff", display_name=args.display_name or "")
        print(_("Added {role} {name}.").format(role=auth.role_label(s.role), name=s.username))
    elif args.action == "passwd":
        auth.set_password(who, args.name, _read_password(args))
        print(_("Password changed for {name}.").format(name=args.name))
    elif args.action == "disable":
        auth.set_disabled(who, args.name, True)
        print(_("Disabled {name}.").format(name=args.name))
    elif args.action == "enable":
        auth.set_disabled(who, args.name, False)
        print(_("Enabled {name}.").format(name=args.name))
    return 0


def register(sub) -> None:
    p = command(sub, "staff", cmd_staff, _("staff accounts"))
    p.add_argument("action", choices=["add", "passwd", "disable", "enable", "list"], metavar=_("ACTION"),
                   help="add | passwd | disable | enable | list")
    p.add_argument("name", nargs="?", metavar=_("NAME"))
    p.add_argument("--role", choices=["admin", "staff"], help=_("role of a new account (default: staff)"))
    p.add_argument("--display-name", metavar=_("NAME"))
    p.add_argument("--password-stdin", action="store_true", help=_("read the password from standard input"))
    table.add_json_flag(p)
