"""An audit entry's data as staff read it: "标题：路面；金额：¥300" instead of its JSON. Field names in
the reader's language (a field without a name here keeps its key), money in yuan, yes/no, lists
joined, what a change replaced under "was". Values are data: the caller draws the text inert."""

from __future__ import annotations

from kiosk.domain import acceptance, auth, emergency, funding, ledger, meetings, payments, plans, report_loop, reports, votes
from kiosk.domain.money import area_text, yuan
from kiosk.domain.sources import SOURCES, label as source_label
from kiosk.i18n import N_, _

FIELDS = {
    "title": N_("title"), "name": N_("name"), "topic": N_("topic"), "status": N_("status"),
    "previous": N_("before"), "was": N_("was"), "before": N_("before"), "reason": N_("reason"), "note": N_("note"),
    "project": N_("project"), "project_id": N_("project"), "poll": N_("vote"), "poll_id": N_("vote"),
    "household": N_("household"), "household_id": N_("household"), "option_id": N_("option"), "options": N_("options"),
    "source": N_("source"), "receipt_no": N_("receipt no."), "channel": N_("channel"), "proxy_holder": N_("proxy holder"),
    "on": N_("date"), "done": N_("done"), "percent": N_("percent"), "weight": N_("weight"), "buildings": N_("buildings"),
    "closes_at": N_("closes at"), "opens_at": N_("opens at"), "username": N_("user"), "role": N_("role"),
    "count": N_("count"), "file": N_("file"), "issued": N_("issued"), "estate": N_("estate"), "pinned": N_("pinned"),
    "emergency": N_("emergency"), "category": N_("category"), "summary": N_("summary"), "matter": N_("matter"),
    "payee": N_("payee"), "days": N_("days"), "attendance": N_("attendance"), "ticket": N_("ticket"),
    "eligible": N_("eligible"), "participating": N_("taking part"), "quorate": N_("quorum reached"),
    "outcome": N_("outcome"), "households": N_("households"), "owners": N_("owners"), "area_cm2": N_("area"),
    "amount_fen": N_("amount"), "target_fen": N_("target"), "cost_fen": N_("cost"), "received_on": N_("paid on"), "cancel_reason": N_("reason"), "expires_at": N_("until"), "publish_at": N_("published"),
    "build_year": N_("built in"), "community": N_("community"), "sub_district": N_("sub-district"), "plan": N_("plan"),
    "units": N_("units"), "held_at": N_("held at"), "kind": N_("kind"), "building": N_("building"),
    "meeting_id": N_("meeting"), "replaced": N_("replaced"), "split_owners": N_("owners split"), "rule": N_("rule"),
    "coefficients": N_("floor coefficients"), "compensation_fen": N_("compensation"), "low_floor_mode": N_("low floors"),
    "low_floors": N_("low floors"), "rate_fen_per_m2": N_("rate per m²"), "consent": N_("consent"),
    "note_changed": N_("note changed"), "rating": N_("answer"), "reopened": N_("reopened"), "resolution": N_("fix"),
    "previous_poll": N_("vote before"), "previous_project": N_("project before"), "found_on": N_("found on"),
    "situation": N_("situation"), "repaired_on": N_("repaired on"), "shares": N_("shares"), "until": N_("until"),
    "advance_reason": N_("advance reason"), "beyond": N_("beyond received"), "decided_at": N_("decided at"),
    "decided_by": N_("decided by"), "accepted_on": N_("accepted on"), "final_account_fen": N_("final account"),
    "leftover_action": N_("leftover goes"), "leftover_fen": N_("leftover"), "parties": N_("accepted by"),
    "received_fen": N_("received"), "status_before": N_("status before"), "paid_on": N_("paid on"),
    "purpose": N_("for"), "document_no": N_("contract or invoice no."), "reverses": N_("reverses"),
    "stage": N_("stage"), "stage_id": N_("stage"), "area": N_("area"), "floor": N_("floor"), "room": N_("room"),
    "unit": N_("unit"), "owner_name": N_("owner"), "owner_key": N_("owner key"), "phone": N_("phone"),
}
# Values that are codes, in words: by field; "status" by the kind of record the action names.
VALUES = {
    "channel": votes.channel_label, "source": lambda key: source_label(key) if key in SOURCES else key, "situation": emergency.situation_label,
    "kind": meetings.kind_label, "consent": plans.consent_label, "rating": report_loop.rating_label,
    "category": reports.category_label, "role": auth.role_label, "matter": votes.matter_label,
    "leftover_action": acceptance.leftover_label, "parties": acceptance.party_label,
    "low_floor_mode": plans.low_floor_label,
}
STATUS = {"contribution": lambda key: _(ledger.STATUS_LABELS.get(key, key)), "project": funding.status_label, "report": reports.status_label,
          "payment": payments.status_label}
STATUS_KEYS = ("status", "previous", "status_before")

# Fingerprints that vouch for rows: long hex strings nobody reads on screen (kiosk verify checks them).
HIDDEN = {"digest", "details", "hash", "idempotency_key"}


def field_name(key: str) -> str:
    """A field in words; a source's key (a plan or a split by source) as its slogan; other keys
    are data (an option's label) and stay as they are."""
    if key in FIELDS:
        return _(FIELDS[key])
    return source_label(key) if key in SOURCES else key


def _coded(key: str, value: str, action: str) -> str:
    """A code in words where the field says what it codes; anything else is data, as written."""
    label = VALUES.get(key)
    if label is None and key in STATUS_KEYS:
        label = STATUS.get(action.split(".")[0])
    if label is None:
        return value
    if key == "parties":  # several, comma-separated
        return _(", ").join(label(v.strip()) for v in value.split(",") if v.strip())
    return label(value)


def value_text(key: str, value, action: str = "") -> str:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if value is None or value == "":
        return "-"
    if isinstance(value, int) and key.endswith("_fen"):
        return yuan(value)
    if isinstance(value, int) and key.endswith("_cm2"):
        return area_text(value)
    if isinstance(value, str):
        return _coded(key, value, action)
    if isinstance(value, list):
        return _(", ").join(value_text(key, v, action) for v in value) or "-"
    if isinstance(value, dict) and value and all(str(k).isdigit() for k in value):
        # per household (an emergency repair's shares): how many and the sum, not every id
        total = sum(v for v in value.values() if isinstance(v, int))
        amount = yuan(total) if key.endswith("shares") or key.endswith("_fen") else str(total)
        return _("{n} households, {total} in all").format(n=len(value), total=amount)
    if isinstance(value, dict) and value and all(k in SOURCES for k in value):
        # by source (a plan, a payment's parts): the slogans, amounts in yuan
        return _("; ").join(_("{field}: {value}").format(field=source_label(k), value=yuan(v) if isinstance(v, int) else str(v))
                            for k, v in value.items())
    if isinstance(value, dict):
        return _("({inner})").format(inner=details(value, action))
    return str(value)


def details(data: dict, action: str = "") -> str:
    """`key: value; …` in the reader's language, fingerprints left out; `action` (the entry's
    code) tells which kind of status a "status" is."""
    parts = []
    for key, value in data.items():
        if key in HIDDEN:
            continue
        parts.append(_("{field}: {value}").format(field=field_name(key), value=value_text(key, value, action)))
    return _("; ").join(parts)
