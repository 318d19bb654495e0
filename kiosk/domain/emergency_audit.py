"""`kiosk verify` for emergency repairs: each repair's households, cost, shares and disclosure
against the audit entries that recorded them (start, cost, disclose), and the shares adding up to
the cost. Found with no trigger in the way. Repairs are few: every run checks them all."""

from __future__ import annotations

import json

from kiosk.db.models import AuditEntry, EmergencyRepair, EmergencyShare, database
from kiosk.i18n import _


def faults() -> list[tuple[str, str]]:
    """(where, problem) for every emergency repair that differs from the audit log."""
    if not database.obj.table_exists("emergency_repair"):
        return []
    last: dict[tuple[int, str], tuple[int, dict]] = {}  # (repair id, action) -> (seq, data) of its latest entry
    q = (AuditEntry.select(AuditEntry.seq, AuditEntry.action, AuditEntry.entity_id, AuditEntry.data)
         .where(AuditEntry.entity == "emergency_repair").order_by(AuditEntry.seq).tuples())
    for seq, action, entity_id, data in q:
        last[(int(entity_id), action)] = (seq, json.loads(data))
    shares: dict[int, dict[int, int]] = {}
    for rid, hid, fen in EmergencyShare.select(EmergencyShare.repair, EmergencyShare.household,
                                               EmergencyShare.share_fen).tuples():
        shares.setdefault(rid, {})[int(hid)] = int(fen)
    out: list[tuple[str, str]] = []
    seen = set()
    for r in EmergencyRepair.select().order_by(EmergencyRepair.id):
        seen.add(r.id)
        where = _("emergency repair {id}").format(id=r.id)
        mine = shares.get(r.id, {})
        start = last.get((r.id, "emergency.start"))
        if start is None:
            out.append((where, _("no audit entry recorded it")))
            continue
        if sorted(mine) != sorted(start[1].get("households", [])) or r.situation != start[1].get("situation"):
            out.append((where, _("its households or situation differ from what audit entry #{seq} recorded").format(
                seq=start[0])))
        cost = last.get((r.id, "emergency.cost"))
        expected = (cost[1]["cost_fen"], cost[1]["repaired_on"], {int(k): v for k, v in cost[1]["shares"].items()}) \
            if cost else (0, None, {h: 0 for h in mine})
        found = (int(r.cost_fen), r.repaired_on.isoformat() if r.repaired_on else None, mine)
        if found != expected:
            out.append((where, _("its cost, date or shares differ from the audit log") + (
                " (#{seq})".format(seq=cost[0]) if cost else "")))
        if r.repaired_on is not None and sum(mine.values()) != int(r.cost_fen):
            out.append((where, _("its shares do not add up to its cost")))
        disclosed = last.get((r.id, "emergency.disclose"))
        until = r.disclose_until.isoformat() if r.disclose_until else None
        if (disclosed[1].get("until") if disclosed else None) != until or (disclosed is None) != (r.disclosed_at is None):
            out.append((where, _("its disclosure period differs from the audit log")))
    for rid in sorted({rid for rid, action in last if action == "emergency.start"} - seen):
        out.append((_("emergency repair {id}").format(id=rid),
                    _("missing: audit entry #{seq} recorded it").format(seq=last[(rid, "emergency.start")][0])))
    return out
