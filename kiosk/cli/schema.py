"""The database as a whole: `kiosk init`, `demo`, `verify`, `backup`, `migrate-to`."""

from __future__ import annotations

import sys

from kiosk.cli import common, migration, paths
from kiosk.cli.parser import EXIT_USAGE, command
from kiosk.i18n import _


def cmd_init(settings, args) -> int:
    from kiosk.db import schema
    from kiosk.domain import upgrade

    db = common.open_db(settings, check_schema=False)
    try:
        before, after = upgrade.init(db)
    except schema.SchemaError as exc:
        raise common.CliError(str(exc)) from None
    where = common.where(settings)
    if before is None:
        print(_("Created a new database at schema version {v}: {where}").format(v=after, where=where))
    elif before == after:
        print(_("The database is up to date (schema version {v}).").format(v=after))
    else:
        print(_("Upgraded the database from schema version {a} to {b}.").format(a=before, b=after))
    return 0


def cmd_demo(settings, args) -> int:
    from kiosk import demo
    from kiosk.db import reset, schema

    db = common.open_db(settings, check_schema=False)
    if schema.stored_version(db) is not None:
        if not reset.is_demo(db, demo.ACTORS) and not args.replace:
            raise common.CliError(_("{where} already holds data that is not a demo; add --replace to wipe it.").format(
                where=common.where(settings)))
        reset.drop_all(db)
    schema.init(db)
    summary = demo.build()
    print(_("Demo database ready at {where}: {n} estates, projects {ids}.").format(
        where=common.where(settings), n=summary["estates"], ids=", ".join(map(str, summary["projects"]))))
    print(_("Demo staff accounts: {names}; password: {password}").format(
        names=", ".join(u for u, _r, _d in demo.DEMO_STAFF), password=demo.DEMO_PASSWORD))
    return 0


def cmd_verify(settings, args) -> int:
    from kiosk.domain import verify

    anchors = tuple(verify.parse_anchor(a) for a in args.anchor or ())
    common.open_db(settings)  # a missing file or schema is one clear line, never a new empty database
    report = verify.run(anchors, full=args.full)
    for fault in report.faults:
        print(_("FAULT {fault}").format(fault=fault))
    if report.ok:
        print(_("OK: {entries} audit entries, {n} money entries; chain head {hash}").format(
            entries=report.entries, n=report.contributions, hash=report.head))
        if report.since is not None:
            print(_("Checked what changed since the full verify of {at} (audit entry #{seq}); "
                    "`kiosk verify --full` checks everything.").format(at=report.since.at[:16], seq=report.since.seq))
        elif args.full:  # a plain verify writes nothing: the same range is checked until the next --full
            _record_checkpoint(verify, report)
        return 0
    print(_("{n} faults found.").format(n=len(report.faults)), file=sys.stderr)
    return common.EXIT_FAULT


def _record_checkpoint(verify, report) -> None:
    """A full pass is the next runs' starting point; a read-only copy simply keeps none."""
    import peewee

    from kiosk.db import connection

    try:
        verify.record_checkpoint(common.actor(), report)
    except peewee.DatabaseError as exc:  # read-only file or role, or busy past the timeout
        print(_("No checkpoint recorded ({why}): the next verify checks everything again.").format(
            why=connection.why(exc) or type(exc).__name__), file=sys.stderr)


def cmd_backup(settings, args) -> int:
    from kiosk.db import backend
    from kiosk.db.models import database

    common.open_db(settings)
    dest = paths.output_file(args.file, args.force)
    backend.backup_to(database.obj, dest)  # replaces dest only once the copy is complete
    print(_("Backed up to {file}.").format(file=args.file))
    return 0


def cmd_migrate_to(settings, args) -> int:
    if args.batch < 1:
        raise common.CliError(_("The batch size must be a positive number of rows."), EXIT_USAGE)
    target = paths.database_target(args.url)
    if target.kind == "sqlite":
        if target.path == ":memory:":
            raise paths.PathRefused(_("{url} is not a database address: write sqlite:///path.db, postgresql://… or a file path like ./kiosk.db.").format(url=args.url))
        paths.require_folder(target.path)
        paths.require_database_file(target.path)
    common.open_db(settings)
    return migration.copy(args.url, args.batch)


def register(sub) -> None:
    command(sub, "init", cmd_init, _("create or upgrade the schema"))
    p = command(sub, "demo", cmd_demo, _("a database filled with the article's estates and history"))
    p.add_argument("--replace", action="store_true", help=_("wipe a database that is not a demo"))
    p = command(sub, "verify", cmd_verify, _("check schema, integrity and the audit chain; non-zero exit on any fault"))
    p.add_argument("--anchor", action="append", metavar="SEQ:HASH",
                   help=_("also check that audit entry SEQ still has this hash, as printed on a disclosure (repeatable)"))
    p.add_argument("--full", action="store_true",
                   help=_("check every row, not only what changed since the last full verify (which this one then becomes)"))
    p = command(sub, "backup", cmd_backup, _("a consistent copy of a live database"))
    p.add_argument("file", metavar="FILE")
    p.add_argument("--force", action="store_true", help=_("overwrite FILE"))
    p = command(sub, "migrate-to", cmd_migrate_to, _("copy everything to another, empty database and verify it there"))
    p.add_argument("url", metavar="URL", help=_("postgresql://user:password@host:port/name, sqlite:///path.db or a path"))
    p.add_argument("--batch", type=int, default=1000, metavar="N", help=_("rows per insert (default 1000)"))
