import datetime as dt

import pytest

from kiosk import clock
from kiosk.domain import estates, reports
from kiosk.domain.errors import TransitionRefused, ValidationError


@pytest.fixture
def place(db):
    from kiosk.db.models import Building, Unit

    e = estates.add_estate("t", "测试小区")
    b = Building.create(estate=e.id, name="1号楼")
    u = Unit.create(building=b, name="1单元")
    return e.id, b.id, u.id


def test_lifecycle_allows_only_the_listed_moves(place):
    e, b, u = place
    r = reports.submit("kiosk", e, "roof_leak", b, "顶楼漏雨", unit_id=u, floor=6, phone="13800001234")
    assert r.ticket.isdigit() and r.status == "new"
    with pytest.raises(TransitionRefused):
        reports.transition("s", r.id, "resolved")
    reports.transition("s", r.id, "accepted", "已受理")
    reports.transition("s", r.id, "in_progress")
    reports.transition("s", r.id, "resolved", "已修好")
    reports.transition("s", r.id, "closed")
    with pytest.raises(TransitionRefused):
        reports.transition("s", r.id, "in_progress")
    trail = reports.trail(r.ticket)
    assert [s.status for s in trail.steps] == ["new", "accepted", "in_progress", "resolved", "closed"]
    assert not hasattr(trail.report, "phone")


def test_me_too_and_merge_add_up(place):
    e, b, u = place
    a = reports.submit("kiosk", e, "seepage", b, "墙体渗水")
    dup = reports.submit("kiosk", e, "seepage", b, "北墙渗水")
    reports.me_too("kiosk", dup.id)
    offered = reports.similar_open(e, "seepage", b)
    assert {rid for rid, _r in offered} == {a.id, dup.id}
    merged = reports.merge("s", dup.id, a.id)
    assert merged.me_too == 2
    assert reports.get(dup.id).status == "merged"


def test_hidden_report_keeps_its_text_for_the_record(place):
    e, b, u = place
    r = reports.submit("kiosk", e, "other", b, "辱骂内容")
    reports.hide("s", r.id, "辱骂")
    assert reports.get(r.id).description == "辱骂内容"
    assert reports.trail(r.ticket).report.description == ""


def test_rate_limit_and_validation(place):
    e, b, u = place
    clock.freeze(dt.datetime(2026, 11, 25, 10, 0))
    for _ in range(3):
        reports.submit("kiosk", e, "road", b, "路面坑洼", per_minute=3)
    with pytest.raises(ValidationError) as err:
        reports.submit("kiosk", e, "road", b, "路面坑洼", per_minute=3)
    assert err.value.field == "rate"
    clock.advance(dt.timedelta(minutes=2))
    reports.submit("kiosk", e, "road", b, "路面坑洼", per_minute=3)
    for bad in [dict(category="nope"), dict(description=""), dict(description="x" * 301), dict(phone="12ab"),
                dict(description="\x1b[2J清屏")]:
        args = {"category": "road", "description": "ok"} | bad
        with pytest.raises(ValidationError):
            reports.submit("kiosk", e, args["category"], b, args["description"], phone=args.get("phone"))


def test_markup_is_stored_verbatim(place):
    e, b, u = place
    r = reports.submit("kiosk", e, "other", b, "[b]粗体[/b] [@click=app.quit]退出[/]")
    assert reports.get(r.id).description == "[b]粗体[/b] [@click=app.quit]退出[/]"
