"""Public notices (通知公告). A notice without an estate is for every estate."""

from __future__ import annotations

import dataclasses
import datetime as dt

from kiosk import clock
from kiosk.db.models import Estate, Notice
from kiosk.domain import audit
from kiosk.domain.errors import Conflict, NotFound, ValidationError
from kiosk.domain.text import clean_line, clean_text
from kiosk.i18n import N_, _

CATEGORIES = {
    "general": N_("General"),
    "works": N_("Works"),
    "money": N_("Funding"),
    "meeting": N_("Meeting"),
    "vote": N_("Vote"),
    "safety": N_("Safety"),
}


def category_label(key: str) -> str:
    return _(CATEGORIES.get(key, CATEGORIES["general"]))


@dataclasses.dataclass(frozen=True)
class NoticeInfo:
    id: int
    estate_id: int | None
    title: str
    body: str
    category: str
    publish_at: dt.datetime
    expires_at: dt.datetime | None
    pinned: bool
    emergency: bool
    withdrawn: bool
    version: int


def _info(n: Notice) -> NoticeInfo:
    return NoticeInfo(n.id, n.estate_id, n.title, n.body, n.category, n.publish_at, n.expires_at,
                      bool(n.pinned), bool(n.emergency), n.withdrawn_at is not None, n.version)


def _live_query(estate_id: int | None, now: dt.datetime):
    q = Notice.select().where(
        Notice.publish_at <= now,
        (Notice.expires_at.is_null()) | (Notice.expires_at > now),
        Notice.withdrawn_at.is_null(),
    )
    if estate_id is not None:
        q = q.where((Notice.estate.is_null()) | (Notice.estate == estate_id))
    return q


def live(estate_id: int | None, *, now: dt.datetime | None = None, limit: int = 100) -> list[NoticeInfo]:
    """Live notices: emergency first, then pinned, then newest."""
    now = now or clock.now()
    q = _live_query(estate_id, now).order_by(Notice.emergency.desc(), Notice.pinned.desc(), Notice.publish_at.desc(), Notice.id.desc())
    return [_info(n) for n in q.limit(limit)]


def emergencies(estate_id: int | None, *, now: dt.datetime | None = None) -> list[NoticeInfo]:
    now = now or clock.now()
    q = _live_query(estate_id, now).where(Notice.emergency == True).order_by(Notice.publish_at.desc())  # noqa: E712
    return [_info(n) for n in q]


def next_change(estate_id: int | None, *, now: dt.datetime | None = None) -> dt.datetime | None:
    """When the set of live notices next changes by itself (a scheduled notice goes live or a live
    one expires): screens that hold notices re-read them then. None: nothing is scheduled."""
    now = now or clock.now()
    pending = Notice.select(Notice.publish_at).where(Notice.publish_at > now, Notice.withdrawn_at.is_null())
    if estate_id is not None:
        pending = pending.where((Notice.estate.is_null()) | (Notice.estate == estate_id))
    first_publish = pending.order_by(Notice.publish_at).limit(1).scalar()
    first_expiry = _live_query(estate_id, now).select(Notice.expires_at).where(
        Notice.expires_at.is_null(False)).order_by(Notice.expires_at).limit(1).scalar()
    times = [t for t in (first_publish, first_expiry) if t is not None]
    return min(times) if times else None


def get(notice_id: int) -> NoticeInfo:
    n = Notice.get_or_none(Notice.id == notice_id)
    if n is None:
        raise NotFound(_("No notice with id {id}.").format(id=notice_id))
    return _info(n)


def list_all(estate_id: int | None = None, *, limit: int = 500) -> list[NoticeInfo]:
    q = Notice.select().order_by(Notice.id.desc())
    if estate_id is not None:
        q = q.where((Notice.estate.is_null()) | (Notice.estate == estate_id))
    return [_info(n) for n in q.limit(limit)]


def _validate(title, body, category, publish_at, expires_at):
    title = clean_line(title, field="title", limit=100)
    body = clean_text(body, field="body", limit=20000, required=False)
    if category not in CATEGORIES:
        raise ValidationError(_("Unknown notice category {key}.").format(key=category), "category")
    if expires_at is not None and expires_at <= publish_at:
        raise ValidationError(_("The notice would expire before it is published."), "until")
    return title, body


def post(actor: str, title: str, body: str = "", *, estate_id: int | None = None, category: str = "general",
         publish_at: dt.datetime | None = None, expires_at: dt.datetime | None = None,
         pinned: bool = False, emergency: bool = False) -> NoticeInfo:
    now = clock.now()
    publish_at = publish_at or now
    title, body = _validate(title, body, category, publish_at, expires_at)
    if emergency:
        category = "safety" if category == "general" else category
    with audit.write(actor) as w:
        if estate_id is not None and not Estate.select().where(Estate.id == estate_id).exists():
            raise NotFound(_("No estate with id {id}.").format(id=estate_id))
        n = Notice.create(estate=estate_id, title=title, body=body, category=category, publish_at=publish_at,
                          expires_at=expires_at, pinned=pinned, emergency=emergency, created_at=now, updated_at=now)
        w.record("notice.post", "notice", n.id, estate=estate_id, title=title, emergency=emergency, pinned=pinned,
                 publish_at=publish_at.isoformat(), expires_at=expires_at.isoformat() if expires_at else None)
    return _info(n)


def edit(actor: str, notice_id: int, expected_version: int, **fields) -> NoticeInfo:
    """Change title, body, category, publish/expire window, pinned or emergency."""
    n0 = get(notice_id)
    allowed = {"title", "body", "category", "publish_at", "expires_at", "pinned", "emergency"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError(_("Cannot change {fields}.").format(fields=", ".join(sorted(unknown))))
    merged = {k: fields.get(k, getattr(n0, k)) for k in allowed}
    merged["title"], merged["body"] = _validate(merged["title"], merged["body"], merged["category"], merged["publish_at"], merged["expires_at"])
    fields = audit.changed(n0, {k: merged[k] for k in fields})
    if not fields:
        return n0
    with audit.write(actor) as w:
        count = (Notice.update(**merged, updated_at=clock.now(), version=Notice.version + 1)
                 .where(Notice.id == notice_id, Notice.version == expected_version).execute())
        if count == 0:
            raise Conflict(_("Someone else changed this notice while you were editing. Reload and try again."))
        w.record("notice.edit", "notice", notice_id, **{k: (v.isoformat() if isinstance(v, dt.datetime) else v) for k, v in fields.items()})
    return get(notice_id)


def withdraw(actor: str, notice_id: int) -> NoticeInfo:
    with audit.write(actor) as w:
        count = Notice.update(withdrawn_at=clock.now(), version=Notice.version + 1).where(
            Notice.id == notice_id, Notice.withdrawn_at.is_null()).execute()
        if count == 0:
            raise NotFound(_("No live notice with id {id}.").format(id=notice_id))
        w.record("notice.withdraw", "notice", notice_id)
    return get(notice_id)


def expiring(within: dt.timedelta = dt.timedelta(days=3), now: dt.datetime | None = None) -> list[NoticeInfo]:
    now = now or clock.now()
    q = _live_query(None, now).where(Notice.expires_at.is_null(False), Notice.expires_at <= now + within).order_by(Notice.expires_at)
    return [_info(n) for n in q]
