"""`kiosk migrate-to URL`: move the whole database to another back-end and prove it arrived."""

from __future__ import annotations

import sys

from kiosk.i18n import _


def cmd_migrate_to(settings, args) -> int:
    from kiosk.cli import EXIT_FAULT, EXIT_USAGE, CliError, _open
    from kiosk.db import migrate
    from kiosk.domain.money import yuan

    if args.batch < 1:
        raise CliError(_("The batch size must be a positive number of rows."), EXIT_USAGE)
    _open(settings)
    progress = _progress()
    try:
        summary = migrate.copy_to(args.url, batch=args.batch, progress=progress)
    except migrate.MigrationRefused as exc:
        raise CliError(str(exc)) from None
    except migrate.MigrationFailed as exc:
        for line in exc.differences:
            print(_("DIFFERENT {what}").format(what=line), file=sys.stderr)
        print(_("The copy did not arrive the same; the target was left empty."), file=sys.stderr)
        return EXIT_FAULT
    finally:
        if progress is not None:
            progress.finish()
    print(_("Copied {tables} tables, {rows} rows from {source} to {target} in {seconds:.1f} s:").format(
        tables=len(summary.tables), rows=f"{summary.rows:,}", source=summary.source, target=summary.target,
        seconds=summary.seconds))
    width = max(len(t.table) for t in summary.tables)
    for t in summary.tables:
        print(f"  {t.table:<{width}}  {t.rows:>10,}")
    print(_("Verified on arrival: every table row for row; {n} projects with the same totals per source "
            "(received {received}, pledged {pledged}); audit chain #{seq} {hash}; `kiosk verify` passes.").format(
        n=summary.projects, received=yuan(summary.received_fen), pledged=yuan(summary.pledged_fen),
        seq=summary.chain_seq, hash=summary.chain_hash))
    if summary.not_copied:
        print(_("Not copied (tables this program does not know): {tables}").format(tables=", ".join(summary.not_copied)),
              file=sys.stderr)
    return 0


def _progress():
    if not sys.stderr.isatty():
        return None
    current = {"table": None}

    def show(table: str, done: int, total: int) -> None:
        if current["table"] not in (None, table):
            sys.stderr.write("\n")
        current["table"] = table
        sys.stderr.write(f"\r  {table} {done:,}/{total:,}")
        sys.stderr.flush()

    def finish() -> None:
        if current["table"] is not None:
            sys.stderr.write("\n")

    show.finish = finish  # type: ignore[attr-defined]
    return show


def register(sub, common, add) -> None:
    p = add("migrate-to", cmd_migrate_to, _("copy everything to another, empty database and verify it there"))
    p.add_argument("url", metavar="URL", help=_("postgresql://user:password@host:port/name, sqlite:///path.db or a path"))
    p.add_argument("--batch", type=int, default=1000, metavar="N", help=_("rows per insert (default 1000)"))
