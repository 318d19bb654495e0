"""`kiosk verify` for payments: every payment and its shares against the audit entry that entered
it (a digest of every column fixed at entry and of the shares), and its decision (status, who,
when, the note) against the decision recorded in the log. Found even with the guard triggers
dropped. Payments are few (dozens a project), so every run checks them all.
"""

from __future__ import annotations

import json

from kiosk.db.models import AuditEntry, Payment, PaymentShare, database
from kiosk.domain import audit, ledger, payments
from kiosk.i18n import _


def faults() -> list[tuple[str, str]]:
    """(where, problem) for every payment that differs from the audit log."""
    if not database.obj.table_exists("payment"):
        return []
    entered: dict[int, tuple[int, dict]] = {}  # payment id -> (seq, data) of the entry that recorded it
    decided: dict[int, dict] = {}
    q = (AuditEntry.select(AuditEntry.seq, AuditEntry.action, AuditEntry.entity_id, AuditEntry.data)
         .where(AuditEntry.entity == "payment").order_by(AuditEntry.seq).tuples())
    for seq, action, entity_id, data in q:
        if action == "payment.enter":
            entered[int(entity_id)] = (seq, json.loads(data))
        elif action in ("payment.approved", "payment.rejected"):
            decided[int(entity_id)] = {**json.loads(data), "status": action.split(".", 1)[1]}
    shares: dict[int, list[tuple[str, int]]] = {}
    for pid, source, fen in PaymentShare.select(PaymentShare.payment, PaymentShare.source, PaymentShare.amount_fen).tuples():
        shares.setdefault(pid, []).append((source, int(fen)))
    out: list[tuple[str, str]] = []
    seen = set()
    for p in Payment.select().order_by(Payment.id):
        seen.add(p.id)
        where = _("payment {id}").format(id=p.id)
        recorded = entered.get(p.id)
        if recorded is None or recorded[0] != p.entry_seq:
            out.append((where, _("no audit entry recorded it")))
            continue
        seq, data = recorded
        if audit.digest_rows([payments.digest_line(p, shares.get(p.id, []))]) != data.get("digest"):
            out.append((where, _("amount, payee, date or sources differ from what audit entry #{seq} recorded").format(seq=seq)))
            continue
        decision = decided.get(p.id)
        expected = (decision["status"], decision.get("decided_by"), decision.get("decided_at"), decision.get("note", "")) \
            if decision else ("pending", None, None, "")
        if (p.status, p.decided_by, ledger._iso(p.decided_at), p.decision_note) != expected:
            out.append((where, _("its approval differs from the audit log (status {found}, the log says {expected})").format(
                found=payments.status_label(p.status), expected=payments.status_label(expected[0]))))
    for pid in sorted(set(entered) - seen):
        out.append((_("payment {id}").format(id=pid),
                    _("missing: audit entry #{seq} recorded it").format(seq=entered[pid][0])))
    return out
