"""Schema versions. A new database gets every table at the latest version; an older one is
upgraded step by step by MIGRATIONS; a newer one is refused (this program would misread it).

To change the schema: edit the models, bump SCHEMA_VERSION, and add a step that brings a
database from the previous version to it (playhouse.migrate or create_tables for new models).
"""

from __future__ import annotations

from typing import Callable

import peewee as pw

from kiosk.db import backend, models, money_guards
from kiosk.i18n import _

SCHEMA_VERSION = 8


def _v2_votes_and_plans(db: pw.Database) -> None:
    """Household votes (polls, options, scope, ballots, one-time codes; a poll names the meeting it
    came from) and 一户一策 plans: new tables only, nothing of version 1 changes."""
    db.create_tables(models.V2_MODELS, safe=True)


def _v3_received_on_index(db: pw.Database) -> None:
    """An index for a project's receipts by date (the daily disclosure); no data changes."""
    models.Contribution._schema.create_indexes(safe=True)


def _v4_funding_totals(db: pw.Database) -> None:
    """The ledger summed per project, source and status, kept by triggers from now on (init
    creates them right after the migrations, in the same transaction)."""
    db.create_tables(models.V4_MODELS, safe=True)
    db.execute_sql(
        "INSERT INTO funding_total (project_id, source, status, amount_fen, entries) "
        "SELECT project_id, source, status, SUM(amount_fen), COUNT(*) FROM contribution "
        "GROUP BY project_id, source, status"
    )


# Version 5: every column of a money entry is guarded from now on (money_guards, created by init
# right after) and vouched for by a second digest in its audit entry; the entries already in the
# ledger get theirs from one sealing audit entry, in the same transaction. That is an audited write,
# which belongs to the domain: the domain hands it in (kiosk.domain.upgrade), db/ never imports it.
DOMAIN_STEPS = frozenset({5})


def _v6_household_codes(db: pw.Database) -> None:
    """Household codes (hashed), the reference numbers of kiosk pledges and "me too" by household:
    new tables only; every household gets its code when staff issue the slips."""
    db.create_tables(models.V6_MODELS, safe=True)


def _v7_money_out_and_loop(db: pw.Database) -> None:
    """Payments with their sources, acceptance, emergency repairs and their shares, residents'
    answers to "fixed?": new tables; a project's kind and closing, a report's answering project or
    poll, a proxy ballot's holder: new columns with defaults. The contribution's single-column
    project index goes (the composite ones cover it)."""
    from playhouse.migrate import migrate, SchemaMigrator

    db.create_tables(models.V7_MODELS, safe=True)
    migrator = SchemaMigrator.from_database(db)
    for model, name in models.V7_COLUMNS:
        table, field = model._meta.table_name, model._meta.fields[name]
        if field.column_name in {c.name for c in db.get_columns(table)}:
            continue
        if field.null:
            migrate(migrator.add_column(table, field.column_name, field))
        else:
            # A text column with its default, in the DDL itself: the migrator would fill it with an
            # UPDATE, which the guard triggers of an append-only table (ballot) rightly refuse.
            db.execute_sql(f"ALTER TABLE {table} ADD COLUMN {field.column_name} VARCHAR(255) NOT NULL "
                           f"DEFAULT '{field.default}'")
    db.execute_sql("DROP INDEX IF EXISTS contribution_project_id")
    # 确认到账 may now set a pledge's receipt number once, and an unopened poll without ballots may
    # have its options and scope replaced: those guards are made anew after the steps (on SQLite,
    # CREATE TRIGGER IF NOT EXISTS would keep the old ones).
    if backend.is_sqlite(db):
        for name in ("guard_contribution_fixed", "guard_contribution_columns", "guard_contribution_move",
                     "guard_poll_option_fixed", "guard_poll_option_delete", "guard_poll_building_update",
                     "guard_poll_building_delete"):
            db.execute_sql(f"DROP TRIGGER IF EXISTS {name}")


