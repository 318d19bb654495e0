"""Triggers that keep money entries and ballots as the domain wrote them, beyond the first guards
in backend.guard_statements (append-only tables, a few fixed columns, no deletes).

- Every column of a contribution is fixed except the moves the ledger makes (ledger._move):
  pledged -> received sets received_on once (and the receipt number, when the pledge had none);
  pledged or received -> cancelled sets cancel_reason. A plain UPDATE of a date or a note is refused, and so is an upsert
  (ON CONFLICT DO UPDATE runs the UPDATE triggers on both back-ends).
- SQLite's INSERT OR REPLACE deletes the row in the way without firing delete triggers (unless
  the connection turned recursive_triggers on, which someone else's connection need not), so the
  guard is a BEFORE INSERT trigger that refuses any insert meeting an existing key: a plain
  duplicate was refused by the unique index anyway. PostgreSQL has no REPLACE.
- A payment's decision is made once: pending -> approved or rejected, with who decided and when
  (its other columns are fixed by backend.IMMUTABLE_COLUMNS, its shares are append-only).
- A kiosk pledge's reference row (the number the household brings to the office, the household
  and kiosk it came from) is written once with its pledge and never changed or removed: the pledge
  itself moves in the ledger.
"""

from __future__ import annotations

import peewee as pw

from kiosk.db import backend
from kiosk.db.models import Contribution

# What ledger._move may change, and only in the moves allowed below.
MOVABLE = ("status", "received_on", "cancel_reason", "receipt_no")


def fixed_columns() -> list[str]:
    """Every column of a contribution but the movable ones (new columns are fixed by default)."""
    return [f.column_name for f in Contribution._meta.sorted_fields if f.column_name not in MOVABLE]


def _allowed_move(same: str) -> str:
    """A condition on OLD/NEW that holds for a no-op and for the ledger's three moves.
    `same` is the back-end's null-safe equality (IS / IS NOT DISTINCT FROM)."""
    unchanged = " AND ".join(f"OLD.{c} {same} NEW.{c}" for c in MOVABLE)
    return (
        f"({unchanged})"
        " OR (OLD.status = 'pledged' AND NEW.status = 'received' AND OLD.received_on IS NULL"
        f" AND NEW.received_on IS NOT NULL AND OLD.cancel_reason {same} NEW.cancel_reason"
        f" AND (OLD.receipt_no {same} NEW.receipt_no OR OLD.receipt_no IS NULL))"
        " OR (OLD.status IN ('pledged', 'received') AND NEW.status = 'cancelled'"
        f" AND OLD.received_on {same} NEW.received_on AND OLD.receipt_no {same} NEW.receipt_no)"
    )


# A payment's decision: nothing changes, or pending becomes approved or rejected once, naming who.
PAYMENT_DECISION = ("status", "decided_by", "decided_at", "decision_note")


def _payment_decision(same: str) -> str:
    unchanged = " AND ".join(f"OLD.{c} {same} NEW.{c}" for c in PAYMENT_DECISION)
    return (f"({unchanged}) OR (OLD.status = 'pending' AND NEW.status IN ('approved', 'rejected')"
            " AND OLD.decided_by IS NULL AND NEW.decided_by IS NOT NULL AND NEW.decided_at IS NOT NULL)")


# SQLite: each unique key of a table, as the condition that a row with NEW's key already exists
# (keep in step with the models' unique indexes; tests/test_money_guards.py replaces over each).
_KEYS = {
    "contribution": [
        "EXISTS (SELECT 1 FROM contribution WHERE id = NEW.id)",
        "(NEW.receipt_no IS NOT NULL AND EXISTS (SELECT 1 FROM contribution"
        " WHERE project_id = NEW.project_id AND receipt_no = NEW.receipt_no))",
        "(NEW.idempotency_key IS NOT NULL AND EXISTS (SELECT 1 FROM contribution WHERE idempotency_key = NEW.idempotency_key))",
    ],
    # The message keeps the words votes.is_duplicate_ballot looks for in a refused second ballot.
    "ballot": [
        "EXISTS (SELECT 1 FROM ballot WHERE poll_id = NEW.poll_id AND household_id = NEW.household_id)",
        "EXISTS (SELECT 1 FROM ballot WHERE id = NEW.id)",
        "EXISTS (SELECT 1 FROM ballot WHERE receipt = NEW.receipt)",
    ],
    "audit_entry": ["EXISTS (SELECT 1 FROM audit_entry WHERE seq = NEW.seq)"],
    "payment": [
        "EXISTS (SELECT 1 FROM payment WHERE id = NEW.id)",
        "(NEW.reverses_id IS NOT NULL AND EXISTS (SELECT 1 FROM payment WHERE reverses_id = NEW.reverses_id))",
    ],
    "payment_share": [
        "EXISTS (SELECT 1 FROM payment_share WHERE id = NEW.id)",
        "EXISTS (SELECT 1 FROM payment_share WHERE payment_id = NEW.payment_id AND source = NEW.source)",
    ],
    "pledge_reference": [
        "EXISTS (SELECT 1 FROM pledge_reference WHERE id = NEW.id)",
        "EXISTS (SELECT 1 FROM pledge_reference WHERE contribution_id = NEW.contribution_id)",
        "EXISTS (SELECT 1 FROM pledge_reference WHERE reference = NEW.reference)",
    ],
}
_DUPLICATE = {
    "contribution": "contribution: duplicate id, receipt_no or idempotency_key (rows are never replaced)",
    "ballot": "ballot: duplicate poll_id and household_id, id or receipt (rows are never replaced)",
    "audit_entry": "audit_entry: duplicate seq (rows are never replaced)",
    "payment": "payment: duplicate id or reversal (rows are never replaced)",
    "payment_share": "payment_share: duplicate id or source of a payment (rows are never replaced)",
    "pledge_reference": "pledge_reference: duplicate id, pledge or reference (rows are never replaced)",
}
# Written once, never updated nor deleted (beyond backend.APPEND_ONLY, kept here with their guards).
WRITE_ONCE = ("pledge_reference",)


