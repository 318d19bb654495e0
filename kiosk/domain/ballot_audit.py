"""Every ballot against the audit entry that recorded it, for `kiosk verify`: a ballot changed,
added or removed behind the program's back (even with the guard triggers dropped) is found."""

from __future__ import annotations

import json
from collections import defaultdict

from kiosk.db.models import AuditEntry, Ballot
from kiosk.domain import audit
from kiosk.i18n import _


def faults() -> list[tuple[str, str]]:
    """(where, problem) for each ballot that does not match its audit entry."""
    out: list[tuple[str, str]] = []
    entries: dict[int, tuple[str, dict]] = {}
    q = (AuditEntry.select(AuditEntry.seq, AuditEntry.action, AuditEntry.data)
         .where(AuditEntry.action.in_(("ballot.cast", "ballot.import"))).tuples())
    for seq, action, data in q:
        entries[int(seq)] = (action, json.loads(data))
    groups: dict[int, list[tuple]] = defaultdict(list)
    rows = (Ballot.select(Ballot.id, Ballot.poll, Ballot.household, Ballot.option, Ballot.channel, Ballot.receipt, Ballot.entry_seq,
                          Ballot.proxy_holder)
            .order_by(Ballot.id).tuples())
    holders: dict[int, str] = {}
    for bid, poll, household, option, channel, receipt, seq, holder in rows:
        groups[int(seq)].append((bid, poll, household, option, channel, receipt))
        holders[bid] = holder or ""
    for seq, ballots in groups.items():
        where = _("ballot {id}").format(id=ballots[0][0])
        if seq not in entries:
            out.append((where, _("no audit entry recorded it")))
            continue
        action, data = entries[seq]
        if action == "ballot.cast":
            _bid, poll, household, option, channel, _receipt = ballots[0]
            recorded = (data.get("poll_id"), data.get("household_id"), data.get("option_id"), data.get("channel"),
                        data.get("proxy_holder", ""))
            if len(ballots) != 1 or (poll, household, option, channel, holders[_bid]) != recorded:
                out.append((where, _("differs from what audit entry #{seq} recorded").format(seq=seq)))
        else:
            lines = [(poll, household, option, channel, receipt) for _b, poll, household, option, channel, receipt in ballots]
            if data.get("count") != len(lines) or audit.digest_rows(lines) != data.get("digest"):
                out.append((_("ballot import (audit entry #{seq})").format(seq=seq),
                            _("differs from what audit entry #{seq} recorded").format(seq=seq)))
    for seq, (action, data) in entries.items():
        if seq not in groups and (action == "ballot.cast" or data.get("count", 0) > 0):
            out.append((_("audit entry #{seq}").format(seq=seq), _("the ballots it recorded are missing")))
    return out
