"""`kiosk lobby`, `kiosk admin`, `kiosk display`: the long-running apps. Only this module is
imported and registered when one of them starts."""

from __future__ import annotations

from kiosk.cli import common
from kiosk.cli.parser import EXIT_USAGE, command
from kiosk.i18n import _

APP_COMMANDS = ("lobby", "admin", "display")


def cmd_lobby(settings, args) -> int:
    if args.try_out:
        settings.try_out = True
    common.open_db(settings, cache_kib=common.APP_CACHE_KIB)
    from kiosk.apps.lobby import run

    return run(settings)


def cmd_admin(settings, args) -> int:
    common.open_db(settings, cache_kib=common.APP_CACHE_KIB)
    from kiosk.apps.admin import run

    return run(settings)


def cmd_display(settings, args) -> int:
    if args.interval is not None:
        if args.interval <= 0:
            raise common.CliError(_("The interval must be a positive number of seconds."), EXIT_USAGE)
        settings.interval = args.interval
    common.open_db(settings, cache_kib=common.APP_CACHE_KIB)
    from kiosk.apps.display import run

    return run(settings)


def register(sub, only: str | None = None) -> None:
    if only in (None, "lobby"):
        p = command(sub, "lobby", cmd_lobby, _("the resident kiosk (what plain `kiosk` runs)"))
        p.add_argument("--estate", metavar=_("NAME"), help=_("estate to show (default: configured, else the first)"))
        p.add_argument("--try", dest="try_out", action="store_true",
                       help=_("try it out: Ctrl+Q (shown at the bottom) leaves; never on a kiosk box"))
    if only in (None, "admin"):
        command(sub, "admin", cmd_admin, _("staff mode (login first): what an SSH login runs"))
    if only in (None, "display"):
        p = command(sub, "display", cmd_display, _("the notice-board loop: slides, no input"))
        p.add_argument("--estate", metavar=_("NAME"), help=_("estate to show (default: configured, else the first)"))
        p.add_argument("--interval", type=float, metavar="S", help=_("seconds per slide (default 10)"))