def statements(db: pw.Database) -> list[str]:
    """Run after backend.guard_statements (PostgreSQL reuses its kiosk_refuse function)."""
    fixed = fixed_columns()
    if backend.is_sqlite(db):
        changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in fixed)
        stmts = [
            "CREATE TRIGGER IF NOT EXISTS guard_contribution_columns BEFORE UPDATE ON contribution "
            f"WHEN {changed} BEGIN SELECT RAISE(ABORT, 'contribution entries never change'); END",
            "CREATE TRIGGER IF NOT EXISTS guard_contribution_move BEFORE UPDATE ON contribution "
            f"WHEN NOT ({_allowed_move('IS')}) "
            "BEGIN SELECT RAISE(ABORT, 'contribution status moves only pledged, received, cancelled'); END",
            "CREATE TRIGGER IF NOT EXISTS guard_payment_decision BEFORE UPDATE ON payment "
            f"WHEN NOT ({_payment_decision('IS')}) "
            "BEGIN SELECT RAISE(ABORT, 'a payment is decided once: pending to approved or rejected'); END",
        ]
        for table in WRITE_ONCE:
            for op in ("UPDATE", "DELETE"):
                stmts.append(f"CREATE TRIGGER IF NOT EXISTS guard_{table}_{op.lower()} BEFORE {op} ON {table} "
                             f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END")
        for table, keys in _KEYS.items():
            stmts.append(
                f"CREATE TRIGGER IF NOT EXISTS guard_{table}_replace BEFORE INSERT ON {table} "
                f"WHEN {' OR '.join(keys)} BEGIN SELECT RAISE(ABORT, '{_DUPLICATE[table]}'); END"
            )
        return stmts
    changed = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in fixed)
    return [
        "DROP TRIGGER IF EXISTS guard_contribution_columns ON contribution",
        "CREATE TRIGGER guard_contribution_columns BEFORE UPDATE ON contribution FOR EACH ROW "
        f"WHEN ({changed}) EXECUTE FUNCTION kiosk_refuse()",
        "DROP TRIGGER IF EXISTS guard_contribution_move ON contribution",
        "CREATE TRIGGER guard_contribution_move BEFORE UPDATE ON contribution FOR EACH ROW "
        f"WHEN (NOT ({_allowed_move('IS NOT DISTINCT FROM')})) EXECUTE FUNCTION kiosk_refuse()",
        "DROP TRIGGER IF EXISTS guard_payment_decision ON payment",
        "CREATE TRIGGER guard_payment_decision BEFORE UPDATE ON payment FOR EACH ROW "
        f"WHEN (NOT ({_payment_decision('IS NOT DISTINCT FROM')})) EXECUTE FUNCTION kiosk_refuse()",
    ] + [stmt for table in WRITE_ONCE for stmt in (
        f"DROP TRIGGER IF EXISTS guard_{table} ON {table}",
        f"CREATE TRIGGER guard_{table} BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION kiosk_refuse()",
    )]


def names(db: pw.Database) -> set[str]:
    out = {"guard_contribution_columns", "guard_contribution_move", "guard_payment_decision"}
    if backend.is_sqlite(db):
        out |= {f"guard_{table}_replace" for table in _KEYS}
        out |= {f"guard_{table}_{op}" for table in WRITE_ONCE for op in ("update", "delete")}
    else:
        out |= {f"guard_{table}" for table in WRITE_ONCE}
    return out
