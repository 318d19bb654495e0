"""Create or upgrade the schema with the steps that are domain writes.

`kiosk.db.schema.init` does what is the database's own (tables, indexes, triggers); an upgrade step
that must be an audited write — sealing the ledger's existing entries at version 5 — is the
domain's, and is handed to it from here, so that db/ never imports the domain."""

from __future__ import annotations

import peewee as pw

from kiosk.db import schema
from kiosk.domain import ledger_seal


def _seal_existing_ledger(db: pw.Database) -> None:
    ledger_seal.seal_existing("kiosk init")


STEPS = {5: _seal_existing_ledger}


def init(db: pw.Database) -> tuple[int | None, int]:
    """schema.init with the domain's steps: what `kiosk init` and `kiosk demo` run."""
    return schema.init(db, STEPS)
