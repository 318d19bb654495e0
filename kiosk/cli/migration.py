"""`kiosk migrate-to`'s copy and its report: tables and rows, what was verified on arrival."""

from __future__ import annotations

import sys

from kiosk.cli.common import EXIT_FAULT, CliError
from kiosk.i18n import _


def copy(url: str, batch: int) -> int:
    from kiosk.domain import migration as migrate
    from kiosk.domain.money import yuan

    show = _progress()
    try:
        summary = migrate.copy_to(url, batch=batch, progress=show)
    except migrate.MigrationRefused as exc:
        raise CliError(str(exc)) from None
    except migrate.MigrationFailed as exc:
        for line in exc.differences:
            print(_("DIFFERENT {what}").format(what=line), file=sys.stderr)
        print(_("The copy did not arrive the same; the target was left empty."), file=sys.stderr)
        return EXIT_FAULT
    finally:
        if show is not None:
            show.finish()
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
    unknown = _unknown(summary.not_copied)
    if unknown:
        print(_("Not copied (tables this program does not know): {tables}").format(tables=", ".join(unknown)),
              file=sys.stderr)
    return 0


def _unknown(not_copied) -> list[str]:
    """Tables left behind that are not the program's own: those it derives (funding_total, which
    the target's triggers rebuild) are left behind on purpose and are no news to the user."""
    from kiosk.db import models

    ours = {m._meta.table_name for m in models.ALL_MODELS + models.DERIVED_MODELS}
    return [t for t in not_copied if t not in ours]


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
