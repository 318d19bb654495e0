"""The `kiosk` command. One function per subcommand; each parses, calls the domain, prints.

Errors are one line in the user's language and a non-zero exit, never a traceback; unexpected
ones are logged to the log file with their traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import getpass
import json
import logging
import os
import sys
import traceback

from kiosk import __version__, config, i18n
from kiosk.i18n import _

EXIT_USAGE = 2
EXIT_FAULT = 1
EXIT_INTERNAL = 70


class CliError(Exception):
    """A one-line message for the user; exit status 1 (or `code`)."""

    def __init__(self, message: str, code: int = EXIT_FAULT):
        super().__init__(message)
        self.code = code


def actor() -> str:
    try:
        who = getpass.getuser()
    except Exception:  # no passwd entry in a container
        who = str(os.getuid())
    return f"cli:{who}"


# The long-running apps read a few aggregates again and again; the operating system caches the
# file anyway, so SQLite's own 2 MiB page cache per connection mostly adds resident memory.
APP_CACHE_KIB = 512


def _open(settings: config.Settings, *, check_schema: bool = True, cache_kib: int | None = None):
    from kiosk.db import connection

    return connection.connect(settings.db_url(), check_schema=check_schema, cache_kib=cache_kib)


def _where(settings: config.Settings) -> str:
    """The database's address fit to print: a PostgreSQL URL without its password."""
    from kiosk.db import backend

    return backend.parse_url(settings.db_url()).describe()


def _estate(settings: config.Settings, name: str | None):
    from kiosk.domain import estates

    return estates.resolve_estate(name or settings.estate)


def _parse_when(text: str | None, field: str) -> dt.datetime | None:
    if not text:
        return None
    try:
        value = dt.datetime.fromisoformat(text.strip().replace("/", "-"))
    except ValueError:
        raise CliError(_("{field}: not a date and time like 2026-12-31T18:00: {value}").format(field=field, value=text), EXIT_USAGE) from None
    if value.tzinfo is not None:
        value = value.astimezone().replace(tzinfo=None)
    return value


def _say(message: object) -> str:
    """A message for the terminal: it may quote a file's contents (a refused amount, a receipt),
    which must not reach the terminal as escape sequences (title changes, clipboard writes)."""
    from kiosk.render.safe import inert

    return inert(message)


def _progress(label: str):
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        end = "\n" if done >= total else ""
        sys.stderr.write(f"\r{label} {done:,}/{total:,}{end}")
        sys.stderr.flush()

    return show


# ---- subcommands -------------------------------------------------------------------------

def cmd_lobby(settings, args) -> int:
    _open(settings, cache_kib=APP_CACHE_KIB)
    from kiosk.apps.lobby import run

    return run(settings, args.estate)


def cmd_admin(settings, args) -> int:
    _open(settings, cache_kib=APP_CACHE_KIB)
    from kiosk.apps.admin import run

    return run(settings)


def cmd_display(settings, args) -> int:
    if args.interval is not None:
        if args.interval <= 0:
            raise CliError(_("The interval must be a positive number of seconds."), EXIT_USAGE)
        settings.interval = args.interval
    _open(settings, cache_kib=APP_CACHE_KIB)
    from kiosk.apps.display import run

    return run(settings, args.estate)


def cmd_init(settings, args) -> int:
    from kiosk.db import schema

    db = _open(settings, check_schema=False)
    try:
        before, after = schema.init(db)
    except schema.SchemaError as exc:
        raise CliError(str(exc)) from None
    if before is None:
        print(_("Created a new database at schema version {v}: {where}").format(v=after, where=_where(settings)))
    elif before == after:
        print(_("The database is up to date (schema version {v}).").format(v=after))
    else:
        print(_("Upgraded the database from schema version {a} to {b}.").format(a=before, b=after))
    return 0


def cmd_demo(settings, args) -> int:
    from kiosk.db import demo, reset, schema

    db = _open(settings, check_schema=False)
    if schema.stored_version(db) is not None:
        if not reset.is_demo(db) and not args.replace:
            raise CliError(_("{where} already holds data that is not a demo; add --replace to wipe it.").format(where=_where(settings)))
        reset.drop_all(db)
    schema.init(db)
    summary = demo.build()
    print(_("Demo database ready at {where}: {n} estates, projects {ids}.").format(
        where=_where(settings), n=summary["estates"], ids=", ".join(map(str, summary["projects"]))))
    print(_("Demo staff accounts: {names}; password: {password}").format(
        names=", ".join(u for u, _r, _d in demo.DEMO_STAFF), password=demo.DEMO_PASSWORD))
    return 0


