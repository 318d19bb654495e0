"""An audit entry's data as staff read it: "标题：路面；金额：¥300" instead of its JSON. Field names in
the reader's language (a field without a name here keeps its key), money in yuan, yes/no, lists
joined, what a change replaced under "was". Values are data: the caller draws the text inert."""

from __future__ import annotations

from kiosk.domain.money import area_text, yuan
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
}
# Fingerprints that vouch for rows: long hex strings nobody reads on screen (kiosk verify checks them).
HIDDEN = {"digest", "details", "hash", "idempotency_key"}


def field_name(key: str) -> str:
    return _(FIELDS[key]) if key in FIELDS else key


def value_text(key: str, value) -> str:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if value is None or value == "":
        return "-"
    if isinstance(value, int) and key.endswith("_fen"):
        return yuan(value)
    if isinstance(value, int) and key.endswith("_cm2"):
        return area_text(value)
    if isinstance(value, list):
        return _(", ").join(value_text(key, v) for v in value) or "-"
    if isinstance(value, dict):
        return _("({inner})").format(inner=details(value))
    return str(value)


def details(data: dict) -> str:
    """`key: value; …` in the reader's language, fingerprints left out."""
    parts = []
    for key, value in data.items():
        if key in HIDDEN:
            continue
        parts.append(_("{field}: {value}").format(field=field_name(key), value=value_text(key, value)))
    return _("; ").join(parts)
