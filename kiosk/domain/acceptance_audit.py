"""`kiosk verify` for acceptances (竣工验收): each row against the audit entry that recorded it (the
day, who accepted, the final account, the leftover and where it went, the note, who recorded it),
and every recorded acceptance still there. Found even with the guard triggers dropped. There is one
acceptance a project at most, so every run checks them all."""

from __future__ import annotations

import json

from kiosk.db.models import Acceptance, AuditEntry, database
from kiosk.i18n import _

ACTION = "project.accept"


def _as_recorded(a: Acceptance) -> dict:
    return {"accepted_on": a.accepted_on.isoformat(), "parties": a.parties.split(","), "final_account_fen": int(a.final_account_fen),
            "leftover_fen": int(a.leftover_fen), "leftover_action": a.leftover_action, "note": a.note}


def faults() -> list[tuple[str, str]]:
    """(where, problem) for every acceptance that differs from the audit log, or is gone from it."""
    if not database.obj.table_exists("acceptance"):
        return []
    logged = {int(project): (seq, actor, json.loads(data)) for seq, actor, project, data in
              AuditEntry.select(AuditEntry.seq, AuditEntry.actor, AuditEntry.entity_id, AuditEntry.data)
              .where(AuditEntry.action == ACTION).tuples()}
    out: list[tuple[str, str]] = []
    for a in Acceptance.select().order_by(Acceptance.project):
        where = _("acceptance of project {id}").format(id=a.project_id)
        entry = logged.pop(a.project_id, None)
        if entry is None or entry[0] != a.entry_seq or entry[1] != a.recorded_by:
            out.append((where, _("no audit entry recorded it")))
            continue
        data = entry[2]
        if any(data.get(k) != v for k, v in _as_recorded(a).items()):
            out.append((where, _("differs from what the audit log recorded")))
    for project in sorted(logged):
        out.append((_("acceptance of project {id}").format(id=project), _("recorded in the audit log but missing")))
    return out