def cmd_estate_add(settings, args) -> int:
    from kiosk.domain import estates

    _open(settings)
    e = estates.add_estate(actor(), args.name, args.community or "", args.build_year, args.sub_district or estates.DEFAULT_SUB_DISTRICT)
    print(_("Added estate {name} (id {id}).").format(name=e.name, id=e.id))
    print(e.id)
    return 0


def cmd_estate_list(settings, args) -> int:
    from kiosk.domain import estates

    _open(settings)
    for e in estates.list_estates():
        print(f"{e.id}\t{e.name}\t{e.community}\t{e.sub_district}\t{e.build_year or ''}")
    return 0


def _read_password(args) -> str:
    if args.password_stdin:
        line = sys.stdin.readline()
        password = line.rstrip("\r\n")
    else:
        if not sys.stdin.isatty():
            raise CliError(_("No terminal to ask for the password: use --password-stdin."), EXIT_USAGE)
        password = getpass.getpass(_("Password: "))
        again = getpass.getpass(_("Password again: "))
        if password != again:
            raise CliError(_("The passwords differ."))
    if not password:
        raise CliError(_("The password is empty."))
    return password


def cmd_staff(settings, args) -> int:
    from kiosk.domain import auth

    _open(settings)
    if args.action == "list":
        for s in auth.list_staff():
            state = _("disabled") if s.disabled else (_("locked") if s.locked_until else "")
            print(f"{s.username}\t{s.role}\t{s.display_name}\t{state}")
        return 0
    if not args.name:
        raise CliError(_("Name the staff member."), EXIT_USAGE)
    if args.action == "add":
        s = auth.add_staff(actor(), args.name, _read_password(args), role=args.role or "staff", display_name=args.display_name or "")
        print(_("Added {role} {name}.").format(role=s.role, name=s.username))
    elif args.action == "passwd":
        auth.set_password(actor(), args.name, _read_password(args))
        print(_("Password changed for {name}.").format(name=args.name))
    elif args.action == "disable":
        auth.set_disabled(actor(), args.name, True)
        print(_("Disabled {name}.").format(name=args.name))
    elif args.action == "enable":
        auth.set_disabled(actor(), args.name, False)
        print(_("Enabled {name}.").format(name=args.name))
    return 0


def cmd_notice_post(settings, args) -> int:
    from kiosk.domain import notices

    _open(settings)
    estate_id = _estate(settings, args.estate).id if args.estate else None
    n = notices.post(actor(), args.title, args.body or "", estate_id=estate_id, category=args.category,
                     publish_at=_parse_when(args.at, "--at"), expires_at=_parse_when(args.until, "--until"),
                     pinned=args.pinned, emergency=args.emergency)
    print(_("Posted notice {id}.").format(id=n.id))
    print(n.id)
    return 0


def cmd_notice_list(settings, args) -> int:
    from kiosk.domain import notices

    _open(settings)
    estate_id = _estate(settings, args.estate).id if args.estate else None
    for n in notices.live(estate_id) if not args.all else notices.list_all(estate_id):
        flags = ("!" if n.emergency else "") + ("^" if n.pinned else "")
        until = n.expires_at.isoformat(sep=" ") if n.expires_at else "-"
        print(f"{n.id}\t{flags}\t{n.publish_at:%Y-%m-%d %H:%M}\t{until}\t{n.title!r}")
    return 0


def cmd_notice_withdraw(settings, args) -> int:
    from kiosk.domain import notices

    _open(settings)
    notices.withdraw(actor(), args.id)
    print(_("Withdrew notice {id}.").format(id=args.id))
    return 0


def cmd_import(settings, args) -> int:
    from kiosk.domain import imports
    from kiosk.domain.money import yuan

    _open(settings)
    label = _("Importing")
    if args.kind == "households":
        result = imports.households(actor(), args.file, _progress(label))
    elif args.kind == "contributions":
        result = imports.contributions(actor(), args.file, _progress(label))
    else:
        try:
            from kiosk.domain import ballot_import
        except ImportError:
            raise CliError(_("Ballot import is not available in this version."), EXIT_USAGE) from None
        result = ballot_import.ballots(actor(), args.file, _progress(label))
    for line, why in result.skipped:
        print(_say(_("skipped line {line}: {why}").format(line=line, why=why)), file=sys.stderr)
    msg = _("Imported {n} of {rows} rows from {file}.").format(n=result.imported, rows=result.rows, file=_say(os.path.basename(args.file)))
    if args.kind == "contributions":
        msg += " " + _("Total {amount}.").format(amount=yuan(result.total_fen))
    print(msg)
    return 0


