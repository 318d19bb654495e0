import datetime as dt

from kiosk import clock
from kiosk.domain import estates, notices


def test_live_notices_order_and_expiry(db):
    clock.freeze(dt.datetime(2026, 11, 25, 12, 0))
    e = estates.add_estate("t", "甲小区")
    other = estates.add_estate("t", "乙小区")
    old = notices.post("t", "旧的", estate_id=e.id, publish_at=dt.datetime(2026, 11, 1), expires_at=dt.datetime(2026, 11, 2))
    plain = notices.post("t", "普通", estate_id=e.id)
    pinned = notices.post("t", "置顶", estate_id=e.id, pinned=True)
    urgent = notices.post("t", "燃气泄漏", emergency=True)
    notices.post("t", "别的小区", estate_id=other.id)
    later = notices.post("t", "明天发布", estate_id=e.id, publish_at=dt.datetime(2026, 11, 26))
    ids = [n.id for n in notices.live(e.id)]
    assert ids == [urgent.id, pinned.id, plain.id]
    assert [n.id for n in notices.emergencies(e.id)] == [urgent.id]
    notices.withdraw("t", urgent.id)
    assert notices.emergencies(e.id) == []
    clock.advance(dt.timedelta(days=1))
    assert later.id in [n.id for n in notices.live(e.id)]
    assert old.id not in [n.id for n in notices.live(e.id)]
