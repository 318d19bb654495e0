import datetime as dt

from kiosk.display.playlist import build
from kiosk.display.rotation import Rotation

KNOWN = ["notices", "funding", "fixed", "meetings", "pledge", "daily", "votes"]
T0 = dt.datetime(2026, 11, 25, 9, 0, 0)


def run(rotation: Rotation, layout: dict, steps: int, now=T0):
    """Advance `steps` times, each when the current slide is due; returns (kind, item, page, at)."""
    seen = []
    for _i in range(steps):
        s = rotation.advance(now, lambda k: layout.get(k, []))
        if s is None:
            seen.append(None)
            now += dt.timedelta(seconds=1)
            continue
        seen.append((s.kind, s.item, s.page, now))
        now = s.until
    return seen


def test_order_durations_and_take():
    p = build([{"slide": "notices", "take": 2, "seconds": 12}, {"slide": "funding"}, {"slide": "daily", "seconds": 5}], None, 10, KNOWN)
    layout = {"notices": [1, 1, 1], "funding": [1, 1], "daily": [1]}
    seen = run(Rotation(p), layout, 9)
    assert [(k, i) for k, i, _p, _t in seen] == [
        ("notices", 0), ("notices", 1), ("funding", 0), ("funding", 1), ("daily", 0),
        ("notices", 2), ("notices", 0), ("funding", 0), ("funding", 1),
    ]
    gaps = [(b[3] - a[3]).total_seconds() for a, b in zip(seen, seen[1:])]
    assert gaps == [12, 12, 10, 10, 5, 12, 12, 10]


def test_empty_kinds_are_skipped():
    p = build(["notices", "funding", "fixed", "daily"], None, 10, KNOWN)
    seen = run(Rotation(p), {"notices": [], "funding": [1], "fixed": [], "daily": [1]}, 4)
    assert [k for k, *_rest in seen] == ["funding", "daily", "funding", "daily"]


def test_nothing_to_show_at_all():
    p = build(["notices", "funding"], None, 10, KNOWN)
    r = Rotation(p)
    assert r.advance(T0, lambda k: []) is None
    assert r.current is None and r.due(T0)
    assert r.advance(T0, lambda k: [1] if k == "funding" else []).kind == "funding"


def test_long_items_show_their_pages_in_order():
    p = build(["notices", "daily"], None, 10, KNOWN)
    seen = run(Rotation(p), {"notices": [3, 1], "daily": [1]}, 6)
    assert [(k, i, pg) for k, i, pg, _t in seen] == [
        ("notices", 0, 0), ("notices", 0, 1), ("notices", 0, 2), ("notices", 1, 0), ("daily", 0, 0), ("notices", 0, 0)]


def test_time_windows():
    p = build([{"slide": "meetings", "hours": "07:00-09:00"}, "daily"], None, 10, KNOWN)
    layout = {"meetings": [1], "daily": [1]}
    early = run(Rotation(p), layout, 2, now=dt.datetime(2026, 11, 25, 8, 0))
    assert [k for k, *_r in early] == ["meetings", "daily"]
    late = run(Rotation(p), layout, 2, now=dt.datetime(2026, 11, 25, 9, 0))
    assert [k for k, *_r in late] == ["daily", "daily"]


def test_data_shrinking_under_the_loop_is_clamped():
    p = build(["notices", "daily"], None, 10, KNOWN)
    r = Rotation(p)
    r.advance(T0, lambda k: [1, 1, 1, 1] if k == "notices" else [1])
    s = r.advance(T0, lambda k: [1, 1, 1, 1] if k == "notices" else [1])
    assert (s.kind, s.item) == ("notices", 1)
    # Three notices were withdrawn meanwhile: the loop goes on without an index error.
    s = r.advance(T0, lambda k: [1] if k == "notices" else [1])
    assert s.kind == "daily"
    s = r.advance(T0, lambda k: [1] if k == "notices" else [1])
    assert (s.kind, s.item) == ("notices", 0)


def test_restart_gives_the_current_slide_its_full_time():
    p = build(["daily"], None, 10, KNOWN)
    r = Rotation(p)
    r.advance(T0, lambda k: [1])
    later = T0 + dt.timedelta(seconds=30)
    assert r.due(later)
    r.restart(later)
    assert not r.due(later + dt.timedelta(seconds=9)) and r.due(later + dt.timedelta(seconds=10))


def test_recount_keeps_the_position_inside_the_new_pages():
    p = build(["notices"], None, 10, KNOWN)
    r = Rotation(p)
    r.advance(T0, lambda k: [4])
    r.advance(T0, lambda k: [4])
    r.advance(T0, lambda k: [4])
    assert (r.current.page, r.current.pages) == (2, 4)
    r.recount(2, 1)  # a bigger screen: the notice fits in two pages now
    assert (r.current.page, r.current.pages, r.current.items) == (1, 2, 1)
