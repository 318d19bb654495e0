"""`kiosk verify` for kiosk pledges' reference rows (kiosk_pledges): each against the audit entry
that recorded it (its reference number and kiosk) and against its pledge (the same household and
project, which the ledger's digest vouches for), and every recorded reference still there. Found
even with the guard triggers dropped. Only lobby pledges have one, so every run checks them all."""

from __future__ import annotations

import json

from kiosk.db.models import AuditEntry, Contribution, PledgeReference, database
from kiosk.i18n import _

ACTION = "kiosk_pledge.reference"


def faults() -> list[tuple[str, str]]:
    """(where, problem) for every reference row that differs from the audit log or its pledge, or is gone."""
    if not database.obj.table_exists("pledge_reference"):
        return []
    logged = {int(cid): (seq, json.loads(data)) for seq, cid, data in
              AuditEntry.select(AuditEntry.seq, AuditEntry.entity_id, AuditEntry.data)
              .where(AuditEntry.action == ACTION).tuples()}
    rows = (PledgeReference.select(PledgeReference.contribution, PledgeReference.household, PledgeReference.project,
                                   PledgeReference.reference, PledgeReference.kiosk, Contribution.household,
                                   Contribution.project)
            .join(Contribution).order_by(PledgeReference.id).tuples())
    out: list[tuple[str, str]] = []
    for cid, household, project, reference, kiosk, pledge_household, pledge_project in rows:
        where = _("kiosk pledge {reference}").format(reference=reference)
        entry = logged.pop(int(cid), None)
        if entry is None:
            out.append((where, _("no audit entry recorded it")))
            continue
        data = entry[1]
        if (data.get("reference") != reference or data.get("kiosk", "") != kiosk
                or (household, project) != (pledge_household, pledge_project)):
            out.append((where, _("differs from what the audit log recorded")))
    for _cid, (_seq, data) in sorted(logged.items()):
        out.append((_("kiosk pledge {reference}").format(reference=data.get("reference", "?")),
                    _("recorded in the audit log but missing")))
    return out