def cmd_export(settings, args) -> int:
    from kiosk.domain import disclosure

    _open(settings)
    estate_id = _estate(settings, args.estate).id if args.estate else None
    data = disclosure.collect(estate_id)
    fmt = args.format
    text = {"json": disclosure.to_json, "csv": disclosure.to_csv, "md": disclosure.to_markdown}[fmt](data)
    if args.out:
        with open(args.out, "w", encoding="utf-8", newline="") as fh:
            fh.write(text if text.endswith("\n") else text + "\n")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


def cmd_verify(settings, args) -> int:
    from kiosk.domain import verify

    anchors = tuple(verify.parse_anchor(a) for a in args.anchor or ())
    _open(settings)  # a missing file or schema is one clear line, never a new empty database
    report = verify.run(anchors)
    for fault in report.faults:
        print(_("FAULT {fault}").format(fault=fault))
    if report.ok:
        print(_("OK: {entries} audit entries, {n} money entries; chain head {hash}").format(
            entries=report.entries, n=report.contributions, hash=report.head))
        return 0
    print(_("{n} faults found.").format(n=len(report.faults)), file=sys.stderr)
    return EXIT_FAULT


def cmd_backup(settings, args) -> int:
    from kiosk.db import backend
    from kiosk.db.models import database

    _open(settings)
    dest = os.path.abspath(args.file)
    if os.path.exists(dest) and not args.force:
        raise CliError(_("{file} exists; add --force to overwrite it.").format(file=args.file))
    backend.backup_to(database.obj, dest)  # replaces dest only once the copy is complete
    print(_("Backed up to {file}.").format(file=args.file))
    return 0


def cmd_project_list(settings, args) -> int:
    from kiosk.domain import funding
    from kiosk.domain.money import yuan

    _open(settings)
    estate_id = _estate(settings, args.estate).id if args.estate else None
    projects = funding.list_projects(estate_id)
    snaps = funding.snapshots([p.id for p in projects])
    for p in projects:
        s = snaps[p.id]
        print(f"{p.id}\t{p.estate}\t{p.title}\t{funding.status_label(p.status)}\t{yuan(s.received_fen)}/{yuan(s.target_fen)}")
    return 0


def cmd_qr(settings, args) -> int:
    try:
        from kiosk.render import qr
    except ImportError:
        raise CliError(_("QR posters are not available in this version."), EXIT_USAGE) from None
    from kiosk.domain import funding

    _open(settings)
    project = funding.get_project(args.project_id)
    url = settings.pledge_url.format(project_id=project.id, estate_id=project.estate_id)
    qr.save_poster(url, args.out)
    print(_("Wrote {file} for {url}").format(file=args.out, url=url))
    return 0


# ---- parser ------------------------------------------------------------------------------

def _common() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--db", default=argparse.SUPPRESS, metavar="URL",
                   help=_("database: sqlite:///path.db, a path, or postgresql://… (default: KIOSK_DB)"))
    p.add_argument("--lang", default=argparse.SUPPRESS, choices=["zh", "en"], help=_("language (default: zh, or KIOSK_LANG)"))
    p.add_argument("--config", default=argparse.SUPPRESS, metavar="FILE", help=_("settings file (TOML)"))
    return p


APP_COMMANDS = ("lobby", "admin", "display")
GLOBAL_OPTIONS = ("--db", "--lang", "--config")


