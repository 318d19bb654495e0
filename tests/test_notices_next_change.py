import datetime as dt

from kiosk import clock
from kiosk.domain import estates, notices


def test_next_change_is_the_first_publish_or_expiry_ahead(db):
    clock.freeze(dt.datetime(2026, 11, 25, 12, 0))
    e = estates.add_estate("t", "甲小区")
    other = estates.add_estate("t", "乙小区")
    assert notices.next_change(e.id) is None
    notices.post("t", "长期", estate_id=e.id)
    assert notices.next_change(e.id) is None
    notices.post("t", "明天过期", estate_id=e.id, expires_at=dt.datetime(2026, 11, 26, 8, 0))
    assert notices.next_change(e.id) == dt.datetime(2026, 11, 26, 8, 0)
    later = notices.post("t", "今晚发布", publish_at=dt.datetime(2026, 11, 25, 20, 0))
    notices.post("t", "别的小区更早", estate_id=other.id, publish_at=dt.datetime(2026, 11, 25, 13, 0))
    assert notices.next_change(e.id) == dt.datetime(2026, 11, 25, 20, 0)
    assert notices.next_change(None) == dt.datetime(2026, 11, 25, 13, 0)
    notices.withdraw("t", later.id)
    assert notices.next_change(e.id) == dt.datetime(2026, 11, 26, 8, 0)
    clock.freeze(dt.datetime(2026, 11, 26, 9, 0))
    assert notices.next_change(e.id) is None