def _v8_report_taken_up(db: pw.Database) -> None:
    """A report's first taking-up, read from its trail once here and kept by the domain from now
    on (domain/reports), and an index that covers the rates' pass over a year of reports: the
    response rate no longer groups every event of the year. Two indexes of the ledger that another
    one makes redundant go (every imported row paid for them)."""
    from playhouse.migrate import migrate, SchemaMigrator

    if "taken_up_at" not in {c.name for c in db.get_columns("report")}:
        migrate(SchemaMigrator.from_database(db).add_column("report", "taken_up_at", models.Report.taken_up_at))
    db.execute_sql(
        "UPDATE report SET taken_up_at = (SELECT MIN(e.at) FROM report_event e WHERE e.report_id = report.id "
        "AND e.status IN ('accepted', 'in_progress', 'resolved')) WHERE taken_up_at IS NULL")
    db.execute_sql("DROP INDEX IF EXISTS report_created_at")  # the new composite index starts with it
    models.Report._schema.create_indexes(safe=True)
    # The ledger's index on (project, status, received_on, source, amount) serves what these did.
    db.execute_sql("DROP INDEX IF EXISTS contribution_received_on")
    db.execute_sql("DROP INDEX IF EXISTS contribution_project_id_status_source_amount_fen")


# version -> function(db) that upgrades a database from version-1 to version.
MIGRATIONS: dict[int, Callable[[pw.Database], None]] = {
    2: _v2_votes_and_plans,
    3: _v3_received_on_index,
    4: _v4_funding_totals,
    6: _v6_household_codes,
    7: _v7_money_out_and_loop,
    8: _v8_report_taken_up,
}


class SchemaError(Exception):
    """The database's schema does not fit this program; the message is for people."""


def stored_version(db: pw.Database) -> int | None:
    if not db.table_exists("kiosk_state"):
        return None
    row = db.execute_sql("SELECT schema_version FROM kiosk_state WHERE id = 1").fetchone()
    return row[0] if row else None


def check(db: pw.Database) -> None:
    """Refuse a database that is missing, older (needs `kiosk init`) or newer than this program."""
    version = stored_version(db)
    if version is None:
        raise SchemaError(_("The database has no kiosk schema yet: run `kiosk init` (or `kiosk demo`)."))
    if version > SCHEMA_VERSION:
        raise SchemaError(
            _("The database is at schema version {found}, newer than this program ({ours}): upgrade the program.").format(
                found=version, ours=SCHEMA_VERSION
            )
        )
    if version < SCHEMA_VERSION:
        raise SchemaError(
            _("The database is at schema version {found}; this program needs {ours}: run `kiosk init` to upgrade.").format(
                found=version, ours=SCHEMA_VERSION
            )
        )


def init(db: pw.Database, domain_steps: dict[int, Callable[[pw.Database], None]] | None = None) -> tuple[int | None, int]:
    """Create or upgrade. Returns (version before, version after). An upgrade through a version in
    DOMAIN_STEPS needs that step from `domain_steps` (kiosk.domain.upgrade.init passes them)."""
    before = stored_version(db)
    if before is not None and before > SCHEMA_VERSION:
        check(db)
    with db.atomic():
        if before is None:
            db.create_tables(models.ALL_MODELS)
            models.KioskState.insert(id=1, schema_version=SCHEMA_VERSION).execute()
        else:
            for version in range(before + 1, SCHEMA_VERSION + 1):
                step = MIGRATIONS.get(version) or (domain_steps or {}).get(version)
                if step is None:
                    raise SchemaError(_("Upgrading to schema version {v} needs `kiosk init`.").format(v=version))
                step(db)
                models.KioskState.update(schema_version=version).where(models.KioskState.id == 1).execute()
        # Migrations may rebuild tables and silently drop triggers: (re)create them every time.
        for stmt in backend.guard_statements(db) + backend.total_statements(db) + money_guards.statements(db):
            db.execute_sql(stmt)
    return before, SCHEMA_VERSION


def missing_guards(db: pw.Database) -> set[str]:
    """The database's own triggers (guards, and those keeping funding_total) that are missing."""
    expected = backend.guard_names(db) | backend.total_names(db) | money_guards.names(db)
    return expected - backend.existing_guards(db)