def app_command(argv: list[str]) -> str | None:
    """The long-running app `argv` starts (`kiosk`, `kiosk --db D lobby --estate E`), or None
    for anything else (other commands, --help, a typo): those get the whole parser."""
    i = 0
    while i < len(argv):
        if argv[i] in GLOBAL_OPTIONS:
            i += 2
        elif argv[i].split("=", 1)[0] in GLOBAL_OPTIONS:
            i += 1
        else:
            break
    rest = argv[i:]
    if any(a in ("-h", "--help", "--version") for a in rest):
        return None
    if not rest:
        return "lobby"
    return rest[0] if rest[0] in APP_COMMANDS else None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """Every subcommand, or with `only` just that app's: a kiosk box starts in a fraction of
    the time when it does not build forty parsers it will not use."""
    common = _common()
    parser = argparse.ArgumentParser(
        prog="kiosk", parents=[common],
        description=_("Community works kiosk: notices, six-source funding, works progress, reports and votes for an old estate."),
    )
    parser.add_argument("--version", action="version", version=f"kiosk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar=_("COMMAND"))

    def add(name, func, help_text, **kw):
        p = sub.add_parser(name, parents=[common], help=help_text, description=help_text, **kw)
        p.set_defaults(func=func)
        return p

    if only in (None, "lobby"):
        p = add("lobby", cmd_lobby, _("the resident kiosk (what plain `kiosk` runs)"))
        p.add_argument("--estate", metavar=_("NAME"), help=_("estate to show (default: configured, else the first)"))
    if only in (None, "admin"):
        add("admin", cmd_admin, _("staff mode (login first): what an SSH login runs"))
    if only in (None, "display"):
        p = add("display", cmd_display, _("the notice-board loop: slides, no input"))
        p.add_argument("--estate", metavar=_("NAME"), help=_("estate to show (default: configured, else the first)"))
        p.add_argument("--interval", type=float, metavar="S", help=_("seconds per slide (default 10)"))
    if only is not None:
        return parser
    add("init", cmd_init, _("create or upgrade the schema"))
    p = add("demo", cmd_demo, _("a database filled with the article's estates and history"))
    p.add_argument("--replace", action="store_true", help=_("wipe a database that is not a demo"))

    p = add("estate", None, _("estates (小区)"))
    esub = p.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    q = esub.add_parser("add", parents=[common], help=_("add an estate"))
    q.set_defaults(func=cmd_estate_add)
    q.add_argument("name", metavar=_("NAME"))
    q.add_argument("--community", metavar="C", help=_("community (社区); default: the estate's name"))
    q.add_argument("--sub-district", metavar="S", help=_("sub-district (街道); default: 滨河街道"))
    q.add_argument("--build-year", type=int, metavar=_("YEAR"))
    q = esub.add_parser("list", parents=[common], help=_("list estates"))
    q.set_defaults(func=cmd_estate_list)

    p = add("staff", cmd_staff, _("staff accounts"))
    p.add_argument("action", choices=["add", "passwd", "disable", "enable", "list"])
    p.add_argument("name", nargs="?", metavar=_("NAME"))
    p.add_argument("--role", choices=["admin", "staff"], help=_("role of a new account (default: staff)"))
    p.add_argument("--display-name", metavar=_("NAME"))
    p.add_argument("--password-stdin", action="store_true", help=_("read the password from standard input"))

    p = add("notice", None, _("public notices"))
    nsub = p.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    q = nsub.add_parser("post", parents=[common], help=_("post a notice"))
    q.set_defaults(func=cmd_notice_post)
    q.add_argument("--title", required=True, metavar="T")
    q.add_argument("--body", metavar="B", help=_("Markdown text"))
    q.add_argument("--estate", metavar=_("NAME"), help=_("only this estate (default: every estate)"))
    q.add_argument("--category", default="general", choices=["general", "works", "money", "meeting", "vote", "safety"])
    q.add_argument("--emergency", action="store_true", help=_("takes over the lobby and the display"))
    q.add_argument("--pinned", action="store_true")
    q.add_argument("--at", metavar="ISO-DATETIME", help=_("publish later (default: now)"))
    q.add_argument("--until", metavar="ISO-DATETIME", help=_("expires at"))
    q = nsub.add_parser("list", parents=[common], help=_("list live notices"))
    q.set_defaults(func=cmd_notice_list)
    q.add_argument("--estate", metavar=_("NAME"))
    q.add_argument("--all", action="store_true", help=_("include expired and withdrawn"))
    q = nsub.add_parser("withdraw", parents=[common], help=_("withdraw a notice"))
    q.set_defaults(func=cmd_notice_withdraw)
    q.add_argument("id", type=int)

    p = add("import", cmd_import, _("import a CSV file (UTF-8, with or without BOM, or GB18030); all or nothing"))
    p.add_argument("kind", choices=["households", "contributions", "ballots"])
    p.add_argument("file", metavar="FILE.csv")

    p = add("export", None, _("export data"))
    xsub = p.add_subparsers(dest="what", metavar=_("WHAT"), required=True)
    q = xsub.add_parser("report", parents=[common], help=_("the public disclosure (公示)"))
    q.set_defaults(func=cmd_export)
    q.add_argument("--format", choices=["json", "csv", "md"], default="json")
    q.add_argument("--estate", metavar=_("NAME"), help=_("only this estate (default: all)"))
    q.add_argument("--out", metavar="FILE", help=_("write to a file instead of standard output"))

    p = add("project", None, _("projects (works)"))
    psub = p.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    q = psub.add_parser("list", parents=[common], help=_("list projects with their funding"))
    q.set_defaults(func=cmd_project_list)
    q.add_argument("--estate", metavar=_("NAME"))

    p = add("qr", cmd_qr, _("a printable pledge QR code for a project"))
    p.add_argument("project_id", type=int, metavar="PROJECT_ID")
    p.add_argument("--out", required=True, metavar="FILE.svg|FILE.png")

    p = add("verify", cmd_verify, _("check schema, integrity and the audit chain; non-zero exit on any fault"))
    p.add_argument("--anchor", action="append", metavar="SEQ:HASH",
                   help=_("also check that audit entry SEQ still has this hash, as printed on a disclosure (repeatable)"))
    p = add("backup", cmd_backup, _("a consistent copy of a live database"))
    p.add_argument("file", metavar="FILE")
    p.add_argument("--force", action="store_true", help=_("overwrite FILE"))
    for extra in _extensions():
        extra(sub, common, add)
    return parser


def _extensions():
    """Subcommands contributed by optional modules (votes, migration) register here."""
    out = []
    for name in ("kiosk.cli_poll", "kiosk.cli_migrate"):
        try:
            module = __import__(name, fromlist=["register"])
        except ImportError:
            continue
        out.append(module.register)
    return out


def _pre_settings(argv: list[str]) -> argparse.Namespace:
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--lang")
    pre.add_argument("--config")
    pre.add_argument("--db")
    ns, _rest = pre.parse_known_args(argv)
    return ns


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    app = app_command(argv)
    if app is not None:
        # Starting an app allocates a great many long-lived objects (modules, classes, styles,
        # widgets); the cyclic collector would walk them again and again and free nothing (one
        # full pass took 13 ms of a 0.3 s start). The app turns it back on once its first
        # screen is up (KioskBaseApp.on_mount).
        gc.disable()
    pre = _pre_settings(argv)
    try:
        settings = config.load(pre.config, db=pre.db, lang=pre.lang)
    except config.ConfigError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return EXIT_USAGE
    i18n.set_language(settings.lang)
    parser = build_parser(only=app)
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        args = parser.parse_args(["lobby"] + argv)
    if getattr(args, "func", None) is None:
        parser.parse_args(argv + ["--help"])
        return EXIT_USAGE
    if args.func in (cmd_lobby, cmd_display, cmd_admin):
        # Long-running apps: no database driver they do not use in their memory. Before
        # anything imports peewee (run_command does).
        from kiosk.db import drivers

        drivers.skip_unused(settings.db_url())
    return run_command(args.func, settings, args)


def run_command(func, settings, args) -> int:
    try:
        return _run_command(func, settings, args)
    finally:
        gc.enable()
        from kiosk.db import connection

        connection.close()  # checkpoints the WAL when this was the last connection


def _run_command(func, settings, args) -> int:
    from kiosk.db.backend import DatabaseUnavailable
    from kiosk.db.schema import SchemaError
    from kiosk.domain.errors import DomainError

    try:
        return int(func(settings, args) or 0)
    except CliError as exc:
        print(f"kiosk: {_say(exc)}", file=sys.stderr)
        return exc.code
    except (DomainError, SchemaError, DatabaseUnavailable) as exc:
        print(f"kiosk: {_say(exc)}", file=sys.stderr)
        return EXIT_FAULT
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the last line of defence: log it, say it in one line
        where = _log_crash(settings)
        import peewee

        if isinstance(exc, peewee.OperationalError):
            print(_("kiosk: database error: {error} (details in {log})").format(error=exc, log=where), file=sys.stderr)
        else:
            print(_("kiosk: internal error: {error} (details in {log})").format(error=type(exc).__name__, log=where), file=sys.stderr)
        return EXIT_INTERNAL


def _log_crash(settings: config.Settings) -> str:
    path = settings.log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        logging.basicConfig(filename=str(path), level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
        logging.getLogger("kiosk").error("command failed\n%s", traceback.format_exc())
        return str(path)
    except OSError:
        return "stderr"


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
